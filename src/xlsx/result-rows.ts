/**
 * The checked copy's result rows, spilled while the list is checked and read back when the copy is
 * written: once whole for the list sheet, once more for the explanation sheet, which reads only the
 * row, its status and its whole "Lý do" (the other texts are passed over undecoded).
 */
import type { Decision } from '../core/evaluate';
import { explains, type ExplanationRow, type ExplanationStore } from './explanation-sheet';
import { readRecords, RecordWriter, type RecordReader } from './records';

/** What the checked copy needs of a row: spilled to a file while checking, read back when writing. */
export interface ResultRow {
  row: number;
  status: Decision['status'];
  late: boolean;
  missing: string[];
  /** The five result texts. */
  cells: string[];
}

const STATUSES: readonly Decision['status'][] = ['eligible', 'ineligible', 'incomplete', 'not-covered'];
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));

/** Result rows written in order to a temporary file (or nowhere when not enabled). */
export class ResultRowsWriter {
  private readonly out: RecordWriter;

  constructor(file: string, enabled: boolean) {
    this.out = new RecordWriter(file, enabled);
  }

  get enabled(): boolean {
    return this.out.enabled;
  }

  write(r: ResultRow): void {
    const code = STATUS_CODE.get(r.status);
    if (code === undefined) throw new Error(`result rows: unknown status ${String(r.status)}`);
    const o = this.out;
    o.begin();
    o.uint(r.row);
    o.byte(code);
    o.byte(r.late ? 1 : 0);
    o.uint(r.missing.length);
    for (const m of r.missing) o.str(m);
    o.uint(r.cells.length);
    for (const c of r.cells) o.str(c);
    o.end();
  }

  close(): void {
    this.out.close();
  }

  abandon(): void {
    this.out.abandon();
  }
}

function readRow(r: RecordReader): ResultRow {
  const row = r.uint();
  const status = STATUSES[r.byte()];
  const late = r.byte() === 1;
  const missing: string[] = new Array(r.uint());
  for (let i = 0; i < missing.length; i++) missing[i] = r.str();
  const cells: string[] = new Array(r.uint());
  for (let i = 0; i < cells.length; i++) cells[i] = r.str();
  return { row, status, late, missing, cells };
}

/** The spilled result rows, read back lazily in order (synchronously: the sheet writers are generators). */
export function readResultRows(file: string): Generator<ResultRow> {
  return readRecords(file, readRow);
}

/** A result row's number, status and one of its texts (the explanation sheet's "Lý do"); the rest is not decoded. */
export interface ResultText {
  row: number;
  status: Decision['status'];
  text: string;
}

/** The rows' numbers, statuses and `cell`-th texts, in order. */
export function readResultTexts(file: string, cell: number): Generator<ResultText> {
  return readRecords(file, (r) => {
    const row = r.uint();
    const status = STATUSES[r.byte()];
    r.byte();
    for (let i = r.uint(); i > 0; i--) r.skipStr();
    const n = r.uint();
    let text = '';
    for (let i = 0; i < n; i++) {
      if (i === cell) text = r.str();
      else if (i > cell) break;
      else r.skipStr();
    }
    return { row, status, text };
  });
}

/**
 * The explanation sheet's rows are the result rows' whole reasons: read again from the results
 * file when the sheet is written, rather than written to a second file as the list streams past.
 * The rows are those the list sheet links (`explains`); the list sheet only counts its links here.
 */
export class ResultExplanations implements ExplanationStore {
  private linked = 0;

  constructor(
    private readonly resultsFile: string,
    /** How many rows are explained, when the sheet is written apart from the list sheet (the check counted them). */
    private readonly count?: number,
  ) {}

  push(): void {
    this.linked++;
  }

  get length(): number {
    return this.count ?? this.linked;
  }

  *[Symbol.iterator](): Generator<ExplanationRow> {
    let k = 0;
    // Only the whole "Lý do" (the fifth result text) is decoded.
    for (const r of readResultTexts(this.resultsFile, 4)) {
      if (!explains(r.text)) continue;
      k++;
      yield r;
    }
    if (k !== this.length) throw new Error(`the explanation sheet found ${k} of ${this.length} explained rows`);
  }
}
