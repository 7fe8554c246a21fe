/**
 * The pane's Excel adapter on a fake workbook that keeps Office.js's batching rules: what a check
 * writes (only its five columns, plus recorded fills), what "Xóa kết quả" restores (everything),
 * that checking twice changes nothing, how many syncs a 10,000-row check costs, the summary sheet
 * and its chart, the template and its dropdowns.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FILLS, RESULT_HEADERS, resultCells, STATUS_LABELS_VI } from '../../src/core/report';
import { templateModel } from '../../src/core/template';
import { shippedPlan } from '../../src/plans';
import { ExcelAdapter, PAYLOAD_BUDGET, payloadSlices, type CheckRequest } from '../../src/taskpane/excel-adapter';
import { readRecord } from '../../src/taskpane/record';
import { officeColor, templateLayout } from '../../src/taskpane/results-model';
import { checkWorkbook } from '../../src/xlsx/check-workbook';
import { FakeContext, FakeWorkbook, fakeRun, type FakeSheet } from './fake-excel';
import { bigBook, caseBook, mockSettings, WORKBOOKS } from './helpers';

const plan = shippedPlan('thach-ha-2022')!;
const expected = JSON.parse(fs.readFileSync(path.join(WORKBOOKS, 'thach-ha-2022.expected.json'), 'utf8')) as {
  rows: Record<string, { status: keyof typeof STATUS_LABELS_VI; deadline: string; missing: string[] }>;
};

function request(manual?: Record<string, string>): CheckRequest {
  return { plan, ctx: { round: 'annual', year: 2023 }, manualFor: () => manual };
}

function setup(book: FakeWorkbook) {
  const contexts: FakeContext[] = [];
  const { store, saved } = mockSettings();
  const adapter = new ExcelAdapter(fakeRun(book, contexts), store, book.supports);
  const syncs = () => contexts.reduce((n, c) => n + c.syncCount, 0);
  return { adapter, contexts, store, saved, syncs };
}

/** Cells as a user sees them: value, formula and number format (fills are checked separately). */
function userContent(sheet: FakeSheet, maxCol: number) {
  return [...sheet.cells.entries()]
    .filter(([k]) => Number(k.split(':')[1]) <= maxCol)
    .map(([k, c]) => [k, c.value, c.formula ?? null, c.numberFormat])
    .filter(([, v, f, n]) => v !== '' || f !== null || n !== 'General');
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('Kiểm tra on the Thạch Hà case workbook', () => {
  test('writes the five result columns beside the table, with the statuses of the expected file', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    const { adapter, contexts } = setup(book);
    const done = await adapter.check(request());
    if (!done.ok) throw new Error(done.message);
    // One Excel.run: read, previous fills, write.
    expect(contexts.map((c) => c.syncCount)).toEqual([3]);
    // The table ends in column X (24): results start in Y, on the header row 3.
    expect(RESULT_HEADERS.map((_, i) => sheet.cell(3, 25 + i)?.value)).toEqual([...RESULT_HEADERS]);
    for (const [row, e] of Object.entries(expected.rows)) {
      expect(sheet.cell(Number(row), 25)?.value).toBe(STATUS_LABELS_VI[e.status]);
      expect(sheet.cell(Number(row), 25)?.fill?.color).toBe(officeColor(FILLS.status[e.status]));
    }
    expect(done.check.items.map((i) => i.row)).toEqual(Object.keys(expected.rows).map(Number));
    // The section row "II. CÁ NHÂN" between nominees gets no result.
    expect(sheet.cell(14, 25)?.value ?? '').toBe('');
  });

  test('the result columns hold the texts the engine gives each row', async () => {
    const book = await caseBook('thach-ha-2022');
    const { adapter } = setup(book);
    await adapter.check(request());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
    const checked = checkWorkbook(wb, 'thach-ha-2022.xlsx', plan, { round: 'annual', year: 2023 });
    if ('problem' in checked) throw new Error(checked.problem);
    const sheet = book.sheet('Danh sách');
    // The five texts the engine gives each row (the checked copy shortens only "Lý do", and links it).
    for (const item of checked.items) {
      resultCells(item.decision).forEach((text, i) => expect([item.row, 25 + i, sheet.cell(item.row, 25 + i)?.value ?? '']).toEqual([item.row, 25 + i, text]));
    }
  });

  test('user cells and formulas are untouched; only missing cells and late rows get a fill', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    // Năm kế hoạch of row 5 as a formula: read through its cached result, never rewritten.
    sheet.setFormula(5, 11, '=2022+1', 2023);
    const before = clone(userContent(sheet, 24));
    const fillsBefore = new Map([...sheet.cells].map(([k, c]) => [k, c.fill]));
    const { adapter } = setup(book);
    await adapter.check(request());
    expect(userContent(sheet, 24)).toEqual(before);
    const changed = [...sheet.cells].filter(([k, c]) => Number(k.split(':')[1]) <= 24 && JSON.stringify(c.fill) !== JSON.stringify(fillsBefore.get(k)));
    // Row 7 misses Năm kế hoạch (K); row 10 misses Ngày trình (F); rows 8 and 15 are late (their name cell, B).
    expect(changed.map(([k, c]) => [k, c.fill?.color]).sort()).toEqual(
      [
        ['7:11', officeColor(FILLS.missingCell)],
        ['10:6', officeColor(FILLS.missingCell)],
        ['8:2', officeColor(FILLS.lateRow)],
        ['15:2', officeColor(FILLS.lateRow)],
      ].sort(),
    );
  });

  test('Xóa kết quả puts the sheet back exactly, including a fill the user had on a highlighted cell', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    sheet.ensure(7, 11).fill = { color: '#00B0F0', pattern: 'Solid' };
    sheet.ensure(8, 2).fill = { color: '#FFFF00', pattern: 'LightUp', patternColor: '#FF0000' };
    const original = clone(book.state());
    const { adapter, store } = setup(book);
    await adapter.check(request());
    expect(sheet.cell(7, 11)?.fill?.color).toBe(officeColor(FILLS.missingCell));
    await adapter.exportSummary(request());
    expect(book.sheets.map((s) => s.name)).toContain('Tổng hợp');
    const done = await adapter.clear();
    expect(done).toEqual({ cleared: ['Danh sách'], moved: [], summaryDeleted: true });
    expect(book.state()).toEqual(original);
    expect(readRecord(store).sheets).toEqual([]);
    expect(await adapter.clear()).toBeNull();
  });

  test('checking twice gives the same sheet, and one clear still restores the original', async () => {
    const book = await caseBook('thach-ha-2022');
    const original = clone(book.state());
    const { adapter } = setup(book);
    await adapter.check(request());
    const once = clone(book.state());
    await adapter.check(request());
    expect(book.state()).toEqual(once);
    await adapter.clear();
    expect(book.state()).toEqual(original);
  });

  test('a re-check with other options replaces the earlier results instead of adding columns', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    const original = clone(book.state());
    const { adapter } = setup(book);
    await adapter.check(request());
    const done = await adapter.check({ ...request(), ctx: { round: 'annual', year: 2023, deadline: '2023-12-01' } });
    if (!done.ok) throw new Error(done.message);
    expect(sheet.usedRect(true)?.right).toBe(29);
    expect(done.check.summary.late).toBeGreaterThan(2);
    await adapter.clear();
    expect(book.state()).toEqual(original);
  });

  test('a column of the user headed "Kết quả" is not taken for the add-in\'s', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    RESULT_HEADERS.forEach((h, i) => sheet.set(3, 25 + i, h));
    sheet.set(5, 25, 'ghi chú của người dùng');
    const original = clone(book.state());
    const { adapter } = setup(book);
    await adapter.check(request());
    expect(sheet.cell(3, 30)?.value).toBe(RESULT_HEADERS[0]);
    expect(sheet.cell(5, 25)?.value).toBe('ghi chú của người dùng');
    await adapter.clear();
    expect(book.state()).toEqual(original);
  });

  test('a sheet that comes back with another id (reopened workbook) is still recognised by its name and headers', async () => {
    const book = await caseBook('thach-ha-2022');
    const original = clone(book.state());
    const { adapter } = setup(book);
    await adapter.check(request());
    book.sheet('Danh sách').id = '{REOPENED}';
    const once = clone(book.state());
    await adapter.check(request());
    expect(book.state()).toEqual(once);
    await adapter.clear();
    expect(book.state()).toEqual(original);
  });

  test('results edited by hand are left alone by Xóa kết quả, with a message', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    const { adapter } = setup(book);
    await adapter.check(request());
    sheet.set(3, 25, 'Kết luận');
    const done = await adapter.clear();
    expect(done?.moved).toEqual(['Danh sách']);
    expect(sheet.cell(5, 25)?.value).toBe(STATUS_LABELS_VI.eligible);
  });
});

