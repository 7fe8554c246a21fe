/** Shared set-up for the pane tests: a shared case workbook inside the fake Excel, and mocked settings. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SettingsStore } from '../../src/functions/settings';
import { FakeWorkbook, type FakeSheet } from './fake-excel';
import { OfficeMockObject } from './office-addin-mock';

export const WORKBOOKS = path.resolve(__dirname, '../cases/workbooks');

/** Date → Excel serial, as Office.js hands dates over. */
function serial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

/** Copy an exceljs worksheet into a fake sheet: values, cached formula results, number formats, merges. */
export function copySheet(ws: ExcelJS.Worksheet, target: FakeSheet): void {
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value as ExcelJS.CellValue;
      const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
      if (cell.isMerged && cell.master.address !== cell.address) return; // Office.js gives only the top-left
      if (v === null || v === undefined) return;
      if (v instanceof Date) target.set(r, c, serial(v), fmt ?? 'dd/mm/yyyy');
      else if (typeof v === 'object' && 'formula' in v) target.setFormula(r, c, `=${v.formula}`, (v.result as string | number) ?? 0);
      else if (typeof v === 'object' && 'error' in v) target.setError(r, c, String(v.error));
      else if (typeof v === 'object' && 'richText' in v) target.set(r, c, v.richText.map((t) => t.text).join(''));
      else target.set(r, c, v as string | number | boolean, fmt);
    });
  });
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    target.merges.push({ top: Number(m[2]), left: col(m[1]), bottom: Number(m[4]), right: col(m[3]) });
  }
}

export async function caseBook(plan: string): Promise<FakeWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORKBOOKS, `${plan}.xlsx`));
  const book = new FakeWorkbook();
  for (const ws of wb.worksheets) copySheet(ws, book.addSheet(ws.name));
  return book;
}

/**
 * Office.context.document.settings through office-addin-mock; values go through JSON as in Office.
 * `set` changes the in-memory copy (`saved`); `saveAsync` persists it to the document (`persisted`)
 * unless `saves.fail` is set, when it reports a failed status as Office does (read-only file, a
 * lost connection in Excel on the web).
 */
export function mockSettings(): { office: OfficeMockObject; store: SettingsStore; saved: Map<string, string>; persisted: Map<string, string>; saves: { fail: boolean } } {
  const saved = new Map<string, string>();
  const persisted = new Map<string, string>();
  const saves = { fail: false };
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (name: string) => (saved.has(name) ? JSON.parse(saved.get(name) as string) : null),
          set: (name: string, value: unknown) => saved.set(name, JSON.stringify(value)),
          saveAsync: (callback?: (r: { status: string; error?: { message: string } }) => void) => {
            if (saves.fail) return callback?.({ status: 'failed', error: { message: 'The document is read-only.' } });
            persisted.clear();
            for (const [k, v] of saved) persisted.set(k, v);
            callback?.({ status: 'succeeded' });
          },
        },
      },
    },
  });
  return { office, store: office.context.document.settings as SettingsStore, saved, persisted, saves };
}

/** The Thạch Hà table with its 12 nominees repeated down to `rows` rows. */
export async function bigBook(rows: number): Promise<FakeWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
  const book = new FakeWorkbook();
  const sheet = book.addSheet('Danh sách');
  copySheet(wb.worksheets[0], sheet);
  const template = [5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17];
  const source = new Map(template.map((r) => [r, [...Array(24).keys()].map((c) => sheet.cell(r, c + 1))]));
  for (let r = 14; r <= 17; r++) for (let c = 1; c <= 24; c++) sheet.cells.delete(`${r}:${c}`);
  for (let i = 0; i < rows; i++) {
    const from = source.get(template[i % template.length]) ?? [];
    from.forEach((cell, c) => {
      if (cell) sheet.set(5 + i, c + 1, c === 0 ? i + 1 : cell.value, cell.numberFormat);
    });
  }
  return book;
}

