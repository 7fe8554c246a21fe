/**
 * The command line's streaming check: the workbook is read row by row with the command line's own
 * reader (src/xlsx/sheet-reader.ts), each row judged and written to the JSON report as it goes, so
 * a 100,000-row list never sits in memory. It gives the same report as the in-memory check
 * (src/xlsx/check-workbook.ts), which the page outside Excel uses: same sheet choice, same
 * merged-cell values, same rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Cell } from '../core/cell';
import { rowInput, unitOf } from '../core/check';
import type { CompiledPlan } from '../core/compile';
import { evaluateExplained, type RunContext } from '../core/evaluate';
import { asPlanSet, rowPlanFields, type PlanSet } from '../core/plan-set';
import { chooseSheet, type HeaderMatch, type MergeRange, type SheetSample } from '../core/headers';
import { reportRow, resultCells, sheetNames, SummaryBuilder, type ReportRow, type RowStore, type Summary, type Table, type TableRow, type TableRows } from '../core/report';
import { DataRowFilter, tableWidth } from '../core/rows';
import { fold } from '../core/text';
import { SAMPLE_ROWS } from '../xlsx/read';
import { scanMerges, sheetRows, workbookInfo, type SheetRef, type SheetRow, type WorkbookInfo } from '../xlsx/sheet-reader';
import { MAX_COLS, ZipPackage } from '../xlsx/zip-read';
import { codeDecoder, needsCatalogue } from '../core/catalogue';
import { streamCatalogue } from './stream-catalogue';
import { Spill, UnkeptRows } from '../xlsx/spill';
import { SpilledTableRows } from '../xlsx/records';
import { ResultRowsWriter } from '../xlsx/result-rows';
import { explains } from '../xlsx/explanation-sheet';

export type { SheetRef } from '../xlsx/sheet-reader';

export interface StreamedCheck {
  sheet: string;
  sheetPart: string;
  match: HeaderMatch;
  /** Last used column of the list sheet. */
  width: number;
  /** The summary sheet, built as rows went by; its review list is read back from `review`. */
  summaryTables: Table<TableRows>[];
  /** The summary's review rows ("Cần xem lại", each with its whole "Lý do"), in a temporary file. */
  review: ReviewRows;
  /** The summary's late rows ("Hồ sơ trễ hạn"), in a temporary file too (a long list has many). */
  late: ReviewRows;
  summary: Summary;
  /** The report's rows as JSON array items, in order (temporary; removed by the caller). */
  rowsJsonFile: string;
  /** The result rows, in order (temporary; removed by the caller; read with readResults). */
  resultsFile: string;
  /** How many result rows have an explanation row in the copy (`explains` their "Lý do"). */
  explained: number;
}

export type StreamProblem = { problem: 'no-sheet'; sheet: string; sheets: string[] } | { problem: 'no-header'; looked: string[] };

/**
 * Fills the cells of merged ranges with their top-left value, as exceljs's in-memory reader does,
 * so that both paths see the same rows (a unit merged down several nominees belongs to each).
 */
class MergeFiller {
  /** Ranges by top row; the ones covering the current row are `active`. */
  private readonly byTop: MergeRange[];
  private next = 0;
  private active: MergeRange[] = [];
  private lastRow = 0;
  private readonly masters = new Map<MergeRange, Cell>();

  constructor(merges: readonly MergeRange[]) {
    // A range is not listed under each of its rows: a hostile A1:XFD1048576 would make a million
    // lists. Rows come in increasing order; the ranges covering the current one are kept at hand.
    this.byTop = [...merges].sort((a, b) => a.top - b.top);
  }

  apply(row: number, cells: Cell[]): void {
    if (row < this.lastRow) {
      // Rows out of order (a damaged or hand-made sheet): start over from the first range.
      this.next = 0;
      this.active = [];
    }
    this.lastRow = row;
    while (this.next < this.byTop.length && this.byTop[this.next].top <= row) this.active.push(this.byTop[this.next++]);
    if (!this.active.length) return;
    this.active = this.active.filter((m) => m.bottom >= row);
    // Only the columns the row is read over are filled (a range may run to column XFD).
    const width = cells.length;
    for (const m of this.active) {
      if (row === m.top) this.masters.set(m, cells[m.left - 1] ?? { value: null });
      const master = this.masters.get(m);
      if (!master) continue;
      for (let c = m.left, end = Math.min(m.right, width); c <= end; c++) if (!(row === m.top && c === m.left)) cells[c - 1] = master;
      if (row === m.bottom) this.masters.delete(m);
    }
  }
}

