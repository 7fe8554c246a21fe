/**
 * `check <folder> --merge` (issue 10 §2): twenty workbooks in mixed layouts — including
 * management-system exports with code columns, a file that is no workbook and one without a list —
 * merge into one submission list whose rows, results and duplicates are right.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CheckCommand } from '../../src/cli/args';
import { runMerge } from '../../src/cli/merge';
import { loadCases, type CaseRow } from '../helpers/cases';
import { collectivesList, individualsList, LIST_PEOPLE, LIST_UNITS } from '../helpers/lifesoft';
import { NAME, SUBJECT, UNIT, writeList, type ListOptions } from '../helpers/workbook';

const LAYOUTS: Partial<ListOptions>[] = [
  {},
  { title: true, header: 'two-row', columnNumbers: true, sections: 'merged', totals: true, signature: true },
  { headerCase: 'no-diacritics', dates: 'long', instructionsSheet: true },
  { sections: 'split', dates: 'excel' },
];
const STATUS_VI: Record<string, string> = {
  eligible: 'Đủ điều kiện',
  ineligible: 'Không đủ điều kiện',
  incomplete: 'Thiếu thông tin',
  'not-covered': 'Ngoài phạm vi kế hoạch',
};
/** Subjects of people and households in the thach-ha cases: listed after the collectives. */
const PEOPLE = new Set(['Hộ gia đình', 'Cán bộ, công chức, viên chức', 'Nông dân']);

let dir: string;
let out: string;
const cases = loadCases('thach-ha-2022').rows;
/** file → source row → the case it holds (names made unique per file unless it is a planted duplicate). */
const expected = new Map<string, Map<number, { c: CaseRow; name: string }>>();
let outcome: Awaited<ReturnType<typeof runMerge>>;

function fileName(i: number): string {
  return `${String(i).padStart(2, '0')}-don-vi.xlsx`;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-merge-'));
  const input = path.join(dir, 'lists');
  fs.mkdirSync(input);
  for (let i = 1; i <= 16; i++) {
    // Each file two or three cases; TH-01 unchanged in files 3 and 7 (across files), TH-05 twice in file 5.
    const picked = [cases[i % 12], cases[(i + 5) % 12]];
    if (i === 3 || i === 7) picked.push(cases[0]);
    if (i === 5) picked.push(cases[4], cases[4]);
    const rows = picked.map((c, k) => {
      const planted = (c.id === 'TH-01' && k === 2) || (i === 5 && c.id === 'TH-05' && k >= 2);
      return { c, name: planted ? String(c.cells[NAME]) : `${c.cells[NAME]} (${i})` };
    });
    const built = await writeList(path.join(input, fileName(i)), { rows: rows.map((r) => ({ ...r.c.cells, [NAME]: r.name })), ...LAYOUTS[i % LAYOUTS.length] });
    expected.set(fileName(i), new Map(rows.map((r, k) => [built.rowOf[k], r])));
  }
  await individualsList([
    { name: 'Lê Văn Mười Bảy', unit: 'Công ty Mẫu', subject: LIST_PEOPLE[1][0], award: '7100003' },
    { name: 'Đỗ Thị Mười Bảy', unit: 'Công ty Mẫu', subject: '7399999', award: '7100003' },
  ]).xlsx.writeFile(path.join(input, fileName(17)));
  await collectivesList([{ name: 'Hợp tác xã Mẫu', subject: LIST_UNITS[1][0], award: '7100004' }]).xlsx.writeFile(path.join(input, fileName(18)));
  fs.writeFileSync(path.join(input, fileName(19)), 'STT;Họ và tên\n1;Nguyễn Văn A\n');
  const noList = new ExcelJS.Workbook();
  noList.addWorksheet('Ghi chú').getCell('A1').value = 'Đơn vị không có đề nghị năm nay';
  await noList.xlsx.writeFile(path.join(input, fileName(20)));

  out = path.join(dir, 'tong-hop.xlsx');
  const cmd: CheckCommand = { command: 'check', input, plan: 'thach-ha-2022', round: 'annual', year: 2023, map: {}, blankIsNo: false, force: false, quiet: false, merge: out };
  outcome = await runMerge(cmd, { write: () => true });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface MergedRow {
  row: number;
  cells: Record<string, string>;
}

async function mergedRows(): Promise<{ rows: MergedRow[]; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('Danh sách tổng hợp')!;
  const headers = (ws.getRow(3).values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v)));
  const rows: MergedRow[] = [];
  ws.eachRow((row, r) => {
    if (r <= 3 || typeof row.getCell(1).value !== 'number') return;
    const cells: Record<string, string> = {};
    headers.forEach((h, c) => {
      const v = row.getCell(c).value;
      if (h) cells[h] = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
    });
    rows.push({ row: r, cells });
  });
  return { rows, wb };
}

