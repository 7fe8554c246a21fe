/**
 * The command line's streaming check: the workbook is read row by row with exceljs's streaming
 * reader, each row judged and written to the JSON report as it goes, so a 100,000-row list never
 * sits in memory. It gives the same report as the in-memory check (src/xlsx/check-workbook.ts),
 * which the page outside Excel uses: same sheet choice, same merged-cell values, same rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Cell } from '../core/cell';
import { rowInput, unitOf } from '../core/check';
import type { CompiledPlan } from '../core/compile';
import { evaluate, type Decision, type RunContext } from '../core/evaluate';
import { chooseSheet, type HeaderMatch, type MergeRange, type SheetSample } from '../core/headers';
import { reportRow, resultCells, sheetNames, SummaryBuilder, type ReportRow, type Summary, type Table } from '../core/report';
import { DataRowFilter } from '../core/rows';
import { fold } from '../core/text';
import { colNumber, SAMPLE_ROWS, toCell } from '../xlsx/read';

export interface SheetRef {
  name: string;
  /** Part name inside the package, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
}

/** What the checked copy needs of a row: spilled to a file while checking, read back when writing. */
export interface ResultRow {
  row: number;
  status: Decision['status'];
  late: boolean;
  missing: string[];
  /** The five result texts. */
  cells: string[];
}

export interface StreamedCheck {
  sheet: string;
  sheetPart: string;
  match: HeaderMatch;
  /** Last used column of the list sheet. */
  width: number;
  /** The summary sheet, built as rows went by. */
  summaryTables: Table[];
  summary: Summary;
  /** The report's rows as JSON array items, in order (temporary; removed by the caller). */
  rowsJsonFile: string;
  /** ResultRow per line, in order (temporary; removed by the caller). */
  resultsFile: string;
}

export type StreamProblem = { problem: 'no-sheet'; sheet: string; sheets: string[] } | { problem: 'no-header'; looked: string[] };

/** Sheets in workbook (tab) order with their parts: the reader meets them in package order. */
export async function sheetRefs(zip: JSZip): Promise<SheetRef[]> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target));
  }
  const refs: SheetRef[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) refs.push({ name: xmlDecode(name), part: path.posix.normalize(part) });
  }
  return refs;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

function xmlDecode(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/**
 * The merged ranges of a sheet. They sit after the rows in the sheet's XML, where a streaming
 * reader meets them too late, so the part is scanned once beforehand (decompression and a regex).
 */
export async function scanMerges(zip: JSZip, part: string): Promise<MergeRange[]> {
  const file = zip.file(part);
  if (!file) return [];
  const merges: MergeRange[] = [];
  let carry = '';
  await new Promise<void>((resolve, reject) => {
    file
      .nodeStream('nodebuffer')
      .on('data', (chunk: Buffer) => {
        const text = carry + chunk.toString('utf8');
        let last = 0;
        for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"[^>]*>/g)) {
          merges.push({ left: colNumber(m[1]), top: Number(m[2]), right: colNumber(m[3]), bottom: Number(m[4]) });
          last = (m.index ?? 0) + m[0].length;
        }
        // Keep a tail that may hold a tag cut by the chunk boundary.
        carry = text.slice(Math.max(last, text.length - 200));
      })
      .on('end', () => resolve())
      .on('error', reject);
  });
  return merges;
}

/**
 * Fills the cells of merged ranges with their top-left value, as exceljs's in-memory reader does,
 * so that both paths see the same rows (a unit merged down several nominees belongs to each).
 */
class MergeFiller {
  private readonly byRow = new Map<number, MergeRange[]>();
  private readonly masters = new Map<MergeRange, Cell>();

  constructor(merges: readonly MergeRange[]) {
    for (const m of merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.byRow.get(r) ?? [];
        list.push(m);
        this.byRow.set(r, list);
      }
    }
  }

  apply(row: number, cells: Cell[]): void {
    const list = this.byRow.get(row);
    if (!list) return;
    for (const m of list) {
      if (row === m.top) this.masters.set(m, cells[m.left - 1] ?? { value: null });
      const master = this.masters.get(m);
      if (!master) continue;
      for (let c = m.left; c <= m.right; c++) if (!(row === m.top && c === m.left)) cells[c - 1] = master;
      if (row === m.bottom) this.masters.delete(m);
    }
  }
}

