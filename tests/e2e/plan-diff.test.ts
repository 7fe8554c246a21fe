/**
 * End to end (issue 18): `ntm-awards plan diff` with the real binary, on an edited copy of each
 * shipped plan written to a temporary folder, given by id, as JSON and as a plan workbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLAN_IDS, shippedPlan } from '../../src/plans';
import { assertBuilt, runCli, tempDir, type RunResult } from '../helpers/cli';
import { revise } from '../helpers/plan-revise';

jest.setTimeout(180_000);

const WORK = tempDir('ntm-awards-diff-');
const runs = new Map<string, RunResult>();
const edits = new Map<string, ReturnType<typeof revise>>();

beforeAll(async () => {
  assertBuilt();
  for (const id of PLAN_IDS) {
    const edit = revise(shippedPlan(id)!);
    edits.set(id, edit);
    fs.writeFileSync(path.join(WORK, `${id}.sua.json`), JSON.stringify(edit.data, null, 2));
  }
  await runCli(['plan', 'export', 'thach-ha-2022', '--out', 'thach-ha.xlsx'], WORK);
  const jobs: [string, string[]][] = [
    ...PLAN_IDS.map((id): [string, string[]] => [id, ['plan', 'diff', id, `${id}.sua.json`]]),
    ['workbook', ['plan', 'diff', 'thach-ha.xlsx', 'thach-ha-2022.sua.json']],
    ['same', ['plan', 'diff', 'thach-ha-2022', 'thach-ha.xlsx']],
    ['one', ['plan', 'diff', 'thach-ha-2022']],
  ];
  const results = await Promise.all(jobs.map(([, args]) => runCli(args, WORK)));
  jobs.forEach(([key], i) => runs.set(key, results[i]));
});

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe('ntm-awards plan diff', () => {
  it.each(PLAN_IDS)('lists what an office changed in %s, in the plan’s own words', (id) => {
    const run = runs.get(id)!;
    const plan = shippedPlan(id)!;
    const edit = edits.get(id)!;
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const out = run.stdout;
    expect(out).toContain(`- ${plan.plan.shortName ?? plan.plan.document} — `);
    expect(out).toContain(`~ ${plan.tierName(edit.dropped)}: `);
    expect(out).toContain('→ không áp dụng — Bỏ trong bản sửa');
    expect(out).toMatch(new RegExp(`~ ${edit.leafId.replace(/\./g, '\\.')} .*\\(bản sửa\\)`));
    if (plan.plan.period) expect(out).toContain(`~ Giai đoạn: ${plan.plan.period.from}–${plan.plan.period.to}`);
  });

  it('reads a plan workbook like the plan it was exported from', () => {
    const byId = runs.get('thach-ha-2022')!.stdout.split('\n').slice(2);
    const byBook = runs.get('workbook')!.stdout.split('\n').slice(2);
    expect(byBook).toEqual(byId);
    expect(runs.get('same')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(runs.get('same')!.stdout).toContain('Hai kế hoạch giống nhau');
  });

  it('asks for two plans', () => {
    expect(runs.get('one')).toMatchObject({ exitCode: 2, stdout: '' });
    expect(runs.get('one')!.stderr).toContain('ghi hai kế hoạch cần so sánh');
  });
});
