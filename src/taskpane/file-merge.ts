/**
 * "Gộp danh sách" outside Excel (issue 10 §2): several picked files, each checked as the page checks
 * one, merged by core's mergedTable (the command line's merge), written by the same merged-list
 * writer as `check --merge`, re-checked, and patched into one checked copy with the summary across
 * files — the workbook `--merge` writes, made in the browser. A file that cannot be read is listed
 * with its reason (in the message and on the summary sheet); the others are merged.
 */
import ExcelJS from 'exceljs';
import type { CompiledPlan } from '../core/compile';
import { asPlanSet, type PlanSet } from '../core/plan-set';
import type { RunContext } from '../core/evaluate';
import { mergedTable, type MergeItem } from '../core/merge';
import { summaryTables } from '../core/report';
import { checkWorkbook, type CheckedWorkbook } from '../xlsx/check-workbook';
import { checkedCopy } from '../xlsx/copy-input';
import { countsByFileTable, failuresTable, mergeDetail, mergedListBytes, MERGED_SHEET, nomineesOf } from '../xlsx/merged-list';
import { loadWorkbook, type ChosenFile } from './file-load';
import { workbookProblemText } from './messages';

/** The downloaded workbook's name (the command line's example name). */
export const MERGED_FILE = 'tong-hop.xlsx';

export interface FilesMerged {
  bytes: Uint8Array;
  read: string[];
  failures: { file: string; error: string }[];
  nominees: number;
  duplicates: number;
  /** The merged list as checked (rows of tong-hop.xlsx): what the page shows after a merge. */
  checked: Pick<CheckedWorkbook, 'report' | 'items'>;
}

/** The merged workbook, or — when no file holds a list — the reasons, one line per file. */
/** Several plans (issue 18): each row judged by the plan governing its form, as `check --merge` does. */
export async function mergeFiles(files: readonly ChosenFile[], plans: CompiledPlan | PlanSet, ctx: RunContext): Promise<FilesMerged | { failures: FilesMerged['failures'] }> {
  const set = asPlanSet(plans);
  const items: MergeItem[] = [];
  const used = new Set<string>();
  const read: string[] = [];
  const failures: FilesMerged['failures'] = [];
  for (const file of files) {
    const wb = await loadWorkbook(file);
    if (typeof wb === 'string') {
      failures.push({ file: file.name, error: wb });
      continue;
    }
    const checked = checkWorkbook(wb, file.name, set, ctx);
    if ('problem' in checked) {
      failures.push({ file: file.name, error: workbookProblemText(file.name, checked) });
      continue;
    }
    for (const h of Object.keys(checked.match.columns)) used.add(h);
    items.push(...nomineesOf(checked, file.name));
    read.push(file.name);
  }
  if (!read.length) return { failures };

  const headers = [...set.registry.keys()].filter((h) => used.has(h));
  const table = mergedTable(items, headers);
  const { bytes, rowOf } = await mergedListBytes(table);
  // The merged list is checked again as one list, as the command line does: its results and fills.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const checked = checkWorkbook(wb, MERGED_FILE, set, { ...ctx, sheet: MERGED_SHEET });
  if ('problem' in checked) throw new Error(`the merged list could not be read back (${checked.problem})`);
  const fileOfRow = new Map(table.items.map((n, i) => [rowOf[i], n.file]));
  const byFile = countsByFileTable(
    checked.items.map((i) => ({ file: fileOfRow.get(i.row) ?? '', status: i.decision.status, late: i.decision.deadline.status === 'late' })),
  );
  const out = await checkedCopy(bytes, checked, set, {
    detail: mergeDetail(read.length, failures.length),
    tables: [...summaryTables(checked.items, set.plans[0]), byFile, failuresTable(failures)],
  });
  return { bytes: out, read, failures, nominees: table.items.length, duplicates: table.duplicates.filter(Boolean).length, checked };
}
