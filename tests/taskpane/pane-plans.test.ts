/**
 * The pane with plans beyond the shipped ones, on the fake Excel: "Chèn trang kế hoạch", the picker's
 * "Kế hoạch trong sổ này" (checked on choosing, every problem listed, the first one's cell
 * selected) and a plan file; a check with either gives what the shipped plan gives.
 */
import { SETTINGS_KEY } from '../../src/functions/settings';
import { shippedPlan } from '../../src/plans';
import { ExcelAdapter } from '../../src/taskpane/excel-adapter';
import { ExcelPane } from '../../src/taskpane/excel-mode';
import { TEXT } from '../../src/taskpane/messages';
import { FILE_PLAN, SHEET_PLAN } from '../../src/taskpane/plan-sheet';
import { type FakeWorkbook, fakeRun } from './fake-excel';
import { FakeView, until } from './fake-view';
import { caseBook, mockSettings } from './helpers';

const PLAN = 'thach-ha-2022';

async function setup() {
  const book = await caseBook(PLAN);
  const settings = mockSettings();
  const view = new FakeView();
  const pane = new ExcelPane(view.asView(), new ExcelAdapter(fakeRun(book), settings.store, book.supports), settings.store);
  await pane.start();
  return { book, view, ...settings };
}

/** Click and wait for the action to finish (buttons are disabled while it runs). */
async function press(view: FakeView, button: keyof Pick<FakeView, 'checkButton' | 'insertPlanButton'>): Promise<void> {
  view[button].click();
  await until(() => !view.busyNow && view.message.kind !== 'busy', `${button} to finish`);
}

/** The list sheet after a check with the plan the view has chosen. */
async function checkedList(book: FakeWorkbook, view: FakeView): Promise<unknown> {
  book.active = book.sheet('Danh sách');
  await press(view, 'checkButton');
  // The pane names the plan that judged, with its fingerprint and the product version (issue 18).
  expect(view.message?.kind).toBe('info');
  expect(view.message?.text).toMatch(/^Đã kiểm tra trang "Danh sách"\. Xét theo: KH Thạch Hà 2022 — .*; mã nội dung [0-9a-f]{12}; ntm-awards \d+\.\d+\.\d+\.$/);
  return book.sheet('Danh sách').state();
}

test('"Chèn trang kế hoạch" then "Kế hoạch trong sổ này": the check gives what the shipped plan gives', async () => {
  const shipped = await setup();
  const expected = await checkedList(shipped.book, shipped.view);

  const { book, view, saved } = await setup();
  view.change({ plan: PLAN });
  await press(view, 'insertPlanButton');
  expect(view.message.text).toBe(TEXT.planSheetInserted('Kế hoạch', PLAN));
  expect(book.active.name).toBe('Kế hoạch');
  view.change({ plan: SHEET_PLAN });
  await until(() => view.message.text === TEXT.planSheetOk('Kế hoạch', shippedPlan(PLAN)!.plan.title), 'the plan sheet to be checked');
  expect(view.sources).toEqual([SHEET_PLAN]);
  expect(await checkedList(book, view)).toEqual(expected);
  // The functions cannot read "@sheet": the saved plan is left out, they take the range instead.
  expect(JSON.parse(saved.get(SETTINGS_KEY) as string).plan).toBeUndefined();
});

test('an edited plan sheet with problems: all listed, the first one selected, no check run', async () => {
  const { book, view } = await setup();
  await press(view, 'insertPlanButton');
  const ws = book.sheet('Kế hoạch');
  const find = (v: string) => {
    const hit = [...ws.cells.entries()].find(([, c]) => c.value === v);
    const [row, col] = hit![0].split(':').map(Number);
    return { row, col };
  };
  const a = find('Có');
  ws.set(a.row, a.col, 'Xấp xỉ', '@');
  const b = find('Tham mưu cơ chế, chính sách');
  ws.set(b.row, b.col, 'Cột không có', '@');
  book.active = book.sheet('Danh sách');
  view.change({ plan: SHEET_PLAN });
  await until(() => view.message.kind === 'error', 'the problems');
  const lines = view.message.text.split('\n');
  expect(lines[0]).toBe('Trang "Kế hoạch" có 2 lỗi (ô của lỗi đầu tiên đã được chọn):');
  const cell = (p: { row: number; col: number }) => `Kế hoạch!${String.fromCharCode(64 + p.col)}${p.row}: `;
  expect(lines[1].startsWith(cell(a))).toBe(true);
  expect(lines[2].startsWith(`${cell(b)}không có cột “Cột không có”`)).toBe(true);
  await until(() => book.selection !== null, 'the selection');
  expect(book.active.name).toBe('Kế hoạch');
  expect(book.selection).toMatchObject(a);
  // Checking now reports the same problems and writes nothing.
  const before = book.sheet('Danh sách').state();
  book.active = book.sheet('Danh sách');
  await press(view, 'checkButton');
  expect(view.message.text.split('\n')[0]).toBe(lines[0]);
  expect(book.sheet('Danh sách').state()).toEqual(before);
});

test('no plan sheet yet: the pane says how to make one', async () => {
  const { view } = await setup();
  view.change({ plan: SHEET_PLAN });
  await until(() => view.message.kind === 'error', 'the message');
  expect(view.message.text).toBe(TEXT.noPlanSheet);
});

test('a plan file (.json) is offered in the picker and checks as the shipped plan does', async () => {
  const shipped = await setup();
  const expected = await checkedList(shipped.book, shipped.view);
  const { book, view } = await setup();
  const bytes = new TextEncoder().encode(JSON.stringify(shippedPlan(PLAN)!.plan)).buffer as ArrayBuffer;
  view.chooseFile('ke-hoach.json', bytes);
  await until(() => view.message.kind === 'info' && view.message.text.startsWith('Đã đọc tệp'), 'the file to be read');
  expect(view.options.plan).toBe(FILE_PLAN);
  expect(view.conditionsOf).toBe(PLAN);
  expect(view.sources).toEqual([SHEET_PLAN, FILE_PLAN]);
  expect(await checkedList(book, view)).toEqual(expected);
  view.chooseFile('hong.json', new TextEncoder().encode('{').buffer as ArrayBuffer);
  await until(() => view.message.kind === 'error', 'the problem');
  expect(view.message.text).toMatch(/^Tệp "hong.json" có 1 lỗi:\nhong\.json: không phải JSON hợp lệ/);
});
