/**
 * The record of what "Kiểm tra" and "Xuất tổng hợp" wrote into the workbook, kept in the document
 * settings next to the pane's options, so that "Xóa kết quả" can put every cell back as it was and
 * a second check can replace the first one instead of stacking on it. Pure: no Office calls.
 *
 * The add-in's columns are recognised by this record (sheet id and position, confirmed by their
 * header texts), never by header text alone: a user's own column called "Kết quả" is left alone.
 */
import { saveSettings, type SettingsStore } from '../functions/settings';

/** Separate from the shared `ntm-awards` options key: the custom functions never need it. */
export const RECORD_KEY = 'ntm-awards.results';

/** A cell's fill before the add-in touched it; pattern "None" means no fill at all. */
export interface PriorFill {
  pattern: string;
  color?: string;
  patternColor?: string;
}

/** A run of cells in one column (rows top..bottom) that all had the same fill before. */
export interface FillRun {
  col: number;
  top: number;
  bottom: number;
  prior: PriorFill;
}

/** The five result columns written on one sheet, and the user cells the check coloured. */
export interface SheetRecord {
  sheetId: string;
  /** For messages only: the sheet may have been renamed since. */
  sheetName: string;
  /** 1-based first result column. */
  firstCol: number;
  /** Rows written: the header's top row to the last checked row. */
  top: number;
  bottom: number;
  /** Result headers merged over two rows when the table's header has two. */
  headerRows: 1 | 2;
  /** Column widths (points) of the five columns before the check. */
  widths: number[];
  fills: FillRun[];
}

export interface ResultsRecord {
  version: 1;
  sheets: SheetRecord[];
  summarySheetId?: string;
}

export const EMPTY_RECORD: ResultsRecord = { version: 1, sheets: [] };

export function readRecord(store: SettingsStore | undefined): ResultsRecord {
  const raw = store?.get(RECORD_KEY) as Partial<ResultsRecord> | null | undefined;
  if (!raw || typeof raw !== 'object' || raw.version !== 1 || !Array.isArray(raw.sheets)) return { ...EMPTY_RECORD, sheets: [] };
  return { version: 1, sheets: raw.sheets, ...(raw.summarySheetId ? { summarySheetId: raw.summarySheetId } : {}) };
}

export function writeRecord(store: SettingsStore, record: ResultsRecord): Promise<void> {
  store.set(RECORD_KEY, record);
  return saveSettings(store);
}

/**
 * The record of a sheet: by id, which survives renaming; else by name, for a host that gives the
 * sheet another id after the workbook is reopened. Either way the caller confirms the block's headers.
 */
export function recordFor(record: ResultsRecord, sheetId: string, sheetName: string): SheetRecord | undefined {
  return record.sheets.find((s) => s.sheetId === sheetId) ?? record.sheets.find((s) => s.sheetName === sheetName && s.sheetId !== sheetId);
}

/** The record with `replaced` (if any) and any entry for `sheet`'s id swapped for `sheet` (or dropped). */
export function withSheet(record: ResultsRecord, sheetId: string, sheet: SheetRecord | undefined, replaced?: SheetRecord): ResultsRecord {
  const sheets = record.sheets.filter((s) => s.sheetId !== sheetId && s !== replaced);
  if (sheet) sheets.push(sheet);
  return { ...record, sheets };
}

export interface CellRef {
  row: number;
  col: number;
}

/** Consecutive rows of one column grouped, so that one range stands for many cells. */
export function runsOf<T extends CellRef>(cells: readonly T[], same: (a: T, b: T) => boolean = () => true): { col: number; top: number; bottom: number; first: T }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { col: number; top: number; bottom: number; first: T }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.bottom + 1 === c.row && same(last.first, c)) last.bottom = c.row;
    else if (!last || last.col !== c.col || last.bottom !== c.row) runs.push({ col: c.col, top: c.row, bottom: c.row, first: c });
  }
  return runs;
}

function samePrior(a: PriorFill, b: PriorFill): boolean {
  return a.pattern === b.pattern && a.color === b.color && a.patternColor === b.patternColor;
}

/** Cells with their prior fill → compact runs for the record. */
export function fillRuns(cells: readonly (CellRef & { prior: PriorFill })[]): FillRun[] {
  return runsOf(cells, (a, b) => samePrior(a.prior, b.prior)).map((r) => ({ col: r.col, top: r.top, bottom: r.bottom, prior: r.first.prior }));
}

/** The fill a cell had before the first check, when an earlier check recorded it. */
export function priorFrom(record: SheetRecord | undefined): (row: number, col: number) => PriorFill | undefined {
  if (!record) return () => undefined;
  const byCol = new Map<number, FillRun[]>();
  for (const run of record.fills) {
    const runs = byCol.get(run.col);
    if (runs) runs.push(run);
    else byCol.set(run.col, [run]);
  }
  return (row, col) => byCol.get(col)?.find((r) => r.top <= row && row <= r.bottom)?.prior;
}

/** Expand runs back to cells (restoring needs them grouped by prior fill, not by column). */
export function cellsOf(runs: readonly FillRun[]): (CellRef & { prior: PriorFill })[] {
  const out: (CellRef & { prior: PriorFill })[] = [];
  for (const r of runs) for (let row = r.top; row <= r.bottom; row++) out.push({ row, col: r.col, prior: r.prior });
  return out;
}
