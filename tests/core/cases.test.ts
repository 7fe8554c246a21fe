/**
 * The visible acceptance cases (vendored from shared/cases) run through the engine directly:
 * each case is a row of standard headers → cells, and the expectation the plan's reading gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import { reportRow, sheetNames } from '../../src/core/report';
import { fold } from '../../src/core/text';
import type { RoundId } from '../../src/core/vocabulary';
import { shippedPlan } from '../../src/plans';

interface CaseFile {
  plan: string;
  run: { round?: RoundId; year?: number };
  rows: {
    id: string;
    why: string;
    cells: Record<string, string | number>;
    expect: { status: string; awardTier: string | null; missing: string[]; deadline: string };
  }[];
}

const dir = path.join(__dirname, '../cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

const table = files.flatMap((f) => {
  const c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CaseFile;
  // The case file's columns are those of its workbook: the union of the headers its rows fill.
  const headers = [...new Set(c.rows.flatMap((r) => Object.keys(r.cells)))];
  return c.rows.map((r) => ({ ...r, plan: c.plan, run: c.run, headers, name: `${c.plan} ${r.id}: ${r.why}` }));
});

test('the vendored cases cover all five plans', () => {
  expect(new Set(table.map((t) => t.plan)).size).toBe(5);
});

describe.each(table)('$name', (c) => {
  const plan = shippedPlan(c.plan);
  if (!plan) throw new Error(`no plan ${c.plan}`);
  // A case may use a header variant (e.g. the old "Giá trị đóng góp (đồng)"), as a sheet may.
  const headerOf = (k: string): string => [...plan.registry.values()].find((d) => d.header === k || d.variants.some((v) => fold(v) === fold(k)))?.header ?? k;
  const row = new Map<string, Cell>(Object.entries(c.cells).map(([k, v]) => [headerOf(k), { value: v }]));
  const d = evaluate(plan, row, c.run);
  // A sheet that keeps a renamed column's former header reads that header in reports (as the CLI does).
  const names = sheetNames({ sheetColumns: c.headers.map((k, i) => ({ col: i + 1, text: k, header: headerOf(k) })) }, plan.registry);
  const missing = reportRow(0, d, names).missing;

  test(`is ${c.expect.status} with award tier ${c.expect.awardTier}`, () => {
    expect({ status: d.status, awardTier: d.awardTier }).toEqual({ status: c.expect.status, awardTier: c.expect.awardTier });
  });

  test(`lists missing ${JSON.stringify(c.expect.missing)}`, () => {
    expect([...missing].sort()).toEqual([...c.expect.missing].sort());
  });

  test(`deadline ${c.expect.deadline}`, () => {
    const [status, days] = c.expect.deadline.split(':');
    expect(d.deadline.status).toBe(status);
    if (days !== undefined) expect(d.deadline.daysLate).toBe(Number(days));
  });

  test('every decisive reason cites the document by its short name and a section', () => {
    const decisive = d.reasons.filter((s) => s.kind === 'criterion' && s.result !== 'n/a');
    for (const s of decisive) expect(s.citation).toMatch(new RegExp(`^${plan.plan.shortName}, mục \\S`));
  });
});
