/**
 * The adapter-neutral cell: what exceljs, Office.js and custom-function arguments are all turned
 * into before the core sees them. Formulas arrive as their cached result; rich text as plain text.
 */
export interface Cell {
  value: string | number | boolean | Date | null;
  /** Excel number format, when the adapter knows it (needed to tell 0.065 formatted as % from 0.065). */
  format?: string;
  /** Excel error value such as "#N/A": counts as blank (spec §4). */
  error?: string;
}

export const EMPTY_CELL: Cell = { value: null };

/** Result of reading one cell as a typed value: never a silent default. */
export type Parsed<T> =
  | { kind: 'value'; value: T }
  | { kind: 'blank' }
  | { kind: 'unreadable'; raw: string; expected: string };

export const BLANK: Parsed<never> = { kind: 'blank' };

export function value<T>(v: T): Parsed<T> {
  return { kind: 'value', value: v };
}

export function unreadable(raw: string, expected: string): Parsed<never> {
  return { kind: 'unreadable', raw, expected };
}

/** A calendar date without time zone, as the plan's deadlines are (spec §5). ISO "YYYY-MM-DD". */
export type IsoDate = string;
