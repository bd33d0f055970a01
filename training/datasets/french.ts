/**
 * Readers of the French corpora: ToxiFrench (native and the Jigsaw EN/FR translation pairs), the sexism part of
 * the French hate-speech superset, FTR (racism), CyberAgressionAdo v1 and Large (role-played conversations,
 * split by conversation) and Sexism_Twitter_French. Conventions of every reader: readers.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecords } from './csv.ts';
import { readPlain, readText } from './files.ts';
import { b, labels, type LabelValue, type SourceRow } from './types.ts';
import { readXlsxRecords } from './xlsx.ts';

export function readToxiFrench(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const r of parseRecords(readPlain(dir, 'toxifrench', 'ToxiFrenchBalanced.csv'))) {
    rows.push({
      text: r['content'] ?? '',
      lang: 'fr',
      source: 'toxifrench/native',
      labels: labels({ toxic: b(r['label'] === '1') }),
    });
  }
  // subset_jigsaw.csv is a superset of JigsawBilingualBalanced.csv (all 396 ids): read it only once,
  // first occurrence per msg_id. EN original and FR translation share a split key.
  const seen = new Set<string>();
  for (const r of parseRecords(readPlain(dir, 'toxifrench', 'subset_jigsaw.csv'))) {
    const id = r['msg_id'] ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const lab = labels({
      toxic: b(r['toxic'] === '1'),
      insult: b(r['insult'] === '1'),
      threat: b(r['threat'] === '1'),
      // `obscene` is profanity, not sexual harassment: too loose to use; left null.
      identity_attack: b(r['identity_hate'] === '1'),
    });
    rows.push({ text: r['original_text'] ?? '', lang: 'en', source: 'toxifrench/jigsaw-en', splitKey: `jigsaw:${id}`, labels: lab });
    rows.push({ text: r['content'] ?? '', lang: 'fr', source: 'toxifrench/jigsaw-fr', splitKey: `jigsaw:${id}`, labels: { ...lab } });
  }
  return rows;
}

export function readFrenchSuperset(dir: string): SourceRow[] {
  // Only the Chiril et al. sexism part: the other sub-corpora are read from their own folders.
  return parseRecords(readPlain(dir, 'french-hate-speech-superset', 'fr_hf_without_CONAN.csv'))
    .filter((r) => r['dataset'] === 'sexism')
    .map((r) => ({
      text: r['text'] ?? '',
      lang: 'fr' as const,
      source: 'french-superset/sexism',
      // Caveat (SOURCE.md): reports/denunciations of sexism are labelled sexist in this corpus.
      labels: labels({ misogyny: b(r['labels'] === '1') }),
    }));
}

export function readFtr(dir: string): SourceRow[] {
  return parseRecords(readPlain(dir, 'ftr-french-racism', 'FTR_new_labels.csv')).map((r) => {
    const racist = r['label'] === '1';
    return {
      text: r['tweet'] ?? '',
      lang: 'fr' as const,
      source: 'ftr-french-racism',
      labels: labels({ identity_attack: b(racist), toxic: racist ? 1 : null }),
    };
  });
}

export function readCyberAdo(dir: string): SourceRow[] {
  const folder = join(dir, 'cyberagressionado-v1', 'scenarii');
  const rows: SourceRow[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv')).sort()) {
    for (const r of parseRecords(readFileSync(join(folder, file), 'utf8'))) {
      const abuse = (r['VERBAL_ABUSE'] ?? 'none').trim();
      const hate = (r['HATE_SPEECH'] ?? 'no').trim() === 'yes';
      rows.push({
        text: r['TEXT'] ?? '',
        lang: 'fr',
        source: 'cyberagressionado-v1',
        // Split by conversation (SOURCE.md): messages of one scenario never straddle splits; the key is shared
        // with cyberagression-large, which holds most of these messages again.
        splitKey: cyberAdoScenarioKey(file),
        labels: labels({
          insult: b(['name_calling', 'denigration', 'aggression-other', 'blaming'].includes(abuse)),
          threat: b(abuse === 'threat'),
          identity_attack: b(hate),
          toxic: b(abuse !== 'none' || hate),
        }),
      });
    }
  }
  return rows;
}

/**
 * Sexism_Twitter_French (tweets at women politicians, one annotator). Category 2 misogynous → misogyny, insult
 * (mostly gendered insults at a woman), toxic; 1 abusive but not misogynous → misogyny 0, insult, toxic;
 * 0 → every label 0 (includes quoted/denounced abuse: hard negatives); `?` and empty → skipped. Threats and
 * sexual harassment are folded into 2 and not separated (unknown); identity_attack unknown on abusive tweets.
 */
