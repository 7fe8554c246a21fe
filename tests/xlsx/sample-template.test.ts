/**
 * The shipped sample import template (samples/mau-nhap-lifesoft.xlsx, issue 21) is what
 * scripts/sample-template.ts builds — `node build/scripts/sample-template.js` remakes it — and has
 * the shape of a system's template: a list sheet whose code columns look up its catalogue sheets.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_AWARDS, SAMPLE_CLASSES, SAMPLE_SUBJECTS } from '../../scripts/sample-template';
import { inspectTemplate } from '../../src/xlsx/import-template';

test('the committed sample holds the script\'s catalogues, looked up by the list sheet\'s formulas', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.resolve(__dirname, '../../samples/mau-nhap-lifesoft.xlsx'));
  const shape = inspectTemplate(wb);
  if ('problem' in shape) throw new Error(shape.problem);
  expect(shape.sheet).toBe('file nhận');
  const bySheet = Object.fromEntries(shape.lookups.map((l) => [l.sheet, l.entries.map((e) => [e.name, e.code])]));
  expect(bySheet.HTKT).toEqual(SAMPLE_AWARDS);
  expect(bySheet.PLDT).toEqual(SAMPLE_SUBJECTS);
  expect(bySheet['phan loai kt']).toEqual(SAMPLE_CLASSES);
  expect(wb.worksheets.filter((s) => s.state === 'hidden').map((s) => s.name)).toEqual(['HTKT', 'PLDT', 'LVHD', 'phan loai kt']);
});
