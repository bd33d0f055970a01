/**
 * The data tried and not kept (training/lab/build-dataset-lab.ts): without its options the lab builds exactly
 * the shipped table; the label fixes change only the labels they are about. Runs on the committed fixture.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRows, type BuildOptions } from '../../training/build-dataset.ts';
import { readAmi, readEdos, readGuest } from '../../training/datasets/sexism-en.ts';
import { labBuildOptions } from '../../training/lab/build-dataset-lab.ts';
import { readAmiFixed, readEdosFixed, readGuestFixed } from '../../training/lab/label-fixes.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'datasets');
const base: BuildOptions = { datasetsDir: FIXTURE, contrastDir: join(import.meta.dirname, '..', 'fixtures', 'contrast'), generated: false, log: () => {} };
const tmp = mkdtempSync(join(tmpdir(), 'bouclier-dataset-lab-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('lab data', () => {
  it('builds the shipped table when no lab option is on', () => {
    expect(buildRows(labBuildOptions(base, {}))).toEqual(buildRows(base));
  });

  it('EDOS fix: sexist posts outside 2.3 are not annotated for sexual, threats without an insulting vector not for insult', () => {
    const shipped = readEdos(FIXTURE);
    const fixed = readEdosFixed(FIXTURE);
    expect(fixed.map((r) => r.text)).toEqual(shipped.map((r) => r.text));
    const threat = fixed.findIndex((r) => r.text.startsWith('If that woman shows up at the meeting again'));
    expect(shipped[threat]!.labels).toMatchObject({ misogyny: 1, threat: 1, sexual: 0, insult: 0 });
    expect(fixed[threat]!.labels).toMatchObject({ misogyny: 1, threat: 1, sexual: null, insult: null });
    fixed.forEach((r, i) => {
      if (shipped[i]!.labels.misogyny !== 1) expect(r).toEqual(shipped[i]);
      else expect({ ...r.labels, sexual: 0, insult: 0 }).toEqual({ ...shipped[i]!.labels, sexual: 0, insult: 0 });
    });
  });

  it('AMI fix: other categories are unknown for insult and sexual; Guest fix: one row per entry, labels OR-ed', () => {
    const dir = join(tmp, 'ami-guest');
    mkdirSync(join(dir, 'ami2018-en'), { recursive: true });
    mkdirSync(join(dir, 'online-misogyny-eacl2021'), { recursive: true });
    const head = 'id\ttext\tmisogynous\tmisogyny_category\ttarget\taggressiveness\n';
    writeFileSync(join(dir, 'ami2018-en', 'en_training_anon.tsv'), `${head}1\tshe belongs in the kitchen\t1\tstereotype\tpassive\t0\n2\tlovely day\t0\t0\t0\t0\n`);
    writeFileSync(join(dir, 'ami2018-en', 'en_testing_labeled_anon.tsv'), `${head}3\tyou are stupid woman\t1\tdiscredit\tactive\t1\n`);
    expect(readAmi(dir).map((r) => [r.labels.insult, r.labels.sexual])).toEqual([[0, 0], [null, 0], [1, 0]]);
    expect(readAmiFixed(dir).map((r) => [r.labels.insult, r.labels.sexual])).toEqual([[null, null], [null, 0], [1, null]]);
    writeFileSync(
      join(dir, 'online-misogyny-eacl2021', 'final_labels.csv'),
      'entry_id,body,level_1,level_2,level_3,split\n' +
        'e1,you dumb bitch,Misogynistic,Misogynistic_pejorative,,train\n' +
        'e1,you dumb bitch,Misogynistic,Treatment,Disrespectful_actions_Seduction_and_conquest,test\n' +
        'e2,nice weather,Nonmisogynistic,None,,train\n',
    );
    expect(readGuest(dir)).toHaveLength(3);
    const fixed = readGuestFixed(dir);
    expect(fixed).toHaveLength(2);
    expect(fixed[0]).toMatchObject({ text: 'you dumb bitch', officialSplit: 'test', labels: { insult: 1, sexual: 1, misogyny: 1 } });
  });
});
