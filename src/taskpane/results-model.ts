/**
 * What the pane computes between reading a sheet and writing back, with no Office call: the check of
 * a grid of cells, and the layouts of the result columns, the summary sheet and the template sheet
 * as plain data. The Excel adapter only moves these to and from the workbook, so this file is tested
 * without any host.
 */
import type { Cell } from '../core/cell';
import { unitOf } from '../core/check';
import { asPlanSet, checkRowsInSet, rowPlanFields, type PlanSet } from '../core/plan-set';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import type { Decision, RunContext } from '../core/evaluate';
import { detectHeader, type HeaderMatch, type MergeRange } from '../core/headers';
import { FILLS, RESULT_HEADERS, resultCells, summarize, summaryHeading, summaryTables, type Namer, type Summary, type Table } from '../core/report';
import type { TemplateModel } from '../core/template';

/** One sheet as the adapter read it, in the core's neutral cells. */
export interface SheetGrid {
  sheetId: string;
  sheetName: string;
  /** rows[0] = Excel row 1, rows[r][0] = column A; padded so that every index up to the last used cell exists. */
  rows: Cell[][];
  merges: MergeRange[];
  /** Last column holding a value or a format (1-based; 0 for an empty sheet). */
  lastColumn: number;
}

export interface CheckedItem {
  row: number;
  decision: Decision;
  unit: string | null;
  /** The plan that judged the row: names its own forms and types (issue 18). */
  namer?: Namer;
  /** The judging plan's identity line, when several plans judged the list. */
  planLine?: string;
  /** The judging plan's short name, when several plans judged the list. */
  planName?: string;
}

export interface GridCheck {
  match: HeaderMatch;
  items: CheckedItem[];
  summary: Summary;
}

export type GridProblem =
  | { problem: 'no-header'; sheet: string }
  | { problem: 'bad-map'; sheet: string; header: string; target: string }
  | { problem: 'empty'; sheet: string };

/** Header detection and every row judged — the same core calls as the command line's. */
export function checkGrid(grid: SheetGrid, plans: CompiledPlan | PlanSet, ctx: RunContext, manual?: Record<string, string>): GridCheck | GridProblem {
  if (!grid.rows.length) return { problem: 'empty', sheet: grid.sheetName };
  const set = asPlanSet(plans);
  const found = detectHeader({ name: grid.sheetName, rows: grid.rows, merges: grid.merges }, set.registry, manual);
  if (!found) return { problem: 'no-header', sheet: grid.sheetName };
  const match: HeaderMatch = found;
  // A saved mapping that names nothing in this sheet is a mistake the user should hear about.
  for (const [header, target] of Object.entries(manual ?? {})) {
    if (match.columns[header] === undefined) return { problem: 'bad-map', sheet: grid.sheetName, header, target };
  }
  const width = Math.max(grid.lastColumn, ...Object.values(match.columns));
  function* rows() {
    for (let r = match.firstDataRow; r <= grid.rows.length; r++) {
      const cells = grid.rows[r - 1];
      yield { row: r, cells: cells.length >= width ? cells : padded(cells, width) };
    }
  }
  const items: CheckedItem[] = [];
  for (const c of checkRowsInSet(set, match, rows(), ctx)) items.push({ row: c.row, decision: c.decision, unit: unitOf(c.cells, match), ...rowPlanFields(set, c.plan) });
  return { match, items, summary: summarize(items.map((i) => i.decision)) };
}

function padded(cells: Cell[], width: number): Cell[] {
  const out = cells.slice();
  for (let i = cells.length; i < width; i++) out.push({ value: null });
  return out;
}

