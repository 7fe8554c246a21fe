/**
 * The pane as a user drives it, on the fake Excel: NTM.* formula cells follow every change of the
 * settings they read (plan, round, year, column mapping) and "Xóa kết quả" without the user
 * pressing anything, and a document-settings save that Office reports as failed is told to the
 * user while the session stays consistent.
 */
import type { Cell } from '../../src/core/cell';
import { createFunctions, FunctionError, type NtmFunctions } from '../../src/functions/adapter';
import { readSettings, type SettingsStore } from '../../src/functions/settings';
import { PLAN_IDS } from '../../src/plans';
import { ExcelAdapter } from '../../src/taskpane/excel-adapter';
import { ExcelPane } from '../../src/taskpane/excel-mode';
import { readRecord } from '../../src/taskpane/record';
import { colNumber, fakeRun, type FakeCell, type FakeSheet, type FakeWorkbook } from './fake-excel';
import { FakeView, until } from './fake-view';
import { caseBook, mockSettings } from './helpers';

/** The NTM functions as Excel would run them in this workbook: settings from the store, sheet tops from the fake. */
function functionsOf(book: FakeWorkbook, store: SettingsStore): NtmFunctions {
  return createFunctions({
    settings: () => readSettings(store),
    async readSheetTop(name) {
      const sheet = book.sheet(name);
      const rows: Cell[][] = [];
      for (let r = 1; r <= 62; r++) {
        const row: Cell[] = [];
        for (let c = 1; c <= 40; c++) {
          const v = sheet.cell(r, c)?.value;
          row.push({ value: v === undefined || v === '' ? null : v });
        }
        rows.push(row);
      }
      return { name, rows, merges: [] };
    },
    // A plan named by its sheet ("Kế hoạch cấp trên"): the sheet's used cells from A1.
    async readPlanSheet(name) {
      const sheet = book.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!sheet) return null;
      const rows: (string | number | boolean | null)[][] = [];
      for (const c of sheet.cells.values()) {
        while (rows.length < c.row) rows.push([]);
        const v = c.value;
        rows[c.row - 1][c.col - 1] = v === '' || v === undefined || v === null ? null : (v as string | number | boolean);
      }
      return { sheet: { name: sheet.name, rows: rows.map((r) => Array.from(r, (v) => v ?? null)) }, watched: false };
    },
  });
}

const FORMULA = /^=NTM\.(REASONS|AWARDTIER|MISSING)\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/;

/** Evaluate "=NTM.REASONS(A5:X5)"-style formulas, giving an Excel error as its code. */
async function evaluate(fns: NtmFunctions, sheet: FakeSheet, cell: FakeCell, plan?: string): Promise<string> {
  const m = FORMULA.exec(cell.formula ?? '');
  if (!m) return String(cell.value);
  const [, fn, c1, r, c2] = m;
  const row: unknown[] = [];
  for (let c = colNumber(c1); c <= colNumber(c2); c++) row.push(sheet.cell(Number(r), c)?.value ?? '');
  const address = `'${sheet.name}'!${c1}${r}:${c2}${r}`;
  try {
    const call = fn === 'REASONS' ? fns.reasons : fn === 'AWARDTIER' ? fns.awardTier : fns.missing;
    return await call([row], undefined, plan, [address]);
  } catch (e) {
    return e instanceof FunctionError ? e.code : '#VALUE!';
  }
}

async function setup() {
  const book = await caseBook('thach-ha-2022');
  const sheet = book.sheet('Danh sách');
  const settings = mockSettings();
  const fns = functionsOf(book, settings.store);
  book.calculator = (s, c) => evaluate(fns, s, c);
  const view = new FakeView();
  const adapter = new ExcelAdapter(fakeRun(book), settings.store, book.supports);
  const pane = new ExcelPane(view.asView(), adapter, settings.store);
  await pane.start();
  // The user's formula beside the list, first calculated with the plan the pane starts on.
  const cell = sheet.ensure(5, 40);
  cell.formula = '=NTM.REASONS(A5:X5)';
  cell.value = await evaluate(fns, sheet, cell, view.options.plan);
  return { book, sheet, cell, view, fns, ...settings };
}

