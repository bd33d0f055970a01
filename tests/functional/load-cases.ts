/**
 * Bouclier's functional test cases (tests/functional/cases.{en,fr}.jsonl): loading, validation and scoring.
 *
 * The cases are hand-written, independently of the training generators, and are never trained or tuned on.
 * `npm run eval` and tests/functional/functional.test.ts both use `scoreCases` so a "pass rate" means the same
 * thing everywhere:
 *   - a must-flag case passes when the filter raises at least one label (any raised label blurs the text);
 *   - a must-pass case passes when the filter raises no label at all.
 * Whether the *expected* labels were raised is reported separately (label recall), for diagnosis only.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LABELS, type Label } from '../../src/classifier/labels.ts';

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type Expected = 'flag' | 'pass';

export interface FunctionSpec {
  expected: Expected;
  description: string;
  /** languages the function applies to (default: all) */
  langs?: readonly Lang[];
}

export const FUNCTIONS = {
  // ---- must flag ----
  slur_direct: { expected: 'flag', description: 'gendered slurs aimed at her (bitch, slut, salope, pute…)' },
  slur_obfuscated: {
    expected: 'flag',
    description:
      'the same slurs disguised: leet (s4l0pe), spacing (s l u t), dots (p.u.t.e), stretched letters, symbols, Cyrillic look-alikes, zero-width characters, soft hyphens, full-width letters',
  },
  dehumanisation: { expected: 'flag', description: 'women as objects, animals, livestock or property' },
  threat_direct: { expected: 'flag', description: 'direct threats of violence against her' },
  threat_wish_or_conditional: {
    expected: 'flag',
    description: 'wished or conditional violence ("I hope someone…", "j\'aimerais voir…", "if I find you…")',
  },
  rape_threat: { expected: 'flag', description: 'threats, wishes or incitement of rape and sexual violence' },
  stereotype_kitchen: {
    expected: 'flag',
    description: '"back to the kitchen": women cannot lead, drive, think, do maths, report, play',
  },
  implicit_derogation: {
    expected: 'flag',
    description: 'misogyny without a slur ("never trust a word a woman says", "she slept her way up")',
  },
  hostile_question: { expected: 'flag', description: 'derogation phrased as a question ("who did you sleep with…?")' },
  sexual_harassment: { expected: 'flag', description: 'unwanted sexual remarks, demands and objectification' },
  french_slang_verlan: {
    expected: 'flag',
    description: 'French slang, verlan (tepu, ken, teubé), abbreviations (ntm, fdp) and elisions (t\'es qu\'une…, j\'vais te…)',
    langs: ['fr'],
  },
  insult_personal: { expected: 'flag', description: 'non-gendered personal attacks aimed at her' },
  identity_attack_other_group: {
    expected: 'flag',
    description: 'hate against other protected groups (origin, religion, disability, LGBT+)',
  },
  hate_no_slur: {
    expected: 'flag',
    description: 'contempt for women with no slur or profanity ("I can\'t stand women who talk back", "les femmes me dégoûtent")',
  },
  negated_praise: {
    expected: 'flag',
    description: 'derogation as a universal negative ("no woman has ever…", "pas une femme n\'est capable de…")',
  },
  threat_slur_free: {
    expected: 'flag',
    description:
      'threats with no slur: "someone should…", wishes of harm, "enjoy your last days", veiled or doxxing menace, conditionals',
  },
  body_shaming: { expected: 'flag', description: 'insults on her body, weight, age or looks' },
  spelling_attack: {
    expected: 'flag',
    description:
      'hostile sentences with disguised spellings of abuse or of "women": spaces removed or inserted, letters dropped or doubled, "womyn", dots, asterisks, mixed leet, phonetic spelling',
  },
  pile_on_call: { expected: 'flag', description: 'calls to raid, pile on, mass-report or flood her mentions' },
  rape_joke: { expected: 'flag', description: 'rape "jokes" and rape or consent references used as punchlines' },
  sexual_innuendo: {
    expected: 'flag',
    description: 'sexual remarks without explicit words ("tu serais plus utile à genoux")',
  },
  // ---- must pass ----
  neutral_women: { expected: 'pass', description: 'factual statements that mention women' },
  positive_women: { expected: 'pass', description: 'praise and support for women' },
  counter_speech: { expected: 'pass', description: 'quoting an insult, stereotype or threat in order to denounce it' },
  negated_hate: { expected: 'pass', description: 'explicitly negated hateful claims ("she is not a whore")' },
  testimony: { expected: 'pass', description: 'a woman reporting the harassment she suffered, quoting it' },
  reclaimed_homonym: {
    expected: 'pass',
    description: 'innocent homonyms of slurs (garden hoe, la chatte de ma voisine, a great tit) and reclaimed uses',
  },
  profanity_untargeted: { expected: 'pass', description: 'swearing aimed at nobody ("putain, quelle journée", "this fucking printer")' },
  disagreement_civil: { expected: 'pass', description: 'firm but civil disagreement with her work or politics' },
  neutral_other_groups: { expected: 'pass', description: 'neutral statements about other groups' },
  feminist_debate: {
    expected: 'pass',
    description: 'civil debate on feminism, parity, quotas, the pay gap, harassment laws, on any side',
  },
  ordinary_chat: {
    expected: 'pass',
    description:
      'ordinary comments (cameras, pets, food, games, sport, commuting) with slang, typos, SMS spelling and casual words that look rude out of context',
  },
  good_wish: {
    expected: 'pass',
    description: 'kind wishes and safety concern worded like threats ("drive safe tonight, the roads are icy")',
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** Must-pass functions that mention women: their false-positive rate is what hurts users most. */
export const WOMEN_MUST_PASS: readonly FunctionName[] = [
  'neutral_women',
  'positive_women',
  'counter_speech',
  'negated_hate',
  'testimony',
  'feminist_debate',
];

/**
 * Must-flag functions aimed at a woman or at women: every must-flag function except
 * `identity_attack_other_group`. The eval ranks these against WOMEN_MUST_PASS (harmless sentences about women)
 * to compute a ranking AUC.
 */
export const WOMEN_TARGETED_FLAG: ReadonlySet<FunctionName> = new Set(
  FUNCTION_NAMES.filter((fn) => FUNCTIONS[fn].expected === 'flag' && fn !== 'identity_attack_other_group'),
);

export function functionAppliesTo(fn: FunctionName, lang: Lang): boolean {
  const spec: FunctionSpec = FUNCTIONS[fn];
  return spec.langs === undefined || spec.langs.includes(lang);
}

export interface FunctionalCase {
  id: string;
  lang: Lang;
  function: FunctionName;
  expected: Expected;
  /** labels a correct filter should raise (≥ 1 for flag cases, [] for pass cases) */
  labels: Label[];
  text: string;
  /**
   * true when the text is written to her (second person, imperative or vocative aimed at the woman who receives
   * it); the files leave it absent when it talks about her, about women or about someone else, or when the
   * addressee is unclear.
   */
  toHer?: boolean;
  /** where the case comes from, for messages: "tests/functional/cases.en.jsonl:12" */
  source: string;
}

export const CASES_DIR = resolve(import.meta.dirname ?? '.', '.');

export function casesPath(lang: Lang): string {
  return join(CASES_DIR, `cases.${lang}.jsonl`);
}

export class CaseValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid functional cases (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
    this.name = 'CaseValidationError';
  }
}

const KEYS = ['id', 'lang', 'function', 'expected', 'labels', 'text'] as const;
const OPTIONAL_KEYS = ['toHer'] as const;
const ID_RE = /^(en|fr)-[a-z]+-\d{3}$/;

function isFunctionName(v: unknown): v is FunctionName {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(FUNCTIONS, v);
}
function isLabel(v: unknown): v is Label {
  return typeof v === 'string' && (LABELS as readonly string[]).includes(v);
}

/**
 * Parse one JSONL file's content. Never throws: returns the valid cases and one message per problem,
 * each prefixed with `file:line`. `file` is only used in messages.
 */
export function parseCases(content: string, file: string, lang: Lang): { cases: FunctionalCase[]; errors: string[] } {
  const cases: FunctionalCase[] = [];
  const errors: string[] = [];
  const seenIds = new Map<string, number>();
  const seenTexts = new Map<string, number>();
  const lines = content.split('\n');
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const where = `${file}:${lineNo}`;
    const err = (msg: string) => errors.push(`${where}: ${msg}`);
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      if (i !== lines.length - 1) err('empty line');
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      err(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      err('not a JSON object');
      return;
    }
    const o = obj as Record<string, unknown>;
    const before = errors.length;
    const known: readonly string[] = [...KEYS, ...OPTIONAL_KEYS];
    for (const k of Object.keys(o)) if (!known.includes(k)) err(`unknown key "${k}"`);
    for (const k of KEYS) if (!(k in o)) err(`missing key "${k}"`);

    const { id, function: fn, expected, labels, text, toHer } = o;
    if (typeof id !== 'string' || !ID_RE.test(id)) err(`bad id ${JSON.stringify(id)} (expected like "${lang}-slur-001")`);
    else {
      if (!id.startsWith(`${lang}-`)) err(`id "${id}" does not start with "${lang}-"`);
      const prev = seenIds.get(id);
      if (prev !== undefined) err(`duplicate id "${id}" (first on line ${prev})`);
      else seenIds.set(id, lineNo);
    }
    if (o['lang'] !== lang) err(`lang is ${JSON.stringify(o['lang'])}, but this file is "${lang}"`);
    if (!isFunctionName(fn)) err(`unknown function ${JSON.stringify(fn)}`);
    else {
      if (!functionAppliesTo(fn, lang)) err(`function "${fn}" does not apply to "${lang}"`);
      if (expected !== FUNCTIONS[fn].expected) {
        err(`function "${fn}" must have expected "${FUNCTIONS[fn].expected}", not ${JSON.stringify(expected)}`);
      }
    }
    if (expected !== 'flag' && expected !== 'pass') err(`expected must be "flag" or "pass", not ${JSON.stringify(expected)}`);
    if (!Array.isArray(labels)) err('labels must be an array');
    else {
      for (const l of labels) if (!isLabel(l)) err(`unknown label ${JSON.stringify(l)} (known: ${LABELS.join(', ')})`);
      if (new Set(labels).size !== labels.length) err('labels has duplicates');
      if (expected === 'flag' && labels.length === 0) err('a flag case needs at least one label');
      if (expected === 'pass' && labels.length > 0) err('a pass case must have no labels');
    }
    if (typeof text !== 'string' || text.trim() === '') err('text must be a non-empty string');
    else {
      const prev = seenTexts.get(text);
      if (prev !== undefined) err(`duplicate text (same as line ${prev})`);
      else seenTexts.set(text, lineNo);
    }
    if (toHer !== undefined && typeof toHer !== 'boolean') err(`toHer must be a boolean, not ${JSON.stringify(toHer)}`);
    if (errors.length === before) {
      cases.push({
        id: id as string,
        lang,
        function: fn as FunctionName,
        expected: expected as Expected,
        labels: labels as Label[],
        text: text as string,
        ...(typeof toHer === 'boolean' ? { toHer } : {}),
        source: where,
      });
    }
  });
  return { cases, errors };
}

