/**
 * The command line's own workbook reader: a sheet's rows streamed out of the package with
 * `saxes`, turned into the core's neutral cells exactly as src/xlsx/read.ts turns exceljs's
 * in-memory cells into them (the parity tests hold the two together). It replaces exceljs's
 * streaming reader, whose shared state between sheets lost a sheet's data under load (exceljs
 * issue #3064: "Cannot read properties of undefined (reading 'sheets')").
 *
 * What it reproduces of exceljs's in-memory reading, and why each matters to a report:
 * - shared strings, inline strings and rich text (runs joined; phonetic runs left out);
 * - `_xHHHH_` escapes decoded where exceljs decodes them (shared strings and rich runs);
 * - a number whose format is a date format becomes a Date (1900 or 1904 system);
 * - a formula gives its cached value; booleans, errors ("#N/A" counts as blank) as exceljs types them;
 * - a cell's number format travels with its value (0.065 shown as % is not 0.065).
 */
import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Cell } from '../core/cell';
import type { MergeRange } from '../core/headers';
import { officeDocumentPath } from './patch';
import { colNumber } from './read';
import { clip, MAX_COLS, MAX_ROWS, PartError, type PartKind, type ZipPackage } from './zip-read';

export interface SheetRef {
  name: string;
  /** Part name inside the package, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
}

interface SharedString {
  text: string;
  /** Rich text loses its number format in exceljs's reading (toCell of a richText value). */
  rich: boolean;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
  /** Number format of each cell style index (undefined: General or none). */
  numFmts: (string | undefined)[];
  /** Loaded on first use: a list sheet may never be reached. */
  sharedStrings: () => Promise<SharedString[]>;
}

/** A row as read: cells at column index - 1 (holes are empty), `last` the last column with a value. */
export interface SheetRow {
  row: number;
  cells: (Cell | undefined)[];
  last: number;
}

const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** Sheets in workbook (tab) order with their parts, the date system and the cell styles' formats. */
export function workbookInfo(pkg: ZipPackage): WorkbookInfo {
  const workbookPath = officeDocumentPath(pkg.text('_rels/.rels'));
  const wb = pkg.text(workbookPath) ?? '';
  const relsPath = path.posix.join(path.posix.dirname(workbookPath), '_rels', `${path.posix.basename(workbookPath)}.rels`);
  const rels = pkg.text(relsPath) ?? '';
  const base = path.posix.dirname(workbookPath);
  const targets = new Map<string, string>();
  let sharedStringsPart: string | undefined;
  let stylesPart: string | undefined;
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    const type = attr(m[0], 'Type') ?? '';
    if (!id || !target) continue;
    const part = path.posix.normalize(target.startsWith('/') ? target.slice(1) : path.posix.join(base, xmlDecode(target)));
    targets.set(id, part);
    if (type.endsWith('/sharedStrings')) sharedStringsPart = part;
    if (type.endsWith('/styles')) stylesPart = part;
  }
  const sheets: SheetRef[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) sheets.push({ name: xmlDecode(name), part });
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(wb);
  // exceljs reads only "1" as the 1904 system; "true" would be read as 1900 there too.
  const date1904 = pr ? attr(pr[0], 'date1904') === '1' : false;
  let strings: Promise<SharedString[]> | undefined;
  return {
    sheets,
    date1904,
    numFmts: styleFormats(stylesPart ? pkg.text(stylesPart, 'styles') : null),
    sharedStrings: () => (strings ??= sharedStringsPart && pkg.entry(sharedStringsPart) ? readSharedStrings(pkg, sharedStringsPart) : Promise.resolve([])),
  };
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*"([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*'([^']*)'`).exec(tag);
  return m ? m[1] : undefined;
}

function xmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** exceljs decodes a second time the text of t="str" cells (its utils.xmlDecode); so do we. */
function exceljsXmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);
}

/** "_x000D_" → CR, as exceljs's text reader does (upper-case hex digits only, as it does). */
function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function parser(): SaxesParser<{}> {
  // No namespace processing: prefixes are stripped by hand, which is all these parts need.
  return new SaxesParser({ xmlns: false, position: true });
}

/** Feeds an entry's bytes to a parser, as UTF-8 text, a piece at a time. */
async function* feed(pkg: ZipPackage, part: string, kind: PartKind): AsyncGenerator<string> {
  const e = pkg.entry(part);
  if (!e) throw new PartError(part, 'thiếu phần này trong gói');
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of pkg.stream(e, kind)) {
    const s = decoder.decode(chunk, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function styleFormats(xml: string | null): (string | undefined)[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const formats: (string | undefined)[] = [];
  const p = parser();
  let inCellXfs = false;
  p.on('opentag', (tag) => {
    const name = localName(tag.name);
    const a = (tag as SaxesTagPlain).attributes;
    if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) {
      custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, '$1'));
    } else if (name === 'cellXfs') {
      inCellXfs = true;
    } else if (name === 'xf' && inCellXfs) {
      const id = parseInt(a.numFmtId ?? '0', 10);
      formats.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id]) : undefined);
    }
  });
  p.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  p.write(xml).close();
  return formats;
}

