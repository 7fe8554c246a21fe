/**
 * The adapter's small actions against office-addin-mock, whose load/sync model fits them: reading
 * the selected row (for the reasons panel) and registering the selection event, each in one sync;
 * and what the pane keeps in Office document settings.
 */
import { readSettings, writeSettings } from '../../src/functions/settings';
import { ExcelAdapter, type Run } from '../../src/taskpane/excel-adapter';
import { readRecord, RECORD_KEY, writeRecord, type ResultsRecord } from '../../src/taskpane/record';
import { mockSettings } from './helpers';
import { OfficeMockObject } from './office-addin-mock';

/** Excel.run over an office-addin-mock context, counting context.sync() calls. */
function mockRun(data: Record<string, unknown>): { run: Run; syncs: () => number; mock: OfficeMockObject } {
  const mock = new OfficeMockObject({ context: data });
  let syncs = 0;
  const context = mock.context as OfficeMockObject;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    await sync();
  };
  const run = (async (batch: (c: Excel.RequestContext) => Promise<unknown>) => batch(context as unknown as Excel.RequestContext)) as Run;
  return { run, syncs: () => syncs, mock };
}

test('the selected row is read in one sync, as a 1-based row with its sheet id', async () => {
  const { run, syncs } = mockRun({
    workbook: {
      range: { rowIndex: 6, worksheet: { id: '{S-1}' } },
      // Called on the mock object, whose `range` the mock built from the line above.
      getSelectedRange(this: { range: unknown }) {
        return this.range;
      },
    },
  });
  const adapter = new ExcelAdapter(run, mockSettings().store, () => true);
  expect(await adapter.selection()).toEqual({ sheetId: '{S-1}', row: 7 });
  expect(syncs()).toBe(1);
});

test('reading the selected row before the sync would fail: the adapter loads what it reads', async () => {
  const { mock } = mockRun({ workbook: { range: { rowIndex: 6 } } });
  const range = ((mock.context as OfficeMockObject).workbook as OfficeMockObject).range as OfficeMockObject;
  expect(range.rowIndex).not.toBe(6);
  range.load('rowIndex');
  await (mock.context as OfficeMockObject).sync();
  expect(range.rowIndex).toBe(6);
});

test('the selection handler is registered in one sync and calls back on every change', async () => {
  const handlers: (() => unknown)[] = [];
  const { run, syncs } = mockRun({
    workbook: { onSelectionChanged: { add: (h: () => unknown) => handlers.push(h) } },
  });
  let calls = 0;
  await new ExcelAdapter(run, mockSettings().store, () => true).watchSelection(() => calls++);
  expect(syncs()).toBe(1);
  await handlers[0]();
  await handlers[0]();
  expect(calls).toBe(2);
});

test('options, mappings and the results record survive the settings round trip (JSON) side by side', async () => {
  const { store, saved } = mockSettings();
  await writeSettings(store, { plan: 'thach-ha-2022', round: 'annual', year: 2023, mappings: { 'Danh sách': { manual: { 'Tên tập thể, cá nhân': 'B' } } } });
  const record: ResultsRecord = {
    version: 1,
    sheets: [{ sheetId: '{S-1}', sheetName: 'Danh sách', firstCol: 25, top: 3, bottom: 17, headerRows: 1, widths: [48, 48, 48, 48, 48], fills: [{ col: 11, top: 7, bottom: 7, prior: { pattern: 'None' } }] }],
    summarySheetId: '{S-2}',
  };
  await writeRecord(store, record);
  expect(readSettings(store)).toEqual({ plan: 'thach-ha-2022', round: 'annual', year: 2023, mappings: { 'Danh sách': { manual: { 'Tên tập thể, cá nhân': 'B' } } } });
  expect(readRecord(store)).toEqual(record);
  expect([...saved.keys()].sort()).toEqual(['ntm-awards', RECORD_KEY].sort());
});

test('a missing or foreign record reads as empty', () => {
  const { store } = mockSettings();
  expect(readRecord(store)).toEqual({ version: 1, sheets: [] });
  store.set(RECORD_KEY, { version: 99 });
  expect(readRecord(store)).toEqual({ version: 1, sheets: [] });
});
