/**
 * Readers of the English sets of implicit, adversarial and target-annotated hate: ToxiGen, the Implicit Hate
 * Corpus, the Gab Hate Corpus, DynaHate (test split) and SBIC (test split). Conventions of every reader:
 * readers.ts; `~` proxies of shared/datasets/README.md are used where it gives them.
 *
 * Cross-dataset duplicates (sbic-test ∩ davidson/cmsb, implicit-hate ∩ sbic/gab, toxigen ∩ sbic/implicit-hate,
 * cyberagression-large ∩ cyberagressionado-v1) are not removed here: build-dataset merges rows by normalised
 * text into one row (`alsoIn`), so a shared text is counted once and has one split.
 */
import { normalize } from '../../src/classifier/normalize.ts';
import { parseRecords } from './csv.ts';
import { num, readText } from './files.ts';
import { b, labels, type SourceRow } from './types.ts';

// Women named in a text or a free-text target. Used to leave misogyny unknown (not 0) on hate against
// another group that still names women ("asian women are the worst drivers").
const WOMEN = /\b(wom[ae]n|womens|girls?|females?|ladies|lady|feminis\w*|wi(fe|ves)|mothers?|bitch\w*|sluts?|whores?)\b/i;

/**
 * ToxiGen: the SafeNLP human-annotated subset (`toxigen/annotated`) and the 722 hand-written prompt sentences
 * (`toxigen/prompts`, group and label from the prompt file name). hate → identity_attack + toxic; misogyny 1
 * when the target group is women, 0 for hate about another group unless the text names women (then unknown);
 * neutral statements (about the same groups) are negatives. No insult/threat/sexual annotation.
 */
export function readToxigen(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  const row = (text: string, hate: boolean, groups: string[], source: string): SourceRow => {
    const women = groups.includes('women');
    return {
      // Excel turned the prompt lines' carriage returns into `_x000D_`.
      text: text.replace(/_x000D_/g, '\n').trim(),
      lang: 'en',
      source,
      labels: labels({
        misogyny: !hate ? 0 : women ? 1 : WOMEN.test(text) ? null : 0,
        identity_attack: b(hate),
        toxic: b(hate),
      }),
    };
  };
  const annotated = JSON.parse(readText(dir, 'toxigen', 'safenlp_toxiGen.json.gz')) as Array<{
    text?: string;
    label?: string;
    target_groups?: string[];
  }>;
  for (const r of annotated) {
    if (r.label !== 'hate' && r.label !== 'neutral') continue;
    rows.push(row(r.text ?? '', r.label === 'hate', r.target_groups ?? [], 'toxigen/annotated'));
  }
  // The prompt sentences are few and repeated across many prompt lines: one row per distinct sentence.
  for (const r of parseRecords(readText(dir, 'toxigen', 'toxigen_prompt_sentences.csv'))) {
    if (r['label'] !== 'hate' && r['label'] !== 'neutral') continue;
    rows.push(row(r['text'] ?? '', r['label'] === 'hate', [r['group'] ?? ''], 'toxigen/prompts'));
  }
  return rows;
}

/**
 * Implicit Hate Corpus (Latent Hatred). Stage 1 `class`: implicit/explicit hate → identity_attack + toxic,
 * not_hate → 0. Stage 2 (implicit posts only, primary + secondary class): `threatening` → threat 1, another class
 * → 0; explicit hate and not_hate were not sub-classified (threat unknown). Stage 3 free-text target: women → misogyny 1,
 * another group → 0 (unknown if the post names women); misogyny is unknown elsewhere, including not_hate
 * (political posts never reviewed for sexism). Posts of stages 2/3 missing from stage 1 (quoted differently)
 * are implicit hate.
 */
export function readImplicitHate(dir: string): SourceRow[] {
  // Joined on the builder's de-duplication key: the stages quote some posts differently.
  const key = (s: string): string => normalize(s);
  const stage2 = new Map<string, boolean>();
  for (const r of parseRecords(readText(dir, 'implicit-hate-corpus', 'implicit_hate_v1_stg2_posts.tsv'), '\t')) {
    const k = key(r['post'] ?? '');
    const threatening = r['implicit_class'] === 'threatening' || r['extra_implicit_class'] === 'threatening';
    stage2.set(k, (stage2.get(k) ?? false) || threatening);
  }
  const stage3 = new Map<string, boolean>();
  for (const r of parseRecords(readText(dir, 'implicit-hate-corpus', 'implicit_hate_v1_stg3_posts.tsv'), '\t')) {
    const k = key(r['post'] ?? '');
    stage3.set(k, (stage3.get(k) ?? false) || WOMEN.test(r['target'] ?? ''));
  }
  const rows: SourceRow[] = [];
  const seen = new Set<string>();
  const push = (text: string, cls: string): void => {
    const k = key(text);
    seen.add(k);
    const hate = cls === 'implicit_hate' || cls === 'explicit_hate';
    const threatening = stage2.get(k);
    const womenTarget = stage3.get(k);
    rows.push({
      text,
      lang: 'en',
      source: 'implicit-hate-corpus',
      labels: labels({
        misogyny: womenTarget === undefined ? null : womenTarget ? 1 : WOMEN.test(text) ? null : 0,
        threat: threatening === undefined ? null : b(threatening),
        identity_attack: b(hate),
        toxic: b(hate),
      }),
    });
  };
  for (const r of parseRecords(readText(dir, 'implicit-hate-corpus', 'implicit_hate_v1_stg1_posts.tsv.gz'), '\t')) {
    push(r['post'] ?? '', r['class'] ?? '');
  }
  for (const file of ['implicit_hate_v1_stg2_posts.tsv', 'implicit_hate_v1_stg3_posts.tsv']) {
    for (const r of parseRecords(readText(dir, 'implicit-hate-corpus', file), '\t')) {
      const text = r['post'] ?? '';
      if (!seen.has(key(text))) push(text, 'implicit_hate');
    }
  }
  return rows;
}

