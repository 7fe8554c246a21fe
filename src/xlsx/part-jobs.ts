/**
 * The checked copy's two parts as long as the list (the summary sheet with its review list, and the
 * explanation sheet) described as plain data, and made from that description. The command line
 * hands them to a worker thread, which writes them while the main thread streams the list sheet:
 * on two cores the three long parts are then made side by side instead of one after another.
 */
import type { Table, TableRow, TableRows } from '../core/report';
import { Explanations } from './explanation-sheet';
import type { PatchSpec } from './patch-spec';
import { SpilledRowsFile, SpilledTableRows, type SharedTableRows } from './records';
import { ResultExplanations } from './result-rows';
import type { FixedStyles } from './styles';
import { summarySheetParts } from './summary-sheet';

/** A summary table for another thread: small tables as their rows, spilled ones as their file. */
export type SharedTable = Omit<Table<TableRows>, 'rows'> & { rows: TableRow[] | SharedTableRows };

interface Look {
  st: FixedStyles;
  fontSize: number;
  mainNs: string;
}

export type PartJob =
  | (Look & { kind: 'summary'; title: string; subtitle: string; tables: SharedTable[]; drawingRelId?: string })
  | (Look & { kind: 'explanation'; sheetName: string; listSheet: string; heading?: string; resultsFile: string; explained: number });

/** Summary tables as plain data for another thread (their spilled rows stay this thread's to remove). */
export function shareTables(tables: readonly Table<TableRows>[]): SharedTable[] {
  return tables.map((t) => ({ ...t, rows: t.rows instanceof SpilledTableRows ? t.rows.shared() : Array.from(t.rows) }));
}

/** The tables another thread shared, their spilled rows read from the files by name. */
export function openTables(tables: readonly SharedTable[]): Table<TableRows>[] {
  return tables.map((t) => ({ ...t, rows: Array.isArray(t.rows) ? t.rows : new SpilledRowsFile(t.rows) }));
}

export function summaryJob(summary: PatchSpec['summary'], look: Look, drawingRelId?: string): PartJob {
  return { kind: 'summary', ...look, title: summary.title, subtitle: summary.subtitle, tables: shareTables(summary.tables), drawingRelId };
}

/**
 * The explanation sheet of `explanations`, its rows read back from the results file of the check,
 * which counted them as it went (the sheet's size comes before its rows).
 */
export function explanationJob(explanations: Explanations, results: { resultsFile: string; explained: number }, look: Look): PartJob {
  const { resultsFile, explained } = results;
  return { kind: 'explanation', ...look, sheetName: explanations.sheetName, listSheet: explanations.listSheet, heading: explanations.heading, resultsFile, explained };
}

/** The part's text in pieces, as the thread that checked the list would have made it. */
export function jobPieces(job: PartJob): Iterable<string> {
  if (job.kind === 'summary') {
    return summarySheetParts({ title: job.title, subtitle: job.subtitle, tables: openTables(job.tables) }, job.st, job.mainNs, { fontSize: job.fontSize, drawingRelId: job.drawingRelId });
  }
  const store = new ResultExplanations(job.resultsFile, job.explained);
  return new Explanations(job.sheetName, job.listSheet, store, job.heading).parts(job.st, job.fontSize, job.mainNs);
}
