/**
 * The pane against a fake Excel that is no kinder than the hosts the manifest admits: ExcelApi 1.11
 * (SharedRuntime 1.1 hosts) where later calls fail, and Excel on the web's 5 MB cap per request and
 * per response.
 */
import { RESULT_HEADERS, STATUS_LABELS_VI } from '../../src/core/report';
import { templateModel } from '../../src/core/template';
import { shippedPlan } from '../../src/plans';
import { ExcelAdapter, type CheckRequest } from '../../src/taskpane/excel-adapter';
import { templateLayout } from '../../src/taskpane/results-model';
import { fakeRun, FakeWorkbook, type FakeContext } from './fake-excel';
import { bigBook, caseBook, mockSettings } from './helpers';

const plan = shippedPlan('thach-ha-2022')!;
const request: CheckRequest = { plan, ctx: { round: 'annual', year: 2023 }, manualFor: () => undefined };

function adapterFor(book: FakeWorkbook, contexts: FakeContext[] = []) {
  return new ExcelAdapter(fakeRun(book, contexts), mockSettings().store, book.supports);
}

describe('requirement sets', () => {
  test('the fake host refuses a call from a set it lacks, as Excel does (ApiNotFound at sync)', async () => {
    const book = await caseBook('thach-ha-2022');
    expect(book.apiVersion).toBe('1.11');
    const run = fakeRun(book);
    await expect(
      run(async (context) => {
        const merges = context.workbook.worksheets.getActiveWorksheet().getRange('1:62').getMergedAreasOrNullObject();
        merges.load('address');
        await context.sync();
      }),
    ).rejects.toThrow(/ApiNotFound.*ExcelApi 1\.13/);
  });

  test('every pane action works on an ExcelApi 1.11 host, with the same results as on a newer one', async () => {
    const results: unknown[] = [];
    for (const version of ['1.11', '1.17']) {
      const book = await caseBook('thach-ha-2022');
      book.apiVersion = version;
      const adapter = adapterFor(book);
      expect((await adapter.readSample()).rows.length).toBeGreaterThan(3);
      const done = await adapter.check(request);
      if (!done.ok) throw new Error(done.message);
      const exported = await (async () => {
        book.active = book.sheet('Danh sách');
        return adapter.exportSummary(request);
      })();
      expect(exported.ok).toBe(true);
      await adapter.insertTemplate(templateLayout(templateModel(plan)));
      await adapter.recalculate();
      expect(await adapter.selection()).toEqual(expect.objectContaining({ row: 1 }));
      const cleared = await adapter.clear();
      expect(cleared?.cleared).toEqual(['Danh sách']);
      results.push(done.check.items.map((i) => [i.row, i.decision.status]));
    }
    expect(results[0]).toEqual(results[1]);
  });
});

describe('Excel on the web: 5 MB per request and per response', () => {
  test('the fake refuses a one-request read of a 20,000-row list (what the pane did before)', async () => {
    const book = await bigBook(20_000);
    book.apiVersion = '1.13';
    const run = fakeRun(book);
    await expect(
      run(async (context) => {
        const used = context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
        used.load('values,numberFormat');
        await context.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  }, 60_000);

  test('a pane check of 20,000 rows reads and writes in slices under the cap, every row checked once', async () => {
    const book = await bigBook(20_000);
    const contexts: FakeContext[] = [];
    const adapter = adapterFor(book, contexts);
    const done = await adapter.check(request);
    if (!done.ok) throw new Error(done.message);
    expect(done.check.items).toHaveLength(20_000);
    expect(new Set(done.check.items.map((i) => i.row)).size).toBe(20_000);
    expect(book.largestPayload).toBeGreaterThan(1_000_000);
    expect(book.largestPayload).toBeLessThanOrEqual(book.payloadLimit);
    const sheet = book.sheet('Danh sách');
    expect(sheet.cell(3, 25)?.value).toBe(RESULT_HEADERS[0]);
    const labels = new Set(Object.values(STATUS_LABELS_VI));
    for (const row of [5, 10_004, 20_004]) expect(labels.has(sheet.cell(row, 25)?.value as string)).toBe(true);
    expect(sheet.cell(20_005, 25)).toBeUndefined();
    // Read in a few slices, previous fills, written in a few slices: still a handful of round trips.
    expect(contexts[0].syncCount).toBeLessThanOrEqual(10);
  }, 120_000);
});
