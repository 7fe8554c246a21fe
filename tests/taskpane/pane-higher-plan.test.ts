/**
 * The pane in Excel with "Kế hoạch cấp trên" (issue 18), on the fake Excel: the district's shipped
 * plan and the province's plan kept as the workbook's sheet of that name. The check judges the row
 * proposed for Bằng khen tỉnh by the province's plan and leaves every other row as the district's
 * plan alone leaves it; the summary sheet counts per plan and names both; the choice is saved so
 * that NTM.* formulas naming no plan judge with the same two plans; the row's explanation names
 * its plan.
 */
import { STATUS_LABELS_VI } from '../../src/core/report';
import { createFunctions } from '../../src/functions/adapter';
import { HIGHER_SHEET_NAME, readSettings, SETTINGS_KEY } from '../../src/functions/settings';
import { ExcelAdapter } from '../../src/taskpane/excel-adapter';
import { ExcelPane } from '../../src/taskpane/excel-mode';
import { TEXT } from '../../src/taskpane/messages';
import { HIGHER_SHEET } from '../../src/taskpane/higher-plan';
import { planSheetLayout } from '../../src/taskpane/plan-sheet';
import { fakeRun, type FakeSheet } from './fake-excel';
import { FakeView, until } from './fake-view';
import fs from 'node:fs';
import { HIGHER_PLAN_FILE, higherPlan } from '../helpers/higher-plan';
import { caseBook, mockSettings } from './helpers';

const PLAN = 'thach-ha-2022';
const higher = higherPlan();

async function setup(withHigher: boolean) {
  const book = await caseBook(PLAN);
  if (withHigher) {
    const ws = book.addSheet(HIGHER_SHEET_NAME);
    planSheetLayout(higher.plan).values.forEach((r, i) => r.forEach((v, j) => v !== '' && ws.set(i + 1, j + 1, v)));
  }
  const settings = mockSettings();
  const view = new FakeView();
  const pane = new ExcelPane(view.asView(), new ExcelAdapter(fakeRun(book), settings.store, book.supports), settings.store);
  await pane.start();
  view.change({ plan: PLAN, ...(withHigher ? { higherPlan: HIGHER_SHEET } : {}) });
  book.active = book.sheet('Danh sách');
  return { book, view, ...settings };
}

async function press(view: FakeView, button: 'checkButton' | 'exportButton'): Promise<void> {
  view[button].click();
  await until(() => !view.busyNow && view.message.kind !== 'busy', `${button} to finish`);
}

/** The "Kết quả" column the check wrote, by row: found by its header. */
function statuses(sheet: FakeSheet): Map<number, string> {
  const head = [...sheet.cells.values()].find((c) => c.value === 'Kết quả');
  if (!head) throw new Error('no result column');
  const out = new Map<number, string>();
  for (const c of sheet.cells.values()) if (c.col === head.col && c.row > head.row && c.value !== '') out.set(c.row, String(c.value));
  return out;
}

test('the province plan sheet judges Bằng khen tỉnh; every other row stays as the district plan alone judged it', async () => {
  const alone = await setup(false);
  await press(alone.view, 'checkButton');
  const before = statuses(alone.book.sheet('Danh sách'));

  const { book, view, saved } = await setup(true);
  await press(view, 'checkButton');
  expect(view.message.kind).toBe('info');
  expect(view.message.text).toMatch(/Xét theo: KH Thạch Hà 2022 — .* \| QĐ 3351 Hà Tĩnh — số 3351\/QĐ-UBND ngày 24\/11\/2021; giai đoạn 2021–2025; mã nội dung [0-9a-f]{12}; ntm-awards /);
  const after = statuses(book.sheet('Danh sách'));
  const changed = [...after].filter(([row, s]) => before.get(row) !== s);
  // The one row proposed for Bằng khen tỉnh: handed over alone, judged by the province's plan now.
  expect(changed.length).toBe(1);
  const [row, status] = changed[0];
  expect(before.get(row)).toBe(STATUS_LABELS_VI['not-covered']);
  expect(status).not.toBe(STATUS_LABELS_VI['not-covered']);

  // The choice is saved by the sheet's name, which the functions take.
  expect(JSON.parse(saved.get(SETTINGS_KEY) as string).higherPlan).toBe(HIGHER_SHEET_NAME);
});

