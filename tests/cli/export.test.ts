/**
 * `export --to lifesoft` (issue 10 §3): the eligible nominees fill the import template's own
 * columns with the exact names of its catalogue sheets; its VLOOKUP code columns are kept, and
 * evaluating them on the filled file gives the right codes; nothing else in the template changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ExportCommand } from '../../src/cli/args';
import { runExport } from '../../src/cli/export';
import { loadCases } from '../helpers/cases';
import { importTemplate, TEMPLATE_AWARDS, TEMPLATE_CLASSES, TEMPLATE_SUBJECTS } from '../helpers/lifesoft';
import { NAME, UNIT, writeList } from '../helpers/workbook';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-export-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases = loadCases('thach-ha-2022').rows;
const byId = (id: string) => cases.find((c) => c.id === id)!;

/** Column letters → number. */
const colNum = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Our own evaluation of `VLOOKUP(X<r>,Sheet!$A$m:$B$n,k,0)` on the filled workbook. */
function evaluateLookup(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, formula: string): string | number | undefined {
  const m = /^VLOOKUP\(([A-Z]+)(\d+),'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+),(\d+),0\)$/.exec(formula);
  if (!m) throw new Error(`not a lookup: ${formula}`);
  const key = ws.getCell(Number(m[2]), colNum(m[1])).value;
  const table = wb.getWorksheet(m[3])!;
  for (let r = Number(m[5]); r <= Number(m[7]); r++) {
    if (key !== null && table.getCell(r, colNum(m[4])).value === key) return table.getCell(r, colNum(m[4]) + Number(m[8]) - 1).value as string | number;
  }
  return undefined;
}

const SUBJECT_COL = 4; // "Giá trị trong danh sách" is C, the choice D
async function fillMapping(file: string, choices: Record<string, string>, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Đối chiếu')!;
  ws.eachRow((row, r) => {
    const value = row.getCell(3).value;
    if (r > 4 && typeof value === 'string' && choices[value] !== undefined) row.getCell(SUBJECT_COL).value = choices[value];
  });
  await wb.xlsx.writeFile(to);
}

function command(input: string, out: string, template: string, extra: Partial<ExportCommand> = {}): ExportCommand {
  return { command: 'export', input, plan: 'thach-ha-2022', round: 'annual', year: 2023, map: {}, blankIsNo: false, force: false, quiet: false, to: 'lifesoft', template, out, ...extra };
}

test('eligible nominees fill the template through the list, the plan and the mapping chosen once; the kept lookups evaluate to the right codes', async () => {
  const template = path.join(dir, 'mau-nhap.xlsx');
  await importTemplate(3).xlsx.writeFile(template);
  const lists = path.join(dir, 'lists');
  fs.mkdirSync(lists);
  // Eligible: households (the catalogue's own name), a district office and a commune (no entry of that
  // name: which one they go under is the office's choice); not eligible: an enterprise (not exported).
  // Every row proposes "Giấy khen": the plan says which one ("Giấy khen của Chủ tịch UBND huyện").
  await writeList(path.join(lists, 'a.xlsx'), { rows: [byId('TH-05').cells, byId('TH-10').cells, byId('TH-06').cells] });
  await writeList(path.join(lists, 'b.xlsx'), {
    rows: [byId('TH-01').cells, { ...byId('TH-05').cells, [NAME]: 'Hộ ông Lê Văn Năm', [UNIT]: 'Thôn Mới' }, { ...byId('TH-10').cells, [NAME]: 'Phòng Tài chính' }],
  });

  // First export: the households written, the others blocked and listed in the mapping file.
  const first = await runExport(command(lists, path.join(dir, 'nhap-1.xlsx'), template, { json: path.join(dir, 'bao-cao-1.json') }), { write: () => true });
  expect(first.exitCode).toBe(1);
  expect(first.lines[0]).toMatch(/nhap-1\.xlsx: 2 đề nghị đủ điều kiện ghi vào mẫu nhập .*; 3 chờ đối chiếu danh mục, 0 trùng lặp/);
  const mappingFile = path.join(dir, 'doi-chieu-danh-muc.xlsx');
  expect(first.lines.at(-1)).toMatch(/doi-chieu-danh-muc\.xlsx: 2 giá trị cần chọn mục trong danh mục \(3 dòng chờ\)/);
  const report1 = JSON.parse(fs.readFileSync(path.join(dir, 'bao-cao-1.json'), 'utf8'));
  expect(report1.nominees.map((n: { name: string; status: string }) => [n.name, n.status])).toEqual([
    [byId('TH-05').cells[NAME], 'written'],
    [byId('TH-10').cells[NAME], 'blocked'],
    [byId('TH-01').cells[NAME], 'blocked'],
    ['Hộ ông Lê Văn Năm', 'written'],
    ['Phòng Tài chính', 'blocked'],
    [byId('TH-06').cells[NAME], 'not-eligible'],
  ]);
  expect(report1.nominees[0]).toMatchObject({ subject: { name: 'Hộ gia đình', by: 'list' }, award: { name: 'Giấy khen của Chủ tịch UBND huyện', by: 'plan' } });
  expect(report1.nominees[2].why).toEqual([expect.stringMatching(/^Phân loại đối tượng “Xã”: /)]);

  // The mapping file: one row per distinct value, its rows, and a dropdown of the catalogue's entries.
  const mwb = new ExcelJS.Workbook();
  await mwb.xlsx.readFile(mappingFile);
  const ms = mwb.getWorksheet('Đối chiếu')!;
  const rows = [5, 6].map((r) => [2, 3, 6, 7].map((c) => ms.getCell(r, c).value));
  expect(rows).toEqual([
    ['Phân loại đối tượng', 'Phòng, ban, ngành', 2, 'a.xlsx, dòng 3; b.xlsx, dòng 4'],
    ['Phân loại đối tượng', 'Xã', 1, 'b.xlsx, dòng 2'],
  ]);
  const dv = ms.getCell(5, SUBJECT_COL).dataValidation;
  expect(dv).toMatchObject({ type: 'list', formulae: [`'Danh mục'!$A$2:$A$${TEMPLATE_SUBJECTS.length + 1}`] });
  const offered: unknown[] = [];
  for (let r = 2; r <= TEMPLATE_SUBJECTS.length + 1; r++) offered.push(mwb.getWorksheet('Danh mục')!.getCell(r, 1).value);
  expect(offered).toEqual(TEMPLATE_SUBJECTS.map(([n]) => n));

  // The clerk chooses once; the next export uses the choices and says how many rows each carried.
  const filled = path.join(dir, 'doi-chieu-da-chon.xlsx');
  await fillMapping(mappingFile, { Xã: 'Cơ quan hành chính', 'Phòng, ban, ngành': 'Cơ quan hành chính' }, filled);
  const out = path.join(dir, 'nhap.xlsx');
  const outcome = await runExport(command(lists, out, template, { mapping: filled }), { write: () => true });
  expect(outcome.exitCode).toBe(0);
  expect(outcome.lines).toEqual([
    expect.stringMatching(/nhap\.xlsx: 5 đề nghị đủ điều kiện ghi vào mẫu nhập .*; 0 chờ đối chiếu danh mục, 0 trùng lặp/),
    '  theo tệp đối chiếu: Phân loại đối tượng “Phòng, ban, ngành” → “Cơ quan hành chính”: 2 dòng — by the mapping',
    '  theo tệp đối chiếu: Phân loại đối tượng “Xã” → “Cơ quan hành chính”: 1 dòng — by the mapping',
  ]);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('file nhận')!;
  const household = TEMPLATE_SUBJECTS.find(([n]) => n === 'Hộ gia đình')!;
  const agency = TEMPLATE_SUBJECTS.find(([n]) => n === 'Cơ quan hành chính')!;
  const award = TEMPLATE_AWARDS.find(([n]) => n === 'Giấy khen của Chủ tịch UBND huyện')!;
  const kind = (k: string) => TEMPLATE_CLASSES.find(([, code]) => code === k)!;
  const want = [
    [1, byId('TH-05').cells[NAME], kind('HOGIADINH'), household],
    [2, byId('TH-10').cells[NAME], kind('TAPTHE'), agency],
    [3, byId('TH-01').cells[NAME], kind('TAPTHE'), agency],
    [4, 'Hộ ông Lê Văn Năm', kind('HOGIADINH'), household],
    [5, 'Phòng Tài chính', kind('TAPTHE'), agency],
  ] as const;
  want.forEach(([stt, name, k, subject], i) => {
    const r = 2 + i;
    expect([ws.getCell(r, 1).value, ws.getCell(r, 3).value, ws.getCell(r, 6).value, ws.getCell(r, 7).value, ws.getCell(r, 8).value]).toEqual([stt, name, k[0], award[0], subject[0]]);
    const codes = [18, 19, 20].map((c) => {
      const v = ws.getCell(r, c).value as { formula: string; result: unknown };
      const evaluated = evaluateLookup(wb, ws, v.formula);
      expect(v.result).toEqual(evaluated); // the cached result is what Excel computes
      return evaluated;
    });
    expect(codes).toEqual([k[1], award[1], subject[1]]);
  });
  // Nominees went below the three prepared rows: the formulas were repeated for their rows.
  expect((ws.getCell(5, 19).value as { formula: string }).formula).toBe('VLOOKUP(G5,HTKT!$A$2:$B$300,2,0)');
  expect(ws.getCell(7, 3).value).toBeNull();

  // Nothing else changed: every other part of the package is the template's, byte for byte.
  const before = await JSZip.loadAsync(fs.readFileSync(template));
  const after = await JSZip.loadAsync(fs.readFileSync(out));
  expect(Object.keys(after.files).sort()).toEqual(Object.keys(before.files).sort());
  for (const name of Object.keys(before.files)) {
    if (name === 'xl/worksheets/sheet1.xml' || before.files[name].dir) continue;
    expect([name, await after.files[name].async('string')]).toEqual([name, await before.files[name].async('string')]);
  }

  // A choice that is not in the template's catalogue (a newer template): reported, never used.
  const stale = path.join(dir, 'doi-chieu-cu.xlsx');
  await fillMapping(mappingFile, { Xã: 'Cơ quan hành chính cấp xã', 'Phòng, ban, ngành': 'Cơ quan hành chính' }, stale);
  const again = await runExport(command(lists, path.join(dir, 'nhap-3.xlsx'), template, { mapping: stale, json: path.join(dir, 'bao-cao-3.json') }), { write: () => true });
  expect(again.exitCode).toBe(1);
  expect(again.lines).toContain('  tệp đối chiếu chọn “Cơ quan hành chính cấp xã” cho Phân loại đối tượng “Xã”, nhưng mẫu nhập không có mục này (mẫu mới hơn?); không dùng, chọn lại — a stale mapping entry, not used');
  const report3 = JSON.parse(fs.readFileSync(path.join(dir, 'bao-cao-3.json'), 'utf8'));
  expect(report3.summary).toMatchObject({ written: 4, blocked: 1, staleMappings: [{ kind: 'subject', value: 'Xã', choice: 'Cơ quan hành chính cấp xã' }] });
  // The new mapping file keeps the choice that worked and asks again for the stale one.
  const next = new ExcelJS.Workbook();
  await next.xlsx.readFile(report3.mappingFile);
  const nrows = [5, 6].map((r) => [3, 4].map((c) => next.getWorksheet('Đối chiếu')!.getCell(r, c).value));
  expect(nrows).toEqual([
    ['Xã', null],
    ['Phòng, ban, ngành', 'Cơ quan hành chính'],
  ]);
});
