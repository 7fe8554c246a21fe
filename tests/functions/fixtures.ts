/**
 * The vendored acceptance cases (tests/cases) laid out as Excel hands ranges to custom functions:
 * rows of values in a shuffled column order, empty cells as "" or 0, dates as serial numbers.
 */
import type { BookSheet } from '../../src/core/plan-book/blocks';
import fs from 'node:fs';
import path from 'node:path';
import { COL } from '../../src/core/columns';
import type { SheetSample } from '../../src/core/headers';
import type { RoundId } from '../../src/core/vocabulary';
import type { FunctionsHost } from '../../src/functions/adapter';
import type { AddinSettings } from '../../src/functions/settings';
import { planToTables } from '../../src/core/plan-book/to-tables';
import { shippedPlan } from '../../src/plans';

export interface Case {
  id: string;
  why: string;
  cells: Record<string, string | number>;
  expect: { status: string; awardTier: string | null; missing: string[]; deadline: string };
}

export interface CaseFile {
  plan: string;
  run: { round?: RoundId; year?: number };
  rows: Case[];
}

const dir = path.join(__dirname, '../cases');

export const CASE_FILES: CaseFile[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  // The vendored files (<plan>.json) first, so "the plan's cases" means them; our own rows after.
  .sort((a, b) => Number(a.startsWith('readings-')) - Number(b.startsWith('readings-')) || a.localeCompare(b))
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CaseFile);

/**
 * Every column a list for this plan carries: the general ones and each criterion column. A renamed
 * column keeps the former header when the case file (default: the plan's vendored one) uses it.
 */
export function planHeaders(planId: string, file?: CaseFile): string[] {
  const plan = shippedPlan(planId);
  if (!plan) throw new Error(`no plan ${planId}`);
  const general = [COL.name, COL.subject, COL.unit, COL.proposed, COL.round, COL.year, COL.submitted, COL.level, COL.summary, COL.lawAbiding];
  // A case file that still uses a renamed column's former header lays its sheet out with it.
  const source = file ?? CASE_FILES.find((f) => f.plan === planId);
  const used = new Set(source?.rows.flatMap((r) => Object.keys(r.cells)) ?? []);
  return [...new Set([...general, ...plan.criterionColumns])].map((h) => plan.registry.get(h)?.formerHeaders?.find((f) => used.has(f)) ?? h);
}

