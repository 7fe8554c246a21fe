/**
 * The custom functions' only Office.js I/O: the workbook's saved settings and the first rows of a
 * sheet, read in one Excel.run with one sync (shared runtime, so functions may call Excel.run).
 * The Office and Excel objects are passed in, so tests drive this with office-addin-mock.
 */
import type { Cell } from '../core/cell';
import type { MergeRange } from '../core/headers';
import { PlanSheetTooLarge, type FunctionsHost } from './adapter';
import { bookSheet, columnIndex, errorText } from './arguments';
import { readSettings, type SettingsStore } from './settings';

/** Rows read for header detection: the core scans the first 60 and peeks at the next one or two. */
export const TOP_ROWS = 62;

/**
 * The most cells a plan sheet may span. The five shipped plans lay out in 1,300–1,700 cells (about
 * 100 rows × 16 columns, 23 KB); a sheet ten times that is not a plan, and reading it whole would
 * hold Excel up and could pass Excel on the web's 5 MB response cap.
 */
export const MAX_PLAN_SHEET_CELLS = 20_000;

export interface ExcelLike {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface OfficeLike {
  onReady?(): Promise<unknown>;
  context?: {
    document?: { settings?: SettingsStore };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
}

/** `values` from Office.js: "" is empty, errors come as their text. */
function officeCell(v: unknown): Cell {
  if (v === null || v === undefined || v === '') return { value: null };
  const err = errorText(v);
  if (err !== undefined) return { value: null, error: err };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  return { value: String(v) };
}

/** "Sheet1!A1:C2, Sheet1!E5" (RangeAreas.address) → merge ranges. */
export function parseAreas(address: string | undefined): MergeRange[] {
  const out: MergeRange[] = [];
  for (const part of (address ?? '').split(',')) {
    const ref = part.slice(part.lastIndexOf('!') + 1).trim();
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref);
    if (!m) continue;
    const top = Number(m[2]);
    const left = columnIndex(m[1]);
    out.push({ top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnIndex(m[3]) : left });
  }
  return out;
}

/** Top row of a changed address ("C5:D9" → 5, "A:A" → 1). */
export function topRowOf(address: string | undefined): number {
  const ref = (address ?? '').slice((address ?? '').lastIndexOf('!') + 1);
  const m = /^\$?[A-Z]*\$?(\d+)/i.exec(ref.trim());
  return m ? Number(m[1]) : 1;
}

/**
 * The host for the custom functions inside Excel. `getExcel`/`getOffice` are read on each call:
 * the page may load Office.js after this bundle, and outside Excel they stay undefined.
 */
export function officeHost(getExcel: () => ExcelLike | undefined, getOffice: () => OfficeLike | undefined): FunctionsHost {
  // One change handler per sheet for the life of the runtime; it reports to the latest listener.
  const listeners = new Map<string, (topRow: number) => void>();
  const watched = new Set<string>();
  /** Worksheet id → the name it was watched under: a deleted or renamed sheet is known by its id. */
  const names = new Map<string, string>();
  let workbookWatched = false;
  let ready: Promise<unknown> | undefined;

  /**
   * A watched sheet deleted or renamed: what was read from it is dropped (reported as an edit from
   * row 1), and a sheet given its name later is a new sheet, watched afresh.
   */
  const gone = (id: string): void => {
    const name = names.get(id);
    if (name === undefined) return;
    names.delete(id);
    watched.delete(name);
    const listener = listeners.get(name);
    listeners.delete(name);
    listener?.(1);
  };

  const supports = (version: string): boolean => {
    try {
      return getOffice()?.context?.requirements?.isSetSupported('ExcelApi', version) ?? false;
    } catch {
      return false;
    }
  };

  /**
   * Ask for the sheet's later edits to reach `changed` (ExcelApi 1.7), once per sheet for the life of
   * the runtime. Returns whether edits are reported, and what to call once the batch has synced (a
   * handler on a sheet that failed to load was never added).
   */
  const watch = (context: Excel.RequestContext, ws: Excel.Worksheet, sheet: string, changed: (topRow: number) => void): { watching: boolean; synced(): void } => {
    listeners.set(sheet, changed);
    if (watched.has(sheet)) return { watching: true, synced: () => undefined };
    if (!supports('1.7')) return { watching: false, synced: () => undefined };
    ws.load('id');
    ws.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
      listeners.get(sheet)?.(topRowOf(e.address));
    });
    const first = !workbookWatched;
    if (first) {
      context.workbook.worksheets.onDeleted.add(async (e: Excel.WorksheetDeletedEventArgs) => gone(e.worksheetId));
      // Renames are reported from ExcelApi 1.17; before it, a renamed sheet keeps its plan until reloaded.
      if (supports('1.17')) context.workbook.worksheets.onNameChanged.add(async (e: Excel.WorksheetNameChangedEventArgs) => gone(e.worksheetId));
    }
    return {
      watching: true,
      synced: () => {
        watched.add(sheet);
        names.set(ws.id, sheet);
        if (first) workbookWatched = true;
      },
    };
  };

  return {
    async settings() {
      const office = getOffice();
      if (!office) return {};
      // A recalculation when the workbook opens can come before Office.js has initialised.
      ready ??= office.onReady ? office.onReady().catch(() => undefined) : Promise.resolve();
      await ready;
      return readSettings(office.context?.document?.settings);
    },

    async readSheetTop(sheet, changed) {
      const excel = getExcel();
      if (!excel) throw new Error('Excel không sẵn sàng (hàm chỉ chạy trong Excel)');
      return excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const top = ws.getRange(`1:${TOP_ROWS}`);
        const used = top.getUsedRangeOrNullObject(true);
        used.load('values,rowIndex,columnIndex');
        // Office.js gives a merged header's text in its top-left cell only; the merges tell the rest.
        const merges = supports('1.13') ? top.getMergedAreasOrNullObject() : undefined;
        merges?.load('address');
        const watching = watch(context, ws, sheet, changed);
        await context.sync();
        watching.synced();

        const rows: Cell[][] = [];
        if (used.isNullObject !== true) {
          const pad = used.columnIndex;
          for (let r = 0; r < used.rowIndex; r++) rows.push([]);
          for (const values of used.values) {
            const cells: Cell[] = [];
            for (let c = 0; c < pad; c++) cells.push({ value: null });
            for (const v of values) cells.push(officeCell(v));
            rows.push(cells);
          }
        }
        return { name: sheet, rows, merges: merges && merges.isNullObject !== true ? parseAreas(merges.address) : [] };
      });
    },

    async readPlanSheet(sheet, changed) {
      const excel = getExcel();
      if (!excel) throw new Error('Excel không sẵn sàng (hàm chỉ chạy trong Excel)');
      return excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
        ws.load('name');
        await context.sync();
        if (ws.isNullObject === true) return null;
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowCount,columnCount,rowIndex,columnIndex');
        const watching = watch(context, ws, sheet, changed);
        await context.sync();
        watching.synced();
        if (used.isNullObject === true) return { sheet: { name: ws.name, rows: [] }, watched: watching.watching };
        // The size first: a sheet that cannot be a plan is refused before its values are fetched.
        if (used.rowCount * used.columnCount > MAX_PLAN_SHEET_CELLS) throw new PlanSheetTooLarge(ws.name, used.rowCount, used.columnCount);
        used.load('values');
        await context.sync();
        return { sheet: bookSheet(ws.name, used.values, used.rowIndex, used.columnIndex), watched: watching.watching };
      });
    },
  };
}
