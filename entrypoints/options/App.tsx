/**
 * The options page: a side navigation and one view, chosen by the URL hash (routes.ts) so the popup,
 * the shield and tests can link to a place: the settings (in four sections), the review of hidden
 * items, the evidence check and help.
 */
import { useEffect, useState } from 'react';
import { Options } from './Options';
import { ReviewPage } from '@/src/review/ui/ReviewPage';
import { HelpPage } from '@/src/review/ui/HelpPage';
import { VerifyPage } from '@/src/review/ui/VerifyPage';
import { SideNav } from './SideNav';
import { placeOf, SETTINGS_SECTIONS, type Place } from './routes';
import { useSectionInView } from './useSectionInView';

/** Bring a settings section into view and put the focus on its heading, so a screen reader reads on from there. */
function goToSection(id: string): void {
  const heading = document.getElementById(id)?.querySelector<HTMLElement>('h2');
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function App() {
  const [place, setPlace] = useState<Place>(() => placeOf(location.hash));
  useEffect(() => {
    const onHash = () => setPlace(placeOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // After the view has rendered (it may just have replaced another one): go to the section asked for.
  useEffect(() => {
    if (place.section) goToSection(place.section);
    else window.scrollTo(0, 0);
  }, [place]);
  const reading = useSectionInView(SETTINGS_SECTIONS, place.view === 'settings', place.section);

  return (
    <div className="layout">
      <SideNav view={place.view} reading={reading} />
      <div className="view">
        {place.view === 'review' ? <ReviewPage /> : place.view === 'verify' ? <VerifyPage /> : place.view === 'help' ? <HelpPage /> : <Options />}
      </div>
    </div>
  );
}
