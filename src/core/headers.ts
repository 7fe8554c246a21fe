/**
 * Finding the header row of a nomination list and mapping its columns to the standard columns
 * (spec §4 "Columns", "Which sheet"). Pure: works on a sample of cells, whichever adapter read it.
 *
 * Sheets come with title blocks above the table, headers split over two merged rows, a row of
 * column numbers under the header, and from readers that either repeat a merged value in every
 * cell (exceljs readFile) or give it only in the top-left cell (Office.js, streaming reader).
 */
import { Cell } from './cell';
import { COL, ColumnRegistry } from './columns';
import { fold, foldLoose, rememberText } from './text';
import { cellText, isBlankCell, plainScalar } from './values';

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
} // 1-based, inclusive

export interface SheetSample {
  name: string;
  /** rows[0] = Excel row 1, rows[r][0] = column A; only the first ~60 rows are needed. */
  rows: Cell[][];
  merges: MergeRange[];
}

export interface HeaderMatch {
  /** Excel row of the (last) header row. */
  headerRow: number;
  /** Two-row merged headers → 2 (headerRow is then the lower row). */
  headerRows: 1 | 2;
  /** First row after the header (and after a column-number row if one follows). */
  firstDataRow: number;
  /** Standard header → 1-based column index. */
  columns: Record<string, number>;
  /** Every non-empty header cell, with what it was mapped to. */
  sheetColumns: { col: number; text: string; header?: string }[];
  /** The "STT"/"TT"/"Số TT" column if present. */
  sttColumn?: number;
}

/** Rows looked at when searching for the header. */
const MAX_HEADER_SCAN = 60;

// ---------------------------------------------------------------------------------------------
// Cell helpers shared with rows.ts

/** Excel error values as Office.js hands them over in `values` (as plain strings). */
const ERROR_TEXT = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** Blank for every purpose of layout: empty, whitespace, or an error value (spec §4). */
export function isLayoutBlank(cell: Cell | undefined): boolean {
  if (cell === undefined || cell === null) return true;
  if (isBlankCell(cell)) return true;
  const v = cell.value;
  return typeof v === 'string' && isErrorText(v.trim());
}

/** A trimmed text that is an Excel error value ("#N/A"): only a text starting with "#" is tried. */
function isErrorText(t: string): boolean {
  return t.charCodeAt(0) === 0x23 && ERROR_TEXT.test(t);
}

/** Trimmed display text of a cell, '' when layout-blank. */
export function layoutText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  // Every cell of every row comes here: a plain text or number is read once, not three times.
  const v = plainScalar(cell);
  if (typeof v === 'string') {
    const t = v.trim();
    return t && !isErrorText(t) ? t : '';
  }
  if (typeof v === 'number') return String(v);
  if (isLayoutBlank(cell)) return '';
  return cellText(cell).trim();
}

/** An integer used as a column number: 7, "7", "(7)". Years and big numbers are not. */
function columnNumber(cell: Cell | undefined): number | undefined {
  if (isLayoutBlank(cell)) return undefined;
  const v = (cell as Cell).value;
  let n: number | undefined;
  if (typeof v === 'number') n = Number.isInteger(v) ? v : undefined;
  else if (typeof v === 'string') {
    const m = /^\(?\s*(\d{1,3})\s*\)?$/.exec(v.trim());
    if (m) n = Number(m[1]);
  }
  return n !== undefined && n >= 0 && n <= 500 ? n : undefined;
}

/**
 * A row of column numbers ("(1)", "(2)", … or 1, 2, 3, …): most filled cells are small integers
 * and they mostly run consecutively. At least 3 numbers, so that a data row is never taken for it.
 */
