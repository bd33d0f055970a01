/**
 * Shown right after an export: its final hash, and why to send it away now. The chain has no key, so
 * only a copy of the final hash kept somewhere this device does not control (an e-mail to herself)
 * lets a later check prove the records are unchanged since then (see evidence.ts).
 */
import { useRef, useState } from 'react';
import { t } from '@/src/ui/i18n';

export interface ExportedFile {
  finalHash: string;
  count: number;
  fileName: string;
  exportedAtUtc: string;
}

export function ExportAnchor({ file, onClose }: { file: ExportedFile; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);

  const copyHash = async () => {
    try {
      await navigator.clipboard.writeText(file.finalHash);
      setCopy('copied');
    } catch {
      // No clipboard access: leave the hash selected so Ctrl+C works.
      input.current?.focus();
      input.current?.select();
      setCopy('failed');
    }
  };

  const when = `${file.exportedAtUtc.slice(0, 10)} ${file.exportedAtUtc.slice(11, 19)}`;
  const mail =
    `mailto:?subject=${encodeURIComponent(t('export_anchor_mail_subject', [file.fileName]))}` +
    `&body=${encodeURIComponent(t('export_anchor_mail_body', [file.fileName, String(file.count), when, file.finalHash]))}`;

  return (
    <section className="note anchor" data-testid="export-anchor" aria-labelledby="export-anchor-h">
      <h2 id="export-anchor-h">{t('export_anchor_title')}</h2>
      <p>{t('export_anchor_text', [String(file.count), file.fileName])}</p>
      <label className="hash-field">
        {t('export_final_hash')}
        <input ref={input} readOnly value={file.finalHash} data-testid="export-final-hash" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="row">
        <button type="button" className="primary" data-testid="export-copy-hash" onClick={() => void copyHash()}>
          {t('export_anchor_copy')}
        </button>
        <a href={mail} data-testid="export-mail-hash">
          {t('export_anchor_mail')}
        </a>
        <button type="button" onClick={onClose}>
          {t('export_anchor_close')}
        </button>
      </div>
      <p role="status" aria-live="polite" data-testid="export-copy-status">
        {copy === 'copied' ? t('export_anchor_copied') : copy === 'failed' ? t('export_anchor_copy_failed') : ''}
      </p>
    </section>
  );
}