describe('NTM.* cells never go stale', () => {
  test('choosing another plan in the pane recalculates the function cells with it', async () => {
    const { book, sheet, cell, view, fns } = await setup();
    const first = view.options.plan as string;
    const other = PLAN_IDS.find((id) => id !== first) as string;
    const before = cell.value;
    expect(before).toBe(await evaluate(fns, sheet, cell, first));
    const expected = await evaluate(fns, sheet, cell, other);
    expect(expected).not.toBe(before);

    view.change({ plan: other });
    await until(() => book.calculations.length > 0, 'a recalculation');
    await until(() => cell.value !== before, 'the cell to change');
    expect(book.calculations).toEqual(['Full']);
    expect(cell.value).toBe(expected);
  });

  test('a plain recalculation would not be enough: the cells are not dirty', async () => {
    const { book, cell, view, store } = await setup();
    const before = cell.value;
    // What the pane must not rely on: settings changed, Excel asked only for dirty cells.
    store.set('ntm-awards', { plan: PLAN_IDS.find((id) => id !== view.options.plan) });
    const run = fakeRun(book);
    await run(async (context) => {
      context.workbook.application.calculate('Recalculate');
      await context.sync();
    });
    expect(cell.value).toBe(before);
  });

  test('changing the round or year recalculates too; an unchanged option does not', async () => {
    const { book, view } = await setup();
    view.change({ year: 2023 });
    await until(() => book.calculations.length === 1, 'a recalculation for the year');
    view.change({ round: 'tong-ket' });
    await until(() => book.calculations.length === 2, 'a recalculation for the round');
    view.change({});
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(book.calculations).toHaveLength(2);
  });

  test('Xóa kết quả recalculates the function cells', async () => {
    const { book, view } = await setup();
    view.checkButton.click();
    await until(() => view.message.kind !== 'busy' && !view.busyNow && /Đã kiểm tra/.test(view.message.text), 'the check');
    const calculations = book.calculations.length;
    view.clearButton.click();
    await until(() => /Đã xóa kết quả/.test(view.message.text), 'the clear');
    expect(book.calculations.length).toBe(calculations + 1);
    expect(book.calculations[book.calculations.length - 1]).toBe('Full');
  });
});

describe('a failed settings save', () => {
  test('after Kiểm tra: the user is told in Vietnamese, and Xóa kết quả still restores the sheet in this session', async () => {
    const { book, sheet, view, store, persisted, saves } = await setup();
    const original = JSON.stringify(sheet.state());
    saves.fail = true;
    view.checkButton.click();
    await until(() => !view.busyNow && view.message.kind === 'error', 'the check to end with a message');
    expect(view.message.text).toMatch(/^Đã kiểm tra trang "Danh sách"\..*Không lưu được bản ghi kết quả vào sổ làm việc \(The document is read-only\.\)/);
    // Results are on the sheet, the session's record describes them, the document's does not.
    const rec = readRecord(store).sheets;
    expect(rec).toHaveLength(1);
    expect(sheet.cell(rec[0].top, rec[0].firstCol)?.value).toBe('Kết quả');
    expect(persisted.has('ntm-awards.results')).toBe(false);

    view.clearButton.click();
    await until(() => !view.busyNow && /xóa/i.test(view.message.text), 'the clear');
    expect(view.message.kind).toBe('error');
    expect(view.message.text).toMatch(/^Đã xóa kết quả nhưng không lưu được/);
    expect(JSON.stringify(sheet.state())).toBe(original);

    // Once saving works again, the next action persists the session's settings.
    saves.fail = false;
    view.change({ year: 2024 });
    await until(() => persisted.has('ntm-awards'), 'a save');
    expect(JSON.parse(persisted.get('ntm-awards.results') as string)).toEqual({ version: 1, sheets: [] });
    expect(book.calculations.length).toBeGreaterThan(0);
  });

  test('after a change of options: the user is told, and the functions still use the new options', async () => {
    const { book, cell, view, fns, sheet, saves } = await setup();
    const other = PLAN_IDS.find((id) => id !== view.options.plan) as string;
    saves.fail = true;
    view.change({ plan: other });
    await until(() => view.message.kind === 'error', 'the message');
    expect(view.message.text).toMatch(/^Không lưu được tùy chọn vào sổ làm việc \(The document is read-only\.\)/);
    await until(() => book.calculations.length > 0, 'a recalculation');
    expect(cell.value).toBe(await evaluate(fns, sheet, cell, other));
  });
});
