/**
 * Plans kept in the workbook, on the fake Excel: "Chèn trang kế hoạch" writes a shipped plan as the
 * one-sheet layout, reading that sheet back gives the same plan, an edited cell is reported at its
 * sheet!cell and can be selected; a plan file (.json, .xlsx) is read as the command line reads it.
 */
import ExcelJS from 'exceljs';
import { planToTables } from '../../src/core/plan-book/to-tables';
import { PLAN_IDS, shippedPlan } from '../../src/plans';
import { ExcelAdapter } from '../../src/taskpane/excel-adapter';
import { planFromFile, planFromSheet, planSheetLayout } from '../../src/taskpane/plan-sheet';
import { buildPlanBook } from '../../src/xlsx/plan-book';
import { FakeContext, FakeWorkbook, fakeRun } from './fake-excel';
import { mockSettings } from './helpers';

function setup() {
  const book = new FakeWorkbook();
  book.addSheet('Danh sách');
  const contexts: FakeContext[] = [];
  const adapter = new ExcelAdapter(fakeRun(book, contexts), mockSettings().store, book.supports);
  return { book, adapter, contexts };
}

test.each(PLAN_IDS)('%s: inserted as a plan sheet and read back, it is the same plan', async (id) => {
  const { book, adapter, contexts } = setup();
  const plan = shippedPlan(id)!;
  const name = await adapter.plans.insertPlanSheet(planSheetLayout(plan.plan));
  expect(name).toBe('Kế hoạch');
  expect(contexts[0].syncCount).toBe(2);
  expect(book.active.name).toBe('Kế hoạch');
  const sheet = await adapter.plans.readPlanSheet();
  const read = planFromSheet(sheet!);
  if (!read.ok) throw new Error(read.problems.join('\n'));
  expect(planToTables(read.plan.plan)).toEqual(planToTables(plan.plan));
});

test('day/month deadlines and quotes stay text in the sheet (Text format before the values)', async () => {
  const { book, adapter } = setup();
  await adapter.plans.insertPlanSheet(planSheetLayout(shippedPlan('thach-ha-2022')!.plan));
  const ws = book.sheet('Kế hoạch');
  const texts = [...ws.cells.values()].filter((c) => typeof c.value === 'string' && c.value !== '');
  expect(texts.length).toBeGreaterThan(100);
  expect(texts.every((c) => c.numberFormat === '@')).toBe(true);
});

test('a second insert does not overwrite the first; an edited sheet lists every problem and selects the first', async () => {
  const { book, adapter } = setup();
  await adapter.plans.insertPlanSheet(planSheetLayout(shippedPlan('thach-ha-2022')!.plan));
  expect(await adapter.plans.insertPlanSheet(planSheetLayout(shippedPlan('dak-nong-2022')!.plan))).toBe('Kế hoạch 2');
  // The active sheet "Kế hoạch 2" is the one read.
  const ws = book.sheet('Kế hoạch 2');
  const cells = [...ws.cells.entries()];
  const op = cells.find(([, c]) => c.value === 'Có' && c.numberFormat === '@')!;
  const [row, col] = op[0].split(':').map(Number);
  ws.set(row, col, 'Xấp xỉ', '@');
  const read = planFromSheet((await adapter.plans.readPlanSheet())!);
  expect(read.ok).toBe(false);
  if (read.ok) return;
  const letter = String.fromCharCode(64 + col);
  expect(read.problems[0].startsWith(`Kế hoạch 2!${letter}${row}: “Xấp xỉ” không có trong danh sách`)).toBe(true);
  expect(read.first).toEqual({ sheet: 'Kế hoạch 2', cell: `${letter}${row}` });
  book.active = book.sheet('Danh sách');
  await adapter.plans.selectCell(read.first!.sheet, read.first!.cell);
  expect(book.active.name).toBe('Kế hoạch 2');
  expect(book.selection).toMatchObject({ row, col });
});

test('no plan sheet: null, so the pane can say to insert one', async () => {
  const { adapter } = setup();
  expect(await adapter.plans.readPlanSheet()).toBeNull();
});

describe('a plan file', () => {
  const plan = shippedPlan('quynh-nhai-2022')!;
  const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

  test('.json is the plan', async () => {
    const r = await planFromFile('kh.json', bytes(JSON.stringify(plan.plan)));
    expect(r.ok && r.plan.plan.id).toBe('quynh-nhai-2022');
  });

  test('.xlsx (the plan workbook) is the plan', async () => {
    const buf = await buildPlanBook(plan.plan).xlsx.writeBuffer();
    const r = await planFromFile('ke-hoach.xlsx', buf as ArrayBuffer);
    expect(r.ok && planToTables(r.plan.plan)).toEqual(planToTables(plan.plan));
  });

  test('problems are listed with the file name', async () => {
    const r = await planFromFile('kh.json', bytes('{"id": 1'));
    expect(r.ok ? [] : r.problems).toEqual([expect.stringMatching(/^kh\.json: không phải JSON hợp lệ/)]);
    const bad = await planFromFile('kh.json', bytes(JSON.stringify({ ...plan.plan, title: 5 })));
    expect(bad.ok ? [] : bad.problems).toContainEqual(expect.stringMatching(/^kh\.json: title: /));
    const wrong = await planFromFile('kh.txt', bytes(''));
    expect(wrong.ok ? [] : wrong.problems).toEqual(['kh.txt: chọn tệp kế hoạch .json hoặc sổ kế hoạch .xlsx']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const empty = await planFromFile('trong.xlsx', (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(empty.ok).toBe(false);
  });
});