const EMPTY: Cell = { value: null };

/** A read row as exactly `width` cells (holes and the columns past the last one empty). */
function rowToCells(row: SheetRow, width: number): Cell[] {
  const cells: Cell[] = new Array(width);
  const src = row.cells;
  for (let c = 0; c < width; c++) cells[c] = src[c] ?? EMPTY;
  return cells;
}

interface Candidate {
  index: number;
  ref: SheetRef;
  sample: SheetSample;
}

export interface StreamOptions extends RunContext {
  sheet?: string;
  map?: Record<string, string>;
  onProgress?: (row: number) => void;
  /** Spill the report's rows (for --json) and the result rows (for --out); off, nothing is written. */
  keepReport?: boolean;
  keepResults?: boolean;
  /** Keep the summary's review rows (for a copy or the terminal's list); off, they are only counted. */
  keepReview?: boolean;
}

/**
 * Reads the workbook once per candidate sheet: samples its top rows, and checks the first sheet
 * (in tab order) where a header is found. Rows are judged as they arrive; the report's rows go to
 * a temporary JSON file and only compact rows stay in memory.
 */
export async function streamCheck(file: string, plans: CompiledPlan | PlanSet, opts: StreamOptions): Promise<StreamedCheck | StreamProblem> {
  const plan = asPlanSet(plans);
  // Read from the file as it goes: a list of Excel's full height holds none of its package in memory.
  const pkg = ZipPackage.openFile(file);
  try {
    const info = workbookInfo(pkg);
    const refs = info.sheets;
    const wanted = opts.sheet === undefined ? undefined : pickSheet(refs, opts.sheet);
    if (opts.sheet !== undefined && !wanted) return { problem: 'no-sheet', sheet: opts.sheet, sheets: refs.map((r) => r.name) };
    const candidates = wanted ? [wanted] : refs;
    for (const [index, ref] of candidates.entries()) {
      // A sheet named in workbook.xml whose part is absent is no list (exceljs never met it either).
      if (!pkg.entry(ref.part)) continue;
      const merges = await scanMerges(pkg, ref.part);
      const result = await checkSheet(pkg, info, { index, ref, sample: { name: ref.name, rows: [], merges } }, plan, opts);
      if (result) return result;
    }
    return { problem: 'no-header', looked: wanted ? [wanted.name] : refs.map((r) => r.name) };
  } finally {
    pkg.close();
  }
}

function pickSheet(refs: SheetRef[], name: string): SheetRef | undefined {
  return refs.find((r) => r.name === name) ?? refs.find((r) => fold(r.name) === fold(name));
}

let spillSeq = 0;
/** Unique per process and thread (folder checks run in worker threads of one process). */
function spillBase(index: number): string {
  // Digits only: main's clean-up after a signal recognises "ntm-awards-<pid>-<digits>-<digits>".
  return path.join(os.tmpdir(), `ntm-awards-${process.pid}-${Date.now()}-${threadId}${String(++spillSeq).padStart(4, '0')}${index}`);
}