describe('reading cells', () => {
  test('an error value (#N/A from a lookup) counts as blank, not as an unreadable value', async () => {
    const book = await caseBook('thach-ha-2022');
    book.sheet('Danh sách').setError(5, 11, '#N/A');
    const { adapter } = setup(book);
    const done = await adapter.check(request());
    if (!done.ok) throw new Error(done.message);
    const d = done.check.items.find((i) => i.row === 5)!.decision;
    expect(d.missing).toContain('Năm kế hoạch');
    expect(d.unreadable).toEqual([]);
  });

  test('results are written in slices under the web payload cap, covering every row once', () => {
    const long = 'Lý do rất dài, có dấu tiếng Việt. '.repeat(100);
    const values = Array.from({ length: 3000 }, (_, i) => [String(i), long]);
    const slices = payloadSlices(values);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices[0][0]).toBe(0);
    expect(slices[slices.length - 1][1]).toBe(values.length);
    slices.slice(1).forEach(([from], k) => expect(from).toBe(slices[k][1]));
    for (const [from, to] of slices) expect(Buffer.byteLength(JSON.stringify(values.slice(from, to)))).toBeLessThan(PAYLOAD_BUDGET);
    expect(payloadSlices([['a', 'b']])).toEqual([[0, 1]]);
  });
});

