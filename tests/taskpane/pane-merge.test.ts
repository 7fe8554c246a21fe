/**
 * "Gộp danh sách" in Excel (issue 10 §2), on the fake Excel: the list sheets of the open workbook
 * merged into one new sheet, duplicates across sheets named, the user's sheets left as they were,
 * the product's own sheets not read as lists, and the merged sheet checkable like any list.
 */
import { ExcelAdapter } from '../../src/taskpane/excel-adapter';
import { ExcelPane } from '../../src/taskpane/excel-mode';
import { isOwnSheet, MERGED_SHEET } from '../../src/taskpane/merge-io';
import { shippedPlan } from '../../src/plans';
import { type FakeContext, type FakeSheet, type FakeWorkbook, fakeRun, WEB_PAYLOAD_LIMIT } from './fake-excel';
import { FakeView, until } from './fake-view';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { bigBook, caseBook, copySheet, mockSettings, WORKBOOKS } from './helpers';

async function setup(book: FakeWorkbook) {
  const settings = mockSettings();
  const view = new FakeView();
  const contexts: FakeContext[] = [];
  const pane = new ExcelPane(view.asView(), new ExcelAdapter(fakeRun(book, contexts), settings.store, book.supports), settings.store);
  await pane.start();
  view.change({ plan: 'thach-ha-2022', year: 2023 });
  const syncs = () => contexts.reduce((n, c) => n + c.syncCount, 0);
  return { view, syncs };
}

async function press(view: FakeView, button: 'mergeButton' | 'checkButton'): Promise<void> {
  view[button].click();
  await until(() => !view.busyNow && view.message.kind !== 'busy', `${button} to finish`);
}

/** A second unit's list: one collective of its own and an individual already on "Danh sách" (row 17). */
function secondList(sheet: FakeSheet): void {
  const rows: (string | number)[][] = [
    ['STT', 'Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị'],
    [1, 'lê văn  Bình', 'Nông dân', 'Xóm 3, xã Thạch Văn', 'Giấy khen'],
    [2, 'UBND xã Thạch Mỹ', 'Xã', '', 'Giấy khen'],
  ];
  rows.forEach((r, i) => r.forEach((v, j) => v !== '' && sheet.set(i + 1, j + 1, v)));
}

async function book(): Promise<FakeWorkbook> {
  const b = await caseBook('thach-ha-2022');
  secondList(b.addSheet('Đơn vị 2'));
  b.addSheet('Ghi chú').set(1, 1, 'Hạn nộp hồ sơ: 05/12');
  // An earlier summary holding a copy of a list: the product's own sheet, never merged.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
  copySheet(wb.worksheets[0], b.addSheet('Tổng hợp'));
  return b;
}

function column(sheet: FakeSheet, header: string): (string | number | boolean | undefined)[] {
  let col = 0;
  for (let c = 1; c < 60; c++) if (sheet.cell(1, c)?.value === header) col = c;
  expect(col).toBeGreaterThan(0);
  let last = 1;
  for (const c of sheet.cells.values()) last = Math.max(last, c.row);
  return Array.from({ length: last - 1 }, (_, i) => sheet.cell(i + 2, col)?.value);
}

test('two list sheets with a nominee on both: one new sheet with every nominee, the duplicate naming the other, originals untouched', async () => {
  const b = await book();
  const before = b.sheets.map((s) => s.state());
  const { view, syncs } = await setup(b);
  const start = syncs();
  await press(view, 'mergeButton');
  // The sheet names, one request per small sheet read (Danh sách, Đơn vị 2, Ghi chú; not the own "Tổng hợp"), the write.
  expect(syncs() - start).toBe(5);
  expect(view.message.kind).toBe('info');
  expect(view.message.text).toContain('Đã gộp 14 dòng đề nghị từ 2 trang (Danh sách, Đơn vị 2) vào trang "Danh sách tổng hợp"; 2 dòng trùng lặp');
  expect(view.message.text).toContain('bỏ qua trang không có danh sách: Ghi chú');
  expect(b.sheets.slice(0, before.length).map((s) => s.state())).toEqual(before);

  const merged = b.sheet(MERGED_SHEET);
  expect(b.active).toBe(merged);
  const names = column(merged, 'Tên tập thể, cá nhân');
  const kept = names.filter((n) => n !== undefined && n !== 'TẬP THỂ' && n !== 'CÁ NHÂN');
  expect(kept).toHaveLength(14);
  // Collectives first (section I), then individuals (section II).
  expect(names[0]).toBe('TẬP THỂ');
  const individuals = names.indexOf('CÁ NHÂN');
  expect(names.indexOf('UBND xã Thạch Mỹ')).toBeLessThan(individuals);
  expect(names.indexOf('Trần Thị Lan')).toBeGreaterThan(individuals);
  expect(names.indexOf('lê văn  Bình')).toBeGreaterThan(individuals);

  const dup = column(merged, 'Trùng lặp');
  const sheetOf = column(merged, 'Trang tính nguồn');
  const rowOf = column(merged, 'Dòng nguồn');
  const flagged = dup.map((d, i) => ({ d, sheet: sheetOf[i], row: rowOf[i] })).filter((x) => x.d);
  // Both occurrences flagged, each naming the other (their order is the core's, by unit).
  expect(flagged).toHaveLength(2);
  expect(flagged).toEqual(
    expect.arrayContaining([
      { d: 'Trùng với Sổ này, trang Đơn vị 2, dòng 2', sheet: 'Danh sách', row: 17 },
      { d: 'Trùng với Sổ này, trang Danh sách, dòng 17', sheet: 'Đơn vị 2', row: 2 },
    ]),
  );
  // Texts are written as text: a date typed as "01/12/2023" stays that text.
  const at = (v: unknown) => [...merged.cells.values()].find((c) => c.value === v);
  expect(at('01/12/2023')?.numberFormat).toBe('@');

  // The merged list is a list like any other: "Kiểm tra" checks it.
  await press(view, 'checkButton');
  expect(view.message?.kind).toBe('info');
  expect(view.message?.text).toMatch(new RegExp(`^Đã kiểm tra trang "${MERGED_SHEET}"\\. Xét theo: KH Thạch Hà 2022 — `));

  // A second merge does not read the first one's sheet as a list, and takes a free name.
  b.active = b.sheet('Danh sách');
  await press(view, 'mergeButton');
  expect(view.message.text).toContain(`14 dòng đề nghị từ 2 trang (Danh sách, Đơn vị 2) vào trang "${MERGED_SHEET} 2"`);
});