export function isColumnNumberRow(cells: readonly (Cell | undefined)[]): boolean {
  let filled = 0;
  const nums: { n: number; col: number }[] = [];
  cells.forEach((c, col) => {
    if (isLayoutBlank(c)) return;
    filled++;
    const n = columnNumber(c);
    if (n !== undefined) nums.push({ n, col });
  });
  if (nums.length < 3 || nums.length * 2 <= filled) return false;
  // Consecutive, or numbering the columns across an unnumbered one.
  let steps = 0;
  for (let i = 1; i < nums.length; i++) {
    const d = nums[i].n - nums[i - 1].n;
    if (d === 1 || (d > 1 && d === nums[i].col - nums[i - 1].col)) steps++;
  }
  return steps >= 0.8 * (nums.length - 1);
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** One character a header key drops at its edges: whitespace and the punctuation lists put there. */
const EDGE_CHAR = /[\s.\-–—_*:;,"'“”‘’•]/;
const EDGE_PUNCT = new RegExp(`^${EDGE_CHAR.source}+|${EDGE_CHAR.source}+$`, 'g');

/** Whether `headerKey` drops this character at a text's edge. */
export function isEdgeChar(ch: string): boolean {
  return EDGE_CHAR.test(ch);
}

/**
 * The normalisation used for matching headers: case, diacritics, đ→d, whitespace and line breaks,
 * the punctuation offices vary (commas, ":", "*", spacing around "/" and "-"), and surrounding
 * punctuation. Parenthesised notes are kept: `headerKeys` drops a trailing one as a second attempt.
 */
const keyCache = new Map<string, string>();

export function headerKey(text: string): string {
  // Every row is compared with the header (repeated headers on page breaks): remember keys.
  const hit = keyCache.get(text);
  if (hit !== undefined) return hit;
  const key = foldLoose(text.replace(/[–—]/g, '-'))
    .replace(EDGE_PUNCT, '')
    .replace(/\s+/g, ' ')
    .trim();
  return rememberText(keyCache, text, key);
}

/** The key, then the key without a trailing "(nếu có)", "(1)", "(%)"… note. */
function headerKeys(text: string): string[] {
  const key = headerKey(text);
  if (!key) return [];
  const bare = key.replace(/\s*\([^()]*\)$/, '').replace(EDGE_PUNCT, '').trim();
  return bare && bare !== key ? [key, bare] : [key];
}

function isSttKey(key: string): boolean {
  return /^(s\s?tt|tt|so\s?tt|so thu tu|thu tu)$/.test(key.replace(/\./g, '').trim());
}

const indexCache = new WeakMap<ColumnRegistry, Map<string, string>>();

/** Normalised header or variant → standard header; the first definition wins a collision. */
function registryIndex(registry: ColumnRegistry): Map<string, string> {
  let index = indexCache.get(registry);
  if (index) return index;
  index = new Map();
  for (const def of registry.values()) {
    for (const text of [def.header, ...def.variants]) {
      const key = headerKey(text);
      if (key && !index.has(key)) index.set(key, def.header);
    }
  }
  indexCache.set(registry, index);
  return index;
}

// ---------------------------------------------------------------------------------------------
// Reading the sample with or without merges

class Grid {
  private readonly byCell = new Map<string, MergeRange>();
  readonly width: number;

  constructor(readonly sample: SheetSample) {
    for (const m of sample.merges ?? []) {
      // Only the scanned area matters; a huge merge must not cost a huge loop.
      const bottom = Math.min(m.bottom, MAX_HEADER_SCAN + 2);
      for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= m.right && c <= 1000; c++) this.byCell.set(`${r}:${c}`, m);
    }
    let w = 0;
    for (const row of sample.rows.slice(0, MAX_HEADER_SCAN + 2)) w = Math.max(w, row?.length ?? 0);
    this.width = w;
  }

  get rowCount(): number {
    return this.sample.rows.length;
  }

  merge(r: number, c: number): MergeRange | undefined {
    return this.byCell.get(`${r}:${c}`);
  }

  raw(r: number, c: number): string {
    return layoutText(this.sample.rows[r - 1]?.[c - 1]);
  }

  /** The text a reader shows for the cell, taking the merge master's when merges are given. */
  text(r: number, c: number): string {
    const m = this.merge(r, c);
    return m ? this.raw(m.top, m.left) : this.raw(r, c);
  }

  cells(r: number): Cell[] {
    return this.sample.rows[r - 1] ?? [];
  }
}

/** One sheet column as seen by a header candidate: the texts to try, in order. */
interface ColumnView {
  col: number;
  /** What the preview shows. */
  display: string;
  attempts: string[];
  /** Whether an attempt relies on the upper row of a pair. */
  upperUsed: boolean[];
}

interface Candidate {
  top: number;
  headerRow: number;
  headerRows: 1 | 2;
  views: ColumnView[];
  structural: boolean;
}

function singleRow(grid: Grid, r: number): Candidate {
  const views: ColumnView[] = [];
  let prev = '';
  for (let c = 1; c <= grid.width; c++) {
    const t = grid.text(r, c);
    const m = grid.merge(r, c);
    // A merged title repeats in every cell with exceljs: list it once.
    const continuation = (m !== undefined && m.left < c) || (t !== '' && t === prev);
    prev = t;
    if (!t || continuation) continue;
    views.push({ col: c, display: t, attempts: [t], upperUsed: [false] });
  }
  return { top: r, headerRow: r, headerRows: 1, views, structural: false };
}

/**
 * Rows r and r+1 as one header: per column, the lower cell alone; the upper alone when the lower is
 * empty or repeats it through a vertical merge; and "upper lower" for a group label over sub-headers.
 */
function rowPair(grid: Grid, r: number): Candidate {
  const views: ColumnView[] = [];
  let prevU = '';
  let prevL = '';
  let vertical = false;
  let grouped = false;
  for (let c = 1; c <= grid.width; c++) {
    const u = grid.text(r, c);
    const lm = grid.merge(r + 1, c);
    const lowerMerged = lm !== undefined && lm.top <= r;
    const l = grid.text(r + 1, c);
    const lowerDup = lowerMerged || l === '' || l === u;
    if (u && lowerDup) vertical = true;
    if (u && l && !lowerDup) grouped = true;
    const continuation = (u !== '' || l !== '') && u === prevU && l === prevL && c > 1;
    prevU = u;
    prevL = l;
    if ((!u && !l) || continuation) continue;
    if (lowerDup) views.push({ col: c, display: u, attempts: [u], upperUsed: [true] });
    else if (u) views.push({ col: c, display: `${u} ${l}`, attempts: [l, `${u} ${l}`], upperUsed: [false, true] });
    else views.push({ col: c, display: l, attempts: [l], upperUsed: [false] });
  }
  // A real two-row header has both general columns spanning both rows and a group over sub-headers.
  return { top: r, headerRow: r + 1, headerRows: 2, views, structural: vertical && grouped };
}

interface Manual {
  /** Column letters; `keys` when the value could also be a header text ("DT", "STT"). */
  letters: Map<string, { col?: number; keys: string[] }>;
  texts: Map<string, string>; // key → standard header
  textEntries: [string, string[]][]; // standard header → keys
}

function columnFromLetters(s: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(s)) return undefined;
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= 16384 ? n : undefined;
}