function rowToCells(row: ExcelJS.Row, width: number): Cell[] {
  const cells: Cell[] = new Array(width);
  for (let c = 1; c <= width; c++) cells[c - 1] = { value: null };
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > width) return;
    const v = cell.value;
    // The in-memory reader decodes OOXML's "_xHHHH_" escapes (Excel writes "_x000D_" for a CR);
    // the streaming one does not, so do it here to read the same text.
    cells[col - 1] = toCell(typeof v === 'string' && v.includes('_x') ? decodeOoxmlEscapes(v) : v, cell.numFmt);
  });
  return cells;
}

function decodeOoxmlEscapes(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
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
}

/** Appends to a file in large writes: one write system call per row would dominate the run. */
class Spill {
  private readonly fd: number | null;
  private parts: string[] = [];
  private size = 0;

  constructor(file: string, enabled: boolean) {
    this.fd = enabled ? fs.openSync(file, 'w') : null;
  }

  get enabled(): boolean {
    return this.fd !== null;
  }

  write(s: string): void {
    if (this.fd === null) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 18) this.flush();
  }

  private flush(): void {
    if (this.fd === null || !this.parts.length) return;
    fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
  }
}

/**
 * Streams the workbook once: samples each sheet's top rows, and checks the first sheet (in tab
 * order) where a header is found. Rows are judged as they arrive; the report's rows go to a
 * temporary JSON file and only compact rows stay in memory.
 */
export async function streamCheck(file: string, plan: CompiledPlan, opts: StreamOptions): Promise<StreamedCheck | StreamProblem> {
  // Checking every entry's CRC up front turns a damaged package into an error here: exceljs's
  // streaming reader would otherwise lose the inflate error and never finish.
  const zip = await JSZip.loadAsync(fs.readFileSync(file), { checkCRC32: true });
  const refs = await sheetRefs(zip);
  const wanted = opts.sheet === undefined ? undefined : pickSheet(refs, opts.sheet);
  if (opts.sheet !== undefined && !wanted) return { problem: 'no-sheet', sheet: opts.sheet, sheets: refs.map((r) => r.name) };
  const mergesByPart = new Map<string, MergeRange[]>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let best: { index: number; result: StreamedCheck } | undefined;
  const looked: string[] = [];
  for await (const ws of reader as unknown as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
    const index = refs.findIndex((r) => r.name === ws.name);
    const ref = refs[index];
    const skip = !ref || (wanted && ref !== wanted) || (best && best.index < index);
    if (skip) {
      await drain(ws);
      continue;
    }
    if (!mergesByPart.has(ref.part)) mergesByPart.set(ref.part, await scanMerges(zip, ref.part));
    const result = await checkSheet(ws as unknown as AsyncIterable<ExcelJS.Row>, { index, ref, sample: { name: ref.name, rows: [], merges: mergesByPart.get(ref.part) ?? [] } }, plan, opts);
    looked.push(ref.name);
    if (result) {
      if (best) removeTemporaries(best.result);
      best = { index, result };
    }
  }
  if (!best) return { problem: 'no-header', looked: wanted ? [wanted.name] : refs.map((r) => r.name) };
  return best.result;
}

function pickSheet(refs: SheetRef[], name: string): SheetRef | undefined {
  return refs.find((r) => r.name === name) ?? refs.find((r) => fold(r.name) === fold(name));
}

async function drain(ws: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of ws) void _;
}

