/**
 * The page outside Excel exports into an import template (issue 21): a list and the project's
 * sample template picked from disk; the values the catalogue lacks listed, each with a dropdown;
 * a choice made there carried by the next export; the choices downloaded as doi-chieu-danh-muc.xlsx,
 * which the command line's --mapping reads the same way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_SUBJECTS } from '../../scripts/sample-template';
import { readMapping } from '../../src/xlsx/mapping-file';
import { loadCases } from '../helpers/cases';
import { NAME, writeList } from '../helpers/workbook';
import { expectClean, openPane, startHarness, type Harness } from './harness';

jest.setTimeout(90_000);

let h: Harness;
let tmp: string;
beforeAll(async () => {
  h = await startHarness();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-page-export-'));
});
afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const TEMPLATE = path.resolve(__dirname, '../../samples/mau-nhap-lifesoft.xlsx');

test('export on the page: unresolved values with a dropdown each, a choice carried, the mapping file downloaded', async () => {
  const cases = loadCases('thach-ha-2022').rows;
  const list = path.join(tmp, 'ds.xlsx');
  await writeList(list, { rows: cases.map((c) => c.cells) });
  const eligible = cases.filter((c) => c.expect.status === 'eligible');

  const w = await openPane(h);
  const { page } = w;
  await page.waitForSelector('#lifesoft:not([hidden])');
  await page.setInputFiles('#file', list);
  await page.selectOption('#plan', 'thach-ha-2022');
  await page.selectOption('#round', 'annual');
  await page.fill('#year', '2023');
  await page.setInputFiles('#lifesoft-template', TEMPLATE);
  const [first] = await Promise.all([page.waitForEvent('download'), page.click('#lifesoft-export')]);
  expect(first.suggestedFilename()).toBe('nhap.xlsx');
  await page.waitForSelector('#lifesoft-unresolved:not([hidden]) tbody tr');

  // One row per value the catalogue lacks, each with the catalogue's subject entries to choose from.
  const rows = await page.$$eval('#lifesoft-unresolved tbody tr', (trs) =>
    trs.map((tr) => ({ cells: Array.from(tr.children).map((td) => td.textContent ?? ''), options: Array.from(tr.querySelectorAll('option')).map((o) => o.value) })),
  );
  expect(rows.map((r) => r.cells[1]).sort()).toEqual(['Phòng, ban, ngành', 'Thôn', 'Xã']);
  for (const r of rows) expect(r.options).toEqual(['', ...SAMPLE_SUBJECTS.map(([n]) => n)]);
  expect(await page.textContent('#message')).toMatch(/2 đề nghị đủ điều kiện đã ghi vào mẫu nhập \(nhap\.xlsx\), 3 chờ đối chiếu danh mục/);

  // The clerk chooses for "Xã" and exports again: that row is written.
  const xa = rows.findIndex((r) => r.cells[1] === 'Xã');
  await page.selectOption(`#lifesoft-unresolved tbody tr:nth-child(${xa + 1}) select`, 'Cơ quan Hành chính');
  const [second] = await Promise.all([page.waitForEvent('download'), page.click('#lifesoft-export')]);
  const filled = path.join(tmp, 'nhap.xlsx');
  await second.saveAs(filled);
  expect(await page.textContent('#message')).toMatch(/3 đề nghị đủ điều kiện đã ghi .*“Xã” → “Cơ quan Hành chính”: 1 dòng/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(filled);
  const ws = wb.getWorksheet('file nhận')!;
  const commune = eligible.find((c) => c.cells['Đối tượng'] === 'Xã')!.cells[NAME];
  const written: unknown[][] = [];
  for (let r = 2; ws.getCell(r, 3).value !== null; r++) written.push([ws.getCell(r, 3).value, ws.getCell(r, 8).value, (ws.getCell(r, 20).value as { result?: unknown }).result]);
  expect(written).toContainEqual([commune, 'Cơ quan Hành chính', SAMPLE_SUBJECTS.find(([n]) => n === 'Cơ quan Hành chính')![1]]);

  // The choices, downloaded: the command line reads the same mapping file.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#lifesoft-save')]);
  expect(saved.suggestedFilename()).toBe('doi-chieu-danh-muc.xlsx');
  const mappingPath = path.join(tmp, 'doi-chieu-danh-muc.xlsx');
  await saved.saveAs(mappingPath);
  const mapping = new ExcelJS.Workbook();
  await mapping.xlsx.readFile(mappingPath);
  expect(readMapping(mapping)).toEqual({ choices: [{ kind: 'subject', value: 'Xã', choice: 'Cơ quan Hành chính' }] });
  expectClean(w);
  await w.context.close();
});