function parseManual(manual: Record<string, string> | undefined, grid: Grid): Manual {
  const out: Manual = { letters: new Map(), texts: new Map(), textEntries: [] };
  for (const [header, target] of Object.entries(manual ?? {})) {
    if (typeof target !== 'string' || !target.trim()) continue;
    const t = target.trim();
    const keys = headerKeys(t);
    const col = columnFromLetters(t);
    if (col !== undefined) {
      // Beyond every filled column of the sample it names nothing (the caller reports it),
      // unless it turns out to be a header text.
      out.letters.set(header, { col: col <= grid.width ? col : undefined, keys });
      continue;
    }
    if (!keys.length) continue;
    out.textEntries.push([header, keys]);
    for (const k of keys) if (!out.texts.has(k)) out.texts.set(k, header);
  }
  return out;
}

/** The candidate's column whose header (any attempt) reads as one of the keys. */
function findView(cand: Candidate, keys: readonly string[]): ColumnView | undefined {
  return cand.views.find((v) => v.attempts.some((a) => headerKeys(a).some((k) => keys.includes(k))));
}

interface Evaluated {
  cand: Candidate;
  columns: Record<string, number>;
  byCol: Map<number, string>;
  score: number;
  upperUsed: boolean;
  ok: boolean;
}

function evaluate(cand: Candidate, index: Map<string, string>, manual: Manual): Evaluated {
  // No prototype: a plan's own column may be named "constructor" or "toString".
  const columns: Record<string, number> = Object.create(null);
  const byCol = new Map<number, string>();
  let upperUsed = false;
  for (const view of cand.views) {
    let found: string | undefined;
    view.attempts.forEach((text, i) => {
      if (found) return;
      for (const key of headerKeys(text)) {
        const h = manual.texts.get(key) ?? index.get(key);
        if (h) {
          found = h;
          if (view.upperUsed[i]) upperUsed = true;
          return;
        }
      }
    });
    // Two sheet columns with the same header: the leftmost keeps it.
    if (found && columns[found] === undefined) {
      columns[found] = view.col;
      byCol.set(view.col, found);
    }
  }
  const score = Object.keys(columns).length;
  // Hand mappings by letter override whatever the content said about the same header or column.
  for (const [header, entry] of manual.letters) {
    // "DT" or "STT" may be a header text rather than a column letter: the header wins.
    const col = findView(cand, entry.keys)?.col ?? entry.col;
    if (col === undefined) continue;
    const old = columns[header];
    if (old !== undefined) byCol.delete(old);
    const other = byCol.get(col);
    if (other !== undefined) delete columns[other];
    columns[header] = col;
    byCol.set(col, header);
  }
  const has = (h: string) => columns[h] !== undefined;
  const ok = score > 0 && has(COL.name) && (has(COL.subject) || has(COL.proposed)) && (cand.headerRows === 1 || upperUsed);
  return { cand, columns, byCol, score, upperUsed, ok };
}

