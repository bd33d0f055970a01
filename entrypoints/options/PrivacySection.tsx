/** Privacy & data: what is kept on this device (pile-on records), backing up her settings, and erasing everything. */
import { t } from '@/src/ui/i18n';
import { SettingsSection } from './SettingsSection';
import { RaidRecords } from './RaidRecords';
import { Transfer } from './Transfer';
import { PrivacyData } from './PrivacyData';

export function PrivacySection() {
  return (
    <SettingsSection id="privacy" title={t('options_section_privacy')} intro={t('privacy_intro')}>
      <RaidRecords />
      <Transfer />
      <PrivacyData />
    </SettingsSection>
  );
}
