/**
 * The options page has four sections, chosen by the URL hash so the popup and tests can link to
 * them: #settings (default), #review (hidden items, corrections, evidence export), #verify (check an
 * evidence export), #help.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { t } from '@/src/ui/i18n';
import { Options } from './Options';
import { ReviewPage } from '@/src/review/ui/ReviewPage';
import { HelpPage } from '@/src/review/ui/HelpPage';
import { VerifyPage } from '@/src/review/ui/VerifyPage';

export type Section = 'settings' | 'review' | 'verify' | 'help';

/** Sections other modules register (review, help) so this file stays small. */
export const EXTRA_SECTIONS: Partial<Record<Section, () => ReactNode>> = {
  review: () => <ReviewPage />,
  verify: () => <VerifyPage />,
  help: () => <HelpPage />,
};

function currentSection(): Section {
  const h = location.hash.replace('#', '');
  return h === 'review' || h === 'verify' || h === 'help' ? h : 'settings';
}

export function App() {
  const [section, setSection] = useState<Section>(currentSection);
  useEffect(() => {
    const onHash = () => setSection(currentSection());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const sections: Section[] = ['settings', ...(Object.keys(EXTRA_SECTIONS) as Section[])];
  const Extra = section !== 'settings' ? EXTRA_SECTIONS[section] : undefined;
  return (
    <>
      <nav className="tabs" aria-label={t('options_title')}>
        {sections.map((s) => (
          <a key={s} href={`#${s}`} aria-current={s === section ? 'page' : undefined}>
            {t(`section_${s}`)}
          </a>
        ))}
      </nav>
      {Extra ? <Extra /> : <Options />}
    </>
  );
}
