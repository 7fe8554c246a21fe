/**
 * `ntm-awards plan new`: a blank plan workbook from the format itself (every sheet, guide,
 * dropdowns, one example row per sheet). `plan check` on it lists exactly the cells the author
 * must fill from the plan's own text (Thông tin and the citations of the example rows); once
 * those are filled, it passes.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { BLOCKS, GUIDE_SHEET, INFO_FIELDS, LISTS_SHEET } from '../../src/core/plan-book/format';
import { STANDARD_COLUMNS } from '../../src/core/columns';
import { assertBuilt, runCli, tempDir } from '../helpers/cli';

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('ntm-plan-new-');
  const r = await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx'], dir);
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain('ntm-awards plan check ke-hoach.xlsx');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));

test('every sheet of the format is there, with its headers, an example row and dropdowns', async () => {
  const wb = await load('ke-hoach.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual([GUIDE_SHEET, ...BLOCKS.map((b) => b.title), LISTS_SHEET]);
  expect(wb.getWorksheet(LISTS_SHEET)!.state).toBe('hidden');
  for (const b of BLOCKS) {
    const ws = wb.getWorksheet(b.title)!;
    expect(b.columns.map((_, i) => text(ws.getCell(1, i + 1).value))).toEqual(b.columns.map((c) => c.header));
    const filled = (r: number) => b.columns.some((_, i) => text(ws.getCell(r, i + 1).value) !== '');
    if (b.key === 'info') expect(INFO_FIELDS.map((f, i) => text(ws.getCell(i + 2, 1).value))).toEqual(INFO_FIELDS.map((f) => f.label));
    else expect([b.title, filled(2)]).toEqual([b.title, true]);
    const validated = Object.keys((ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model);
    for (const [i, c] of b.columns.entries()) if (c.list) expect(validated.some((range) => range.startsWith(ws.getCell(2, i + 1).address))).toBe(true);
  }
});

test('the guide lists every standard column, and the unit column is needed for households too', async () => {
  const guide = (await load('ke-hoach.xlsx')).getWorksheet(GUIDE_SHEET)!;
  const lines: string[] = [];
  guide.eachRow((r) => lines.push(text(r.getCell(1).value)));
  for (const c of STANDARD_COLUMNS) expect(lines.filter((l) => l.startsWith(`  • ${c.header} — `))).toHaveLength(1);
  expect(lines.find((l) => l.startsWith('  • Chức vụ, đơn vị công tác — '))).toMatch(/cần cho: dòng .*“Hộ gia đình”/);
});

test('plan check lists only what the author must fill; filled in, the workbook passes', async () => {
  const r = await runCli(['plan', 'check', 'ke-hoach.xlsx'], dir);
  expect(r.exitCode).toBe(2);
  const cells = r.stdout.split('\n').filter(Boolean).map((l) => /^([^!]+)!([A-Z]+)(\d+): /.exec(l)!.slice(1));
  expect(cells.length).toBeGreaterThan(0);
  const wb = await load('ke-hoach.xlsx');
  for (const [sheet, col, row] of cells) {
    const ws = wb.getWorksheet(sheet)!;
    const header = text(ws.getCell(1, ws.getColumn(col).number).value);
    // Thông tin: a value the plan's text gives; elsewhere: the citation of an example row.
    expect([sheet, header, text(ws.getCell(`${col}${row}`).value)]).toEqual([sheet, sheet === 'Thông tin' ? 'Giá trị' : 'Mục trích dẫn', '']);
    if (sheet === 'Thông tin') {
      const field = text(ws.getCell(Number(row), 1).value);
      ws.getCell(`${col}${row}`).value = /^Năm/.test(field) ? 2028 : field === 'Mã kế hoạch' ? 'xa-vi-du-2026' : /Mục trích dẫn/.test(field) ? '§VI' : `${field} (điền thử)`;
      if (/Mục trích dẫn/.test(field)) ws.getCell(Number(row) + 1, 2).value = 'Sơ kết vào năm 2028';
    } else {
      ws.getCell(`${col}${row}`).value = '§II.1';
      ws.getCell(Number(row), ws.getColumn(col).number + 1).value = 'lời văn của kế hoạch (điền thử)';
    }
  }
  await wb.xlsx.writeFile(path.join(dir, 'da-dien.xlsx'));
  const ok = await runCli(['plan', 'check', 'da-dien.xlsx'], dir);
  expect(ok).toEqual({ exitCode: 0, stdout: expect.stringMatching(/^Kế hoạch hợp lệ: xa-vi-du-2026 — 1 loại đối tượng, 1 tiêu chí, 1 thời hạn\n$/), stderr: '' });
});

test('an existing file is kept unless --force', async () => {
  const before = fs.readFileSync(path.join(dir, 'ke-hoach.xlsx'));
  const r = await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx'], dir);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('tệp đã có; thêm --force để ghi đè');
  expect(fs.readFileSync(path.join(dir, 'ke-hoach.xlsx')).equals(before)).toBe(true);
  expect((await runCli(['plan', 'new', '--out', 'ke-hoach.xlsx', '--force'], dir)).exitCode).toBe(0);
});