describe('text is written as text', () => {
  test('a name starting with "=", "+", "-" or "@" stays exactly that text in the summary sheet', async () => {
    const book = await caseBook('thach-ha-2022');
    const sheet = book.sheet('Danh sách');
    const names = ['=1+1 xã', '+84 Hộ', '-Thôn Đông', '@Lan'];
    names.forEach((n, i) => sheet.set(6 + i, 2, n, '@'));
    const { adapter } = setup(book);
    const done = await adapter.exportSummary(request());
    if (!done.ok) throw new Error(done.message);
    const summary = book.sheet('Tổng hợp');
    const texts = [...summary.cells.values()].filter((c) => typeof c.value === 'string');
    expect(texts.filter((c) => c.formula !== undefined)).toEqual([]);
    for (const n of names) expect(texts.some((c) => c.value === n)).toBe(true);
  });
});

describe('sync count', () => {
  test('a pane check of 10,000 rows costs at most 6 syncs, none of them past the web payload cap', async () => {
    const book = await bigBook(10_000);
    const { adapter, contexts } = setup(book);
    const done = await adapter.check(request());
    if (!done.ok) throw new Error(done.message);
    expect(done.check.items).toHaveLength(10_000);
    expect(contexts).toHaveLength(1);
    // The read in three slices (500 rows, then sized from their bytes), previous fills, and the
    // results in two slices (about 4.7 MB of text in all).
    expect(contexts[0].syncCount).toBeLessThanOrEqual(6);
    expect(book.largestPayload).toBeLessThanOrEqual(book.payloadLimit);
    // Again: the sheet now also holds the first check's long "Lý do" texts, so the read takes more slices.
    await adapter.check(request());
    expect(contexts[1].syncCount).toBeLessThanOrEqual(8);
    await adapter.exportSummary(request());
    expect(contexts[2].syncCount).toBeLessThanOrEqual(8);
    expect(book.largestPayload).toBeLessThanOrEqual(book.payloadLimit);
    await adapter.clear();
    expect(contexts[3].syncCount).toBe(3);
  }, 60_000);
});

