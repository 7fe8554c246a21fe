/**
 * Checking an exceljs workbook in memory: sheet choice, header mapping, every row judged. Shared by
 * the command line and the page that works outside Excel; no file system here.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../core/cell';
import { unitOf } from '../core/check';
import type { CompiledPlan } from '../core/compile';
import type { Decision, RunContext } from '../core/evaluate';
import { chooseSheet, type HeaderMatch } from '../core/headers';
import { planIdentity } from '../core/plan-identity';
import { asPlanSet, checkRowsInSet, rowPlanFields, type PlanSet } from '../core/plan-set';
import { tableWidth } from '../core/rows';
import { reportRow, sheetNames, summarize, type FileReport, type Namer } from '../core/report';
import { codeDecoder, needsCatalogue, readCatalogue } from '../core/catalogue';
import { catalogueSheets, rowCells, sampleOf } from './read';

export interface CheckedItem {
  row: number;
  decision: Decision;
  unit: string | null;
  /** The plan that judged the row (a merge and an export carry it with the nominee). */
  plan?: CompiledPlan;
  /** The plan that judged the row: names its own forms and types (issue 18). */
  namer?: Namer;
  /** The judging plan's identity line, when several plans judged the list. */
  planLine?: string;
  /** The judging plan's short name, when several plans judged the list. */
  planName?: string;
}

export interface CheckedWorkbook {
  report: FileReport;
  items: CheckedItem[];
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  match: HeaderMatch;
}

export interface WorkbookCheckOptions extends RunContext {
  sheet?: string;
  map?: Record<string, string>;
  /** Called every few hundred rows with (row, last row). */
  onProgress?: (row: number, total: number) => void;
}

export type WorkbookProblem =
  | { problem: 'no-sheet'; sheet: string; sheets: string[] }
  | { problem: 'no-header'; looked: string[] }
  | { problem: 'bad-map'; header: string; target: string };

export function checkWorkbook(wb: ExcelJS.Workbook, file: string, plans: CompiledPlan | PlanSet, opts: WorkbookCheckOptions): CheckedWorkbook | WorkbookProblem {
  const set = asPlanSet(plans);
  const plan = set.plans[0];
  const sheets = wb.worksheets;
  const chosen = chooseSheet(
    sheets.map((ws) => sampleOf(ws)),
    set.registry,
    { sheet: opts.sheet, manual: opts.map },
  );
  if ('error' in chosen) {
    return chosen.error === 'no-sheet'
      ? { problem: 'no-sheet', sheet: opts.sheet ?? '', sheets: sheets.map((s) => s.name) }
      : { problem: 'no-header', looked: chosen.looked };
  }
  const ws = sheets[chosen.index];
  const match = chosen.match;
  // A --map entry that names nothing in the sheet is a mistake the user should hear about.
  for (const [header, target] of Object.entries(opts.map ?? {})) {
    if (match.columns[header] === undefined) return { problem: 'bad-map', header, target };
  }
  // As wide as the table, not the sheet: a stray cell in column XFD costs one cell, not 16,384 per row.
  const width = tableWidth(match);
  const total = ws.rowCount;
  const decode = workbookDecoder(wb, ws, match);
  function* rows() {
    for (let r = match.firstDataRow; r <= total; r++) {
      if (opts.onProgress && r % 500 === 0) opts.onProgress(r, total);
      const cells = rowCells(ws.getRow(r), width);
      yield { row: r, cells: decode ? decode(cells) : cells };
    }
  }
  const items: CheckedItem[] = [];
  const judgedBy: string[] = [];
  for (const c of checkRowsInSet(set, match, rows(), opts)) {
    items.push({ row: c.row, decision: c.decision, unit: unitOf(c.cells, match), ...rowPlanFields(set, c.plan), plan: c.plan });
    judgedBy.push(c.plan.plan.id);
  }
  const names = sheetNames(match, set.registry);
  const reportRows = items.map((i, k) => reportRow(i.row, i.decision, names, judgedBy[k]));
  const report: FileReport = {
    plan: plan.plan.id,
    plans: set.plans.map(planIdentity),
    file,
    sheet: ws.name,
    headerRow: match.headerRow,
    rows: reportRows,
    summary: summarize(reportRows),
  };
  return { report, items, workbook: wb, sheet: ws, match };
}

/** Code columns (management-system exports, issue 10) are read through this workbook's own catalogue. */
export function workbookDecoder(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, match: HeaderMatch): ((cells: readonly Cell[]) => Cell[]) | undefined {
  return needsCatalogue(match) ? codeDecoder(match, readCatalogue(catalogueSheets(wb, ws))) : undefined;
}
