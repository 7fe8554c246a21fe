/**
 * The Office.js side (workbook.ts) against office-addin-mock: one Excel.run and one sync per sheet
 * read, the sample laid out at its sheet rows and columns, merges and settings read, and the cache
 * dropped when the header zone is edited.
 */
// office-addin-mock needs only the OfficeApp names from office-addin-manifest, whose own
// dependencies are ES modules that jest's CommonJS runtime cannot load.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { OfficeMockObject } from 'office-addin-mock';
import { createFunctions } from '../../src/functions/adapter';
import { SETTINGS_KEY, type AddinSettings } from '../../src/functions/settings';
import { officeHost, parseAreas, topRowOf, TOP_ROWS, type ExcelLike, type OfficeLike } from '../../src/functions/workbook';
import { planSheetLayout } from '../../src/taskpane/plan-sheet';
import { higherPlan } from '../helpers/higher-plan';
import { CASE_FILES, excelRow, listSheet, planHeaders } from './fixtures';

interface SheetData {
  /** Office.js `values` of the used part of rows 1..62, and where that part starts (0-based). */
  values: unknown[][];
  rowIndex: number;
  columnIndex: number;
  merges?: string;
  /** The whole sheet's used range, when it is read as a plan sheet (default: the same as the top). */
  whole?: { values: unknown[][]; rowIndex: number; columnIndex: number };
}

function mockExcel(sheets: Record<string, SheetData>) {
  const calls = {
    runs: 0,
    syncs: 0,
    ranges: [] as string[],
    handlers: new Map<string, ((e: { address: string }) => Promise<void>)[]>(),
    /** The workbook's sheet-deleted handlers (ExcelApi 1.7). */
    deleted: [] as ((e: { worksheetId: string }) => Promise<void>)[],
  };
  const worksheets: Record<string, unknown> = {
    getItem(this: Record<string, unknown>, name: string) {
      if (!(name in sheets)) throw new Error(`ItemNotFound: ${name}`);
      return this[`sheet:${name}`];
    },
    // Plain objects, not the mock's: Office.js gives isNullObject after a sync without a load,
    // which office-addin-mock does not model.
    getItemOrNullObject(name: string) {
      return plain.get(name) ?? { isNullObject: true, name: '', load: () => undefined };
    },
    onDeleted: {
      add(h: (e: { worksheetId: string }) => Promise<void>) {
        calls.deleted.push(h);
      },
    },
  };
  const plain = new Map<string, unknown>();
  for (const [name, s] of Object.entries(sheets)) {
    calls.handlers.set(name, []);
    const whole = s.whole ?? { values: s.values, rowIndex: s.rowIndex, columnIndex: s.columnIndex };
    const used = { ...whole, isNullObject: false, rowCount: whole.values.length, columnCount: Math.max(0, ...whole.values.map((r) => r.length)), load: () => undefined };
    plain.set(name, {
      isNullObject: false,
      name,
      id: `{${name}}`,
      load: () => undefined,
      getUsedRangeOrNullObject: () => used,
      onChanged: { add: (h: (e: { address: string }) => Promise<void>) => calls.handlers.get(name)?.push(h) },
    });
    worksheets[`sheet:${name}`] = {
      id: `{${name}}`,
      top: {
        used: { values: s.values, rowIndex: s.rowIndex, columnIndex: s.columnIndex },
        merged: { address: s.merges ?? '' },
        getUsedRangeOrNullObject(this: { used: unknown }) {
          return this.used;
        },
        getMergedAreasOrNullObject(this: { merged: unknown }) {
          return this.merged;
        },
      },
      onChanged: {
        add(h: (e: { address: string }) => Promise<void>) {
          calls.handlers.get(name)?.push(h);
        },
      },
      getRange(this: { top: unknown }, address: string) {
        calls.ranges.push(address);
        return this.top;
      },
    };
  }
  const mock = new OfficeMockObject({
    context: { workbook: { worksheets } },
    run: async function (this: { context: { sync(): Promise<void> } }, batch: (c: unknown) => Promise<unknown>) {
      calls.runs++;
      const ctx = this.context;
      const sync = ctx.sync.bind(ctx);
      ctx.sync = async () => {
        calls.syncs++;
        await sync();
      };
      return batch(ctx);
    },
  }) as unknown as ExcelLike;
  return { excel: mock, calls, remove: (name: string) => plain.delete(name) };
}

function mockOffice(saved: AddinSettings | undefined, supported: string[] = ['1.7', '1.13']): OfficeLike {
  return {
    context: {
      document: { settings: { get: (k: string) => (k === SETTINGS_KEY ? saved : undefined), set: () => undefined } },
      requirements: { isSetSupported: (name: string, v?: string) => name === 'ExcelApi' && supported.includes(v ?? '') },
    },
  };
}

