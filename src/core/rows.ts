/**
 * Telling data rows from the rows a list carries around them (spec §4 "Rows to skip, not flag"):
 * blank rows, column numbers, section titles, totals, repeated headers and the signature block.
 */
import { Cell } from './cell';
import { COL } from './columns';
import { HeaderMatch, headerKey, isColumnNumberRow, isEdgeChar, layoutText } from './headers';
import { fold, foldLoose } from './text';

export type RowKind = 'data' | 'blank' | 'column-numbers' | 'section' | 'total' | 'signature' | 'repeated-header';

const ROMAN = /^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/i;

/** "I", "II.", "A", "b)": a roman numeral or a single letter, optionally followed by "." or ")". */
function isSectionMarker(text: string): boolean {
  const m = /^([A-Za-zĐđ]+)\s*[.)]?$/.exec(text);
  return !!m && (m[1].length === 1 || ROMAN.test(m[1]));
}

/** "I. TẬP THỂ", "B) CÁ NHÂN", "II - HỘ GIA ĐÌNH": a numbered section title. */
function isSectionTitle(text: string): boolean {
  const m = /^([A-Za-zĐđ]+)\s*[.):\-–]\s*\S/.exec(text);
  return !!m && (m[1].length === 1 || ROMAN.test(m[1]));
}

function isArabicNumber(text: string): boolean {
  return /^\d+\s*[.)]?$/.test(text);
}

/** Folded with `foldLoose` ("Tổng cộng:" → "tong cong"). */
function isTotalText(loose: string): boolean {
  return /^tong cong(?! ty)/.test(loose) || /^tong so\b/.test(loose) || loose === 'cong' || loose === 'tong';
}

const SIGNATURE_LOOSE = [
  /^nguoi (lap|de nghi|duyet|ky)\b/,
  /^thu truong\b/,
  /^(tm|kt|tl|tuq)[.\s]/,
  /^q\.\s?(chu tich|giam doc|truong)/,
  /^(pho )?chu tich\b/,
  /^(pho )?giam doc\b/,
  /^(pho )?truong (phong|ban)\b/,
  /^xac nhan\b/,
  /^noi nhan\b/,
  /^\(?\s*ky\b.*\b(ten|ho ten|dong dau)\b/,
];

/** "Thạch Hà, ngày 05 tháng 12 năm 2023", "ngày … tháng … năm 2023". Folded with `fold` (commas kept). */
const DATE_LINE = /^([^,]{1,60},\s*)?ngay\s*[\d.…_\s/]{0,12}thang\s*[\d.…_\s/]{0,12}nam\b/;

function isSignatureText(text: string): boolean {
  if (DATE_LINE.test(fold(text))) return true;
  const loose = foldLoose(text);
  return SIGNATURE_LOOSE.some((re) => re.test(loose));
}

/**
 * A cell's text matches the header of its column. With a two-row header the preview text is
 * "upper lower", so a repeated upper or lower row matches one part (of two words at least, so that
 * "Có" under "Có thành tích tiêu biểu" is not taken for a header).
 */
function isHeaderText(text: string, header: ColumnHeader | undefined, twoRows: boolean): boolean {
  if (!header) return false;
  // Every cell of every row comes here: most can be ruled out by their first letter without
  // normalising the text (a key starts with the folded first character that is no edge punctuation).
  const first = firstAsciiAlnum(text);
  if (first !== undefined && !header.starts.has(first)) return false;
  const k = headerKey(text);
  const h = header.key;
  if (!k) return false;
  if (k === h) return true;
  return twoRows && k.includes(' ') && (h.startsWith(`${k} `) || h.endsWith(` ${k}`));
}

/**
 * The first character of `text`'s header key when that is an ASCII letter or digit (folding leaves
 * those alone but for case, and takes a precomposed letter to its base), else undefined: the
 * caller then normalises in full.
 */
export function firstAsciiAlnum(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return text[i];
    if (c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 0x20);
    // A precomposed Latin or Vietnamese letter ("Đ", "Ủ", "ơ") folds alone to its base letter, as
    // it does inside the text (marks typed after it are dropped by folding): names starting with
    // one are ruled out here too instead of being normalised whole.
    if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) {
      const f = fold(text[i]);
      return f.length === 1 && ((f >= '0' && f <= '9') || (f >= 'a' && f <= 'z')) ? f : undefined;
    }
    // What headerKey drops at the start is skipped; anything else needs the full normalisation.
    if (!isEdgeChar(text[i])) return undefined;
  }
  return undefined;
}

/** A column's header key and the first characters a cell's key may have to match it. */
interface ColumnHeader {
  key: string;
  starts: Set<string>;
}

function columnHeader(text: string, twoRows: boolean): ColumnHeader {
  const key = headerKey(text);
  const starts = new Set<string>(key ? [key[0]] : []);
  // Two-row headers also match their lower part: any word of the key may begin the cell's key.
  if (twoRows) for (let i = 0; i + 1 < key.length; i++) if (key[i] === ' ') starts.add(key[i + 1]);
  return { key, starts };
}

// What classifyRow needs from the header, computed once per table rather than once per row.
interface Prepared {
  headers: Map<number, ColumnHeader>;
  /** Mapped columns other than STT. */
  mapped: Set<number>;
}
const preparedCache = new WeakMap<HeaderMatch, Prepared>();