async function checkSheet(pkg: ZipPackage, info: WorkbookInfo, cand: Candidate, plan: PlanSet, opts: StreamOptions): Promise<StreamedCheck | null> {
  const merges = new MergeFiller(cand.sample.merges);
  // The sheet's last used column (the result columns go right of it); rows are read narrower.
  let width = 1;
  for (const m of cand.sample.merges) if (m.right > width) width = m.right;
  // The top rows decide whether this sheet holds the list; keep them until then.
  const sampled: SheetRow[] = [];
  let sampling = true;
  let ended = false;
  let checker: RowChecker | undefined;
  // Once the table is known, cells right of it are not kept by the reader.
  const keep = { cols: MAX_COLS };

  /** Decides on the sampled rows; on a header, judges them. False: not the list. */
  const decide = async (): Promise<boolean> => {
    sampling = false;
    const cells = sampled.map((r) => {
      const c = rowToCells(r, width);
      merges.apply(r.row, c);
      return c;
    });
    const sampleRows: Cell[][] = [];
    const last = sampled.length ? sampled[sampled.length - 1].row : 0;
    for (let r = 1, k = 0; r <= Math.min(SAMPLE_ROWS, last); r++) {
      if (sampled[k]?.row === r) sampleRows.push(cells[k++]);
      else sampleRows.push(new Array(width).fill(EMPTY));
    }
    const chosen = chooseSheet([{ ...cand.sample, rows: sampleRows }], plan.registry, { manual: opts.map });
    if ('error' in chosen) return false;
    // Data rows are read as wide as the table, not the sheet (tableWidth).
    const colWidth = tableWidth(chosen.match);
    keep.cols = colWidth;
    checker = new RowChecker(plan, chosen.match, opts, spillBase(cand.index), colWidth, await codeColumnDecoder(chosen.match, pkg, info, cand));
    for (let k = 0; k < sampled.length && !ended; k++) {
      const c = cells[k];
      if (c.length > colWidth) c.length = colWidth;
      while (c.length < colWidth) c.push(EMPTY);
      ended = !checker.accept(sampled[k].row, c);
    }
    return true;
  };

  try {
    for await (const batch of sheetRows(pkg, info, cand.ref.part, 'sheet', keep)) {
      for (const r of batch) {
        if (sampling) {
          if (r.row <= SAMPLE_ROWS) {
            if (r.last > width) width = r.last;
            sampled.push(r);
            continue;
          }
          // Stops reading a sheet that holds no list (leaving the generator closes the part).
          if (!(await decide())) return null;
        }
        if (ended) continue;
        const c = checker!;
        const cells = rowToCells(r, c.colWidth);
        merges.apply(r.row, cells);
        if (opts.onProgress && r.row % 500 === 0) opts.onProgress(r.row);
        if (r.last > width) width = r.last;
        // Past the list (signature block), the rest is still read: its damage would be the list's.
        ended = !c.accept(r.row, cells);
      }
    }
    if (sampling && !(await decide())) return null;
    const c = checker!;
    c.close();
    return { sheet: cand.ref.name, sheetPart: cand.ref.part, match: c.match, width, summaryTables: c.summary.tables(), review: c.review, late: c.late, summary: c.counts, rowsJsonFile: c.rowsJsonFile, resultsFile: c.resultsFile, explained: c.explained };
  } catch (e) {
    checker?.discard();
    throw e;
  }
}

/** Code columns of a management-system export, read through the workbook's own catalogue (issue 10). */
async function codeColumnDecoder(match: HeaderMatch, pkg: ZipPackage, info: WorkbookInfo, cand: Candidate): Promise<((cells: readonly Cell[]) => Cell[]) | undefined> {
  return needsCatalogue(match) ? codeDecoder(match, await streamCatalogue(pkg, info, cand.ref.part)) : undefined;
}

/** Where a check keeps its review rows: a temporary file, or nowhere when no one will read them. */
export type ReviewRows = (SpilledTableRows | UnkeptRows<TableRow>) & RowStore;

/** Judges accepted rows one at a time and spills what the report and the copy need. */
class RowChecker {
  readonly review: ReviewRows;
  readonly late: ReviewRows;
  readonly summary: SummaryBuilder<ReviewRows>;
  readonly counts: Summary = { rows: 0, eligible: 0, ineligible: 0, incomplete: 0, notCovered: 0, late: 0 };
  readonly rowsJsonFile: string;
  readonly resultsFile: string;
  explained = 0;
  private readonly out: Spill;
  private readonly results: ResultRowsWriter;
  private readonly filter: DataRowFilter;
  /** The sheet's own header names, which the report speaks. */
  private readonly names: ReturnType<typeof sheetNames>;
  private first = true;

