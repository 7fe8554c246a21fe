/**
 * The suite fuzzes itself (issue 20): seeded damaged and hostile variants of a case list and of a
 * plan workbook, both made here, each run through `check --out --json` by the built command line.
 * Every case must end with exit 0, 1 or 2 (no signal, no stack, killed by no time limit), a
 * refusal as one Vietnamese-first line naming the damaged part, the input unchanged, nothing left
 * behind, a written copy no less sound than its input (strict OOXML check, exceljs opens it) and
 * a peak RSS under RSS_LIMIT_KB. `npm test` runs a short, fixed set; `npm run fuzz -- --n 2000
 * [--seed S]` runs longer (FUZZ_N, FUZZ_SEED), with the large bombs too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadCases } from '../helpers/cases';
import { assertBuilt } from '../helpers/cli';
import { writeList } from '../helpers/workbook';
import { entriesOf, judge, KILL_MS, makeCase, RSS_LIMIT_KB, runCase, type Base } from './fuzz';
import { removeScenarios, run, scenario } from './run';

const SEED = Number(process.env.FUZZ_SEED ?? 20);
const N = Number(process.env.FUZZ_N ?? 8);
const LONG = N > 100 || process.env.FUZZ_LONG === '1';
const PARALLEL = 2;

/** Generous on a loaded machine: the hook runs every case, two at a time, each killed at KILL_MS. */
const BUDGET_MS = 180_000 + N * 20_000;

const outcomes: { what: string; problems: string[] }[] = [];

beforeAll(async () => {
  assertBuilt();
  const { dir, tmp } = scenario('fuzz-base');
  const TH = loadCases('thach-ha-2022');
  await writeList(path.join(dir, 'ds.xlsx'), { rows: TH.rows.slice(0, 24).map((c) => c.cells), title: true, sections: 'merged', signature: true, totals: true });
  const exported = await run(['plan', 'export', 'thach-ha-2022', '--out', 'plan.xlsx'], dir, tmp);
  if (exported.exitCode !== 0) throw new Error(`plan export failed: ${exported.stderr}`);
  const list = fs.readFileSync(path.join(dir, 'ds.xlsx'));
  const plan = fs.readFileSync(path.join(dir, 'plan.xlsx'));
  const bases: Base[] = [
    { kind: 'list', bytes: list, entries: await entriesOf(list) },
    { kind: 'plan', bytes: plan, entries: await entriesOf(plan) },
  ];
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < N; n = next++) {
      const { base, name, mutant } = await makeCase(SEED, n, bases, LONG);
      const { dir: d, tmp: t } = scenario(`fuzz-${n}`);
      const input = path.join(d, base.kind === 'list' ? 'ds.xlsx' : 'plan.xlsx');
      fs.writeFileSync(input, mutant.bytes);
      if (base.kind === 'plan') fs.writeFileSync(path.join(d, 'ds.xlsx'), list);
      const planArgs = base.kind === 'list' ? ['--plan', 'thach-ha-2022'] : ['--plan-file', 'plan.xlsx'];
      const r = await runCase(['check', 'ds.xlsx', ...planArgs, '--year', '2023', '--out', 'out.xlsx', '--json', 'r.json'], d, t);
      const inputHash = crypto.createHash('sha256').update(mutant.bytes).digest('hex');
      const problems = await judge(mutant, r, { input, out: path.join(d, 'out.xlsx'), json: path.join(d, 'r.json'), dir: d, tmp: t, inputHash });
      outcomes[n] = { what: `seed ${SEED} case ${n} (${base.kind}, ${name}: ${mutant.what}) exit ${r.exitCode}, ${Math.round(r.rssKb / 1024)} MB${process.env.FUZZ_VERBOSE ? ` ${r.stderr.trim()}` : ''}`, problems };
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`${outcomes[n].what}${problems.length ? `\n  PROBLEMS: ${problems.join('; ')}` : ''}\n`);
      fs.rmSync(path.dirname(d), { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}, BUDGET_MS);

afterAll(() => removeScenarios());

test(`${N} seeded cases (seed ${SEED}): exit 0/1/2 within ${KILL_MS / 1000} s, one Vietnamese line naming the part, input unchanged, sound copies, RSS under ${RSS_LIMIT_KB / 1024} MB`, () => {
  const failed = outcomes.filter((o) => o.problems.length).map((o) => `${o.what}: ${o.problems.join('; ')}`);
  expect(outcomes.filter(Boolean)).toHaveLength(N);
  expect(failed).toEqual([]);
});