function prepared(match: HeaderMatch): Prepared {
  let p = preparedCache.get(match);
  if (!p) {
    const mapped = new Set(Object.values(match.columns));
    if (match.sttColumn !== undefined) mapped.delete(match.sttColumn);
    const twoRows = match.headerRows === 2;
    p = { headers: new Map(match.sheetColumns.map((s) => [s.col, columnHeader(s.text, twoRows)])), mapped };
    preparedCache.set(match, p);
  }
  return p;
}

/** Classifies one row of the list; cells[0] is column A. */
export function classifyRow(cells: Cell[], match: HeaderMatch): RowKind {
  // texts[c - 1]: column c's layout text ('' when blank); filled: the columns with text, in order.
  const texts: string[] = new Array(cells.length);
  const filled: number[] = [];
  // Cells that may be column numbers: a column number's text starts with a digit or "(".
  let numberLike = 0;
  for (let i = 0; i < cells.length; i++) {
    const t = layoutText(cells[i]);
    texts[i] = t;
    if (!t) continue;
    filled.push(i + 1);
    const c = t.charCodeAt(0);
    if ((c >= 0x30 && c <= 0x39) || c === 0x28) numberLike++;
  }
  // Errors (#N/A from unfilled lookups) and whitespace count as blank (spec §4).
  if (filled.length === 0) return 'blank';
  // A column-number row is mostly numbers: most data rows are ruled out without reading them again.
  if (numberLike >= 3 && numberLike * 2 > filled.length && isColumnNumberRow(cells)) return 'column-numbers';

  const { headers, mapped } = prepared(match);
  const stt = match.sttColumn;
  const nameCol = match.columns[COL.name];
  const text = (col: number | undefined) => (col === undefined ? '' : (texts[col - 1] ?? ''));

  // The header repeated on a new page: most filled cells read as their own column's header. A
  // row whose name is a name is none: its other cells are not compared (most rows stop here).
  const twoRows = match.headerRows === 2;
  const nameIsHeader = !text(nameCol) || isHeaderText(text(nameCol), headers.get(nameCol as number), twoRows);
  if (nameIsHeader) {
    let headerHits = 0;
    for (const col of filled) {
      if (isHeaderText(texts[col - 1], headers.get(col), twoRows)) headerHits++; // "STT" too: it is listed in sheetColumns
    }
    if (headerHits >= 2 && headerHits * 2 >= filled.length) return 'repeated-header';
  }

  // Sections: an STT that is a roman numeral or letter, with at most the name beside it; cells that
  // repeat the STT or name text are a merge read by exceljs, not content.
  // Without an STT column, a marker left of the name plays its part.
  const markerCol = stt ?? (nameCol !== undefined && filled[0] < nameCol ? filled[0] : undefined);
  const sttText = text(markerCol);
  if (sttText && isSectionMarker(sttText)) {
    const nameText = text(nameCol);
    const others = filled.filter((col) => col !== markerCol && col !== nameCol && texts[col - 1] !== sttText && texts[col - 1] !== nameText);
    if (others.length === 0) return 'section';
  }
  const only = texts[filled[0] - 1];
  if (filled.every((col) => texts[col - 1] === only)) {
    const inFront = filled[0] === stt || filled[0] === nameCol || (nameCol !== undefined && filled[0] < nameCol);
    if (inFront && isSectionTitle(only)) return 'section';
  }

  // Totals and signatures never carry a subject or a proposed tier of their own.
  const subject = text(match.columns[COL.subject]);
  const proposed = text(match.columns[COL.proposed]);
  if (!subject && !proposed && filled.some((col) => isTotalText(foldLoose(texts[col - 1])))) return 'total';

  // A signature block may sit under the subject/tier columns, so those may hold signature text only.
  const quiet = (t: string) => !t || isSignatureText(t);
  if (!isArabicNumber(text(stt)) && quiet(subject) && quiet(proposed) && filled.some((col) => isSignatureText(texts[col - 1]))) {
    return 'signature';
  }

  // Content only in the STT or unmapped columns (a pre-numbered empty template row): nothing to check.
  return filled.some((c) => mapped.has(c)) ? 'data' : 'blank';
}

/**
 * The columns a data row is read over: up to the last header cell or mapped column. A cell to the
 * right of the table belongs to no column of the list, so rows are built this wide, not as wide as
 * the sheet: one stray cell in column XFD must not make every row 16,384 cells (issue 20).
 */
export function tableWidth(match: HeaderMatch): number {
  let w = match.sttColumn ?? 1;
  for (const s of match.sheetColumns) if (s.col > w) w = s.col;
  for (const c of Object.values(match.columns)) if (c > w) w = c;
  return w;
}

/**
 * Decides row by row which rows are data, from `match.firstDataRow`: skips blank, column-number,
 * section, total and repeated-header rows, and ends at the signature block (what follows it is not
 * the list). Stateful, so that a streaming reader can feed it one row at a time.
 */
export class DataRowFilter {
  private over = false;

  constructor(private readonly match: HeaderMatch) {}

  /** True once the signature block has been met: no later row is data. */
  get ended(): boolean {
    return this.over;
  }

  accept(row: number, cells: Cell[]): boolean {
    if (this.over || row < this.match.firstDataRow) return false;
    const kind = classifyRow(cells, this.match);
    if (kind === 'signature') this.over = true;
    return kind === 'data';
  }
}

export function* dataRows(
  rows: Iterable<{ row: number; cells: Cell[] }>,
  match: HeaderMatch,
): Generator<{ row: number; cells: Cell[] }> {
  const filter = new DataRowFilter(match);
  for (const r of rows) {
    if (filter.accept(r.row, r.cells)) yield r;
    else if (filter.ended) return;
  }
}
