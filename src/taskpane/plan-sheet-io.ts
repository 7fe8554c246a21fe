/**
 * The Office.js side of plans kept in the workbook, split from excel-adapter.ts along this seam (the
 * adapter exposes it as `adapter.plans`): insert a plan sheet, read it back, select a problem's cell.
 * ExcelApi 1.4 at most (getItemOrNullObject, getUsedRangeOrNullObject), inside the manifest's 1.11.
 */
import type { BookSheet } from '../core/plan-book/blocks';
import { SINGLE_SHEET } from '../core/plan-book/format';
import { bookSheet, type PlanSheetLayout } from './plan-sheet';
import { freeName } from './results-model';
import { HIGHER_SHEET_NAME } from './higher-plan';

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export class PlanSheetIO {
  constructor(private readonly run: Run) {}

  /**
   * "Chèn trang kế hoạch": the plan's blocks on a new sheet "Kế hoạch" (or "Kế hoạch 2"), text kept as
   * text, made the active sheet. A higher plan goes on its own sheet by name, and the user stays on
   * the sheet they were on. Two syncs.
   */
  insertPlanSheet(layout: PlanSheetLayout, opts: { name?: string; activate?: boolean } = {}): Promise<string> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const ws = sheets.add(freeName(opts.name ?? SINGLE_SHEET, sheets.items.map((s) => s.name)));
      // A plan sheet is a few hundred rows, far below the payload cap: one write. Text cells get the
      // Text format first, so "05/12" stays a day/month and a quote starting with "-" stays text.
      const all = ws.getRangeByIndexes(0, 0, layout.values.length, layout.values[0].length);
      all.numberFormat = layout.values.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
      all.values = layout.values;
      for (const r of layout.titleRows) ws.getRangeByIndexes(r - 1, 0, 1, 1).format.font.bold = true;
      for (const r of layout.headerRows) {
        const header = ws.getRangeByIndexes(r - 1, 0, 1, layout.values[0].length);
        header.format.font.bold = true;
        header.format.fill.color = '#D9E1F2';
      }
      layout.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w));
      if (opts.activate !== false) ws.activate();
      ws.load('name');
      await context.sync();
      return ws.name;
    });
  }

  /** The plan sheet: the active sheet when its name starts with "Kế hoạch", else the sheet "Kế hoạch"; null when neither. One sync. */
  readPlanSheet(sheetName?: string): Promise<BookSheet | null> {
    return this.run(async (context) => {
      const active = context.workbook.worksheets.getActiveWorksheet();
      const named = context.workbook.worksheets.getItemOrNullObject(sheetName ?? SINGLE_SHEET);
      const queue = (ws: Excel.Worksheet) => {
        ws.load('name');
        return ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
      };
      const [a, n] = [queue(active), queue(named)];
      await context.sync();
      // A named sheet (the higher plan's, issue 18) is read as named; the active one never stands in for it.
      const activeName = active.name.normalize('NFC').toLowerCase();
      const useActive = sheetName
        ? activeName === sheetName.toLowerCase()
        : activeName.startsWith(SINGLE_SHEET.toLowerCase()) && activeName !== HIGHER_SHEET_NAME.toLowerCase();
      const [ws, used] = useActive ? [active, a] : [named, n];
      if (ws.isNullObject) return null;
      return used.isNullObject ? bookSheet(ws.name, [], 0, 0) : bookSheet(ws.name, used.values, used.rowIndex, used.columnIndex);
    });
  }

  /** Show a problem's cell: its sheet activated, the cell selected. One sync. */
  selectCell(sheet: string, cell: string): Promise<void> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }
}