/** "FFE2EFDA" (ARGB, as core and exceljs write it) → "#E2EFDA" (Office.js). */
export function officeColor(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Excel refuses cell text over 32,767 characters; keep the start and say it was cut (as the checked copy does). */
export function cellText(s: string): string {
  return s.length > 32_000 ? `${s.slice(0, 32_000)}…` : s;
}

export interface FillCell {
  row: number;
  col: number;
  /** Office colour "#RRGGBB". */
  color: string;
}

/** Everything "Kiểm tra" writes, positioned on the sheet. */
export interface ResultsLayout {
  firstCol: number;
  /** Top row of the block (the header's top row) and its last row (the last checked row). */
  top: number;
  bottom: number;
  headerRows: 1 | 2;
  /** (bottom - top + 1) × 5 texts; the first row is the headers, rows that are not nominees stay "". */
  values: string[][];
  /** Fills inside the result block: headers, status, late deadline. */
  blockFills: FillCell[];
  /** Fills on the user's own cells (missing values, late rows): recorded so that they can be undone. */
  userFills: FillCell[];
  /** Column widths in points for the five columns. */
  widths: number[];
}

/** Points; the pane does not wrap text, so rows keep their height and "Xóa kết quả" has none to restore. */
export const RESULT_WIDTHS = [110, 170, 170, 150, 320];

/**
 * The result block: same texts, same colours and the same cells highlighted as the checked copy the
 * command line writes (src/xlsx/patch.ts), so both look alike.
 */
export function resultsLayout(check: GridCheck, firstCol: number): ResultsLayout {
  const { match, items } = check;
  const top = match.headerRow - match.headerRows + 1;
  const bottom = items.length ? Math.max(match.headerRow, ...items.map((i) => i.row)) : match.headerRow;
  const values: string[][] = [];
  for (let r = top; r <= bottom; r++) values.push(['', '', '', '', '']);
  values[0] = [...RESULT_HEADERS];
  const blockFills: FillCell[] = RESULT_HEADERS.map((_, i) => ({ row: top, col: firstCol + i, color: officeColor(FILLS.header) }));
  // Later colours win on the same cell, as successive fills do in the checked copy.
  const user = new Map<string, FillCell>();
  const setUser = (row: number, col: number, argb: string) => user.set(`${row}:${col}`, { row, col, color: officeColor(argb) });
  // The name cell marks a late row, as in the checked copy.
  const nameCol = match.columns[COL.name];
  for (const item of items) {
    values[item.row - top] = resultCells(item.decision, undefined, item.namer).map(cellText);
    blockFills.push({ row: item.row, col: firstCol, color: officeColor(FILLS.status[item.decision.status]) });
    for (const header of item.decision.missing) {
      const col = match.columns[header];
      if (col) setUser(item.row, col, FILLS.missingCell);
    }
    if (item.decision.deadline.status === 'late') {
      blockFills.push({ row: item.row, col: firstCol + 3, color: officeColor(FILLS.lateRow) });
      if (nameCol) setUser(item.row, nameCol, FILLS.lateRow);
    }
  }
  return { firstCol, top, bottom, headerRows: match.headerRows, values, blockFills, userFills: [...user.values()], widths: RESULT_WIDTHS };
}

// ---------------------------------------------------------------------------------------------
// Summary sheet

export const SUMMARY_SHEET = 'Tổng hợp';

export interface SheetBlock {
  /** 1-based top-left cell. */
  row: number;
  col: number;
  values: (string | number)[][];
  bold?: boolean;
  fill?: string;
}

export interface SummaryLayout {
  blocks: SheetBlock[];
  /** Column widths in points, from column A. */
  widths: number[];
  /** The tier × status table (labels and counts, without the total column) the chart is drawn from. */
  chart?: { title: string; top: number; left: number; bottom: number; right: number; anchor: string; anchorEnd: string };
  /** The multi-line "Lý do" cells, wrapped so that they can be read. */
  wrap: { top: number; bottom: number; col: number }[];
}

const TIER_TABLE = 1; // index of "Hình thức đề nghị × kết quả" in summaryTables()

/** The "Tổng hợp" sheet of spec §6, laid out like the checked copy's, plus where the chart goes. */
export function summaryLayout(items: readonly CheckedItem[], plan: CompiledPlan, sheetName: string, used: readonly CompiledPlan[] = [plan]): SummaryLayout {
  const heading = summaryHeading(plan, `trang tính: ${sheetName}`, used);
  const blocks: SheetBlock[] = [
    { row: 1, col: 1, values: [[cellText(heading.title)]], bold: true },
    { row: 2, col: 1, values: [[cellText(heading.subtitle)]] },
  ];
  const wrap: SummaryLayout['wrap'] = [];
  let chart: SummaryLayout['chart'];
  let row = 4;
  summaryTables(items, plan).forEach((table: Table, index) => {
    blocks.push({ row, col: 1, values: [[table.title]], bold: true });
    blocks.push({ row: row + 1, col: 1, values: [table.headers], bold: true, fill: officeColor(FILLS.header) });
    if (!table.rows.length) {
      blocks.push({ row: row + 2, col: 1, values: [['(không có)']] });
      row += 2 + 2;
      return;
    }
    const width = table.headers.length;
    blocks.push({ row: row + 2, col: 1, values: table.rows.map((r) => fit(r.map((v) => (typeof v === 'string' ? cellText(v) : v)), width)) });
    const last = row + 1 + table.rows.length;
    table.headers.forEach((_, ci) => {
      if (table.rows.some((r) => typeof r[ci] === 'string' && (r[ci] as string).includes('\n'))) wrap.push({ top: row + 2, bottom: last, col: ci + 1 });
    });
    if (index === TIER_TABLE) {
      // Statuses as series, tiers as categories: the "Tổng" column would double every bar.
      chart = { title: 'Kết quả theo hình thức đề nghị', top: row + 1, left: 1, bottom: last, right: width - 1, anchor: 'H4', anchorEnd: 'P22' };
    }
    row = last + 2;
  });
  return { blocks, widths: [220, 110, 110, 110, 110, 110], chart, wrap };
}

function fit<T>(row: T[], width: number): (T | string)[] {
  const out: (T | string)[] = row.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Template sheet

/** Same names and size as the exceljs template (src/xlsx/template.ts), which the pane must not load. */
export const TEMPLATE_SHEET = 'Danh sách';
export const LISTS_SHEET = 'Danh mục';
export const TEMPLATE_ROWS = 1000;
export const TEMPLATE_HEADER_ROW = 4;

export interface TemplateLayout {
  title: string;
  subtitle: string;
  /** Header row texts from column A ("STT" first). */
  headers: string[];
  /** Widths in points from column A. */
  widths: number[];
  /** Per enumerated column: its choices, stored in a column of the hidden list sheet. */
  lists: { col: number; listCol: number; header: string; options: string[] }[];
}

export function templateLayout(model: TemplateModel): TemplateLayout {
  const lists: TemplateLayout['lists'] = [];
  model.columns.forEach((c, i) => {
    if (c.options?.length) lists.push({ col: i + 2, listCol: lists.length + 1, header: c.header, options: c.options });
  });
  return {
    title: model.title,
    subtitle: model.subtitle,
    headers: ['STT', ...model.columns.map((c) => c.header)],
    // Template widths are in characters (exceljs); about 7 points each.
    widths: [6 * 7, ...model.columns.map((c) => Math.round(c.width * 7))],
    lists,
  };
}

/** "Tổng hợp", else "Tổng hợp 2", … — the first name no sheet has. */
export function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

/** "'Danh mục'!$A$2:$A$5": a list source on the hidden sheet (labels contain commas, so no inline list). */
export function listSource(sheet: string, listCol: number, count: number): string {
  const letter = columnLetter(listCol);
  return `='${sheet.replace(/'/g, "''")}'!$${letter}$2:$${letter}$${count + 1}`;
}
