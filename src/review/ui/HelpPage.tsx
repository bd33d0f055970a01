/**
 * options.html#help — static, bundled, nothing fetched: how to report on each supported platform,
 * and where to get help in France and in English-speaking countries. Addresses are shown as plain
 * https: links she may click (opened by her browser, never loaded by Bouclier).
 */
import { t } from '@/src/ui/i18n';

const PLATFORMS = ['x', 'reddit', 'youtube', 'instagram', 'facebook', 'tiktok', 'bluesky', 'twitch', 'linkedin', 'threads', 'mastodon'] as const;

interface Resource {
  key: string;
  url?: string;
}

const FRANCE: Resource[] = [
  { key: 'pharos', url: 'https://www.internet-signalement.gouv.fr' },
  { key: '3018', url: 'https://e-enfance.org/numero-3018/' },
  { key: 'complaint' },
  { key: 'preplainte', url: 'https://www.pre-plainte-en-ligne.gouv.fr' },
  { key: '3919' },
  { key: 'stopncii', url: 'https://stopncii.org' },
];
const ENGLISH: Resource[] = [
  { key: 'uk_rhc', url: 'https://reportharmfulcontent.com' },
  { key: 'uk_rph', url: 'https://revengepornhelpline.org.uk' },
  { key: 'us_ccri', url: 'https://cybercivilrights.org' },
  { key: 'us_takeitdown', url: 'https://takeitdown.ncmec.org' },
  { key: 'au_esafety', url: 'https://www.esafety.gov.au' },
  { key: 'ca_cybertip', url: 'https://cybertip.ca' },
  { key: 'stopncii', url: 'https://stopncii.org' },
];

function ResourceList({ items }: { items: Resource[] }) {
  return (
    <dl>
      {items.map((r) => (
        <div key={r.key}>
          <dt>{t(`help_res_${r.key}_name`)}</dt>
          <dd>
            {t(`help_res_${r.key}_text`)}
            {r.url && (
              <>
                {' '}
                <a href={r.url} target="_blank" rel="noreferrer noopener">
                  {r.url.replace(/^https:\/\//, '')}
                </a>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function HelpPage() {
  return (
    <main className="help review" data-testid="help">
      <h1>{t('help_title')}</h1>
      <p>{t('help_intro')}</p>
      <section>
        <h2>{t('help_evidence_title')}</h2>
        <p>{t('help_evidence_text', [t('section_review')])}</p>
        <p>
          <a href="#verify">{t('help_verify_link')}</a>
        </p>
      </section>
      <section>
        <h2>{t('help_platforms_title')}</h2>
        <dl>
          {PLATFORMS.map((p) => (
            <div key={p}>
              <dt>{t(`help_platform_${p}_name`)}</dt>
              <dd>{t(`help_platform_${p}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section>
        <h2>{t('help_france_title')}</h2>
        <ResourceList items={FRANCE} />
      </section>
      <section>
        <h2>{t('help_english_title')}</h2>
        <ResourceList items={ENGLISH} />
      </section>
      <section>
        <h2>{t('help_danger_title')}</h2>
        <p>{t('help_danger_text')}</p>
      </section>
    </main>
  );
}
