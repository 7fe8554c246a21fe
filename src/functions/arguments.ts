/**
 * Custom-function arguments as Excel passes them, turned into what the core reads. Pure: no Office.
 *
 * Excel hands a range to an `any[][]` parameter as rows of numbers, strings and booleans; an empty
 * cell arrives as "" (or as 0 through some formulas), a date as its serial number, and an error
 * cell as a CustomFunctions.Error-like object or as its text ("#N/A"), depending on the host.
 */
import type { Cell } from '../core/cell';
import type { ColumnType } from '../core/columns';
import type { BookSheet } from '../core/plan-book/blocks';
import type { BookValue } from '../core/plan-book/format';

const ERROR_TEXT = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** The Excel error an argument value stands for ("#N/A"), or undefined when it is not one. */
export function errorText(v: unknown): string | undefined {
  if (typeof v === 'string') return ERROR_TEXT.test(v.trim()) ? v.trim().toUpperCase() : undefined;
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  // CustomFunctions.Error { code: "#N/A", message }, Excel.ErrorCellValue { type: "Error", basicValue: "#N/A" }.
  for (const key of ['code', 'basicValue', 'value']) {
    const t = o[key];
    if (typeof t === 'string' && ERROR_TEXT.test(t.trim())) return t.trim().toUpperCase();
  }
  if (o.type === 'Error' || typeof o.errorType === 'string') return '#VALUE!';
  return undefined;
}

/** Columns where 0 is a real value (0 đồng, 0 %); everywhere else a 0 argument is an empty cell. */
const ZERO_IS_VALUE: ReadonlySet<ColumnType> = new Set<ColumnType>(['money', 'percent']);

/**
 * One argument value as a core cell, given the type of the column it sits in (undefined: a column
 * the plan does not read, or the header itself). Blank: null, "", whitespace, and 0 outside money
 * and percent columns (spec §4). An error value is blank in text columns — a name of "#N/A" is no
 * name — and elsewhere its text, which the core then reports as unreadable for that column.
 */
export function argumentCell(v: unknown, type?: ColumnType): Cell {
  if (v === null || v === undefined) return { value: null };
  const err = errorText(v);
  if (err !== undefined) return type === undefined || type === 'text' ? { value: null, error: err } : { value: err };
  if (typeof v === 'string') return v.trim() === '' ? { value: null } : { value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { value: String(v) };
    return v === 0 && !(type && ZERO_IS_VALUE.has(type)) ? { value: null } : { value: v };
  }
  if (typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v };
  if (typeof v === 'object') {
    // Rich cell values (allowCustomDataForDataTypeAny): the plain value is in basicValue, and a
    // formatted number keeps its format, which tells 6.5 % stored as 0.065 from a bare 0.065.
    const o = v as Record<string, unknown>;
    if (o.type === 'Empty') return { value: null };
    if (o.basicValue !== undefined && o.basicValue !== v) {
      const cell = argumentCell(o.basicValue, type);
      return typeof o.numberFormat === 'string' && typeof cell.value === 'number' ? { ...cell, format: o.numberFormat } : cell;
    }
    // An entity (linked data type) shows its text in the cell.
    if (typeof o.text === 'string') return argumentCell(o.text, type);
  }
  return { value: String(v) };
}

/** A range argument as rows; a single value (an array constant's element, a scalar) as one row. */
export function matrix(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return v === undefined || v === null ? [] : [[v]];
  return v.map((row) => (Array.isArray(row) ? row : [row]));
}

/** An optional scalar argument: omitted, an empty cell ("" or 0) or blank text count as absent. */
export function optionalText(v: unknown): string | undefined {
  if (Array.isArray(v)) return optionalText(matrix(v)[0]?.[0]);
  if (v === null || v === undefined || v === 0 || errorText(v) !== undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

export interface CellAddress {
  sheet: string;
  /** 1-based row and column of the range's top-left cell. */
  row: number;
  col: number;
}

/** Column letters → 1-based index ("A" → 1, "AA" → 27). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * "Sheet1!C7:V7", "'Danh sách (2)'!$C$7", "[Book1]Sheet1!C7", "Sheet1!7:7" → sheet name and
 * top-left cell.
 * Undefined for anything else (an array constant has no address).
 */
export function parseAddress(address: string | null | undefined): CellAddress | undefined {
  if (!address) return undefined;
  const bang = address.lastIndexOf('!');
  if (bang <= 0) return undefined;
  let sheet = address.slice(0, bang).trim();
  const quoted = /^'(.*)'$/.exec(sheet);
  if (quoted) sheet = quoted[1].replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, '');
  const ref = address.slice(bang + 1).trim();
  if (!sheet) return undefined;
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(ref);
  if (cell) return { sheet, col: columnIndex(cell[1]), row: Number(cell[2]) };
  // Whole rows ("7:7") start in column A; whole columns ("A:T") in row 1.
  const rows = /^\$?(\d+):\$?\d+$/.exec(ref);
  if (rows) return { sheet, col: 1, row: Number(rows[1]) };
  const cols = /^\$?([A-Za-z]{1,3}):\$?[A-Za-z]{1,3}$/.exec(ref);
  if (cols) return { sheet, col: columnIndex(cols[1]), row: 1 };
  return undefined;
}

/** An Office.js value as the plan-book reader takes it: "" is blank, an error cell its text. */
export function bookValue(v: unknown): BookValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return errorText(v) ?? String(v);
}

/** Office.js `values` of a used range (0-based start) → the plan-book reader's sheet. */
export function bookSheet(name: string, values: readonly (readonly unknown[])[], rowIndex: number, columnIndex: number): BookSheet {
  return { name, rows: values.map((r) => r.map(bookValue)), top: rowIndex + 1, left: columnIndex + 1 };
}
