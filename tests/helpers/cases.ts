/** The visible acceptance cases vendored at tests/cases/<plan>.json (from shared/cases). */
import fs from 'node:fs';
import path from 'node:path';
import type { RowCells } from './workbook';

export interface CaseExpect {
  status: 'eligible' | 'ineligible' | 'incomplete' | 'not-covered';
  awardTier: string | null;
  missing: string[];
  /** "on-time", "none", "missing" or "late:N" (N days late). */
  deadline: string;
}

export interface CaseRow {
  id: string;
  why: string;
  cells: RowCells;
  expect: CaseExpect;
}

export interface CaseFile {
  plan: string;
  run: { round?: string; year?: number };
  sections?: boolean;
  rows: CaseRow[];
}

const DIR = path.resolve(__dirname, '../cases');

export const PLAN_IDS = ['thach-ha-2022', 'hong-linh-2022', 'dak-nong-2022', 'quynh-nhai-2022', 'nguyen-binh-2022'] as const;

export function loadCases(plan: string): CaseFile {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${plan}.json`), 'utf8')) as CaseFile;
}

/** The command-line flags for a case file's run. */
export function runArgs(c: CaseFile): string[] {
  return [...(c.run.round ? ['--round', c.run.round] : []), ...(c.run.year ? ['--year', String(c.run.year)] : [])];
}

/** "late:6" → { status: 'late', daysLate: 6 }. */
export function parseDeadline(s: string): { status: string; daysLate?: number } {
  const [status, days] = s.split(':');
  return days === undefined ? { status } : { status, daysLate: Number(days) };
}
