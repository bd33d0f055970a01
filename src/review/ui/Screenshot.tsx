/** A record's screenshot, read from the log's screenshot store and shown as an image (object URL, freed on unmount). */
import { useEffect, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { getScreenshots } from '../screenshots';
import { logDb } from './logSource';

export function Screenshot({ id }: { id: string }) {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    void logDb()
      .then((db) => getScreenshots(db, [id]))
      .then((found) => {
        const shot = found.get(id);
        made = shot ? URL.createObjectURL(new Blob([shot.bytes as BlobPart], { type: shot.mime })) : null;
        if (live) setUrl(made);
      })
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  return (
    <figure className="shot" data-testid="review-screenshot" data-id={id}>
      {url ? <img src={url} alt={t('review_screenshot')} /> : url === null ? <span className="muted">{t('review_screenshot_missing')}</span> : null}
      <figcaption className="hash">{id}</figcaption>
    </figure>
  );
}