  constructor(
    private readonly plan: PlanSet,
    readonly match: HeaderMatch,
    private readonly opts: StreamOptions,
    base: string,
    readonly colWidth: number,
    /** Codes of a management-system export → their catalogue names (issue 10). */
    private readonly decode?: (cells: readonly Cell[]) => Cell[],
  ) {
    this.rowsJsonFile = `${base}.rows.json`;
    this.resultsFile = `${base}.results.bin`;
    this.out = new Spill(this.rowsJsonFile, opts.keepReport ?? true);
    let results: ResultRowsWriter | undefined;
    try {
      results = new ResultRowsWriter(this.resultsFile, opts.keepResults ?? true);
      // The review rows carry whole reasons (most rows of a long list), and a long list has many late
      // rows: both kept in files, not in memory, or only counted when no one will read them.
      const summaryRows = (kind: string): ReviewRows => ((opts.keepReview ?? true) ? new SpilledTableRows(`${base}.${kind}.bin`) : new UnkeptRows<TableRow>());
      this.review = summaryRows('review');
      this.late = summaryRows('late');
    } catch (e) {
      // A file that could not be made: the ones already made go too.
      this.out.abandon();
      results?.abandon();
      removeTemporaries(this);
      throw e;
    }
    this.results = results;
    this.summary = new SummaryBuilder(this.review, this.late);
    this.filter = new DataRowFilter(match);
    this.names = sheetNames(match, plan.registry);
  }

  /** False once the list has ended (no later row is part of it). */
  accept(row: number, cells: Cell[]): boolean {
    if (!this.filter.accept(row, cells)) return !this.filter.ended;
    const { match, counts } = this;
    const seen = this.decode ? this.decode(cells) : cells;
    // The report and the copy show every row's reasons: judged and explained in one run.
    // Several plans: the one governing the row's award form judges it (issue 18).
    const input = rowInput(seen, match);
    const judge = this.plan.governing(input);
    const decision = evaluateExplained(judge, input, this.opts);
    const rr: ReportRow = reportRow(row, decision, this.names, judge.plan.id);
    if (this.out.enabled) this.out.write((this.first ? '' : ',\n') + indent(JSON.stringify(rr, null, 2)));
    this.first = false;
    counts.rows++;
    if (rr.status === 'not-covered') counts.notCovered++;
    else counts[rr.status]++;
    if (rr.deadline.status === 'late') counts.late++;
    const cellsText = resultCells(decision, this.names, judge);
    const late = rr.deadline.status === 'late';
    // The checked copy finds missing cells by standard header; the report speaks the sheet's names.
    if (this.results.enabled) this.results.write({ row, status: rr.status, late, missing: decision.missing, cells: cellsText });
    if (explains(cellsText[4])) this.explained++;
    const { status, name, subject, proposed, missing, deadline } = rr;
    this.summary.add({ row, decision: { status, name, subject, proposed, missing, deadline }, unit: unitOf(seen, match), reasonText: cellsText[4], ...rowPlanFields(this.plan, judge) });
    return true;
  }

  close(): void {
    this.out.close();
    this.results.close();
  }

  discard(): void {
    try {
      this.out.abandon();
      this.results.abandon();
    } finally {
      removeTemporaries(this);
    }
  }
}

function indent(json: string): string {
  return '    ' + json.replace(/\n/g, '\n    ');
}

export function removeTemporaries(c: Pick<StreamedCheck, 'rowsJsonFile' | 'resultsFile'> & { review?: ReviewRows; late?: ReviewRows }): void {
  fs.rmSync(c.rowsJsonFile, { force: true });
  fs.rmSync(c.resultsFile, { force: true });
  try {
    c.review?.dispose();
  } finally {
    c.late?.dispose();
  }
}

/**
 * What checking one file gives: the check, and the terminal lines of its rows to look at (made
 * where the file was checked, so that a folder's worker threads share that work too).
 */
export type FileOutcome = { checked: CheckedFile; attention: string[] } | { error: unknown };

/** A checked file once its copy and terminal lines are made: the summary's tables are gone (they may fill a file). */
export type CheckedFile = Omit<StreamedCheck, 'summaryTables' | 'review' | 'late'>;
