/**
 * The pane inside a pretend Excel exports the workbook's lists into an import template (issue 21):
 * the values the catalogue lacks listed with a dropdown each; the choices saved in the workbook
 * (its document settings) and used by the next export, also after the pane is opened again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_SUBJECTS } from '../../scripts/sample-template';
import { caseBook } from '../taskpane/helpers';
import { fakeOfficeScript } from './fake-office';
import { expectClean, openPane, startHarness, type Harness } from './harness';

jest.setTimeout(90_000);

let h: Harness;
let tmp: string;
beforeAll(async () => {
  h = await startHarness();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-pane-export-'));
});
afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

declare const window: { __fake: { saved: Record<string, string> } };
const TEMPLATE = path.resolve(__dirname, '../../samples/mau-nhap-lifesoft.xlsx');

test('Xuất mẫu nhập in Excel: unresolved values with dropdowns, the choice saved in the workbook and used', async () => {
  const w = await openPane(h, fakeOfficeScript(await caseBook('thach-ha-2022')));
  const { page } = w;
  await page.waitForSelector('#mapping:not([hidden])');
  expect(await page.isHidden('#lifesoft-mapping')).toBe(true); // the workbook keeps the choices, not a file
  expect(await page.textContent('#lifesoft-save')).toBe('Lưu lựa chọn vào sổ');
  await page.selectOption('#plan', 'thach-ha-2022');
  await page.selectOption('#round', 'annual');
  await page.fill('#year', '2023');
  await page.press('#year', 'Tab');
  await page.setInputFiles('#lifesoft-template', TEMPLATE);
  const [first] = await Promise.all([page.waitForEvent('download'), page.click('#lifesoft-export')]);
  expect(first.suggestedFilename()).toBe('nhap.xlsx');
  await page.waitForSelector('#lifesoft-unresolved:not([hidden]) tbody tr');
  const values = await page.$$eval('#lifesoft-unresolved tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
  expect([...values].sort()).toEqual(['Phòng, ban, ngành', 'Thôn', 'Xã']);
  expect(await page.textContent('#message')).toMatch(/^2 đề nghị đủ điều kiện đã ghi vào mẫu nhập \(nhap\.xlsx\), 3 chờ đối chiếu danh mục/);

  // Choose for "Xã", save in the workbook.
  await page.selectOption(`#lifesoft-unresolved tbody tr:nth-child(${values.indexOf('Xã') + 1}) select`, 'Cơ quan Hành chính');
  await page.click('#lifesoft-save');
  await page.waitForFunction(() => 'ntm-awards-doi-chieu-danh-muc' in window.__fake.saved);
  expect(JSON.parse(await page.evaluate(() => window.__fake.saved['ntm-awards-doi-chieu-danh-muc']))).toEqual([{ kind: 'subject', value: 'Xã', choice: 'Cơ quan Hành chính' }]);

  // The next export uses it: the commune is written with its code.
  const [second] = await Promise.all([page.waitForEvent('download'), page.click('#lifesoft-export')]);
  const filled = path.join(tmp, 'nhap.xlsx');
  await second.saveAs(filled);
  expect(await page.textContent('#message')).toMatch(/^3 đề nghị đủ điều kiện đã ghi .*“Xã” → “Cơ quan Hành chính”: 1 dòng/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(filled);
  const ws = wb.getWorksheet('file nhận')!;
  const subjects: unknown[][] = [];
  for (let r = 2; ws.getCell(r, 3).value !== null; r++) subjects.push([ws.getCell(r, 8).value, (ws.getCell(r, 20).value as { result?: unknown }).result]);
  expect(subjects).toContainEqual(['Cơ quan Hành chính', SAMPLE_SUBJECTS.find(([n]) => n === 'Cơ quan Hành chính')![1]]);
  expectClean(w);
  await w.context.close();
});
