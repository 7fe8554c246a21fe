/**
 * A check made in memory (src/xlsx/check-workbook.ts) as the patch writer's input, and the checked
 * copy made from it: what the page outside Excel downloads, by the same functions as the command
 * line's --out.
 */
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { explanationHeading, RESULT_HEADERS, resultCells, summaryHeading, summaryTables, type Table } from '../core/report';
import { asPlanSet, type PlanSet } from '../core/plan-set';
import type { CheckedWorkbook } from './check-workbook';
import type { PatchRow, PatchSpec } from './patch-spec';
import { patchWorkbook } from './patch-zip';

/** `summary`: another detail and other tables (a merged list adds per-file counts and the files not read). */
export interface SummaryOverride {
  detail: string;
  tables: Table[];
}

export function copyInput(checked: Pick<CheckedWorkbook, 'items' | 'match' | 'sheet' | 'report'>, plans: CompiledPlan | PlanSet, summary?: SummaryOverride): { spec: PatchSpec; rows: PatchRow[] } {
  const set = asPlanSet(plans);
  const plan = set.plans[0];
  const { match, items, sheet } = checked;
  const nameCol = match.columns[COL.name];
  const rows: PatchRow[] = items.map((i) => ({
    row: i.row,
    values: resultCells(i.decision, undefined, i.namer ?? plan),
    status: i.decision.status,
    late: i.decision.deadline.status === 'late',
    missingCols: i.decision.missing.map((h) => match.columns[h]).filter((c): c is number => c !== undefined),
    nameCol,
  }));
  const spec: PatchSpec = {
    explanationHeading: explanationHeading(set.plans),
    sheetName: sheet.name,
    headerTop: match.headerRow - match.headerRows + 1,
    headerBottom: match.headerRow,
    firstCol: Math.max(sheet.columnCount, ...Object.values(match.columns)) + 1,
    headers: RESULT_HEADERS,
    summary: summary
      ? { ...summaryHeading(plan, summary.detail, set.plans), tables: summary.tables }
      : { ...summaryHeading(plan, `trang tính: ${checked.report.sheet}`, set.plans), tables: summaryTables(items, plan) },
  };
  return { spec, rows };
}

/** The checked copy of `data` (the workbook the check read), as bytes. */
export function checkedCopy(data: ArrayBuffer | Uint8Array, checked: Pick<CheckedWorkbook, 'items' | 'match' | 'sheet' | 'report'>, plan: CompiledPlan | PlanSet, summary?: SummaryOverride): Promise<Uint8Array> {
  const { spec, rows } = copyInput(checked, plan, summary);
  return patchWorkbook(data, spec, rows);
}