test('no list in the workbook: the pane says so and adds nothing', async () => {
  const b = await caseBook('thach-ha-2022');
  b.sheets = [];
  b.active = b.addSheet('Ghi chú');
  b.sheet('Ghi chú').set(1, 1, 'Ghi chú');
  const { view } = await setup(b);
  await press(view, 'mergeButton');
  expect(view.message.kind).toBe('error');
  expect(view.message.text).toMatch(/^Không có trang nào có danh sách đề nghị để gộp \(đã xem: Ghi chú\)/);
  expect(b.sheets.map((s) => s.name)).toEqual(['Ghi chú']);
});

test('the product\'s own sheets are not lists', () => {
  for (const n of ['Tổng hợp', 'Tổng hợp 2', 'Giải thích', 'Kế hoạch', 'Danh mục', 'Danh sách tổng hợp 3']) expect(isOwnSheet(n)).toBe(true);
  for (const n of ['Danh sách', 'Tổng hợp xã', 'Đơn vị 2']) expect(isOwnSheet(n)).toBe(false);
});

test('a 10,000-row list (each nominee repeated, so every "Trùng lặp" cell is long) merges within the web payload cap', async () => {
  const b = await bigBook(10_000);
  const contexts: FakeContext[] = [];
  const adapter = new ExcelAdapter(fakeRun(b, contexts), mockSettings().store, b.supports);
  const done = await adapter.merge.mergeWorkbook(shippedPlan('thach-ha-2022')!, { round: 'annual', year: 2023 }, 'Sổ này');
  expect(done.nominees).toBe(10_000);
  expect(b.largestPayload).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  expect(column(b.sheet(MERGED_SHEET), 'Tên tập thể, cá nhân').filter((n) => n !== undefined)).toHaveLength(10_000 + 2);
});

test('lists that together pass 5 MB (a 20,000-row sheet and a second list): every sheet read in slices under the response cap', async () => {
  const b = await bigBook(20_000);
  secondList(b.addSheet('Đơn vị 2'));
  // The old one-request read of every sheet is what the host refuses.
  await expect(
    fakeRun(b)(async (context) => {
      const used = context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
      used.load('values,numberFormat');
      await context.sync();
    }),
  ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  b.largestPayload = 0;
  const contexts: FakeContext[] = [];
  const adapter = new ExcelAdapter(fakeRun(b, contexts), mockSettings().store, b.supports);
  const done = await adapter.merge.mergeWorkbook(shippedPlan('thach-ha-2022')!, { round: 'annual', year: 2023 }, 'Sổ này');
  expect(done.merged).toEqual([
    { file: 'Sổ này', sheet: 'Danh sách', rows: 20_000 },
    { file: 'Sổ này', sheet: 'Đơn vị 2', rows: 2 },
  ]);
  expect(done.nominees).toBe(20_002);
  expect(b.largestPayload).toBeGreaterThan(1_000_000);
  expect(b.largestPayload).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  // Heavy duplication stays readable: three others named, the rest counted.
  const dups = column(b.sheet(MERGED_SHEET), 'Trùng lặp').filter((d): d is string => typeof d === 'string' && d !== '');
  expect(dups.length).toBeGreaterThan(19_000);
  for (const d of dups) expect(d).toMatch(/^Trùng với (Sổ này, (trang [^,]+, )?dòng \d+(; )?){1,3}( và \d+ nơi khác)?$/);
  expect(dups.some((d) => / và \d{3,} nơi khác$/.test(d))).toBe(true);
}, 180_000);
