/**
 * Dataset builder on the committed fixture (tests/fixtures/datasets: texts written for the tests, laid out like
 * the real folders) and on small folders written here: the readers' label mapping (null = not annotated, never
 * 0), contrast rows (malformed lines skipped with file:line, pairs kept in one split), cross-dataset
 * de-duplication, and partial / empty datasets folders. Needs no ../shared.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRows, type BuildOptions } from '../../training/build-dataset.ts';
import { readContrast } from '../../training/datasets/contrast.ts';
import { cyberAdoScenarioKey, readCyberLarge, readSexismTwitterFrench } from '../../training/datasets/french.ts';
import { readDynahate, readGab } from '../../training/datasets/implicit-en.ts';
import type { SourceRow } from '../../training/datasets/types.ts';
import { readXlsxRecords } from '../../training/datasets/xlsx.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'datasets');
const FIXTURE_CONTRAST = join(import.meta.dirname, '..', 'fixtures', 'contrast');
const tmp = mkdtempSync(join(tmpdir(), 'bouclier-build-dataset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function find(rows: SourceRow[], text: string): SourceRow {
  const r = rows.find((x) => x.text === text);
  if (!r) throw new Error(`row not found: ${text}`);
  return r;
}

/** A fresh folder under tmp with the given files (path → content). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const quiet: Pick<BuildOptions, 'generated' | 'log'> = { generated: false, log: () => {} };

describe('readers on the fixture datasets', () => {
  it('sexism-twitter-french: 2 misogyny+insult, 1 insult only, 0 all clean, ? and empty skipped', () => {
    const rows = readSexismTwitterFrench(FIXTURE);
    expect(rows).toHaveLength(50); // 54 rows: 3 `?` and 1 empty skipped
    expect(find(rows, "@ClaireMoreau retourne à ta cuisine, la politique c'est pas pour les bonnes femmes").labels).toEqual({
      misogyny: 1,
      insult: 1,
      threat: null,
      sexual: null,
      identity_attack: null,
      toxic: 1,
    });
    expect(find(rows, 'Durand est une incompétente totale, démission !').labels).toMatchObject({ misogyny: 0, insult: 1, toxic: 1, threat: null });
    const clean = find(rows, 'Les insultes sexistes que reçoit Claire Moreau sont inadmissibles, soutien total');
    expect(Object.values(clean.labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(rows.every((r) => r.lang === 'fr' && r.source === 'sexism-twitter-french')).toBe(true);
  });

  it('cyberagression-large: xlsx read, THR = threat, NAG = clean on what the scheme annotates, one split key per conversation', () => {
    const rows = readCyberLarge(FIXTURE);
    expect(rows).toHaveLength(67);
    expect(find(rows, 'la prochaine fois je te mets une droite').labels).toEqual({
      misogyny: null,
      insult: null, // one abuse category per message: a threat may also insult
      threat: 1,
      sexual: null,
      identity_attack: null,
      toxic: 1,
    });
    expect(find(rows, 'ferme-la la baleine').labels).toMatchObject({ insult: 1, threat: 0, toxic: 1, identity_attack: null });
    // OTH (aggression-other) counts as insult only when the message is aggressive.
    expect(find(rows, 'dégage de la conv personne t\'a invitée').labels).toMatchObject({ insult: 1, toxic: 1 });
    // Non-aggressive counter-speech: VERBAL_ABUSE holds a "Majority: NULL" string there, which is no label.
    expect(find(rows, "c'est pas parce qu'il est musulman qu'il faut l'insulter").labels).toEqual({
      misogyny: null,
      insult: 0,
      threat: 0,
      sexual: null,
      identity_attack: null,
      toxic: 0,
    });
    expect(new Set(rows.map((r) => r.splitKey))).toEqual(
      new Set(['cyberado:scenario_obesity_lea', 'cyberado:scenario_religion_samir_bis', 'cyberado:scenario_homophobia_tom_third']),
    );
  });

  it('the xlsx reader returns the sheet as records (numbers, entities, accents)', () => {
    const recs = readXlsxRecords(join(FIXTURE, 'cyberagression-large', 'majority_vote', 'scenario_obesity_lea (Re-Do)_output.xlsx'));
    expect(recs[0]).toMatchObject({ ID: '0', NAME: '<bully-Harceleur>', TEXT: "wesh léa t'es qu'une grosse vache", HATE: 'OAG' });
    expect(Object.keys(recs[0]!)).toEqual(['ID', 'NAME', 'TIME', 'TEXT', 'ROLE', 'HATE', 'TARGET', 'VERBAL_ABUSE', 'INTENTION', 'CONTEXT', 'SENTIMENT']);
  });

  it('CyberAgressionAdo v1 and Large file names give the same split key', () => {
    expect(cyberAdoScenarioKey('scenario_ethnicity_Sylvia_Adrien_bis.csv')).toBe(
      cyberAdoScenarioKey('scenario_ethnicity_Sylvia_Adrien_bis (Re-Do)_output.xlsx'),
    );
    expect(cyberAdoScenarioKey('scenario_ethnicity_sylvia_bis\ufeff (Re-Do)_output.xlsx')).toBe('cyberado:scenario_ethnicity_sylvia_bis');
    expect(cyberAdoScenarioKey('scenario_obesity_zoe.csv')).not.toBe(cyberAdoScenarioKey('scenario_obesity_zoe_bis.csv'));
  });

  it('gab-hate-corpus: cv threat, hd identity attack, vo insult proxy, all-zero posts clean (train .gz + test)', () => {
    const rows = readGab(FIXTURE);
    expect(rows).toHaveLength(51);
    expect(find(rows, 'Hang every one of them from the lamp posts, that is the only solution').labels).toMatchObject({
      threat: 1,
      identity_attack: 1,
      toxic: 1,
      insult: null,
      misogyny: null,
    });
    expect(find(rows, 'This guy is a complete asshole, blocked').labels).toMatchObject({ insult: 1, threat: 0, identity_attack: 0, toxic: 1 });
    expect(find(rows, 'Anyone watching the game tonight? Kickoff is at eight').labels).toEqual({
      misogyny: null,
      insult: 0,
      threat: 0,
      sexual: null,
      identity_attack: 0,
      toxic: 0,
    });
  });

  it('dynahate-test: misogyny from the wom target, unknown when no target was given; perturbation pairs share a key', () => {
    const rows = readDynahate(FIXTURE);
    const orig = find(rows, 'women are too stupid to run a business');
    const pert = find(rows, 'women are too busy to run a second business');
    expect(orig.labels).toMatchObject({ misogyny: 1, identity_attack: 1, toxic: 1, threat: 0, insult: null });
    expect(pert.labels).toMatchObject({ misogyny: 0, identity_attack: 0, toxic: 0, threat: null });
    expect(pert.splitKey).toBe(orig.splitKey);
    expect(find(rows, 'any woman who speaks up at work should be beaten until she learns').labels.threat).toBe(1);
    expect(find(rows, 'disabled people are a burden on everyone').labels.misogyny).toBe(0);
    expect(find(rows, 'girls should never be allowed to study science').labels).toMatchObject({ misogyny: null, threat: null, toxic: 1 });
  });
});

describe('contrast rows', () => {
  const good = (o: Record<string, unknown>): string =>
    JSON.stringify({ text: 'x', lang: 'en', family: 'f', hostile: 0, labels: [], target: 'women', pair: null, ...o });

  it('maps hostile/labels, keeps family and pair, and skips malformed lines naming file:line', () => {
    const dir = folder('contrast-a', {
      'a.jsonl':
        [
          good({ text: 'women are useless at everything', hostile: 1, labels: ['misogyny'], family: 'hate_no_slur', pair: 'p1' }),
          good({ text: 'the idea that women are useless is a tired lie', family: 'negated_cliche', pair: 'p1' }),
          '{"text": "half-written',
          good({ text: 'these people are vermin', hostile: 1, labels: ['identity_attack', 'insult'], target: 'immigrants', pair: 7 }),
        ].join('\n') + '\n',
      'b.jsonl': [good({ text: 'ok', lang: 'de' }), good({ text: 'y', labels: ['toxic'] }), good({ text: 'z', hostile: 1, labels: ['slur'] })].join('\n'),
      'notes.txt': 'not read',
    });
    const warnings: string[] = [];
    const { rows, skipped, files } = readContrast(dir, (m) => warnings.push(m));
    expect(files).toBe(2);
    expect(skipped).toBe(4);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/contrast-a\/a\.jsonl:3: skipped, invalid JSON/);
    expect(warnings[1]).toMatch(/b\.jsonl:1: .*"lang"/);
    expect(warnings[2]).toMatch(/b\.jsonl:2: .*hostile 0 with labels/);
    expect(warnings[3]).toMatch(/b\.jsonl:3: .*unknown label/);
    expect(rows).toHaveLength(3);
    const [hate, neg, other] = rows as [SourceRow, SourceRow, SourceRow];
    // A hostile line's unlisted labels are unknown, not 0: the annotator named what stood out.
    expect(hate.labels).toEqual({ misogyny: 1, insult: null, threat: null, sexual: null, identity_attack: null, toxic: 1 });
    expect(hate).toMatchObject({ source: 'bouclier-contrast', kind: 'hate_no_slur', pair: 'p1', splitKey: 'contrast:p1', target: 'women' });
    expect(Object.values(neg.labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(other.labels).toEqual({ misogyny: null, insult: 1, threat: null, sexual: null, identity_attack: 1, toxic: 1 });
    expect(other).toMatchObject({ pair: '7', target: 'other' });
  });

  it('an absent contrast folder gives no rows', () => {
    expect(readContrast(join(tmp, 'no-such-folder')).rows).toEqual([]);
  });
});

describe('buildRows', () => {
  it('builds from a partial datasets folder: absent folders skipped with a note, every row keeps its source', () => {
    const notes: string[] = [];
    const { rows, stats } = buildRows({ datasetsDir: FIXTURE, contrastDir: FIXTURE_CONTRAST, generated: false, log: (m) => notes.push(m) });
    expect(notes.join('\n')).toMatch(/has no folder for .*davidson2017.*: skipped/);
    expect(stats.skippedSources).toContain('hateval2019');
    expect(stats.read).toMatchObject({ edos: 90, 'sexism-twitter-french': 50, 'cyberagression-large': 67, 'gab-hate-corpus': 51, 'dynahate-test': 41, 'bouclier-contrast': 16 });
    expect(stats.licences?.['cyberagression-large']).toMatch(/NC/);
    expect(new Set(rows.map((r) => r.source))).toEqual(
      new Set(['edos', 'sexism-twitter-french', 'cyberagression-large', 'gab-hate-corpus', 'dynahate-test', 'bouclier-contrast']),
    );
    const contrast = rows.filter((r) => r.source === 'bouclier-contrast');
    expect(contrast.length).toBe(16);
    expect(contrast.every((r) => typeof r.kind === 'string')).toBe(true);
    // Conversations never straddle splits.
    for (const key of ['scenario_obesity_lea', 'scenario_religion_samir_bis', 'scenario_homophobia_tom_third']) {
      const texts = new Set(readCyberLarge(FIXTURE).filter((r) => r.splitKey === `cyberado:${key}`).map((r) => r.text));
      expect(new Set(rows.filter((r) => texts.has(r.text)).map((r) => r.split)).size).toBe(1);
    }
  });

  it('keeps both sides of every contrast pair in one split', () => {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      lines.push(JSON.stringify({ text: `women number ${i} should shut up`, lang: 'en', family: 'f', hostile: 1, labels: ['misogyny'], target: 'women', pair: `q${i}` }));
      lines.push(JSON.stringify({ text: `telling woman number ${i} to shut up is not ok`, lang: 'en', family: 'g', hostile: 0, labels: [], target: 'women', pair: `q${i}` }));
    }
    const dir = folder('contrast-pairs', { 'pairs.jsonl': lines.join('\n') });
    const { rows } = buildRows({ datasetsDir: FIXTURE, contrastDir: dir, ...quiet });
    const byPair = new Map<string, Set<string>>();
    for (const r of rows.filter((x) => x.pair !== undefined)) (byPair.get(r.pair!) ?? byPair.set(r.pair!, new Set()).get(r.pair!)!).add(r.split);
    expect(byPair.size).toBe(60);
    for (const splits of byPair.values()) expect(splits.size).toBe(1);
    // The pairs are spread over the splits (hash of the pair id), not all in one.
    expect(new Set(rows.filter((x) => x.pair !== undefined).map((r) => r.split)).size).toBeGreaterThan(1);
  });

  it('never trains on a text of the functional test suite, in any spelling the normaliser folds', () => {
    const suite = folder('suite', {
      'cases.en.jsonl': JSON.stringify({ id: 'en-x-001', lang: 'en', function: 'slur_direct', expected: 'flag', labels: ['insult'], text: 'Shut up, you absolute weathervane!' }),
    });
    const lines = [
      JSON.stringify({ text: 'shut up you ABSOLUTE weathervane', lang: 'en', family: 'f', hostile: 1, labels: ['insult'], target: 'her', pair: null }),
      JSON.stringify({ text: 'what a lovely talk you gave today', lang: 'en', family: 'g', hostile: 0, labels: [], target: 'her', pair: null }),
    ];
    const dir = folder('contrast-suite', { 'a.jsonl': lines.join('\n') });
    const { rows, stats } = buildRows({ datasetsDir: FIXTURE, contrastDir: dir, suiteDir: suite, generated: false, ...quiet });
    expect(rows.some((r) => /weathervane/i.test(r.text))).toBe(false);
    expect(rows.some((r) => /lovely talk/.test(r.text))).toBe(true);
    expect(stats.droppedSuite).toBe(1);
  });

  it('--no-contrast leaves them out', () => {
    const { rows, stats } = buildRows({ datasetsDir: FIXTURE, contrastDir: FIXTURE_CONTRAST, contrast: false, ...quiet });
    expect(rows.some((r) => r.source === 'bouclier-contrast')).toBe(false);
    expect(stats.read['bouclier-contrast']).toBeUndefined();
  });

  it('merges a text found in two datasets into one row (alsoIn), labels filled from both, one split', () => {
    const shared = 'bande de bouffons vous êtes tous nuls';
    const dir = folder('dedupe', {
      'sbic-test/sbic_test_processed_O.csv':
        'post,offensiveYN,whoTarget,targetMinority,targetStereotype,offensiveLABEL\n' +
        'you are all idiots,1.0,0.0,,,offensive\nhave a nice day,0.0,0.0,,,not_offensive\n',
      'davidson2017/labeled_data.csv': ',count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,3,0,1,You are all IDIOTS!!\n1,3,0,0,3,2,lovely weather\n',
      'cyberagressionado-v1/scenarii/scenario_obesity_lea.csv':
        'ID,TIME,NAME,TEXT,ROLE,TARGET,HATE_SPEECH,VERBAL_ABUSE,HUMOR\n' + `0,[2:10:10 PM], <a-Harceleur>, ${shared},bully,victim,yes,name_calling,no\n`,
    });
    // The v1 file above is a conversation of the Large fixture (same scenario name), with one message only v1 has.
    cpSync(join(FIXTURE, 'cyberagression-large'), join(dir, 'cyberagression-large'), { recursive: true });
    const { rows } = buildRows({ datasetsDir: dir, contrast: false, ...quiet });
    const idiots = rows.filter((r) => /idiots/i.test(r.text));
    expect(idiots).toHaveLength(1);
    expect(idiots[0]).toMatchObject({ source: 'sbic-test', alsoIn: ['davidson2017'] });
    expect(idiots[0]!.labels).toMatchObject({ toxic: 1, insult: 1, identity_attack: 0 });
    const v1 = rows.find((r) => r.text.includes('bouffons'));
    expect(v1?.source).toBe('cyberagressionado-v1');
    // v1 and Large keys agree, so a v1-only message of a Large conversation joins that conversation's split.
    const lea = rows.filter((r) => r.source === 'cyberagression-large' && r.text === 'ferme-la la baleine');
    expect(lea).toHaveLength(1);
    expect(v1!.split).toBe(lea[0]!.split);
  });

  it('fails clearly when the datasets folder holds no dataset, or when the full folder misses one', () => {
    const empty = folder('empty', { 'README.md': 'nothing here' });
    expect(() => buildRows({ datasetsDir: empty, ...quiet })).toThrow(/no dataset found in .*empty.*expected at least one of the folders/);
    expect(() => buildRows({ datasetsDir: FIXTURE, allowMissing: false, ...quiet })).toThrow(/dataset folder missing: .*online-misogyny-eacl2021/);
    expect(() => buildRows({ datasetsDir: join(tmp, 'absent'), ...quiet })).toThrow(/datasets folder not found/);
  });
});
