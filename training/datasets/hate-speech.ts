/**
 * Readers of the hate-speech corpora that are not about sexism first: HatEval 2019 (EN), Davidson et al.,
 * MLMA (EN and FR) and ETHOS. Misogyny is set only where the corpus says who is targeted (or, for HatEval and
 * ETHOS, where women are named), otherwise left unknown. Conventions of every reader: readers.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecords } from './csv.ts';
import { num, readPlain } from './files.ts';
import { b, labels, type SourceRow } from './types.ts';

// Women-target heuristic for HatEval rows that are not in AMI (HatEval does not give the target).
const WOMEN_WORDS =
  /\b(women|woman|girls?|bitch(es)?|whores?|sluts?|cunts?|hoes?|skanks?|she|her|feminis\w*|wife|wives|females?|ladies|lady)\b/i;
const IMMIGRANT_WORDS =
  /(immigra|refugee|migrant|illegals?\b|buildthewall|sendthemback|deport|border|islam|muslim|invasion|aliens?\b)/i;

export function readHateval(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  // The Sentropy relabel fixes 641 inconsistent English test labels; use it for the test file.
  const relabel = new Map<string, string>();
  const relabelPath = join(dir, 'hateval2019', 'relabeled-sentropy', 'hateval2019_en_test.csv');
  if (existsSync(relabelPath)) {
    for (const r of parseRecords(readFileSync(relabelPath, 'utf8'))) relabel.set(r['id'] ?? '', r['HS'] ?? '');
  }
  for (const part of ['train', 'dev', 'test'] as const) {
    for (const r of parseRecords(readPlain(dir, 'hateval2019', `hateval2019_en_${part}.csv`))) {
      const text = r['text'] ?? '';
      const hsRaw = part === 'test' ? (relabel.get(r['id'] ?? '') ?? r['HS']) : r['HS'];
      const hs = hsRaw === '1';
      const aggressive = r['AG'] === '1';
      let misogyny: 0 | 1 | null = 0;
      if (hs) {
        const women = WOMEN_WORDS.test(text);
        const immig = IMMIGRANT_WORDS.test(text);
        misogyny = women && !immig ? 1 : !women && immig ? 0 : null;
      }
      rows.push({
        text,
        lang: 'en',
        source: 'hateval2019',
        labels: labels({
          misogyny,
          insult: hs ? (aggressive ? 1 : null) : null,
          identity_attack: b(hs),
          toxic: hs ? 1 : null,
        }),
      });
    }
  }
  return rows;
}

export function readDavidson(dir: string): SourceRow[] {
  return parseRecords(readPlain(dir, 'davidson2017', 'labeled_data.csv')).map((r) => {
    const cls = r['class'];
    return {
      text: r['tweet'] ?? '',
      lang: 'en' as const,
      source: 'davidson2017',
      labels: labels({
        insult: b(cls === '0' || cls === '1'),
        identity_attack: b(cls === '0'),
        toxic: b(cls === '0' || cls === '1'),
        // Misogyny is not annotated (gendered slurs in "offensive" are not reviewed): left null.
      }),
    };
  });
}

const PROTECTED = new Set(['origin', 'gender', 'sexual_orientation', 'religion', 'disability']);

export function readMlma(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const [file, lang] of [
    ['en_dataset.csv', 'en'],
    ['fr_dataset.csv', 'fr'],
  ] as const) {
    for (const r of parseRecords(readPlain(dir, 'mlma', file))) {
      const sent = (r['sentiment'] ?? '').split('_');
      const normal = sent.length === 1 && sent[0] === 'normal';
      const women = r['group'] === 'women';
      const insult = sent.some((s) => s === 'offensive' || s === 'abusive' || s === 'disrespectful');
      const hateful = sent.includes('hateful') && PROTECTED.has(r['target'] ?? '');
      rows.push({
        text: r['tweet'] ?? '',
        lang,
        source: `mlma/${lang}`,
        labels: labels({
          misogyny: normal ? 0 : women ? 1 : null,
          insult: normal ? 0 : b(insult),
          identity_attack: normal ? 0 : b(hateful),
          toxic: b(!normal),
        }),
      });
    }
  }
  return rows;
}

export function readEthos(dir: string): SourceRow[] {
  const multi = new Map<string, Record<string, string>>();
  for (const r of parseRecords(readPlain(dir, 'ethos', 'Ethos_Dataset_Multi_Label.csv'), ';')) {
    multi.set((r['comment'] ?? '').trim(), r);
  }
  return parseRecords(readPlain(dir, 'ethos', 'Ethos_Dataset_Binary.csv'), ';').map((r) => {
    const text = r['comment'] ?? '';
    const hate = num(r['isHate']) >= 0.5;
    const m = multi.get(text.trim());
    // ETHOS `gender` does not separate women from men: count it as misogyny only when women are named.
    const gender = m ? num(m['gender']) >= 0.5 : false;
    const aboutWomen = /\b(wom[ae]n|girls?|females?|ladies|feminis\w*|she|her|wives|wife|bitch\w*)\b/i.test(text);
    return {
      text,
      lang: 'en' as const,
      source: 'ethos',
      labels: labels({
        misogyny: hate ? (gender && aboutWomen ? 1 : gender ? null : 0) : 0,
        threat: hate ? (m ? b(num(m['violence']) >= 0.5) : null) : 0,
        insult: hate ? (m ? b(num(m['directed_vs_generalized']) >= 0.5) : null) : 0,
        identity_attack: b(hate),
        toxic: b(hate),
      }),
    };
  });
}