test('files that cannot be read are listed with the reason, the others merged (exit 2)', async () => {
  expect(outcome.exitCode).toBe(2);
  expect(outcome.errors).toHaveLength(2);
  expect(outcome.errors[0]).toContain(fileName(19));
  expect(outcome.errors[0]).toMatch(/not an \.xlsx workbook/);
  expect(outcome.errors[1]).toContain(fileName(20));
  expect(outcome.errors[1]).toMatch(/no header row/);
  const { wb } = await mergedRows();
  const summary = wb.worksheets.find((w) => w.name.startsWith('Tổng hợp'))!;
  const texts: string[] = [];
  summary.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toContain('Tệp không đọc được (không gộp)');
  expect(texts).toContain(fileName(19));
  expect(texts).toContain(fileName(20));
  expect(texts).toContain('Theo tệp × kết quả');
});

test('every nominee of every readable file is in the list once, with its source and its own result', async () => {
  const { rows } = await mergedRows();
  const total = [...expected.values()].reduce((n, m) => n + m.size, 0) + 3;
  expect(rows).toHaveLength(total);
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.cells['Tệp nguồn']}#${r.cells['Dòng nguồn']}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    const want = expected.get(r.cells['Tệp nguồn'])?.get(Number(r.cells['Dòng nguồn']));
    if (!want) continue; // a management-system row, below
    expect(r.cells[NAME]).toBe(want.name);
    expect(r.cells['Kết quả']).toBe(STATUS_VI[want.c.expect.status]);
    expect(r.cells['Trang tính nguồn']).toBe('Danh sách');
  }
  // Codes of the management-system lists arrive as the names of their own catalogue.
  const coded = rows.filter((r) => ['17', '18'].some((n) => r.cells['Tệp nguồn'].startsWith(n)));
  expect(coded.map((r) => [r.cells[NAME], r.cells[SUBJECT], r.cells['Dòng nguồn']])).toEqual([
    ['Hợp tác xã Mẫu', LIST_UNITS[1][1], '4'],
    ['Lê Văn Mười Bảy', LIST_PEOPLE[1][1], '4'],
    ['Đỗ Thị Mười Bảy', 'mã 7399999 không có trong danh mục của tệp', '5'],
  ]);
  expect(coded[2].cells['Thiếu thông tin']).toContain(SUBJECT);
});

test('ordered as a submission list: collectives, then individuals, each by unit; an unknown subject last', async () => {
  const { rows } = await mergedRows();
  const unknown = (r: MergedRow) => r.cells[SUBJECT].startsWith('mã ');
  const isPerson = (r: MergedRow) => PEOPLE.has(r.cells[SUBJECT]) || (r.cells['Tệp nguồn'] === fileName(17) && !unknown(r));
  const firstPerson = rows.findIndex(isPerson);
  const firstUnknown = rows.findIndex(unknown);
  expect(firstPerson).toBeGreaterThan(0);
  expect(firstUnknown).toBe(rows.length - 1);
  expect(rows.slice(0, firstPerson).some(isPerson)).toBe(false);
  expect(rows.slice(firstPerson, firstUnknown).every(isPerson)).toBe(true);
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  for (const part of [rows.slice(0, firstPerson), rows.slice(firstPerson, firstUnknown)]) {
    const units = part.map((r) => r.cells['Thuộc đơn vị']).filter((u) => u);
    expect(units).toEqual([...units].sort(collator.compare));
  }
});

test('the same nominee twice in the same round and year is flagged on both rows, naming the other', async () => {
  const { rows } = await mergedRows();
  const flagged = rows.filter((r) => r.cells['Trùng lặp']);
  const at = (file: string, name: string) => rows.filter((r) => r.cells['Tệp nguồn'] === file && r.cells[NAME] === name);
  const [a] = at(fileName(3), String(cases[0].cells[NAME]));
  const [b] = at(fileName(7), String(cases[0].cells[NAME]));
  const [c, d] = at(fileName(5), String(cases[4].cells[NAME]));
  expect(flagged.map((r) => r.row).sort()).toEqual([a, b, c, d].map((r) => r.row).sort());
  expect(a.cells['Trùng lặp']).toBe(`Trùng với ${fileName(7)}, dòng ${b.cells['Dòng nguồn']}`);
  expect(b.cells['Trùng lặp']).toBe(`Trùng với ${fileName(3)}, dòng ${a.cells['Dòng nguồn']}`);
  expect(c.cells['Trùng lặp']).toBe(`Trùng với ${fileName(5)}, dòng ${d.cells['Dòng nguồn']}`);
  expect(c.cells[UNIT]).toBe(d.cells[UNIT]);
});

test('a merged list written into the folder it merges is not merged again on the next run', async () => {
  const input = path.join(dir, 'lists');
  const inside = path.join(input, 'tong-hop.xlsx');
  const cmd: CheckCommand = { command: 'check', input, plan: 'thach-ha-2022', round: 'annual', year: 2023, map: {}, blankIsNo: false, force: true, quiet: false, merge: inside };
  const first = await runMerge(cmd, { write: () => true });
  const again = await runMerge(cmd, { write: () => true });
  expect(again.lines).toEqual(first.lines);
  expect(again.lines.some((l) => l.startsWith(inside))).toBe(true);
  expect(again.lines.filter((l) => l.includes('tong-hop.xlsx [')).length).toBe(0);
}, 120_000);
