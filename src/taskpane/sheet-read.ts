/**
 * The pane's reads of the active sheet, the part of the adapter that must respect Excel on the
 * web's 5 MB response cap and the host's requirement sets: the top rows for the mapping preview,
 * the whole used range in row slices for a check, and the grid the pure results model works on.
 */
import type { Cell } from '../core/cell';
import type { MergeRange } from '../core/headers';
import { RESULT_HEADERS } from '../core/report';
import type { SheetRecord } from './record';
import { columnNumber, type SheetGrid } from './results-model';

/** Office.context.requirements.isSetSupported('ExcelApi', version), or a test's stand-in. */
export type Supports = (excelApiVersion: string) => boolean;

/** Rows searched for the header (core scans 60) and for merged header cells. */
const SAMPLE_ROWS = 62;

export interface ReadHandles {
  sheet: Excel.Worksheet;
  used: UsedCells;
  extent: Excel.Range;
  merges: Excel.RangeAreas | undefined;
}

/** The sheet's used cells as the grid code reads them: values and formats from (rowIndex, columnIndex). */
interface UsedCells {
  isNullObject: boolean;
  values: unknown[][];
  numberFormat: string[][];
  rowIndex: number;
  columnIndex: number;
}

/** Rows in the first slice of a full read, before the sheet's bytes per row are known. */
const FIRST_SLICE_ROWS = 500;
/** Target of the later slices, well under Excel on the web's 5 MB response cap. */
const READ_BUDGET = 3_000_000;

/**
 * Queue the sheet, the extent of everything formatted, and — when the host has ExcelApi 1.13 — the
 * merged cells of the top rows. Older hosts admitted by the manifest (SharedRuntime 1.1 comes with
 * ExcelApi 1.11) have no API that tells merges: the header is then matched from the top-left texts,
 * which Office.js gives for a merged cell anyway.
 */
function queueSheetBase(
  context: Excel.RequestContext,
  supports: Supports,
  sheet: Excel.Worksheet = context.workbook.worksheets.getActiveWorksheet(),
): Omit<ReadHandles, 'used'> & { top: Excel.Range } {
  sheet.load('id,name');
  const top = sheet.getRange(`1:${SAMPLE_ROWS}`);
  // Formatted but empty cells count for placement: result columns go where nothing at all is set.
  const extent = sheet.getUsedRangeOrNullObject(false);
  extent.load('columnIndex,columnCount');
  const merges = supports('1.13') ? top.getMergedAreasOrNullObject() : undefined;
  merges?.load('address');
  return { sheet, top, extent, merges };
}

/**
 * The top rows only (mapping preview): one request, at most 62 rows.
 * Not `valueTypes`: Office hands an error value over as its text ("#N/A"), which tells it just as
 * well, and leaving it out spares a third of the response (Excel on the web caps one at 5 MB).
 */
export async function readTop(context: Excel.RequestContext, supports: Supports): Promise<ReadHandles> {
  const base = queueSheetBase(context, supports);
  const used = base.top.getUsedRangeOrNullObject(true);
  used.load('values,numberFormat,rowIndex,columnIndex');
  await context.sync();
  return { ...base, used };
}

/** Bytes of a loaded slice as Office sends it (JSON), to size the next one. */
function sliceBytes(values: unknown[][], formats: string[][]): number {
  return JSON.stringify(values).length * 1.5 + JSON.stringify(formats).length;
}

/**
 * The whole used range, read in row slices so that no response passes Excel on the web's 5 MB cap:
 * the first slice (500 rows) comes with the sheet's extent in one request; the later ones are sized
 * from the bytes per row measured so far. A 10,000-row list of about 4 MB takes three requests.
 * The active sheet unless `sheet` is given ("Gộp danh sách" reads every list sheet, one after another).
 */
