/**
 * The settings view, in four sections the side navigation links to: Protection (switches,
 * sensitivity, sites, her private details, pile-ons, images), Categories (what each one does),
 * Accounts & words (her lists and her own accounts), Privacy & data (records kept, backup, erase).
 */
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { useLists } from '@/src/ui/useLists';
import { ProtectionSection } from './ProtectionSection';
import { CategoriesSection } from './CategoriesSection';
import { AccountsSection } from './AccountsSection';
import { PrivacySection } from './PrivacySection';

export function Options() {
  const settingsError = useSettings((s) => s.error);
  const listsError = useLists((s) => s.error);
  const error = settingsError ?? listsError;
  return (
    <main className="settings">
      <h1>{t('options_title')}</h1>
      <p className="muted">{t('options_intro')}</p>
      {error && (
        <p className="note err" role="alert">
          {t('options_saved_error', error)}
        </p>
      )}
      <ProtectionSection />
      <CategoriesSection />
      <AccountsSection />
      <PrivacySection />
    </main>
  );
}
