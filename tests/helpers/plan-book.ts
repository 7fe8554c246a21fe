/**
 * A shipped plan's workbook tables, as the plan workbook reader receives them, with setters to
 * spoil one cell the way an author would, and the reader's lines ("Sheet!A1: …").
 */
import type { BookSheet } from '../../src/core/plan-book/blocks';
import type { BookValue } from '../../src/core/plan-book/format';
import { formatBookError, readPlanBook } from '../../src/core/plan-book/from-tables';
import { planToTables } from '../../src/core/plan-book/to-tables';
import { shippedPlan } from '../../src/plans';

export type Sheet = { name: string; rows: BookValue[][] };

export function sheetsOf(id: string): Sheet[] {
  return planToTables(shippedPlan(id)!.plan).map((t) => ({ name: t.block.title, rows: [t.block.columns.map((c) => c.header), ...t.rows.map((r) => [...r])] }));
}

export function sheet(sheets: Sheet[], name: string): Sheet {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Appends a row given by header → value; returns its sheet row number (1-based). */
export function addRow(sheets: Sheet[], name: string, cells: Record<string, BookValue>): number {
  const s = sheet(sheets, name);
  const header = s.rows[0] as string[];
  for (const h of Object.keys(cells)) if (!header.includes(h)) throw new Error(`no column ${h} in ${name}`);
  s.rows.push(header.map((h) => cells[h] ?? null));
  return s.rows.length;
}

/** The Thông tin row of a field: sets its value, returns the sheet row number. */
export function setInfo(sheets: Sheet[], label: string, value: BookValue): number {
  const s = sheet(sheets, 'Thông tin');
  const i = s.rows.findIndex((r) => r[0] === label);
  if (i < 0) throw new Error(`no field ${label}`);
  s.rows[i][1] = value;
  return i + 1;
}

/** The sheet row (1-based) of the criterion with this id, and a setter for one of its cells. */
export function criterion(sheets: Sheet[], id: string) {
  const ws = sheet(sheets, 'Tiêu chí');
  const header = ws.rows[0] as string[];
  const i = ws.rows.findIndex((r) => r[0] === id);
  if (i < 0) throw new Error(`no criterion ${id}`);
  return {
    row: i + 1,
    col: (name: string) => String.fromCharCode(65 + header.indexOf(name)),
    set: (name: string, v: BookValue) => (ws.rows[i][header.indexOf(name)] = v),
  };
}

/** Every problem line of the workbook (an error if it reads). */
export function bookErrors(sheets: BookSheet[]): string[] {
  const r = readPlanBook(sheets, 'ke-hoach.xlsx');
  if (r.ok) throw new Error('expected errors');
  return r.errors.map(formatBookError);
}