export async function readAll(context: Excel.RequestContext, supports: Supports, sheet?: Excel.Worksheet): Promise<ReadHandles> {
  const base = queueSheetBase(context, supports, sheet);
  const usedRange = base.sheet.getUsedRangeOrNullObject(true);
  usedRange.load('rowIndex,columnIndex,rowCount,columnCount');
  const slice = (from: number, rows: number) => {
    // Rows from..from+rows-1 (0-based, sheet rows) of the used columns.
    const r = usedRange.getIntersectionOrNullObject(base.sheet.getRangeByIndexes(from, 0, rows, 16384));
    r.load('values,numberFormat');
    return r;
  };
  // The used range starts at row 1 in almost every list; a first slice from row 1 covers it.
  const first = slice(0, FIRST_SLICE_ROWS);
  await context.sync();
  const used: UsedCells = { isNullObject: usedRange.isNullObject, values: [], numberFormat: [], rowIndex: 0, columnIndex: 0 };
  if (used.isNullObject) return { ...base, used };
  used.rowIndex = usedRange.rowIndex;
  used.columnIndex = usedRange.columnIndex;
  const end = usedRange.rowIndex + usedRange.rowCount;
  let next = used.rowIndex;
  let perRow = 0;
  if (used.rowIndex < FIRST_SLICE_ROWS) {
    const rows = Math.min(FIRST_SLICE_ROWS, end) - used.rowIndex;
    used.values.push(...first.values);
    used.numberFormat.push(...first.numberFormat);
    perRow = sliceBytes(first.values, first.numberFormat) / Math.max(rows, 1);
    next = Math.min(FIRST_SLICE_ROWS, end);
  }
  while (next < end) {
    const rows = Math.max(1, Math.min(end - next, perRow ? Math.floor(READ_BUDGET / perRow) : FIRST_SLICE_ROWS));
    const part = slice(next, rows);
    await context.sync();
    used.values.push(...part.values);
    used.numberFormat.push(...part.numberFormat);
    perRow = Math.max(perRow, sliceBytes(part.values, part.numberFormat) / rows);
    next += rows;
  }
  return { ...base, used };
}

/** Excel's error values as Range.values gives them; such a cell counts as blank (spec §4). */
const ERROR_VALUE = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/** Office value + number format → the core's neutral cell. */
function toCell(v: unknown, format: string | undefined): Cell {
  if (v === '' || v === null || v === undefined) return { value: null };
  if (typeof v === 'string' && ERROR_VALUE.test(v)) return { value: null, error: v };
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  return format && format !== 'General' ? { value, format } : { value };
}

const EMPTY: Cell = { value: null };

/** "Sheet1!A1:C1, 'Danh sách'!B3:B4" → merge rectangles (a quoted sheet name may hold "," or "!"). */
export function parseAreas(address: string): MergeRange[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const out: MergeRange[] = [];
  for (const part of parts) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(part.slice(part.lastIndexOf('!') + 1).trim());
    if (!m) continue;
    const left = columnNumber(m[1]);
    const top = Number(m[2]);
    out.push({ top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left });
  }
  return out;
}

/** The add-in's own columns of an earlier check, when they are still where the record says. */
export function intactBlock(h: ReadHandles, rec: SheetRecord | undefined): boolean {
  if (!rec || h.used.isNullObject) return false;
  const row = h.used.values[rec.top - 1 - h.used.rowIndex];
  if (!row) return false;
  return RESULT_HEADERS.every((text, i) => row[rec.firstCol - 1 + i - h.used.columnIndex] === text);
}

/** The loaded cells as a grid from A1, with the add-in's own columns (when intact) left out. */
export function gridFrom(h: ReadHandles, own: SheetRecord | undefined): SheetGrid {
  const base = { sheetId: h.sheet.id, sheetName: h.sheet.name };
  if (h.used.isNullObject) return { ...base, rows: [], merges: [], lastColumn: 0 };
  const { values, numberFormat, rowIndex: r0, columnIndex: c0 } = h.used;
  const width = c0 + (values[0]?.length ?? 0);
  const skipFrom = own ? own.firstCol : Infinity;
  const skipTo = own ? own.firstCol + RESULT_HEADERS.length - 1 : -Infinity;
  const rows: Cell[][] = [];
  for (let r = 0; r < r0; r++) rows.push([]);
  values.forEach((vals, i) => {
    const cells: Cell[] = new Array(width);
    for (let c = 0; c < c0; c++) cells[c] = EMPTY;
    for (let j = 0; j < vals.length; j++) {
      const col = c0 + j + 1;
      cells[c0 + j] = col >= skipFrom && col <= skipTo ? EMPTY : toCell(vals[j], numberFormat[i]?.[j]);
    }
    rows.push(cells);
  });
  const merges = !h.merges || h.merges.isNullObject ? [] : parseAreas(h.merges.address).filter((m) => m.right < skipFrom || m.left > skipTo);
  const extentLast = h.extent.isNullObject ? 0 : h.extent.columnIndex + h.extent.columnCount;
  // With the add-in's block on the right edge, the table ends before it.
  const lastColumn = own && width <= skipTo ? Math.min(width, skipFrom - 1) : Math.max(width, own ? 0 : extentLast);
  return { ...base, rows, merges, lastColumn };
}