/** Deterministic shuffle (mulberry32), so a failure names the same layout every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** 1-based column index → letters (28 → "AB"). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** dd/mm/yyyy → Excel serial (1900 date system), as Excel passes a date cell. */
export function serial(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return undefined;
  return (Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** The other names of a renamed column (its current header and former headers). */
function sameColumn(planId: string, header: string): string[] {
  const def = [...(shippedPlan(planId)?.registry.values() ?? [])].find((d) => d.header === header || d.formerHeaders?.includes(header));
  return def ? [def.header, ...(def.formerHeaders ?? [])].filter((h) => h !== header) : [];
}

/** Columns where Excel's 0-for-empty would be a real value; empty stays "" there. */
function zeroIsValue(planId: string, header: string): boolean {
  const registry = shippedPlan(planId)?.registry;
  const type = (registry?.get(header) ?? [...(registry?.values() ?? [])].find((d) => d.formerHeaders?.includes(header)))?.type;
  return type === 'money' || type === 'percent';
}

/** One case as argument values under `headers`; empties alternate "" and 0 where 0 means empty. */
export function excelRow(planId: string, headers: readonly string[], cells: Record<string, string | number>): unknown[] {
  return headers.map((h, i) => {
    const v = cells[h] ?? cells[sameColumn(planId, h).find((x) => cells[x] !== undefined) ?? h];
    if (v === undefined) return i % 2 === 0 || zeroIsValue(planId, h) ? '' : 0;
    if (h === COL.submitted && typeof v === 'string') return serial(v) ?? v;
    return v;
  });
}

export const DEADLINE_TEXT: Record<string, (days?: string) => RegExp> = {
  'on-time': () => /^Đúng hạn$/,
  late: (days) => new RegExp(`^Trễ ${days} ngày \\(hạn trước \\d{2}/\\d{2}/\\d{4}\\)$`),
  missing: () => /^Thiếu ngày trình$/,
  none: () => /^$/,
};

export function deadlinePattern(expected: string): RegExp {
  const [status, days] = expected.split(':');
  return DEADLINE_TEXT[status](days);
}

/** "a; b" → sorted list ("" → []). */
export function splitMissing(text: string): string[] {
  return text ? text.split('; ').sort() : [];
}

/**
 * A workbook in memory: sheets as Office.js `values` ("" for empty), settings as the pane saved them.
 * Counts reads, so tests can see a filled-down formula read the sheet once.
 */
export class FakeHost implements FunctionsHost {
  reads = 0;
  readonly listeners = new Map<string, (topRow: number) => void>();

  constructor(
    public sheets: Record<string, unknown[][]>,
    public saved: AddinSettings = {},
  ) {}

  settings(): AddinSettings {
    return this.saved;
  }

  async readSheetTop(sheet: string, changed: (topRow: number) => void): Promise<SheetSample> {
    this.reads++;
    this.listeners.set(sheet, changed);
    const values = this.sheets[sheet];
    if (!values) throw new Error(`no sheet named ${sheet}`);
    await Promise.resolve();
    return {
      name: sheet,
      rows: values.slice(0, 62).map((r) => r.map((v) => ({ value: v === '' ? null : (v as string | number | boolean) }))),
      merges: [],
    };
  }

  planReads = 0;
  /** Whether the fake reports edits (ExcelApi 1.7 and later); `edit` stands for the user typing. */
  watching = true;

  async readPlanSheet(sheet: string, changed: (topRow: number) => void): Promise<{ sheet: BookSheet; watched: boolean } | null> {
    this.planReads++;
    await Promise.resolve();
    const name = Object.keys(this.sheets).find((n) => n.toLowerCase() === sheet.toLowerCase());
    if (name === undefined) return null;
    if (this.watching) this.listeners.set(name, changed);
    const rows = this.sheets[name].map((r) => r.map((v) => (v === '' || v === undefined ? null : (v as string | number | boolean))));
    return { sheet: { name, rows }, watched: this.watching };
  }

  /** The user edits a sheet at `topRow`: Excel reports it to the functions' listener. */
  edit(sheet: string, topRow: number, values: unknown[][]): void {
    this.sheets[sheet] = values;
    this.listeners.get(sheet)?.(topRow);
  }
}

/** A list sheet: two title rows, a blank row, the header at row 4 from column B (STT), column numbers, then data. */
export function listSheet(headers: readonly string[], rows: readonly unknown[][]): { values: unknown[][]; firstDataRow: number } {
  const width = headers.length + 2;
  const blank = () => new Array(width).fill('');
  const title1 = blank();
  title1[1] = 'UBND HUYỆN';
  const title2 = blank();
  title2[1] = 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG';
  const header = ['', 'STT', ...headers];
  const numbers = ['', ...headers.map((_, i) => `(${i + 1})`), `(${headers.length + 1})`];
  const data = rows.map((r, i) => ['', i + 1, ...r]);
  return { values: [title1, title2, blank(), header, numbers, ...data], firstDataRow: 6 };
}

/**
 * A shipped plan laid out as the one-sheet plan workbook ('Kế hoạch'!A1:…), as Excel passes that
 * range to a custom function: rectangular rows, "" for empty cells. Built with the core's
 * planToTables, so it is exactly what "Chèn trang kế hoạch" writes.
 */
export function planRange(planId: string): unknown[][] {
  const plan = shippedPlan(planId);
  if (!plan) throw new Error(`no plan ${planId}`);
  const rows: unknown[][] = [];
  for (const t of planToTables(plan.plan)) {
    rows.push([`[${t.block.title}]`], t.block.columns.map((c) => c.header), ...t.rows.map((r) => r.map((v) => (v === null ? '' : v))), []);
  }
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
}