test('the summary sheet counts the rows each plan judged and names both plans', async () => {
  const { book, view } = await setup(true);
  await press(view, 'exportButton');
  const summary = book.sheet('Tổng hợp');
  const texts = [...summary.cells.values()].map((c) => String(c.value));
  expect(texts.some((t) => t.includes('xét theo: KH Thạch Hà 2022 — ') && t.includes(' | QĐ 3351 Hà Tĩnh — '))).toBe(true);
  const title = [...summary.cells.values()].find((c) => c.value === 'Theo kế hoạch');
  expect(title).toBeDefined();
  const lines = [2, 3].map((k) => String(summary.cell(title!.row + k, 1)?.value ?? ''));
  expect(lines.some((l) => l.startsWith('KH Thạch Hà 2022 — '))).toBe(true);
  expect(lines.some((l) => l.startsWith('QĐ 3351 Hà Tĩnh — '))).toBe(true);
  // The province's plan judged one row; its count is in the "Tổng" column.
  const provinceRow = title!.row + 2 + lines.findIndex((l) => l.startsWith('QĐ 3351'));
  const cells = [...summary.cells.values()].filter((c) => c.row === provinceRow && typeof c.value === 'number');
  expect(Math.max(...cells.map((c) => c.value as number))).toBe(1);
});

test('a pane reopened on the workbook offers the saved higher-plan sheet again, and formulas naming no plan use it', async () => {
  const { book, view, store } = await setup(true);
  await press(view, 'checkButton');
  const again = new FakeView();
  await new ExcelPane(again.asView(), new ExcelAdapter(fakeRun(book), store, book.supports), store).start();
  expect(again.readOptions().higherPlan).toBe(HIGHER_SHEET);

  const fns = createFunctions({
    settings: () => readSettings(store),
    readSheetTop: () => Promise.reject(new Error('not used: headers are given')),
    async readPlanSheet(name) {
      const ws = book.sheets.find((s) => s.name === name);
      if (!ws) return null;
      const rows = planSheetLayout(higher.plan).values.map((r) => r.map((v) => (v === '' ? null : v)));
      return { sheet: { name, rows }, watched: true };
    },
  });
  const headers = ['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Năm'];
  const row = ['Nguyễn Văn An', 'Cán bộ', 'Bằng khen của Chủ tịch UBND tỉnh', 2024];
  // Judged by the province's plan (something is missing there), not handed over by the district's.
  await expect(fns.missing([row], [headers])).resolves.not.toBe('');
  const reasons = await fns.reasons([row], [headers]);
  expect(reasons.split('\n')[0]).toBe('Kế hoạch xét: QĐ 3351 Hà Tĩnh');
});

test('a higher plan file becomes the workbook\'s "Kế hoạch cấp trên" sheet, chosen and saved; the user stays on the list', async () => {
  const { book, view, saved } = await setup(false);
  const file = fs.readFileSync(HIGHER_PLAN_FILE);
  view.higherFileHandler?.('qd3351.json', file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  await until(() => !view.busyNow && view.message.kind !== 'busy' && view.message.text !== '', 'the file to be read');
  expect(view.message.text).toBe(TEXT.higherSheetInserted('qd3351.json', higher.plan.title, HIGHER_SHEET_NAME));
  expect(book.sheets.map((s) => s.name)).toContain(HIGHER_SHEET_NAME);
  expect(book.active.name).toBe('Danh sách');
  expect(view.readOptions().higherPlan).toBe(HIGHER_SHEET);
  expect(JSON.parse(saved.get(SETTINGS_KEY) as string).higherPlan).toBe(HIGHER_SHEET_NAME);
  await press(view, 'checkButton');
  expect(view.message.text).toContain(' | QĐ 3351 Hà Tĩnh — ');
});

test('an office\'s own "Kế hoạch cấp trên" sheet is never overwritten by a file: the file is used in this session only', async () => {
  const { book, view } = await setup(true);
  const before = book.sheet(HIGHER_SHEET_NAME).state();
  const edited = JSON.parse(fs.readFileSync(HIGHER_PLAN_FILE, 'utf8'));
  edited.title = 'Bản sửa trong tệp';
  const bytes = new TextEncoder().encode(JSON.stringify(edited));
  view.higherFileHandler?.('sua.json', bytes.buffer as ArrayBuffer);
  await until(() => !view.busyNow && view.message.text.startsWith('Đã đọc'), 'the file to be read');
  expect(view.message.text).toBe(TEXT.higherFileBesideSheet('sua.json', 'Bản sửa trong tệp', HIGHER_SHEET_NAME));
  expect(book.sheet(HIGHER_SHEET_NAME).state()).toEqual(before);
  expect(book.sheets.filter((s) => s.name.startsWith(HIGHER_SHEET_NAME))).toHaveLength(1);
});