/**
 * Gab Hate Corpus (train + test, both hash-split here). threat = cv; identity_attack = hd or cv; toxic = any;
 * insult ~ vo (vulgar/offensive: also plain profanity, a noisy proxy), 0 when nothing is flagged, unknown on
 * hateful posts without vo (a dehumanising post may still insult). No target, so no misogyny.
 */
export function readGab(dir: string): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const file of ['ghc_train.tsv.gz', 'ghc_test.tsv']) {
    for (const r of parseRecords(readText(dir, 'gab-hate-corpus', file), '\t')) {
      const hd = r['hd'] === '1';
      const cv = r['cv'] === '1';
      const vo = r['vo'] === '1';
      rows.push({
        text: r['text'] ?? '',
        lang: 'en',
        source: 'gab-hate-corpus',
        labels: labels({
          insult: vo ? 1 : hd || cv ? null : 0,
          threat: b(cv),
          identity_attack: b(hd || cv),
          toxic: b(hd || cv || vo),
        }),
      });
    }
  }
  return rows;
}

/**
 * DynaHate, test split only (it is not our test split: rows are hash-split like any other source). hate →
 * identity_attack + toxic; misogyny = hate with a target containing `wom`, 0 for hate at another named target,
 * unknown for hate without a target (`notgiven`, DynaHate's first collection phase); nothate → 0, including the
 * label-flipping perturbations (hard negatives). threat = type `threatening`; DynaHate gives each hate entry one
 * type, like EDOS's categories, so another type is 0; hate without a type (`notgiven`) and nothate are unknown.
 * An original and its perturbation share a split key when both are in the file.
 */
export function readDynahate(dir: string): SourceRow[] {
  const records = parseRecords(readText(dir, 'dynahate-test', 'dyna_test_processed_O.csv'));
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let p = id;
    while (parent.has(p) && parent.get(p) !== p) p = parent.get(p)!;
    return p;
  };
  for (const r of records) parent.set(r['acl.id'] ?? '', r['acl.id'] ?? '');
  for (const r of records) {
    const a = r['acl.id'] ?? '';
    const m = r['acl.id.matched'] ?? '';
    if (m && parent.has(m)) {
      const [x, y] = [find(a), find(m)].sort() as [string, string];
      if (x !== y) parent.set(y, x);
    }
  }
  return records.map((r) => {
    const hate = r['label'] === 'hate';
    const type = r['type'] ?? '';
    const target = r['target'] ?? '';
    const targetGiven = target !== '' && target !== 'notgiven' && target !== 'none';
    const typeGiven = type !== '' && type !== 'notgiven' && type !== 'none';
    return {
      text: r['text'] ?? '',
      lang: 'en' as const,
      source: 'dynahate-test',
      splitKey: `dynahate:${find(r['acl.id'] ?? '')}`,
      labels: labels({
        misogyny: !hate ? 0 : /\bwom\b/.test(target) ? 1 : targetGiven ? 0 : null,
        threat: hate && typeGiven ? b(type === 'threatening') : null,
        identity_attack: b(hate),
        toxic: b(hate),
      }),
    };
  });
}

/**
 * SBIC aggregated test split (again not our test split). toxic = offensiveYN; identity_attack = offensive and
 * group-targeted; misogyny = offensive and a target minority naming women, 0 for offensive posts at another
 * group, unknown for offensive posts aimed at no group (often slurs at one woman); not offensive → 0.
 * insult ~ offensive and not group-targeted (mostly insults/profanity); not offensive → 0; group-targeted
 * offensive posts: unknown. No lewd column in this copy, so no sexual label.
 */
export function readSbic(dir: string): SourceRow[] {
  return parseRecords(readText(dir, 'sbic-test', 'sbic_test_processed_O.csv')).map((r) => {
    const offensive = num(r['offensiveYN']) >= 0.5;
    const group = num(r['whoTarget']) >= 0.5;
    const women = WOMEN.test(r['targetMinority'] ?? '');
    return {
      text: r['post'] ?? '',
      lang: 'en' as const,
      source: 'sbic-test',
      labels: labels({
        misogyny: !offensive ? 0 : women ? 1 : group ? 0 : null,
        insult: !offensive ? 0 : group ? null : 1,
        identity_attack: b(offensive && group),
        toxic: b(offensive),
      }),
    };
  });
}
