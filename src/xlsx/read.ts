/**
 * The exceljs adapter for reading: turns a workbook into the core's neutral cells and samples.
 * All exceljs reading lives here so the core never sees an exceljs type.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../core/cell';
import type { MergeRange, SheetSample } from '../core/headers';
import { colLetter, colNumber } from '../core/a1';

/** Rows looked at to find the header; title blocks are a few rows, never dozens. */
export const SAMPLE_ROWS = 60;

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs value → neutral Cell: formulas give their cached result, rich text its plain text. */
export function toCell(value: ExcelValue, format?: string): Cell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return format && format !== 'General' ? { value, format } : { value };
  }
  if (value instanceof Date) return { value, format };
  if (typeof value === 'object') {
    if ('error' in value && typeof value.error === 'string') return { value: null, error: value.error };
    if ('richText' in value && Array.isArray(value.richText)) return { value: value.richText.map((t) => t.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelValue }).result;
      return toCell(result as ExcelValue, format);
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
      return { value: (value as { text: string }).text };
    }
  }
  return { value: String(value) };
}

export function rowCells(row: ExcelJS.Row, width: number): Cell[] {
  const cells: Cell[] = new Array(width);
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cells[c - 1] = toCell(cell.value, cell.numFmt);
  }
  return cells;
}

export function mergesOf(ws: ExcelJS.Worksheet): MergeRange[] {
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  return merges.map(parseRange).filter((m): m is MergeRange => m !== null);
}

function parseRange(ref: string): MergeRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { top: Number(m[2]), left: colNumber(m[1]), bottom: Number(m[4]), right: colNumber(m[3]) };
}

export { colLetter, colNumber };

export function sampleOf(ws: ExcelJS.Worksheet): SheetSample {
  const width = Math.max(ws.columnCount, 1);
  const rows: Cell[][] = [];
  const last = Math.min(ws.rowCount, SAMPLE_ROWS);
  for (let r = 1; r <= last; r++) rows.push(rowCells(ws.getRow(r), width));
  return { name: ws.name, rows, merges: mergesOf(ws) };
}

/** Rows read of a sheet searched for a catalogue (issue 10): catalogues are a few hundred rows. */
export const CATALOGUE_ROWS = 5000;
/** A catalogue's code and name columns are at its left: cells right of this column are not read. */
export const CATALOGUE_COLUMNS = 256;

/** The top rows of every sheet but the list's, as a catalogue is looked for in them. */
export function catalogueSheets(wb: ExcelJS.Workbook, except: ExcelJS.Worksheet): { name: string; rows: Cell[][] }[] {
  return wb.worksheets
    .filter((ws) => ws !== except)
    .map((ws) => {
      const width = Math.min(Math.max(ws.columnCount, 1), CATALOGUE_COLUMNS);
      const rows: Cell[][] = [];
      for (let r = 1; r <= Math.min(ws.rowCount, CATALOGUE_ROWS); r++) rows.push(rowCells(ws.getRow(r), width));
      return { name: ws.name, rows };
    });
}
