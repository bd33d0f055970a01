/** Accounts & words: trusted accounts (never filtered), muted accounts and words (always hidden), her own accounts. */
import { t } from '@/src/ui/i18n';
import { SettingsSection } from './SettingsSection';
import { ListEditor } from './ListEditor';
import { OwnAccounts } from './OwnAccounts';

export function AccountsSection() {
  return (
    <SettingsSection id="accounts" title={t('options_section_accounts')}>
      <ListEditor kind="trustedAccounts" />
      <ListEditor kind="mutedAccounts" />
      <ListEditor kind="mutedWords" />
      <OwnAccounts />
    </SettingsSection>
  );
}