const noop = () => undefined;

describe('reading a sheet’s first rows', () => {
  test('one run and one sync; rows and columns placed where they are on the sheet', async () => {
    const { excel, calls } = mockExcel({ DS: { values: [['Tên', '', '#N/A'], [1, true, 'x']], rowIndex: 2, columnIndex: 1, merges: 'DS!B3:C3, DS!$D$3:$D$4' } });
    const sample = await officeHost(() => excel, () => mockOffice({})).readSheetTop('DS', noop);
    expect(calls).toMatchObject({ runs: 1, syncs: 1, ranges: [`1:${TOP_ROWS}`] });
    expect(sample.rows).toHaveLength(4);
    expect(sample.rows[0]).toEqual([]);
    expect(sample.rows[2]).toEqual([{ value: null }, { value: 'Tên' }, { value: null }, { value: null, error: '#N/A' }]);
    expect(sample.rows[3]).toEqual([{ value: null }, { value: 1 }, { value: true }, { value: 'x' }]);
    expect(sample.merges).toEqual([
      { top: 3, left: 2, bottom: 3, right: 3 },
      { top: 3, left: 4, bottom: 4, right: 4 },
    ]);
  });

  test('without ExcelApi 1.13 no merges are asked for; without 1.7 no change handler is added', async () => {
    const { excel, calls } = mockExcel({ DS: { values: [['a']], rowIndex: 0, columnIndex: 0, merges: 'DS!A1:B1' } });
    const sample = await officeHost(() => excel, () => mockOffice({}, [])).readSheetTop('DS', noop);
    expect(sample.merges).toEqual([]);
    expect(calls.handlers.get('DS')).toHaveLength(0);
  });

  test('outside Excel: settings are empty and a read fails with a message, not a crash', async () => {
    const host = officeHost(() => undefined, () => undefined);
    await expect(host.settings()).resolves.toEqual({});
    await expect(host.readSheetTop('DS', noop)).rejects.toThrow(/chỉ chạy trong Excel/);
  });

  test('settings come from the workbook, once Office.js is ready', async () => {
    const saved: AddinSettings = { plan: 'thach-ha-2022', year: 2023 };
    let ready = (): void => undefined;
    const office = { ...mockOffice(saved), onReady: () => new Promise<void>((resolve) => (ready = resolve)) };
    const settings = officeHost(() => undefined, () => office).settings();
    let done = false;
    void Promise.resolve(settings).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    ready();
    await expect(settings).resolves.toEqual(saved);
  });
});

describe('reading a plan sheet named in a plan argument', () => {
  const values = [['[Thông tin chung]', ''], ['Mục', 'Giá trị'], ['Mã kế hoạch', '#REF!']];

  test('the used range with where it starts, error cells as their text; a missing sheet is null', async () => {
    const { excel, calls } = mockExcel({ 'KH tỉnh': { values: [], rowIndex: 0, columnIndex: 0, whole: { values, rowIndex: 3, columnIndex: 2 } } });
    const host = officeHost(() => excel, () => mockOffice({}));
    const read = await host.readPlanSheet('KH tỉnh', noop);
    expect(read).toEqual({
      sheet: { name: 'KH tỉnh', rows: [['[Thông tin chung]', null], ['Mục', 'Giá trị'], ['Mã kế hoạch', '#REF!']], top: 4, left: 3 },
      watched: true,
    });
    expect(calls.handlers.get('KH tỉnh')).toHaveLength(1);
    await expect(host.readPlanSheet('Không có', noop)).resolves.toBeNull();
  });

  test('a sheet far larger than any plan is refused before its values are fetched', async () => {
    const big = Array.from({ length: 5000 }, () => new Array(50).fill('x'));
    const { excel } = mockExcel({ DS: { values: [], rowIndex: 0, columnIndex: 0, whole: { values: big, rowIndex: 0, columnIndex: 0 } } });
    await expect(officeHost(() => excel, () => mockOffice({})).readPlanSheet('DS', noop)).rejects.toThrow(/5000 dòng × 50 cột: quá lớn/);
  });
});