/**
 * Load and validate the cases of one language, or of all languages. Throws a CaseValidationError listing every
 * problem as `file:line: message` (ids must also be unique across files).
 */
export function loadCases(lang?: Lang): FunctionalCase[] {
  const langs = lang ? [lang] : [...LANGS];
  const cases: FunctionalCase[] = [];
  const errors: string[] = [];
  for (const l of langs) {
    const path = casesPath(l);
    const file = relative(process.cwd(), path) || path;
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const parsed = parseCases(content, file, l);
    cases.push(...parsed.cases);
    errors.push(...parsed.errors);
  }
  const ids = new Map<string, string>();
  for (const c of cases) {
    const prev = ids.get(c.id);
    if (prev !== undefined) errors.push(`${c.source}: duplicate id "${c.id}" (also at ${prev})`);
    else ids.set(c.id, c.source);
  }
  if (errors.length > 0) throw new CaseValidationError(errors);
  return cases;
}

/** Number of cases per function for one language (functions with no case are present with 0). */
export function countByFunction(cases: readonly FunctionalCase[], lang: Lang): Record<FunctionName, number> {
  const counts = Object.fromEntries(FUNCTION_NAMES.map((f) => [f, 0])) as Record<FunctionName, number>;
  for (const c of cases) if (c.lang === lang) counts[c.function] += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

export type LabelFlags = Record<Label, boolean>;
/** The filter under test: flags per text, same order (e.g. scores ≥ the default level's thresholds). */
export type Classify = (texts: string[]) => Promise<LabelFlags[]>;

export interface Rate {
  passed: number;
  total: number;
  /** passed / total (NaN when total is 0) */
  rate: number;
}

export interface CaseResult {
  case: FunctionalCase;
  /** labels the filter raised */
  raised: Label[];
  /** the filter did what the case expects (flag: ≥ 1 label raised; pass: none raised) */
  ok: boolean;
}

export interface LangReport {
  overall: Rate;
  mustFlag: Rate;
  mustPass: Rate;
  /** per function present in this language */
  byFunction: Partial<Record<FunctionName, Rate>>;
  /** flagged / total over WOMEN_MUST_PASS cases */
  womenFalsePositive: Rate;
  /** over must-flag cases: expected labels raised / expected labels (diagnostic only) */
  labelRecall: Partial<Record<Label, Rate>>;
}

export interface ScoreReport {
  byLang: Partial<Record<Lang, LangReport>>;
  results: CaseResult[];
}

function rate(passed: number, total: number): Rate {
  return { passed, total, rate: total === 0 ? Number.NaN : passed / total };
}

function tally(results: readonly CaseResult[], pred: (r: CaseResult) => boolean = (r) => r.ok): Rate {
  return rate(results.filter(pred).length, results.length);
}

export async function scoreCases(
  cases: readonly FunctionalCase[],
  classify: Classify,
  opts: { batchSize?: number } = {},
): Promise<ScoreReport> {
  const batchSize = Math.max(1, opts.batchSize ?? 256);
  const results: CaseResult[] = [];
  for (let start = 0; start < cases.length; start += batchSize) {
    const batch = cases.slice(start, start + batchSize);
    const flags = await classify(batch.map((c) => c.text));
    if (flags.length !== batch.length) {
      throw new Error(`classify returned ${flags.length} results for ${batch.length} texts`);
    }
    batch.forEach((c, i) => {
      const f = flags[i] as LabelFlags;
      const raised = LABELS.filter((l) => f[l] === true);
      const ok = c.expected === 'flag' ? raised.length > 0 : raised.length === 0;
      results.push({ case: c, raised, ok });
    });
  }

  const byLang: Partial<Record<Lang, LangReport>> = {};
  for (const lang of LANGS) {
    const rs = results.filter((r) => r.case.lang === lang);
    if (rs.length === 0) continue;
    const byFunction: Partial<Record<FunctionName, Rate>> = {};
    for (const fn of FUNCTION_NAMES) {
      const fr = rs.filter((r) => r.case.function === fn);
      if (fr.length > 0) byFunction[fn] = tally(fr);
    }
    const labelRecall: Partial<Record<Label, Rate>> = {};
    for (const label of LABELS) {
      const withLabel = rs.filter((r) => r.case.expected === 'flag' && r.case.labels.includes(label));
      if (withLabel.length > 0) labelRecall[label] = tally(withLabel, (r) => r.raised.includes(label));
    }
    const women = rs.filter((r) => WOMEN_MUST_PASS.includes(r.case.function));
    byLang[lang] = {
      overall: tally(rs),
      mustFlag: tally(rs.filter((r) => r.case.expected === 'flag')),
      mustPass: tally(rs.filter((r) => r.case.expected === 'pass')),
      byFunction,
      womenFalsePositive: tally(women, (r) => r.raised.length > 0),
      labelRecall,
    };
  }
  return { byLang, results };
}

function pct(r: Rate): string {
  return Number.isNaN(r.rate) ? '   n/a' : `${(r.rate * 100).toFixed(1).padStart(5)}%`;
}

/** A plain-text table of a report: pass rate per function and language, then the failures (up to maxFailures). */
export function formatReport(report: ScoreReport, opts: { maxFailures?: number } = {}): string {
  const langs = LANGS.filter((l) => report.byLang[l]);
  const out: string[] = [];
  const w = Math.max(...FUNCTION_NAMES.map((f) => f.length)) + 2;
  out.push(`${'function'.padEnd(w)}expect ${langs.map((l) => `${l.padStart(6)}        `).join(' ')}`);
  const row = (name: string, expect: string, get: (lr: LangReport) => Rate | undefined) => {
    const cells = langs.map((l) => {
      const r = get(report.byLang[l] as LangReport);
      return r ? `${pct(r)} ${`${r.passed}/${r.total}`.padStart(7)}` : ' '.repeat(14);
    });
    out.push(`${name.padEnd(w)}${expect.padEnd(7)}${cells.join(' ')}`);
  };
  for (const fn of FUNCTION_NAMES) row(fn, FUNCTIONS[fn].expected, (lr) => lr.byFunction[fn]);
  out.push('-'.repeat(w + 7 + langs.length * 15));
  row('must flag (recall)', 'flag', (lr) => lr.mustFlag);
  row('must pass (specificity)', 'pass', (lr) => lr.mustPass);
  row('OVERALL', '', (lr) => lr.overall);
  row('women must-pass FP rate', '', (lr) => lr.womenFalsePositive);
  out.push('');
  out.push('label recall on must-flag cases (diagnostic):');
  for (const label of LABELS) row(`  ${label}`, '', (lr) => lr.labelRecall[label]);
  const failures = report.results.filter((r) => !r.ok);
  const max = opts.maxFailures ?? 0;
  if (max > 0 && failures.length > 0) {
    out.push('');
    out.push(`failures (${Math.min(max, failures.length)} of ${failures.length}):`);
    for (const f of failures.slice(0, max)) {
      const got = f.raised.length > 0 ? f.raised.join(',') : 'nothing';
      out.push(`  ${f.case.id} [${f.case.expected}, raised ${got}] ${JSON.stringify(f.case.text)}`);
    }
  }
  return out.join('\n');
}
