/**
 * The checked copy of one list, from its check: what it is made of (a PatchSpec: plain data but
 * for the summary's tables) and the writing of it, apart from the check itself so that another
 * thread can write a copy without loading the engine (copy-worker.ts: only types of it here),
 * and a failure in words.
 */
import os from 'node:os';
import { colLetter } from '../core/a1';
import { COL } from '../core/columns';
import type { PlanSet } from '../core/plan-set';
import { explanationHeading, RESULT_HEADERS, summaryHeading } from '../core/report';
import { NoRoomForResults, type PatchRow, type PatchSpec } from '../xlsx/patch-spec';
import { readResultRows, ResultExplanations } from '../xlsx/result-rows';
import { TempFileError } from '../xlsx/spill';
import { PartError } from '../xlsx/zip-read';
import { CliError, shownDetail } from './errors';
import { MSG, partMessage } from './messages';
import type { CopyThread } from './copy-thread';
import { writePatchedCopy } from './patch-writer';
import type { StreamedCheck } from './stream-check';

/**
 * The checked copy's rows, read back from the results file. A generator of the module, not one
 * made per file: V8 gives each generator function its own object shape, so code optimised for one
 * file's rows would be thrown away at the next file of a folder.
 */
function* patchRows(resultsFile: string, columns: Readonly<Record<string, number>>): Generator<PatchRow> {
  const nameCol = columns[COL.name];
  for (const r of readResultRows(resultsFile)) {
    yield {
      row: r.row,
      values: r.cells,
      status: r.status,
      late: r.late,
      missingCols: r.missing.map((h) => columns[h]).filter((c): c is number => c !== undefined),
      nameCol,
    };
  }
}

/** What the copy of a checked list is made of: where the results go, and the summary. */
export function copySpec(
  checked: Pick<StreamedCheck, 'sheet' | 'match' | 'width' | 'summaryTables'>,
  set: PlanSet,
  summary: { detail: string; tables: StreamedCheck['summaryTables'] } = { detail: `trang tính: ${checked.sheet}`, tables: checked.summaryTables },
): PatchSpec {
  const { match } = checked;
  return {
    sheetName: checked.sheet,
    headerTop: match.headerRow - match.headerRows + 1,
    headerBottom: match.headerRow,
    firstCol: Math.max(checked.width, ...Object.values(match.columns)) + 1,
    headers: RESULT_HEADERS,
    summary: { ...summaryHeading(set.plans[0], summary.detail, set.plans), tables: summary.tables },
    explanationHeading: explanationHeading(set.plans),
  };
}

/** What of the check the copy is written from: its result rows (and how many are explained), and the list's columns. */
export interface CopySource {
  resultsFile: string;
  explained: number;
  columns: Readonly<Record<string, number>>;
}

export function copySource(checked: Pick<StreamedCheck, 'resultsFile' | 'explained' | 'match'>): CopySource {
  return { resultsFile: checked.resultsFile, explained: checked.explained, columns: checked.match.columns };
}

/** The checked copy: the input package patched in place of its list sheet, never loaded whole. */
export async function writeCopy(
  file: string,
  out: string,
  spec: PatchSpec,
  from: CopySource,
  target: { overwrite: boolean; what?: string } = { overwrite: false },
  /** A thread that makes the long added parts meanwhile. */
  parts?: CopyThread | null,
): Promise<void> {
  await writePatchedCopy(
    file,
    out,
    spec,
    patchRows(from.resultsFile, from.columns),
    new ResultExplanations(from.resultsFile),
    target,
    // Named like the check's other temporary files, which an interrupted run removes.
    parts ? { thread: parts, file: from.resultsFile.replace(/results\.bin$/, 'parts.zip'), from } : undefined,
  );
}

/** The checked copy of a list, from its check (merge and the in-process callers). */
export async function writeCheckedCopy(
  file: string,
  out: string,
  checked: StreamedCheck,
  plans: PlanSet,
  summary?: { detail: string; tables: StreamedCheck['summaryTables'] },
  target: { overwrite: boolean; what?: string } = { overwrite: false },
  parts?: CopyThread | null,
): Promise<void> {
  await writeCopy(file, out, copySpec(checked, plans, summary), copySource(checked), target, parts);
}

/** A failed checked copy as one line: a file-system refusal names the output, anything else the input. */
export function writeFailure(file: string, out: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof NoRoomForResults) return new CliError(MSG.noRoomForResults(file, colLetter(e.firstCol - 1)));
  if (e instanceof PartError) return new CliError(partMessage(file, e));
  // The temporary folder (the copy's parts made in another thread) is not the copy's folder.
  if (e instanceof TempFileError) return new CliError(MSG.cannotWriteTemp(e.dir ?? os.tmpdir(), e.code));
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new CliError(MSG.cannotWriteCopy(out, code));
  const detail = shownDetail(e);
  return new CliError(detail ? MSG.cannotMakeCopy(file, detail) : MSG.unreadable(file));
}
