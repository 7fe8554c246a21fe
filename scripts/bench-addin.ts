/**
 * The add-in part of `npm run bench`: NTM.CHECK on a 10,000-row table through the functions
 * adapter, and the context.sync() calls of a pane check of 10,000 rows on the fake workbook the
 * adapter tests use (it keeps Office.js's batching rules and counts syncs).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createFunctions } from '../src/functions/adapter';
import { shippedPlan } from '../src/plans';
import { ExcelAdapter } from '../src/taskpane/excel-adapter';
import type { SettingsStore } from '../src/functions/settings';
import { FakeWorkbook, fakeRun, type FakeContext } from '../tests/taskpane/fake-excel';

const ROWS = 10_000;
// build/scripts → ../../tests; scripts/ (ts-node) → ../tests: the case workbooks vendored in the repo.
const WORKBOOKS = [path.resolve(__dirname, '..', '..', 'tests', 'cases', 'workbooks'), path.resolve(__dirname, '..', 'tests', 'cases', 'workbooks')];

/** Workbook settings in memory, as Office keeps them. */
function memorySettings(): SettingsStore {
  const saved = new Map<string, unknown>();
  return { get: (k) => saved.get(k) ?? null, set: (k, v) => saved.set(k, JSON.parse(JSON.stringify(v))), saveAsync: (cb) => cb?.({ status: 'succeeded' }) };
}

async function caseTable(): Promise<{ header: unknown[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  const dir = WORKBOOKS.find((d) => fs.existsSync(d)) ?? WORKBOOKS[0];
  await wb.xlsx.readFile(path.join(dir, 'thach-ha-2022.xlsx'));
  const ws = wb.worksheets[0];
  const values = (r: number) => Array.from({ length: ws.columnCount }, (_, c) => {
    const v = ws.getRow(r).getCell(c + 1).value;
    return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : v;
  });
  const data = [5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17].map(values);
  return { header: values(3), rows: Array.from({ length: ROWS }, (_, i) => data[i % data.length]) };
}

export async function benchAddin(): Promise<Record<string, unknown>> {
  const { header, rows } = await caseTable();
  // NTM.CHECK gets the whole table as its argument: no sheet read is needed.
  const fns = createFunctions({
    settings: () => ({ plan: 'thach-ha-2022', year: 2023 }),
    readSheetTop: () => Promise.reject(new Error('not needed for a table argument')),
    readPlanSheet: () => Promise.resolve(null),
  });
  await fns.check([header, ...rows.slice(0, 12)]); // compile the plan once, as a workbook would
  const t = process.hrtime.bigint();
  const out = await fns.check([header, ...rows]);
  const checkMs = Number(process.hrtime.bigint() - t) / 1e6;

  const book = new FakeWorkbook();
  const target = book.addSheet('Danh sách');
  target.set(1, 1, 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023');
  header.forEach((v, c) => target.set(3, c + 1, v as string));
  for (let i = 0; i < ROWS; i++) rows[i].forEach((v, c) => target.set(5 + i, c + 1, c === 0 ? i + 1 : (v as string | number)));
  const contexts: FakeContext[] = [];
  const adapter = new ExcelAdapter(fakeRun(book, contexts), memorySettings(), book.supports);
  const t2 = process.hrtime.bigint();
  const done = await adapter.check({ plan: shippedPlan('thach-ha-2022')!, ctx: { round: 'annual', year: 2023 }, manualFor: () => undefined });
  const paneMs = Number(process.hrtime.bigint() - t2) / 1e6;
  if (!done.ok) throw new Error(done.message);
  return {
    'NTM.CHECK, 10,000 rows (functions path)': { ms: Math.round(checkMs), rowsPerSec: Math.round((ROWS / checkMs) * 1000), spilledRows: out.length },
    'pane check, 10,000 rows': { syncs: contexts.reduce((n, c) => n + c.syncCount, 0), ms: Math.round(paneMs) },
  };
}