async function readSharedStrings(pkg: ZipPackage, part: string): Promise<SharedString[]> {
  const out: SharedString[] = [];
  const p = parser();
  let depth = 0; // inside <si>
  let inPhonetic = false;
  let inT = false;
  let plain: string | undefined;
  let runs: string[] | undefined;
  let text: string[] = [];
  p.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') {
      depth = 1;
      plain = undefined;
      runs = undefined;
    } else if (depth) {
      if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) (inT = true), (text = []);
      else if (name === 'r' && !inPhonetic) runs ??= [];
    }
  });
  p.on('text', (t) => {
    if (inT) text.push(t);
  });
  p.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't' && inT) {
      inT = false;
      const s = decodeEscapes(text.join(''));
      if (runs) runs.push(s);
      else plain = s;
    } else if (name === 'rPh') {
      inPhonetic = false;
    } else if (name === 'si') {
      depth = 0;
      out.push(runs ? { text: runs.join(''), rich: true } : { text: plain ?? '', rich: false });
    }
  });
  for await (const s of feed(pkg, part, 'sharedStrings')) p.write(s);
  p.close();
  return out;
}

/**
 * The merged ranges of a sheet. They sit after the rows in the sheet's XML, where a streaming
 * reader meets them too late, so the part is inflated once beforehand and searched as bytes.
 */
export async function scanMerges(pkg: ZipPackage, part: string): Promise<MergeRange[]> {
  const e = pkg.entry(part);
  if (!e) return [];
  const merges: MergeRange[] = [];
  let carry = Buffer.alloc(0);
  for await (const chunk of pkg.stream(e)) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    let at: number;
    let last = 0;
    while ((at = buf.indexOf('mergeCell ', from, 'latin1')) >= 0) {
      const end = buf.indexOf('>', at);
      if (end < 0) break;
      const m = /ref\s*=\s*["']\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)["']/i.exec(buf.toString('latin1', at, end));
      if (m) merges.push({ left: colNumber(m[1]), top: Number(m[2]), right: colNumber(m[3]), bottom: Number(m[4]) });
      from = last = end + 1;
    }
    // Keep a tail that may hold a tag cut by the piece boundary.
    carry = Buffer.from(buf.subarray(Math.max(last, buf.length - 300)));
  }
  return merges;
}

