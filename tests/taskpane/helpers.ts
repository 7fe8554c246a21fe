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

/** Office.context.document.settings through office-addin-mock; values go through JSON as in Office. */
export function mockSettings(): { office: OfficeMockObject; store: SettingsStore; saved: Map<string, string> } {
  const saved = new Map<string, string>();
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (name: string) => (saved.has(name) ? JSON.parse(saved.get(name) as string) : null),
          set: (name: string, value: unknown) => saved.set(name, JSON.stringify(value)),
          saveAsync: (callback?: (r: { status: string }) => void) => callback?.({ status: 'succeeded' }),
        },
      },
    },
  });
  return { office, store: office.context.document.settings as SettingsStore, saved };
}