describe('a plan sheet deleted, or replaced by a new sheet of its name', () => {
  test('the functions stop judging by the deleted sheet, and read the new one', async () => {
    const values = planSheetLayout(higherPlan().plan).values;
    const { excel, calls, remove } = mockExcel({ 'KH tỉnh': { values: [], rowIndex: 0, columnIndex: 0, whole: { values, rowIndex: 0, columnIndex: 0 } } });
    const fns = createFunctions(officeHost(() => excel, () => mockOffice({})));
    const headers = ['Tên tập thể, cá nhân', 'Đối tượng', 'Hình thức đề nghị', 'Năm'];
    const row = ['UBND xã Thạch Xuân', 'Xã', 'Bằng khen của Chủ tịch UBND tỉnh', 2024];
    const plans = 'thach-ha-2022; KH tỉnh';
    const firstLine = async () => (await fns.reasons([row], [headers], plans)).split('\n')[0];
    expect(await firstLine()).toBe('Kế hoạch xét: QĐ 3351 Hà Tĩnh');
    expect(await firstLine()).toBe('Kế hoạch xét: QĐ 3351 Hà Tĩnh');
    expect(calls.runs).toBe(1);
    expect(calls.deleted).toHaveLength(1);

    // The office deletes the sheet: Excel reports it by the sheet's id.
    remove('KH tỉnh');
    for (const h of calls.deleted) await h({ worksheetId: '{KH tỉnh}' });
    await expect(fns.reasons([row], [headers], plans)).rejects.toMatchObject({ code: '#VALUE!', message: expect.stringContaining('"KH tỉnh"') });
  });
});

describe('the row alone, through Excel', () => {
  const file = CASE_FILES.find((f) => f.plan === 'thach-ha-2022')!;
  const headers = planHeaders(file.plan);
  const rows = file.rows.map((c) => excelRow(file.plan, headers, c.cells));
  const sheet = listSheet(headers, rows);
  // Office.js reports the used part of rows 1..62: here from row 1, column B.
  const data: SheetData = { values: sheet.values.map((r) => r.slice(1)), rowIndex: 0, columnIndex: 1 };
  const addressOf = (r: number) => `DS!C${r}:ZZ${r}`;

  function setup() {
    const { excel, calls } = mockExcel({ DS: data });
    const fns = createFunctions(officeHost(() => excel, () => mockOffice({ plan: file.plan, year: file.run.year })));
    return { fns, calls };
  }

  test('filling ELIGIBLE down 600 rows reads the sheet once', async () => {
    const { fns, calls } = setup();
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, i) => {
        const k = i % rows.length;
        return fns.eligible([rows[k]], undefined, undefined, [addressOf(sheet.firstDataRow + k)]).catch((e: { code: string }) => e.code);
      }),
    );
    expect(calls.runs).toBe(1);
    expect(results.slice(0, rows.length)).toEqual(
      file.rows.map((c) => (c.expect.status === 'eligible' ? true : c.expect.status === 'ineligible' ? false : '#N/A')),
    );
  });

  test('an edit in the header zone makes the next call read the sheet again; an edit in the data does not', async () => {
    const { fns, calls } = setup();
    const at = sheet.firstDataRow;
    await fns.eligible([rows[0]], undefined, undefined, [addressOf(at)]);
    const [handler] = calls.handlers.get('DS') ?? [];
    await handler({ address: `D${at + 3}` });
    await fns.eligible([rows[0]], undefined, undefined, [addressOf(at)]);
    expect(calls.runs).toBe(1);
    await handler({ address: 'C4:F4' });
    await fns.eligible([rows[0]], undefined, undefined, [addressOf(at)]);
    expect(calls.runs).toBe(2);
    // The handler is added once per sheet, however often the sheet is read again.
    expect(calls.handlers.get('DS')).toHaveLength(1);
  });

  test('a mapping saved by the pane takes effect on the next call', async () => {
    // Header "Đơn vị được đề nghị" is not a known name column until the pane maps it.
    const renamed = data.values.map((r, i) => (i === 3 ? r.map((h) => (h === 'Tên tập thể, cá nhân' ? 'Đơn vị được đề nghị' : h)) : r));
    const { excel } = mockExcel({ DS: { ...data, values: renamed } });
    const saved: AddinSettings = { plan: file.plan, year: file.run.year };
    const fns = createFunctions(officeHost(() => excel, () => mockOffice(saved)));
    const at = sheet.firstDataRow;
    await expect(fns.eligible([rows[0]], undefined, undefined, [addressOf(at)])).rejects.toMatchObject({ code: '#VALUE!' });
    saved.mappings = { DS: { manual: { 'Tên tập thể, cá nhân': 'Đơn vị được đề nghị' } } };
    await expect(fns.eligible([rows[0]], undefined, undefined, [addressOf(at)])).resolves.toBe(true);
  });
});

test.each([
  ['Sheet1!A1:C2, Sheet1!E5', [{ top: 1, left: 1, bottom: 2, right: 3 }, { top: 5, left: 5, bottom: 5, right: 5 }]],
  ["'Danh sách'!$AA$10:$AB$11", [{ top: 10, left: 27, bottom: 11, right: 28 }]],
  ['', []],
])('merged areas %j', (address, expected) => {
  expect(parseAreas(address)).toEqual(expected);
});

test.each([
  ['C5:D9', 5],
  ['$B$12', 12],
  ['Sheet1!A3', 3],
  ['A:A', 1],
])('changed address %s starts at row %d', (address, row) => {
  expect(topRowOf(address)).toBe(row);
});