function isDateFormat(fmt: string): boolean {
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/**
 * The sheet's rows in order, in batches (one per inflated piece), each cell already the neutral
 * Cell that src/xlsx/read.ts's toCell gives for exceljs's in-memory value. Stop iterating to stop
 * reading; a damaged part or malformed XML throws.
 */
export async function* sheetRows(
  pkg: ZipPackage,
  info: WorkbookInfo,
  part: string,
  kind: PartKind = 'sheet',
  /** Cells right of `cols` are counted in `last` but not kept (the caller may narrow it as it goes). */
  keep: { cols: number } = { cols: MAX_COLS },
): AsyncGenerator<SheetRow[]> {
  const strings = await info.sharedStrings();
  const { numFmts, date1904 } = info;
  const p = parser();
  let batch: SheetRow[] = [];
  let current: SheetRow | undefined;
  let lastRow = 0;
  let col = 0;
  let lastCol = 0;
  // The cell being read.
  let type: string | undefined;
  let style = 0;
  let formula = false;
  let formulaText = '';
  let value: string | undefined;
  let runs: string[] | undefined;
  let runText: string[] = [];
  let into: 'v' | 't' | 'f' | 'run' | undefined;
  let inPhonetic = false;

  p.on('opentag', (tag) => {
    const name = localName(tag.name);
    const a = (tag as SaxesTagPlain).attributes;
    switch (name) {
      case 'row': {
        const n = a.r !== undefined ? parseInt(a.r, 10) : lastRow + 1;
        if (!(n >= 1 && n <= MAX_ROWS)) throw new PartError(part, `dòng "${clip(a.r ?? String(n))}" nằm ngoài lưới của Excel (dòng 1 đến ${MAX_ROWS})`, true);
        lastRow = n;
        current = { row: n, cells: [], last: 0 };
        col = 0;
        lastCol = 0;
        break;
      }
      case 'c': {
        const ref = a.r;
        if (ref !== undefined) {
          let c = 0;
          for (let i = 0; i < ref.length; i++) {
            const code = ref.charCodeAt(i);
            if (code >= 65 && code <= 90) c = c * 26 + code - 64;
            else if (code >= 97 && code <= 122) c = c * 26 + code - 96;
            else if (code !== 36) break;
          }
          col = c || lastCol + 1;
        } else {
          col = lastCol + 1;
        }
        if (col > MAX_COLS) throw new PartError(part, `ô "${clip(ref ?? `#${col}`)}" nằm ngoài lưới của Excel (quá cột XFD)`, true);
        type = a.t;
        style = a.s !== undefined ? parseInt(a.s, 10) : 0;
        formula = false;
        formulaText = '';
        value = undefined;
        runs = undefined;
        into = undefined;
        break;
      }
      case 'f':
        formula = true;
        // A shared formula's followers have no text, only t="shared": still formulas to exceljs.
        if (a.t !== undefined) formulaText = formulaText || a.t;
        into = 'f';
        break;
      case 'v':
        into = 'v';
        break;
      case 't':
        if (!inPhonetic) into = runs && into === 'run' ? 'run' : 't';
        if (into === 'run') runText = [];
        break;
      case 'r':
        if (!inPhonetic && current) (runs ??= []), (into = 'run'), (runText = []);
        break;
      case 'rPh':
        inPhonetic = true;
        break;
      default:
        break;
    }
  });
  p.on('text', (t) => {
    if (into === 'v' || into === 't') value = value === undefined || value === '' ? t : value + t;
    else if (into === 'f') formulaText += t;
    else if (into === 'run') runText.push(t);
  });
  p.on('closetag', (tag) => {
    const name = localName(tag.name);
    switch (name) {
      case 'f':
      case 'v':
      case 'is':
        into = undefined;
        break;
      case 't':
        if (into === 't') into = undefined;
        break;
      case 'r':
        if (runs && into === 'run') {
          runs.push(decodeEscapes(runText.join('')));
          into = undefined;
        }
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'c':
        if (current) finishCell(current);
        break;
      case 'row':
        if (current) batch.push(current);
        current = undefined;
        break;
      default:
        break;
    }
  });

  function finishCell(row: SheetRow): void {
    lastCol = col;
    if (col > keep.cols) {
      // Right of what the caller reads: only its place counts (the sheet's last used column).
      if (col > row.last && (formula || runs || value !== undefined)) row.last = col;
      return;
    }
    const fmt = style ? numFmts[style] : undefined;
    const format = fmt && fmt !== 'General' ? fmt : undefined;
    let cell: Cell | undefined;
    if (formula && (formulaText || true)) {
      // exceljs: a formula's cached value, typed by the cell's t; none cached → empty.
      if (value) cell = typed(value, type === 'str' ? 'str' : type === 'b' ? 'b' : type === 'e' ? 'e' : 'n', format, fmt);
      else cell = { value: null };
      row.cells[col - 1] = cell;
      if (col > row.last) row.last = col;
      return;
    }
    if (runs) {
      // Inline rich text: its runs joined, with no number format.
      row.cells[col - 1] = { value: runs.join('') };
      if (col > row.last) row.last = col;
      return;
    }
    if (value === undefined) return;
    if (type === 's') {
      const s = strings[parseInt(value, 10)];
      cell = !s ? { value: null } : s.rich ? { value: s.text } : format ? { value: s.text, format } : { value: s.text };
    } else if (type === 'inlineStr') {
      cell = format ? { value, format } : { value };
    } else {
      cell = typed(value, type === 'str' ? 'str' : type === 'b' ? 'b' : type === 'e' ? 'e' : 'n', format, fmt);
    }
    row.cells[col - 1] = cell;
    if (col > row.last) row.last = col;
  }

  function typed(v: string, t: 'str' | 'b' | 'e' | 'n', format: string | undefined, fmt: string | undefined): Cell {
    switch (t) {
      case 'str': {
        const s = exceljsXmlDecode(v);
        return format ? { value: s, format } : { value: s };
      }
      case 'b': {
        const b = parseInt(v, 10) !== 0;
        return format ? { value: b, format } : { value: b };
      }
      case 'e':
        return { value: null, error: v };
      default: {
        const n = parseFloat(v);
        if (fmt && isDateFormat(fmt)) return { value: excelToDate(n, date1904), format: fmt };
        return format ? { value: n, format } : { value: n };
      }
    }
  }

  for await (const s of feed(pkg, part, kind)) {
    p.write(s);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  p.close();
  if (batch.length) yield batch;
}