async function checkSheet(
  ws: AsyncIterable<ExcelJS.Row>,
  cand: Candidate,
  plan: CompiledPlan,
  opts: StreamOptions,
): Promise<StreamedCheck | null> {
  const merges = new MergeFiller(cand.sample.merges);
  const buffered: { row: number; cells: Cell[]; source: ExcelJS.Row }[] = [];
  const it = (ws as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  let width = Math.max(1, ...cand.sample.merges.map((m) => m.right));
  // The top rows decide whether this sheet holds the list; keep them until then.
  let next = await it.next();
  while (!next.done && next.value.number <= SAMPLE_ROWS) {
    width = Math.max(width, next.value.cellCount ? lastCol(next.value) : 0);
    buffered.push({ row: next.value.number, cells: [], source: next.value });
    next = await it.next();
  }
  const sampleRows: Cell[][] = [];
  for (const b of buffered) {
    b.cells = rowToCells(b.source, width);
    merges.apply(b.row, b.cells);
  }
  for (let r = 1, k = 0; r <= Math.min(SAMPLE_ROWS, buffered.length ? buffered[buffered.length - 1].row : 0); r++) {
    if (buffered[k]?.row === r) sampleRows.push(buffered[k++].cells);
    else sampleRows.push(new Array(width).fill({ value: null }));
  }
  const chosen = chooseSheet([{ ...cand.sample, rows: sampleRows }], plan.registry, { manual: opts.map });
  if ('error' in chosen) {
    if (!next.done) for (let n = await it.next(); !n.done; n = await it.next()) void n;
    return null;
  }
  const match = chosen.match;
  const colWidth = Math.max(width, ...Object.values(match.columns));
  const base = path.join(os.tmpdir(), `ntm-awards-${process.pid}-${Date.now()}-${cand.index}`);
  const rowsJsonFile = `${base}.rows.json`;
  const resultsFile = `${base}.results.ndjson`;
  const out = new Spill(rowsJsonFile, opts.keepReport ?? true);
  const results = new Spill(resultsFile, opts.keepResults ?? true);
  const summary = new SummaryBuilder();
  const counts: Summary = { rows: 0, eligible: 0, ineligible: 0, incomplete: 0, notCovered: 0, late: 0 };
  async function* rows(): AsyncGenerator<{ row: number; cells: Cell[] }> {
    for (const b of buffered) {
      if (b.cells.length < colWidth) b.cells.push(...new Array(colWidth - b.cells.length).fill({ value: null }));
      yield { row: b.row, cells: b.cells };
    }
    for (let n = next; !n.done; n = await it.next()) {
      const cells = rowToCells(n.value, colWidth);
      merges.apply(n.value.number, cells);
      if (opts.onProgress && n.value.number % 500 === 0) opts.onProgress(n.value.number);
      width = Math.max(width, lastCol(n.value));
      yield { row: n.value.number, cells };
    }
  }
  const filter = new DataRowFilter(match);
  const names = sheetNames(match, plan.registry);
  let first = true;
  for await (const { row, cells } of rows()) {
    if (!filter.accept(row, cells)) {
      if (filter.ended) break;
      continue;
    }
    const decision = evaluate(plan, rowInput(cells, match), opts);
    const rr: ReportRow = reportRow(row, decision, names);
    if (out.enabled) out.write((first ? '' : ',\n') + indent(JSON.stringify(rr, null, 2)));
    first = false;
    counts.rows++;
    if (rr.status === 'not-covered') counts.notCovered++;
    else counts[rr.status]++;
    if (rr.deadline.status === 'late') counts.late++;
    const cellsText = resultCells(decision, names);
    const late = rr.deadline.status === 'late';
    // The checked copy finds missing cells by standard header; the report speaks the sheet's names.
    const result: ResultRow = { row, status: rr.status, late, missing: decision.missing, cells: cellsText };
    if (results.enabled) results.write(JSON.stringify(result) + '\n');
    const { status, name, subject, proposed, missing, deadline } = rr;
    summary.add({ row, decision: { status, name, subject, proposed, missing, deadline }, unit: unitOf(cells, match), reasonText: cellsText[4] });
  }
  // Whatever follows the signature block still has to be read for the stream to end.
  for (let n = await it.next(); !n.done; n = await it.next()) void n;
  out.close();
  results.close();
  return { sheet: cand.ref.name, sheetPart: cand.ref.part, match, width, summaryTables: summary.tables(), summary: counts, rowsJsonFile, resultsFile };
}

function lastCol(row: ExcelJS.Row): number {
  let last = 0;
  row.eachCell({ includeEmpty: false }, (_c, col) => {
    if (col > last) last = col;
  });
  return last;
}

function indent(json: string): string {
  return '    ' + json.replace(/\n/g, '\n    ');
}

export function removeTemporaries(c: Pick<StreamedCheck, 'rowsJsonFile' | 'resultsFile'>): void {
  fs.rmSync(c.rowsJsonFile, { force: true });
  fs.rmSync(c.resultsFile, { force: true });
}

/** The spilled result rows, read back lazily in order. */
export async function* readResults(file: string): AsyncGenerator<ResultRow> {
  const readline = await import('node:readline');
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as ResultRow;
}
