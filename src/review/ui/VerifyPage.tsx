/**
 * options.html#verify — check a JSON evidence export on this device (src/review/verify.ts, the same
 * code as `npm run verify-evidence`) and say exactly what the result proves: consistent, and unchanged
 * since the final hash she recorded elsewhere if she pastes it; or the first record where the chain
 * breaks; or why the file cannot be checked. The file is read locally and sent nowhere.
 */
import { useId, useRef, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { explain, MAX_EVIDENCE_BYTES, normaliseHash, passes, verifyEvidence, withExpected, type VerifyResult } from '../verify';
import './review.css';

type Check = { fileName: string; result: VerifyResult | null };

/** Let the page paint during a long check. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function checkFile(f: File, expected: string | null): Promise<VerifyResult> {
  if (f.size > MAX_EVIDENCE_BYTES) return { status: 'unreadable', reason: 'too_big', detail: String(f.size) };
  let text: string;
  try {
    text = await f.text();
  } catch (e) {
    return { status: 'unreadable', reason: 'read', detail: e instanceof Error ? e.message : String(e) };
  }
  return verifyEvidence(text, { expectedHash: expected, pause });
}

export function VerifyPage() {
  const id = useId();
  const [expected, setExpected] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const latest = useRef(0);
  const expectedHash = normaliseHash(expected);
  const expectedBad = expected.trim() !== '' && expectedHash === null;

  const onFile = async (f: File) => {
    const run = ++latest.current;
    setCheck({ fileName: f.name, result: null });
    const result = await checkFile(f, expectedHash);
    if (run === latest.current) setCheck({ fileName: f.name, result });
  };

  // She may paste the recorded hash before or after loading the file: compare with what is typed now.
  const result = check?.result ? withExpected(check.result, expectedHash) : null;
  const said = result ? explain(result) : null;
  const verdict = !result ? '' : passes(result) ? 'ok' : result.status === 'unreadable' ? 'unreadable' : 'fail';

  return (
    <main className="verify review" data-testid="verify">
      <h1>{t('verify_title')}</h1>
      <p className="muted">{t('verify_intro')}</p>
      <label>
        {t('verify_file')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="verify-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onFile(f);
          }}
        />
      </label>
      <label htmlFor={`${id}-expected`}>{t('verify_expected')}</label>
      <input
        id={`${id}-expected`}
        type="text"
        className="hash"
        data-testid="verify-expected"
        value={expected}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={`${id}-expected-help`}
        aria-invalid={expectedBad || undefined}
        onChange={(e) => setExpected(e.target.value)}
      />
      <p className="muted" id={`${id}-expected-help`}>
        {expectedBad ? t('verify_expected_bad') : t('verify_expected_help')}
      </p>
      <div aria-live="polite">
        {check && !result && <p data-testid="verify-checking">{t('verify_checking', [check.fileName])}</p>}
        {check && result && said && (
          <section
            className="result"
            data-testid="verify-result"
            data-verdict={verdict}
            data-status={result.status}
            data-at={result.status === 'broken' ? (result.at ?? '') : undefined}
            data-reason={result.status === 'consistent' ? result.anchor : result.reason}
          >
            <h2>{t(said.verdict.key, said.verdict.subs)}</h2>
            <p className="muted">{t('verify_file_name', [check.fileName])}</p>
            {said.details.map((d) =>
              d.key === 'verify_final_hash' && result.status === 'consistent' ? (
                <p key={d.key} className="hash" data-testid="verify-final-hash" data-hash={result.finalHash}>
                  {t(d.key, d.subs)}
                </p>
              ) : (
                <p key={d.key} data-key={d.key}>
                  {t(d.key, d.subs)}
                </p>
              ),
            )}
          </section>
        )}
      </div>
    </main>
  );
}
