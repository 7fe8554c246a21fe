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

test('eligible nominees fill the template; the kept lookups evaluate to the right codes; others are reported', async () => {
  const template = path.join(dir, 'mau-nhap.xlsx');
  await importTemplate(3).xlsx.writeFile(template);
  const lists = path.join(dir, 'lists');
  fs.mkdirSync(lists);
  // Eligible: a household (own category), an agency (one "cơ quan" entry), a commune (no entry: reported);
  // not eligible: an enterprise failing the general standard (not exported at all).
  await writeList(path.join(lists, 'a.xlsx'), { rows: [byId('TH-05').cells, byId('TH-10').cells, byId('TH-06').cells] });
  await writeList(path.join(lists, 'b.xlsx'), {
    rows: [byId('TH-01').cells, { ...byId('TH-05').cells, [NAME]: 'Hộ ông Lê Văn Năm', [UNIT]: 'Thôn Mới' }, { ...byId('TH-10').cells, [NAME]: 'Phòng Tài chính' }],
  });
  const out = path.join(dir, 'nhap.xlsx');
  const cmd: ExportCommand = { command: 'export', input: lists, plan: 'thach-ha-2022', round: 'annual', year: 2023, map: {}, blankIsNo: false, force: false, quiet: false, to: 'lifesoft', template, out };
  const outcome = await runExport(cmd, { write: () => true });

  expect(outcome.exitCode).toBe(1);
  expect(outcome.lines[0]).toMatch(/^.*nhap\.xlsx: 4 đề nghị đủ điều kiện ghi vào mẫu nhập/);
  expect(outcome.lines.slice(1)).toEqual([`b.xlsx, dòng 2: ${byId('TH-01').cells[NAME]} — đối tượng “Xã” không có trong danh mục PLDT của mẫu nhập (không ghi vào mẫu nhập)`]);

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
    [3, 'Hộ ông Lê Văn Năm', kind('HOGIADINH'), household],
    [4, 'Phòng Tài chính', kind('TAPTHE'), agency],
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
  // A fourth nominee went below the three prepared rows: the formulas were repeated for its row.
  expect((ws.getCell(5, 19).value as { formula: string }).formula).toBe('VLOOKUP(G5,HTKT!$A$2:$B$300,2,0)');
  expect(ws.getCell(6, 3).value).toBeNull();

  // Nothing else changed: every other part of the package is the template's, byte for byte.
  const before = await JSZip.loadAsync(fs.readFileSync(template));
  const after = await JSZip.loadAsync(fs.readFileSync(out));
  expect(Object.keys(after.files).sort()).toEqual(Object.keys(before.files).sort());
  for (const name of Object.keys(before.files)) {
    if (name === 'xl/worksheets/sheet1.xml' || before.files[name].dir) continue;
    expect([name, await after.files[name].async('string')]).toEqual([name, await before.files[name].async('string')]);
  }
});