/** Manual text entries: the sheet column whose header (any attempt) reads as the given text. */
function applyManualTexts(ev: Evaluated, manual: Manual): void {
  for (const [header, keys] of manual.textEntries) {
    const view = findView(ev.cand, keys);
    if (!view) continue; // the caller reports entries that name nothing
    const old = ev.columns[header];
    if (old !== undefined) ev.byCol.delete(old);
    const other = ev.byCol.get(view.col);
    if (other !== undefined && other !== header) delete ev.columns[other];
    ev.columns[header] = view.col;
    ev.byCol.set(view.col, header);
  }
}

/**
 * Better first: more columns; then the earlier header, a real two-row header counting from its
 * top row; then a real two-row header over a single row (same columns, but its lower row is header).
 */
function better(a: Evaluated, b: Evaluated): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const ra = a.cand.structural ? a.cand.top : a.cand.headerRow;
  const rb = b.cand.structural ? b.cand.top : b.cand.headerRow;
  if (ra !== rb) return ra < rb;
  if (a.cand.structural !== b.cand.structural) return a.cand.structural;
  return a.cand.headerRow < b.cand.headerRow;
}

function toMatch(ev: Evaluated, grid: Grid): HeaderMatch {
  const { cand } = ev;
  const next = cand.headerRow + 1;
  const firstDataRow = next <= grid.rowCount && isColumnNumberRow(grid.cells(next)) ? next + 1 : next;
  const sheetColumns: HeaderMatch['sheetColumns'] = cand.views.map((v) => {
    const header = ev.byCol.get(v.col);
    return header !== undefined ? { col: v.col, text: v.display, header } : { col: v.col, text: v.display };
  });
  // A column mapped by letter may have no header text: still show it in the preview.
  for (const [col, header] of ev.byCol) if (!sheetColumns.some((s) => s.col === col)) sheetColumns.push({ col, text: '', header });
  sheetColumns.sort((a, b) => a.col - b.col);
  const stt = cand.views.find((v) => !ev.byCol.has(v.col) && v.attempts.some((a) => isSttKey(headerKey(a))));
  const match: HeaderMatch = {
    headerRow: cand.headerRow,
    headerRows: cand.headerRows,
    firstDataRow,
    columns: ev.columns,
    sheetColumns,
  };
  if (stt) match.sttColumn = stt.col;
  return match;
}