describe('Xuất tổng hợp', () => {
  test('adds "Tổng hợp" with the summary tables and a stacked column chart of status by tier', async () => {
    const book = await caseBook('thach-ha-2022');
    const { adapter, store } = setup(book);
    const done = await adapter.exportSummary(request());
    if (!done.ok) throw new Error(done.message);
    const summary = book.sheet('Tổng hợp');
    expect(book.active).toBe(summary);
    expect(summary.charts).toHaveLength(1);
    const chart = summary.charts[0];
    expect(chart.type).toBe('ColumnStacked');
    expect(chart.seriesBy).toBe('Columns');
    // The chart's source is the tier × status table: its header row and one row per proposed tier.
    const header = [1, 2, 3, 4, 5].map((c) => summary.cell(chart.source.top, c)?.value);
    expect(header).toEqual(['Hình thức đề nghị', ...(['eligible', 'ineligible', 'incomplete', 'not-covered'] as const).map((s) => STATUS_LABELS_VI[s])]);
    expect(chart.source.right).toBe(5);
    expect(summary.cell(chart.source.top - 1, 1)?.value).toBe('Hình thức đề nghị × kết quả');
    expect(typeof summary.cell(chart.source.top + 1, 2)?.value).toBe('number');
    expect(readRecord(store).summarySheetId).toBe(summary.id);
    // Exporting again, from the list (the export made the summary active), replaces the sheet
    // instead of adding "Tổng hợp 2": a mark left on the first one is gone with it.
    summary.set(500, 30, 'bản cũ');
    book.active = book.sheet('Danh sách');
    const again = await adapter.exportSummary(request());
    expect(again.ok && again.summarySheet).toBe('Tổng hợp');
    const replaced = book.sheets.filter((s) => s.name.startsWith('Tổng hợp'));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).not.toBe(summary);
    expect(replaced[0].cell(500, 30)).toBeUndefined();
    expect(replaced[0].charts).toHaveLength(1);
    expect(readRecord(store).summarySheetId).toBe(replaced[0].id);
  });

  test('a user sheet already called "Tổng hợp" is kept', async () => {
    const book = await caseBook('thach-ha-2022');
    book.addSheet('Tổng hợp').set(1, 1, 'của người dùng');
    book.active = book.sheet('Danh sách');
    const { adapter } = setup(book);
    const done = await adapter.exportSummary(request());
    expect(done.ok && done.summarySheet).toBe('Tổng hợp 2');
    expect(book.sheet('Tổng hợp').cell(1, 1)?.value).toBe('của người dùng');
  });
});

