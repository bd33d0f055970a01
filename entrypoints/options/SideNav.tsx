/**
 * The options page's navigation: the four settings sections (links within the settings view), then the
 * review, the evidence check and help (views of their own). A nav landmark; the view shown is marked
 * aria-current="page", the settings section being read aria-current="location". On a narrow window it
 * sits above the content (options.css).
 */
import { t } from '@/src/ui/i18n';
import { Logo } from '@/src/ui/Logo';
import { SETTINGS_SECTIONS, type SettingsSection, type View } from './routes';

const OTHER_VIEWS: readonly Exclude<View, 'settings'>[] = ['review', 'verify', 'help'];

export function SideNav({ view, reading }: { view: View; reading: SettingsSection | null }) {
  return (
    <nav className="side-nav" aria-label={t('options_nav_label')}>
      <p className="brand" aria-hidden="true">
        <Logo size={18} />
        Bouclier
      </p>
      <ul>
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s}>
            <a href={`#${s}`} data-nav={s} aria-current={view === 'settings' && reading === s ? 'location' : undefined}>
              {t(`options_section_${s}`)}
            </a>
          </li>
        ))}
      </ul>
      <ul className="views">
        {OTHER_VIEWS.map((v) => (
          <li key={v}>
            <a href={`#${v}`} data-nav={v} aria-current={view === v ? 'page' : undefined}>
              {t(`options_view_${v}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