/**
 * When every key column is mapped by letter and no header text is recognised: the first row where
 * the letter-mapped cells all hold text and that is not a merged title (two distinct texts at least).
 */
function fallbackByLetters(grid: Grid, manual: Manual, index: Map<string, string>): HeaderMatch | null {
  const l = manual.letters;
  const has = (h: string) => l.get(h)?.col !== undefined;
  if (!has(COL.name) || !(has(COL.subject) || has(COL.proposed))) return null;
  const rows = Math.min(grid.rowCount, MAX_HEADER_SCAN);
  for (let r = 1; r <= rows; r++) {
    const texts = [...l.values()].filter((e) => e.col !== undefined).map((e) => grid.text(r, e.col as number));
    if (texts.some((t) => !t || /^[\d\s.,()%-]+$/.test(t))) continue;
    if (new Set(texts).size < 2) continue;
    const ev = evaluate(singleRow(grid, r), index, manual);
    applyManualTexts(ev, manual);
    return toMatch(ev, grid);
  }
  return null;
}

/** Finds the header row of one sheet; null when the sheet has none (spec §4). */
export function detectHeader(sample: SheetSample, registry: ColumnRegistry, manual?: Record<string, string>): HeaderMatch | null {
  const grid = new Grid(sample);
  const index = registryIndex(registry);
  const man = parseManual(manual, grid);
  const rows = Math.min(grid.rowCount, MAX_HEADER_SCAN);
  let best: Evaluated | undefined;
  for (let r = 1; r <= rows; r++) {
    const cands = [singleRow(grid, r)];
    // A column-number row under the header is not a second header row.
    if (r + 1 <= grid.rowCount && !isColumnNumberRow(grid.cells(r + 1))) cands.push(rowPair(grid, r));
    for (const cand of cands) {
      const ev = evaluate(cand, index, man);
      if (ev.ok && (!best || better(ev, best))) best = ev;
    }
  }
  if (!best) return fallbackByLetters(grid, man, index);
  applyManualTexts(best, man);
  return toMatch(best, grid);
}

export type ChooseSheetResult =
  | { index: number; match: HeaderMatch }
  | { error: 'no-sheet'; sheet: string }
  | { error: 'no-header'; looked: string[] };

/**
 * The sheet to check: the named one (exact name, then ignoring case and diacritics), else the first
 * sheet with a header row — an instructions or catalogue sheet often comes first.
 */
export function chooseSheet(
  samples: SheetSample[],
  registry: ColumnRegistry,
  opts?: { sheet?: string; manual?: Record<string, string> },
): ChooseSheetResult {
  if (opts?.sheet !== undefined) {
    let i = samples.findIndex((s) => s.name === opts.sheet);
    if (i < 0) i = samples.findIndex((s) => fold(s.name) === fold(opts.sheet as string));
    if (i < 0) return { error: 'no-sheet', sheet: opts.sheet };
    const match = detectHeader(samples[i], registry, opts.manual);
    return match ? { index: i, match } : { error: 'no-header', looked: [samples[i].name] };
  }
  const looked: string[] = [];
  for (let i = 0; i < samples.length; i++) {
    looked.push(samples[i].name);
    const match = detectHeader(samples[i], registry, opts?.manual);
    if (match) return { index: i, match };
  }
  return { error: 'no-header', looked };
}