export function readSexismTwitterFrench(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const r of parseRecords(readText(dir, 'sexism-twitter-french', 'gathered_tweets_labeled.csv'))) {
    const cat = (r['Category'] ?? '').trim();
    if (cat !== '0' && cat !== '1' && cat !== '2') continue;
    rows.push({
      text: r['Tweet'] ?? '',
      lang: 'fr',
      source: 'sexism-twitter-french',
      labels:
        cat === '0'
          ? labels({ misogyny: 0, insult: 0, threat: 0, sexual: 0, identity_attack: 0, toxic: 0 })
          : labels({ misogyny: b(cat === '2'), insult: 1, toxic: 1 }),
    });
  }
  return rows;
}

/**
 * The split key of a CyberAgressionAdo scenario (one file = one role-play conversation), shared by v1 (CSV) and
 * Large (xlsx) so that a conversation lands in one split whichever release a message is read from. The two
 * releases spell a file differently (`scenario_obesity_brice.csv`, `scenario_obesity_brice (Re-Do)_output.xlsx`,
 * one name with a stray BOM). Replays of a script (`_bis`, `_third`, ...) share no message with it, so each is its
 * own key; Large's `scenario_ethnicity_fatima_bis` is a copy of `scenario_religion_fatimah_bis` under another name,
 * which de-duplication merges into one group.
 */
export function cyberAdoScenarioKey(file: string): string {
  const base = file
    .replace(/\ufeff/g, '')
    .replace(/\.(csv|xlsx)$/i, '')
    .replace(/\s*\(Re-Do\)_output$/i, '')
    .trim()
    .toLowerCase();
  return `cyberado:${base}`;
}

/**
 * CyberAgression-Large (majority vote of 3 annotators; a cell without majority holds a `Majority: NULL` string
 * = unknown). toxic = HATE OAG/CAG, NAG → 0. insult = VERBAL_ABUSE NCG/DNG/BLM, or OTH when aggressive;
 * threat = THR. VERBAL_ABUSE is one value per message: a threat can also insult (insult unknown on THR rows),
 * while threat is the category annotators pick first, so other aggressive rows are threat 0. Non-aggressive
 * rows (incl. counter-speech, empathy, conflict resolution) are 0 on insult/threat/toxic. No identity, gender
 * or sexual annotation in this scheme.
 */
export function readCyberLarge(dir: string): SourceRow[] {
  const folder = join(dir, 'cyberagression-large', 'majority_vote');
  const rows: SourceRow[] = [];
  const value = (s: string | undefined): string => {
    const v = (s ?? '').trim();
    return v.includes('Majority: NULL') ? '' : v;
  };
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.xlsx')).sort()) {
    for (const r of readXlsxRecords(join(folder, file))) {
      const hate = value(r['HATE']);
      if (hate !== 'OAG' && hate !== 'CAG' && hate !== 'NAG') continue;
      const aggressive = hate !== 'NAG';
      const abuse = value(r['VERBAL_ABUSE']);
      let insult: LabelValue = 0;
      let threat: LabelValue = 0;
      if (aggressive) {
        threat = abuse === '' ? null : b(abuse === 'THR');
        insult = abuse === '' || abuse === 'THR' ? null : b(['NCG', 'DNG', 'BLM', 'OTH'].includes(abuse));
      }
      rows.push({
        text: r['TEXT'] ?? '',
        lang: 'fr',
        source: 'cyberagression-large',
        splitKey: cyberAdoScenarioKey(file),
        labels: labels({ insult, threat, toxic: b(aggressive) }),
      });
    }
  }
  return rows;
}