describe('Tạo mẫu', () => {
  test('inserts a blank sheet with the plan columns and list dropdowns fed from a hidden sheet', async () => {
    const book = await caseBook('thach-ha-2022');
    const { adapter, contexts } = setup(book);
    const model = templateModel(plan);
    const name = await adapter.insertTemplate(templateLayout(model));
    expect(name).toBe('Danh sách 2');
    expect(contexts[0].syncCount).toBe(2);
    const ws = book.sheet(name);
    const headers = ['STT', ...model.columns.map((c) => c.header)];
    expect(headers.map((_, i) => ws.cell(4, i + 1)?.value)).toEqual(headers);
    const lists = book.sheet('Danh mục');
    expect(lists.visibility).toBe('Hidden');
    const enumerated = model.columns.filter((c) => c.options?.length);
    expect(ws.validations).toHaveLength(enumerated.length);
    for (const col of enumerated) {
      const c = headers.indexOf(col.header) + 1;
      const v = ws.validations.find((x) => x.rect.left === c);
      expect(v?.rect).toEqual({ top: 5, bottom: 1004, left: c, right: c });
      const source = (v?.rule as { list: { source: string; inCellDropDown: boolean } }).list;
      expect(source.inCellDropDown).toBe(true);
      const m = /^='Danh mục'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(source.source);
      expect(m).not.toBeNull();
      const listCol = [...(m as RegExpExecArray)[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const options = col.options!.map((_, k) => lists.cell(k + 2, listCol)?.value);
      expect(options).toEqual(col.options);
      expect(Number((m as RegExpExecArray)[2])).toBe(col.options!.length + 1);
    }
    expect(ws.frozenRows).toBe(4);
  });
});

describe('column mapping', () => {
  function oddSheet(): FakeWorkbook {
    const book = new FakeWorkbook();
    const s = book.addSheet('DS');
    ['TT', 'Người được đề nghị', 'Đối tượng', 'Hình thức đề nghị', 'Ngày trình'].forEach((h, i) => s.set(2, i + 1, h));
    s.set(3, 1, 1);
    s.set(3, 2, 'UBND xã Thạch Đài');
    s.set(3, 3, 'Xã');
    s.set(3, 4, 'Giấy khen');
    s.set(3, 5, '01/12/2023');
    return book;
  }

  test('a sheet whose name column is not recognised needs a manual mapping, which then works', async () => {
    const book = oddSheet();
    const { adapter } = setup(book);
    const failed = await adapter.check(request());
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.message).toMatch(/^Không tìm thấy dòng tiêu đề trong trang "DS"/);
    const done = await adapter.check(request({ 'Tên tập thể, cá nhân': 'B' }));
    if (!done.ok) throw new Error(done.message);
    expect(done.check.match.columns['Tên tập thể, cá nhân']).toBe(2);
    expect(book.sheet('DS').cell(2, 6)?.value).toBe(RESULT_HEADERS[0]);
  });

  test('the preview reads the top of the sheet in one sync and leaves the add-in\'s columns out', async () => {
    const book = await caseBook('thach-ha-2022');
    const { adapter, contexts } = setup(book);
    await adapter.check(request());
    const grid = await adapter.readSample();
    expect(contexts[1].syncCount).toBe(1);
    expect(grid.sheetName).toBe('Danh sách');
    expect(grid.rows[2].slice(24).every((c) => c.value === null)).toBe(true);
    expect(grid.rows[2][1].value).toBe('Tên tập thể, cá nhân');
  });
});

describe('two-row merged headers', () => {
  test('the result headers are merged over both rows, and clear unmerges them', async () => {
    const book = new FakeWorkbook();
    const s = book.addSheet('Sheet1');
    s.set(1, 1, 'STT');
    s.set(1, 2, 'Tên tập thể, cá nhân');
    s.set(1, 3, 'Đối tượng');
    s.set(1, 4, 'Hình thức đề nghị');
    s.set(1, 5, 'Tiêu chuẩn');
    s.set(2, 5, 'Tiêu biểu trong phong trào');
    for (const c of [1, 2, 3, 4]) s.merges.push({ top: 1, left: c, bottom: 2, right: c });
    s.set(3, 1, 1);
    s.set(3, 2, 'UBND xã A');
    s.set(3, 3, 'Xã');
    s.set(3, 4, 'Giấy khen');
    s.set(3, 5, 'Có');
    const original = clone(book.state());
    const { adapter } = setup(book);
    const done = await adapter.check(request());
    if (!done.ok) throw new Error(done.message);
    expect(done.check.match.headerRows).toBe(2);
    expect(s.merges).toContainEqual({ top: 1, left: 6, bottom: 2, right: 6 });
    expect(s.cell(1, 6)?.value).toBe(RESULT_HEADERS[0]);
    await adapter.clear();
    expect(book.state()).toEqual(original);
  });
});
