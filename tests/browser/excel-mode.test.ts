/**
 * The built pane inside a pretend Excel (a fake office.js served from the CDN address, over the
 * fake workbook of the adapter tests): the buttons, pickers, mapping preview, counts and reasons
 * work end to end on the Thạch Hà case, and "Xóa kết quả" leaves the workbook as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STATUS_LABELS_VI } from '../../src/core/report';
import type { Status } from '../../src/core/evaluate';
import { HIGHER_SHEET_NAME } from '../../src/functions/settings';
import { planSheetLayout } from '../../src/taskpane/plan-sheet';
import { higherPlan } from '../helpers/higher-plan';
import { caseBook } from '../taskpane/helpers';
import { fakeOfficeScript } from './fake-office';
import { expectClean, openPane, startHarness, WORKBOOKS, type Harness, type Watched } from './harness';

jest.setTimeout(60_000);

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

interface PageFake {
  book: { state(): unknown; sheets: { name: string; charts: unknown[] }[]; selection: unknown; selectionHandlers: (() => unknown)[]; sheet(n: string): unknown };
  saved: Record<string, string>;
  contexts: { syncCount: number }[];
}
declare const window: { __fake: PageFake };

async function excelPane(): Promise<Watched> {
  const w = await openPane(h, fakeOfficeScript(await caseBook('thach-ha-2022')));
  await w.page.waitForSelector('#mapping:not([hidden])');
  return w;
}

const expected = JSON.parse(fs.readFileSync(path.join(WORKBOOKS, 'thach-ha-2022.expected.json'), 'utf8')) as {
  rows: Record<string, { name: string; status: Status }>;
};

test('Kiểm tra, reasons on selection, Xuất tổng hợp, Tạo mẫu and Xóa kết quả, in Vietnamese, with no page error', async () => {
  const w = await excelPane();
  const { page } = w;
  const original = await page.evaluate(() => JSON.stringify(window.__fake.book.state()));
  expect(await page.isHidden('#file-box')).toBe(true);
  expect(await page.isHidden('#download')).toBe(true);
  expect(await page.textContent('#check')).toBe('Kiểm tra');

  await page.selectOption('#plan', 'thach-ha-2022');
  await page.selectOption('#round', 'annual');
  await page.fill('#year', '2023');
  await page.press('#year', 'Tab'); // "change": the options are saved in the workbook
  await page.waitForFunction(() => 'ntm-awards' in window.__fake.saved);
  expect(JSON.parse(await page.evaluate(() => window.__fake.saved['ntm-awards']))).toMatchObject({ plan: 'thach-ha-2022', round: 'annual', year: 2023 });

  await page.click('#check');
  await page.waitForSelector('#counts:not([hidden])');
  expect(await page.textContent('#counts')).toMatch(/^12 dòng: 5 Đủ điều kiện, 5 Không đủ điều kiện, 1 Thiếu thông tin, 1 Ngoài phạm vi kế hoạch; 2 trễ hạn\.$/);
  expect(await page.getAttribute('#message', 'class')).toBe('message');
  // The pane names the plan that judged, with its fingerprint and the product version (issue 18).
  expect(await page.textContent('#message')).toMatch(/^Đã kiểm tra trang "Danh sách"\. Xét theo: KH Thạch Hà 2022 — .*; mã nội dung [0-9a-f]{12}; ntm-awards /);
  expect(await page.evaluate(() => window.__fake.contexts.map((c) => c.syncCount))).toContain(3);
  // The mapping preview: each sheet column with what it was taken for.
  expect(await page.$$eval('#mapping-body tbody tr', (trs) => trs.length)).toBeGreaterThan(10);
  expect(await page.$eval('#mapping-body tbody tr:nth-child(2) select', (s) => (s as HTMLSelectElement).value)).toBe('Tên tập thể, cá nhân');

  // Selecting a row shows its reasons, with citations.
  for (const row of [8, 13]) {
    await page.evaluate((r) => {
      const f = window.__fake;
      f.book.selection = { sheet: f.book.sheet('Danh sách'), row: r, col: 2 };
      f.book.selectionHandlers.forEach((handler) => handler());
    }, row);
    const e = expected.rows[String(row)];
    await page.waitForFunction((text) => document.querySelector('#reasons-body strong')?.textContent === text, `Dòng ${row}: ${e.name}`);
    expect(await page.textContent('#reasons-body .status')).toBe(STATUS_LABELS_VI[e.status]);
  }
  const lines = await page.$$eval('#reasons-body li', (lis) => lis.map((li) => li.textContent ?? ''));
  expect(lines.length).toBeGreaterThan(0);

  await page.click('#export');
  await page.waitForFunction(() => window.__fake.book.sheets.some((s) => s.name === 'Tổng hợp'));
  await page.waitForFunction(() => document.querySelector('#message')?.textContent?.startsWith('Đã thêm trang "Tổng hợp"'));
  expect(await page.evaluate(() => window.__fake.book.sheets.find((s) => s.name === 'Tổng hợp')?.charts.length)).toBe(1);

  await page.click('#template');
  await page.waitForFunction(() => document.querySelector('#message')?.textContent?.startsWith('Đã thêm trang mẫu "Danh sách 2"'));
  const withTemplate = await page.evaluate(() => window.__fake.book.sheets.map((s) => s.name));
  expect(withTemplate).toEqual(expect.arrayContaining(['Danh sách 2', 'Danh mục']));

  await page.click('#clear');
  await page.waitForFunction(() => document.querySelector('#message')?.textContent?.startsWith('Đã xóa kết quả'));
  // Everything the check and the summary wrote is gone; the template the user asked for stays.
  const after = await page.evaluate(() => {
    const state = window.__fake.book.state() as { sheets: { name: string }[] };
    return JSON.stringify({ sheets: state.sheets.filter((s) => s.name !== 'Danh sách 2' && s.name !== 'Danh mục') });
  });
  expect(JSON.parse(after)).toEqual(JSON.parse(original));
  expect(await page.isHidden('#counts')).toBe(true);
  expectClean(w);
  await w.context.close();
});

test('a sheet without a recognisable header gets a one-line message, and a saved manual mapping fixes it', async () => {
  const w = await excelPane();
  const { page } = w;
  // Rename the name header to something the standard columns do not know.
  await page.evaluate(() => {
    const sheet = window.__fake.book.sheet('Danh sách') as { set(r: number, c: number, v: string): void };
    sheet.set(3, 2, 'Người được đề nghị');
  });
  await page.selectOption('#plan', 'thach-ha-2022');
  await page.click('#check');
  await page.waitForSelector('#message.error');
  expect(await page.textContent('#message')).toMatch(/^Không tìm thấy dòng tiêu đề trong trang "Danh sách"/);

  await page.click('#preview');
  await page.waitForSelector('#mapping-body .hint');
  expect(await page.textContent('#mapping-body')).toContain('chưa tìm thấy dòng tiêu đề');
  // Map column B by hand, as the pane's picker would save it, then check again.
  await page.evaluate(() => {
    const s = window.__fake.saved;
    const settings = JSON.parse(s['ntm-awards'] ?? '{}');
    settings.mappings = { 'Danh sách': { manual: { 'Tên tập thể, cá nhân': 'B' } } };
    s['ntm-awards'] = JSON.stringify(settings);
  });
  await page.click('#check');
  await page.waitForSelector('#counts:not([hidden])');
  expect(await page.textContent('#counts')).toMatch(/^12 dòng/);
  // The picker shows column B as the name column, and changing it is saved per sheet.
  const row = page.locator('#mapping-body tbody tr', { hasText: 'Người được đề nghị' });
  expect(await row.locator('select').inputValue()).toBe('Tên tập thể, cá nhân');
  await row.locator('select').selectOption('');
  await page.waitForFunction(() => !JSON.parse(window.__fake.saved['ntm-awards']).mappings['Danh sách'].manual['Tên tập thể, cá nhân']);
  expectClean(w);
  await w.context.close();
});

test('with the workbook\'s "Kế hoạch cấp trên" sheet: the row handed over is judged by the province, its explanation names the plan, the choice is saved', async () => {
  const book = await caseBook('thach-ha-2022');
  const ws = book.addSheet(HIGHER_SHEET_NAME);
  planSheetLayout(higherPlan().plan).values.forEach((r, i) => r.forEach((v, j) => v !== '' && ws.set(i + 1, j + 1, v)));
  book.active = book.sheet('Danh sách');
  const w = await openPane(h, fakeOfficeScript(book));
  const { page } = w;
  await page.waitForSelector('#mapping:not([hidden])');
  await page.selectOption('#plan', 'thach-ha-2022');
  await page.fill('#year', '2023');
  await page.press('#year', 'Tab');
  await page.selectOption('#higher-plan', '@higher-sheet');
  await page.waitForFunction((name) => JSON.parse(window.__fake.saved['ntm-awards'] ?? '{}').higherPlan === name, HIGHER_SHEET_NAME);

  await page.click('#check');
  await page.waitForSelector('#counts:not([hidden])');
  // Alone, the district plan hands row 16's Bằng khen tỉnh over; the province's plan judges it.
  expect(await page.textContent('#counts')).toMatch(/^12 dòng: 5 Đủ điều kiện, 5 Không đủ điều kiện, 2 Thiếu thông tin, 0 Ngoài phạm vi kế hoạch/);
  expect(await page.textContent('#message')).toMatch(/Xét theo: KH Thạch Hà 2022 — .* \| QĐ 3351 Hà Tĩnh — số 3351\/QĐ-UBND/);
  await page.evaluate(() => {
    const f = window.__fake;
    f.book.selection = { sheet: f.book.sheet('Danh sách'), row: 16, col: 2 };
    f.book.selectionHandlers.forEach((handler) => handler());
  });
  await page.waitForFunction(() => document.querySelector('#reasons-body strong')?.textContent?.startsWith('Dòng 16'));
  expect(await page.$$eval('#reasons-body p', (ps) => ps.map((p) => p.textContent))).toContain('Kế hoạch xét: QĐ 3351 Hà Tĩnh');
  expectClean(w);
  await w.context.close();
});
