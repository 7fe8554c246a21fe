/**
 * The worked example of examples/ke-hoach-xa-2026 (a fictional 2026–2030 commune plan after the
 * two-tier reorganisation): the real binary checks its list against its plan workbook, and every
 * row must come out as worked out by hand from the plan's text (ket-qua.expected.json).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { loadPlan } from '../../src/core/compile';
import { assertBuilt, readJson, ROOT, runCli, tempDir } from '../helpers/cli';

jest.setTimeout(120_000);

const EX = path.join(ROOT, 'examples', 'ke-hoach-xa-2026');
const file = (name: string) => path.join(EX, name);

interface Expected {
  plan: string;
  args: string[];
  sheet: string;
  rows: Record<string, { id: string; name: string; status: string; awardTier: string | null; missing: string[]; deadline: string }>;
}
interface ReportRow {
  row: number;
  name: string;
  status: string;
  awardTier: string | null;
  missing: string[];
  deadline: { status: string };
}

const expected = readJson<Expected>(file('ket-qua.expected.json'));
const source = JSON.parse(fs.readFileSync(file('ke-hoach.json'), 'utf8'));

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = tempDir('ntm-example-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const results = (rows: ReportRow[]) =>
  Object.fromEntries(rows.map((r) => [String(r.row), { name: r.name, status: r.status, awardTier: r.awardTier, missing: r.missing, deadline: r.deadline.status }]));
const hand = Object.fromEntries(Object.entries(expected.rows).map(([k, r]) => [k, { name: r.name, status: r.status, awardTier: r.awardTier, missing: r.missing, deadline: r.deadline }]));

test('every row of the list comes out as worked out by hand from the plan text', async () => {
  const r = await runCli(['check', file('danh-sach.xlsx'), ...expected.args.map((a) => (a.endsWith('.xlsx') ? file(a) : a)), '--json', 'bao-cao.json'], dir);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(1);
  const rep = readJson<{ plan: string | { id: string }; sheet: string; rows: ReportRow[] }>(path.join(dir, 'bao-cao.json'));
  expect([typeof rep.plan === 'string' ? rep.plan : rep.plan.id, rep.sheet]).toEqual([expected.plan, expected.sheet]);
  expect(Object.keys(hand)).toHaveLength(15);
  expect(results(rep.rows)).toEqual(hand);
});

test('the plan workbook is its JSON source, as the product writes it: plan build gives the same plan, which checks the list the same way', async () => {
  const b = await runCli(['plan', 'build', file('ke-hoach.xlsx'), '--out', 'tu-so.json'], dir);
  expect(b.exitCode).toBe(0);
  const loaded = loadPlan(source, 'ke-hoach.json');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  expect(readJson(path.join(dir, 'tu-so.json'))).toEqual(JSON.parse(JSON.stringify(loaded.plan.plan)));
  const r = await runCli(['check', file('danh-sach.xlsx'), '--plan-file', file('ke-hoach.json'), '--json', 'bao-cao-json.json'], dir);
  expect(r.exitCode).toBe(1);
  expect(results(readJson<{ rows: ReportRow[] }>(path.join(dir, 'bao-cao-json.json')).rows)).toEqual(hand);
});

test('the list workbook holds the rows of its JSON source, and every quote of the plan is in its text', async () => {
  const list = JSON.parse(fs.readFileSync(file('danh-sach.json'), 'utf8')) as { sheet: string; header: string[]; rows: (string | number | null)[][] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('danh-sach.xlsx'));
  const ws = wb.getWorksheet(list.sheet)!;
  const cells = (r: number) => list.header.map((_, c) => ws.getCell(r, c + 1).value ?? null);
  expect(cells(4)).toEqual(list.header);
  list.rows.forEach((row, i) => expect(cells(5 + i)).toEqual(row));
  const text = fs.readFileSync(file(source.source.file), 'utf8').replace(/\s+/g, ' ');
  const quotes: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'quote' && typeof x === 'string' ? quotes.push(x) : walk(x);
  };
  walk(source);
  expect(quotes.length).toBeGreaterThan(20);
  for (const q of quotes) for (const piece of q.split('…').map((p) => p.trim()).filter(Boolean)) expect([piece, text.includes(piece)]).toEqual([piece, true]);
});
