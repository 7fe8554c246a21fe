/**
 * The checked copy written by patching the .xlsx package as text instead of loading it into a
 * workbook model, for lists too big for exceljs: the list sheet's XML is transformed row by row as
 * it streams past, styles.xml gets the few fonts, fills and formats we need, and a summary sheet
 * part is added. Everything else stays byte for byte. Pure string logic (no node:*, no DOM), so
 * a browser could use it too; src/cli/patch-writer.ts does the zip and file work.
 *
 * The visible result matches src/xlsx/checked-copy.ts (the exceljs writer).
 */
import { FILLS, type Table } from '../core/report';

export type PatchStatus = 'eligible' | 'ineligible' | 'incomplete' | 'not-covered';

export interface PatchRow {
  row: number;
  /** The five result texts. */
  values: string[];
  status: PatchStatus;
  late: boolean;
  /** 1-based user columns to fill as missing. */
  missingCols: number[];
  /** The name column, filled on late rows. */
  nameCol?: number;
}

export interface PatchSpec {
  /** The list sheet, by its name in workbook.xml. */
  sheetName: string;
  /** Row where the five result headers go. */
  headerTop: number;
  /** Lower header row of a two-row header: the result headers are merged down to it, as the exceljs writer does. */
  headerBottom?: number;
  /** 1-based column of the first result column. */
  firstCol: number;
  /** RESULT_HEADERS. */
  headers: readonly string[];
  summary: { title: string; subtitle: string; tables: Table[] };
}

export const SUMMARY_SHEET_BASE = 'Tổng hợp';
export const RESULT_WIDTHS = [20, 28, 28, 24, 80] as const;
const DATA_BAR_COLOR = 'FF5B9BD5';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_REL = `${REL_NS}/worksheet`;
const STYLES_REL = `${REL_NS}/styles`;
export const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

// ------------------------------------------------------------------------------------------------
// Text

// Characters XML 1.0 forbids: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
// A valid pair matches the first branch and is kept (no lookbehind: older Safari lacks it).
const INVALID_XML_CHARS = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;
// Quick test first: almost no text has any.
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlChars(s: string): string {
  return MAYBE_INVALID.test(s) ? s.replace(INVALID_XML_CHARS, (m) => (m.length === 2 ? m : '')) : s;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' };

/** Element text: CR as a character reference, or parsers would turn it into LF. */
export function escapeText(s: string): string {
  return xmlChars(s).replace(/[&<>"\r]/g, (c) => ESCAPES[c]);
}

/** Attribute value: whitespace as references, or parsers would normalise it to spaces. */
export function escapeAttr(s: string): string {
  return xmlChars(s).replace(/[&<>"'\r\n\t]/g, (c) => ESCAPES[c]);
}

export function decodeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (m, hex: string, dec: string, name: string) => {
    if (name) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name] ?? m;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export const MAX_CELL_TEXT = 32_000;

/** Cell text as Excel will show it: valid XML characters, cut like the exceljs writer, "_xHHHH_" kept literal. */
export function cellText(s: string): string {
  let t = xmlChars(s);
  if (t.length > MAX_CELL_TEXT) {
    let n = MAX_CELL_TEXT;
    const c = t.charCodeAt(n - 1);
    if (c >= 0xd800 && c <= 0xdbff) n--;
    t = `${t.slice(0, n)}…`;
  }
  // Excel reads "_x0041_" as an escaped character; "_x005F_" is its escape for a literal "_".
  return t.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}

/**
 * A text cell as an inline string: always text, never a formula, whatever it starts with. Empty
 * text gives a styled empty cell.
 */
export function inlineCell(ref: string, style: number | undefined, text: string, p = ''): string {
  const t = cellText(text);
  const s = style ? ` s="${style}"` : '';
  if (!t) return s ? `<${p}c r="${ref}"${s}/>` : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeText(t)}</${p}t></${p}is></${p}c>`;
}

function numberCell(ref: string, style: number | undefined, n: number, p = ''): string {
  if (!Number.isFinite(n)) return inlineCell(ref, style, String(n), p);
  return `<${p}c r="${ref}"${style ? ` s="${style}"` : ''}><${p}v>${n}</${p}v></${p}c>`;
}

// ------------------------------------------------------------------------------------------------
// References

export function colName(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}

/** Column number of the letters at the start of a reference ("AB12" → 28); 0 when none. */
export function colNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c === 0x24 && i === 0) continue; // "$"
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}

interface Rect {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

export function parseRange(ref: string): Rect | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const c1 = colNumber(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? colNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { c1: Math.min(c1, c2), r1: Math.min(r1, r2), c2: Math.max(c1, c2), r2: Math.max(r1, r2) };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2;
}

// ------------------------------------------------------------------------------------------------
// Tags and attributes (enough XML for the parts Excel writes; no DOM so that it streams)

const attrRes = new Map<string, RegExp>();
function attrRe(name: string): RegExp {
  let re = attrRes.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrRes.set(name, re);
  }
  return re;
}

/** Raw (still escaped) value of an attribute of a start tag. */
export function getAttr(tag: string, name: string): string | undefined {
  const m = attrRe(name).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Sets an attribute of a start tag (value already escaped), keeping the rest of the tag as it was. */
export function setAttr(tag: string, name: string, value: string): string {
  const m = attrRe(name).exec(tag);
  if (m) return `${tag.slice(0, m.index)} ${name}="${value}"${tag.slice(m.index + m[0].length)}`;
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).trimEnd()} ${name}="${value}"${tag.slice(end)}`;
}

/** Index just after the ">" of the tag starting at `lt`, or -1 when the text ends first. Quote-aware. */
export function tagEnd(s: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 62) return i + 1;
  }
  return -1;
}

function isNameEnd(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const ch = s.charCodeAt(i);
  return ch === 62 || ch === 47 || ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Whether an element named exactly `qname` starts at `lt` (false when the text may end too soon to tell). */
function startsElement(s: string, lt: number, qname: string): boolean {
  return s.startsWith(qname, lt + 1) && s.charCodeAt(lt) === 60 && isNameEnd(s, lt + 1 + qname.length);
}

/** Index just after the first `</qname>` at or after `from`, or -1. For elements that never nest (row, c). */
function closeEnd(s: string, from: number, qname: string): number {
  const close = `</${qname}`;
  for (let i = s.indexOf(close, from); i >= 0; i = s.indexOf(close, i + 1)) {
    if (!isNameEnd(s, i + close.length)) continue;
    const gt = s.indexOf('>', i + close.length);
    return gt < 0 ? -1 : gt + 1;
  }
  return -1;
}

function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\:-]/g, '\\$&');
}

/** Index just after the element starting at `lt` (same-name nesting counted), or -1. */
export function elementEnd(s: string, lt: number, qname: string): number {
  const te = tagEnd(s, lt);
  if (te < 0) return -1;
  if (s.charCodeAt(te - 2) === 47) return te;
  const re = new RegExp(`<(/?)${reEscape(qname)}(?=[\\s/>])`, 'g');
  re.lastIndex = te;
  let depth = 1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const e = tagEnd(s, m.index);
    if (e < 0) return -1;
    if (m[1]) {
      if (--depth === 0) return e;
    } else if (s.charCodeAt(e - 2) !== 47) depth++;
    re.lastIndex = e;
  }
  return -1;
}

interface Found {
  start: number;
  end: number;
  /** End of the start tag. */
  openEnd: number;
  /** Start of the end tag (= end when self-closing). */
  closeStart: number;
  open: string;
  selfClosing: boolean;
}

/** The first element named `qname` at or after `from`. */
export function findElement(s: string, qname: string, from = 0): Found | null {
  const re = new RegExp(`<${reEscape(qname)}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return null;
  const openEnd = tagEnd(s, m.index);
  const end = elementEnd(s, m.index, qname);
  if (openEnd < 0 || end < 0) return null;
  const selfClosing = s.charCodeAt(openEnd - 2) === 47;
  return { start: m.index, end, openEnd, closeStart: selfClosing ? end : s.lastIndexOf('</', end - 1), open: s.slice(m.index, openEnd), selfClosing };
}

/** The child elements named `qname` of a found element, as text. */
function childElements(s: string, parent: Found, qname: string): string[] {
  const out: string[] = [];
  if (parent.selfClosing) return out;
  let from = parent.openEnd;
  for (;;) {
    const f = findElement(s, qname, from);
    if (!f || f.start >= parent.closeStart) return out;
    out.push(s.slice(f.start, f.end));
    from = f.end;
  }
}

/** A found element with children appended and `count` set. */
function withChildren(s: string, el: Found, qname: string, added: readonly string[], count: number): string {
  let open = el.selfClosing ? `${el.open.slice(0, -2).trimEnd()}>` : el.open;
  open = setAttr(open, 'count', String(count));
  const inner = el.selfClosing ? '' : s.slice(el.openEnd, el.closeStart);
  const close = el.selfClosing ? `</${qname}>` : s.slice(el.closeStart, el.end);
  return open + inner + added.join('') + close;
}

/** "x:" when the root element is written with a prefix, else "". */
export function prefixOf(s: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])`).exec(s);
  return m?.[1] ?? '';
}

// ------------------------------------------------------------------------------------------------
// Styles

export type FillKind = 'missing' | 'late';

export interface FixedStyles {
  header: number;
  status: Record<PatchStatus, number>;
  plain: number;
  late: number;
  wrap: number;
  bold: number;
  title: number;
  tableHeader: number;
}

const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}"></styleSheet>`;
const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];
const FIXED_XFS = 11;

/**
 * styles.xml with what the copy needs appended: fonts (bold, title), solid fills, fixed cell
 * formats, and clones of the sheet's own formats with a fill replaced (so number formats, borders
 * and fonts stay). Clones are made on demand while the sheet streams; `toXml` comes last.
 */
export class StyleBook {
  readonly fixed: FixedStyles;
  private readonly src: string;
  private readonly p: string;
  /** The sheet's formats, by index (with the default one when the workbook had none). */
  private readonly xfs: string[];
  private readonly xfBase: number;
  private readonly fillIds = new Map<string, number>();
  private readonly newFills: string[] = [];
  private readonly newFonts: string[];
  private readonly fixedXfs: string[];
  private readonly clones: string[] = [];
  private readonly cloneIds = new Map<string, number>();
  private readonly fillBase: number;
  /** Defaults Excel expects at the start of a list (font 0, fills 0-1, xf 0) that the workbook lacked. */
  private readonly pads: { fonts: string[]; fills: string[]; xfs: string[] };
  private readonly counts: { fonts: number; fills: number; xfs: number };
  private readonly has: Record<'fonts' | 'fills' | 'borders' | 'cellStyleXfs' | 'cellXfs', boolean>;

  constructor(stylesXml: string | null) {
    this.src = stylesXml ?? EMPTY_STYLES;
    const s = this.src;
    const p = (this.p = prefixOf(s, 'styleSheet'));
    const fontsEl = findElement(s, `${p}fonts`);
    const fillsEl = findElement(s, `${p}fills`);
    const xfsEl = findElement(s, `${p}cellXfs`);
    const fonts = fontsEl ? childElements(s, fontsEl, `${p}font`) : [];
    const fills = fillsEl ? childElements(s, fillsEl, `${p}fill`) : [];
    const xfs = xfsEl ? childElements(s, xfsEl, `${p}xf`) : [];
    this.has = {
      fonts: !!fontsEl,
      fills: !!fillsEl,
      borders: !!findElement(s, `${p}borders`),
      cellStyleXfs: !!findElement(s, `${p}cellStyleXfs`),
      cellXfs: !!xfsEl,
    };
    this.counts = { fonts: fonts.length, fills: fills.length, xfs: xfs.length };
    const defaultFont = `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`;
    const defaultFills = [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`];
    this.pads = {
      fonts: fonts.length ? [] : [defaultFont],
      fills: defaultFills.slice(fills.length),
      xfs: xfs.length ? [] : [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`],
    };
    const fontBase = fonts.length + this.pads.fonts.length;
    this.fillBase = fills.length + this.pads.fills.length;
    this.xfs = [...xfs, ...this.pads.xfs];
    this.xfBase = this.xfs.length;

    this.newFonts = [deriveFont(fonts[0] ?? defaultFont, p), deriveFont(fonts[0] ?? defaultFont, p, 13)];
    const bold = fontBase;
    const titleFont = fontBase + 1;
    const fill = (argb: string) => this.fillId(argb);
    const xf = (fontId: number, fillId: number, align?: string) =>
      `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}` +
      (align ? ` applyAlignment="1"><${p}alignment ${align}/></${p}xf>` : '/>');
    const top = 'vertical="top"';
    this.fixedXfs = [
      xf(bold, fill(FILLS.header), 'vertical="center" wrapText="1"'),
      xf(0, fill(FILLS.status.eligible), top),
      xf(0, fill(FILLS.status.ineligible), top),
      xf(0, fill(FILLS.status.incomplete), top),
      xf(0, fill(FILLS.status['not-covered']), top),
      xf(0, 0, top),
      xf(0, fill(FILLS.lateRow), top),
      xf(0, 0, 'vertical="top" wrapText="1"'),
      xf(bold, 0),
      xf(titleFont, 0),
      xf(bold, fill(FILLS.header)),
    ];
    fill(FILLS.missingCell);
    const b = this.xfBase;
    this.fixed = {
      header: b,
      status: { eligible: b + 1, ineligible: b + 2, incomplete: b + 3, 'not-covered': b + 4 },
      plain: b + 5,
      late: b + 6,
      wrap: b + 7,
      bold: b + 8,
      title: b + 9,
      tableHeader: b + 10,
    };
  }

  private fillId(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      const p = this.p;
      id = this.fillBase + this.newFills.length;
      this.newFills.push(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  /** The format `style` with the missing-cell or late-row fill instead of its own. */
  clone(style: number, kind: FillKind): number {
    const s = Number.isInteger(style) && style >= 0 && style < this.xfBase ? style : 0;
    const key = `${s}:${kind}`;
    let id = this.cloneIds.get(key);
    if (id === undefined) {
      const src = this.xfs[s];
      const te = tagEnd(src, 0);
      const fill = this.fillId(kind === 'missing' ? FILLS.missingCell : FILLS.lateRow);
      this.clones.push(setAttr(setAttr(src.slice(0, te), 'fillId', String(fill)), 'applyFill', '1') + src.slice(te));
      id = this.xfBase + FIXED_XFS + this.clones.length - 1;
      this.cloneIds.set(key, id);
    }
    return id;
  }

  get cloneCount(): number {
    return this.clones.length;
  }

  /** styles.xml with our additions; call after the sheet is written. */
  toXml(): string {
    const s = this.src;
    const p = this.p;
    const root = findElement(s, `${p}styleSheet`);
    if (!root) throw new Error('styles.xml has no styleSheet element');
    const added = {
      fonts: [...this.pads.fonts, ...this.newFonts],
      fills: [...this.pads.fills, ...this.newFills],
      cellXfs: [...this.pads.xfs, ...this.fixedXfs, ...this.clones],
    };
    const total = {
      fonts: this.counts.fonts + added.fonts.length,
      fills: this.counts.fills + added.fills.length,
      cellXfs: this.counts.xfs + added.cellXfs.length,
    };
    const created = new Map<string, string>();
    for (const name of ['fonts', 'fills', 'cellXfs'] as const) {
      if (!this.has[name]) created.set(name, `<${p}${name} count="${total[name]}">${added[name].join('')}</${p}${name}>`);
    }
    if (!this.has.borders) created.set('borders', `<${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders>`);
    if (!this.has.cellStyleXfs) created.set('cellStyleXfs', `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>`);

    const rank = (local: string) => STYLE_ORDER.indexOf(local);
    let out = '';
    const open = root.selfClosing ? `${root.open.slice(0, -2).trimEnd()}>` : root.open;
    const body = root.selfClosing ? '' : s.slice(root.openEnd, root.closeStart);
    const close = root.selfClosing ? `</${p}styleSheet>` : s.slice(root.closeStart, root.end);
    // Walk the top-level children, extending ours and slotting created ones in schema order.
    const emitted = new Set<string>();
    const emitCreatedBefore = (r: number) => {
      for (const name of STYLE_ORDER) {
        if (rank(name) < r && created.has(name) && !emitted.has(name)) {
          out += created.get(name);
          emitted.add(name);
        }
      }
    };
    let pos = 0;
    for (;;) {
      const lt = body.indexOf('<', pos);
      if (lt < 0) break;
      if (body.startsWith('<!--', lt)) {
        const e = body.indexOf('-->', lt);
        out += body.slice(pos, e < 0 ? body.length : e + 3);
        pos = e < 0 ? body.length : e + 3;
        continue;
      }
      const m = /^<([\w.:-]+)/.exec(body.slice(lt, lt + 100));
      if (!m) break;
      const qname = m[1];
      const local = qname.slice(qname.indexOf(':') + 1);
      const end = elementEnd(body, lt, qname);
      if (end < 0) break;
      out += body.slice(pos, lt);
      const r = rank(local);
      if (r >= 0) emitCreatedBefore(r);
      const el = body.slice(lt, end);
      if ((local === 'fonts' || local === 'fills' || local === 'cellXfs') && qname === `${p}${local}`) {
        out += withChildren(el, findElement(el, qname)!, qname, added[local], total[local]);
      } else out += el;
      pos = end;
    }
    const rest = body.slice(pos);
    emitCreatedBefore(STYLE_ORDER.length);
    return s.slice(0, root.start) + open + out + rest + close + s.slice(root.end);
  }
}

/** Font 0 (the workbook's default) made bold, and resized when asked, children in schema order. */
function deriveFont(font0: string, p: string, size?: number): string {
  const children: { local: string; xml: string }[] = [];
  for (const m of font0.matchAll(/<([\w.-]+:)?([A-Za-z]+)\b[^>]*?\/>/g)) {
    if (m[2] === 'font') continue;
    if (m[2] === 'b' || (size && m[2] === 'sz')) continue;
    children.push({ local: m[2], xml: m[0] });
  }
  children.push({ local: 'b', xml: `<${p}b/>` });
  if (size) children.push({ local: 'sz', xml: `<${p}sz val="${size}"/>` });
  const order = (l: string) => {
    const i = FONT_ORDER.indexOf(l);
    return i < 0 ? FONT_ORDER.length : i;
  };
  children.sort((a, b) => order(a.local) - order(b.local));
  return `<${p}font>${children.map((c) => c.xml).join('')}</${p}font>`;
}

// ------------------------------------------------------------------------------------------------
// Rows

export interface CellEdit {
  col: number;
  /** A whole new cell (its r included). */
  xml?: string;
  /** Restyle the existing cell, or add an empty one, with this fill. */
  fill?: FillKind;
}

export interface RowContext {
  prefix: string;
  styles: StyleBook;
  /** Style of an absent cell's column (from <cols>), default 0. */
  colStyle?: (col: number) => number;
}

/**
 * One `<row>` element with edits applied (sorted by column): new cells go in column order after or
 * between the existing ones, restyled cells keep everything but `s`. Text outside the edited cells
 * stays as it was.
 */
export function patchRowXml(rowXml: string, rowNum: number, edits: readonly CellEdit[], ctx: RowContext): string {
  if (!edits.length) return rowXml;
  const p = ctx.prefix;
  const te = tagEnd(rowXml, 0);
  let start = rowXml.slice(0, te);
  const selfClosing = start.endsWith('/>');
  const rowS = getAttr(start, 's');
  const custom = getAttr(start, 'customFormat');
  // An absent cell shows the row's format when the row has one, else its column's.
  const rowStyle = rowS !== undefined && (custom === '1' || custom === 'true') ? Number(rowS) : undefined;
  const base = (col: number) => rowStyle ?? ctx.colStyle?.(col) ?? 0;
  const spans = getAttr(start, 'spans');
  const sm = spans ? /^(\d+):(\d+)$/.exec(spans) : null;
  if (sm) {
    const lo = Math.min(Number(sm[1]), edits[0].col);
    const hi = Math.max(Number(sm[2]), edits[edits.length - 1].col);
    if (`${lo}:${hi}` !== spans) start = setAttr(start, 'spans', `${lo}:${hi}`);
  }
  const body = selfClosing ? '' : rowXml.slice(te, rowXml.lastIndexOf('</'));
  const close = selfClosing ? `</${p}row>` : rowXml.slice(rowXml.lastIndexOf('</'));
  const newCell = (e: CellEdit) => e.xml ?? `<${p}c r="${colName(e.col)}${rowNum}" s="${ctx.styles.clone(base(e.col), e.fill!)}"/>`;

  // Parts joined once: a string grown with += is a deep rope that costs far more to flatten later.
  // Runs of untouched cells are copied as one slice.
  const out: string[] = [selfClosing ? `${start.slice(0, -2).trimEnd()}>` : start];
  let pos = 0;
  let copied = 0;
  let col = 0;
  let ei = 0;
  const cq = `${p}c`;
  for (;;) {
    const lt = body.indexOf('<', pos);
    if (lt < 0) break;
    if (body.startsWith('<!--', lt)) {
      const e = body.indexOf('-->', lt);
      if (e < 0) break;
      pos = e + 3;
      continue;
    }
    if (!startsElement(body, lt, cq)) break; // extLst or the like: new cells go before it
    const cte = tagEnd(body, lt);
    if (cte < 0) break;
    const ctag = body.slice(lt, cte);
    const end = ctag.endsWith('/>') ? cte : closeEnd(body, cte, cq);
    if (end < 0) break;
    const r = getAttr(ctag, 'r');
    col = r ? colNumber(r) || col + 1 : col + 1;
    pos = end;
    if (ei >= edits.length || edits[ei].col > col) continue;
    out.push(body.slice(copied, lt));
    copied = lt;
    while (ei < edits.length && edits[ei].col < col) out.push(newCell(edits[ei++]));
    if (ei < edits.length && edits[ei].col === col) {
      const e = edits[ei++];
      if (e.xml !== undefined) out.push(e.xml);
      else {
        const own = getAttr(ctag, 's');
        out.push(setAttr(ctag, 's', String(ctx.styles.clone(own === undefined ? 0 : Number(own), e.fill!))), body.slice(cte, end));
      }
      copied = end;
    }
  }
  out.push(body.slice(copied, pos));
  while (ei < edits.length) out.push(newCell(edits[ei++]));
  out.push(body.slice(pos), close);
  return out.join('');
}

// ------------------------------------------------------------------------------------------------
// The list sheet, streamed

interface ColRange {
  min: number;
  max: number;
  style: number;
}

/** `<dimension ref>` stretched to cover the result columns and rows. */
export function extendRef(ref: string, c1: number, r1: number, c2: number, r2: number): string {
  const d = parseRange(ref);
  if (!d) return ref;
  return `${colName(Math.min(d.c1, c1))}${Math.min(d.r1, r1)}:${colName(Math.max(d.c2, c2))}${Math.max(d.r2, r2)}`;
}

/**
 * The part before `<sheetData>`: dimension stretched, a `<col>` with the writer's width for each
 * result column that no existing range covers (ranges never overlap), and the column styles.
 */
export function patchPrelude(prelude: string, p: string, spec: PatchSpec, lastRow: number): { xml: string; cols: ColRange[] } {
  let xml = prelude;
  const last = spec.firstCol + RESULT_WIDTHS.length - 1;
  const dim = findElement(xml, `${p}dimension`);
  if (dim) {
    const ref = getAttr(dim.open, 'ref');
    if (ref !== undefined) {
      const next = extendRef(ref, spec.firstCol, spec.headerTop, last, lastRow);
      if (next !== ref) xml = xml.slice(0, dim.start) + setAttr(dim.open, 'ref', next) + xml.slice(dim.openEnd);
    }
  }
  const colsEl = findElement(xml, `${p}cols`);
  const cols: ColRange[] = [];
  const positions: { min: number; at: number }[] = [];
  if (colsEl && !colsEl.selfClosing) {
    const re = new RegExp(`<${reEscape(p)}col(?=[\\s/>])`, 'g');
    re.lastIndex = colsEl.openEnd;
    for (let m = re.exec(xml); m && m.index < colsEl.closeStart; m = re.exec(xml)) {
      const e = tagEnd(xml, m.index);
      const tag = xml.slice(m.index, e);
      const min = Number(getAttr(tag, 'min'));
      const max = Number(getAttr(tag, 'max') ?? min);
      if (Number.isFinite(min)) {
        cols.push({ min, max: Number.isFinite(max) ? max : min, style: Number(getAttr(tag, 'style') ?? 0) || 0 });
        positions.push({ min, at: m.index });
      }
      re.lastIndex = e;
    }
  }
  const added: { col: number; xml: string }[] = [];
  RESULT_WIDTHS.forEach((w, i) => {
    const c = spec.firstCol + i;
    if (!cols.some((r) => r.min <= c && c <= r.max)) added.push({ col: c, xml: `<${p}col min="${c}" max="${c}" width="${w}" customWidth="1"/>` });
  });
  if (added.length) {
    if (!colsEl) {
      xml += `<${p}cols>${added.map((a) => a.xml).join('')}</${p}cols>`;
    } else if (colsEl.selfClosing) {
      xml = `${xml.slice(0, colsEl.start)}<${p}cols>${added.map((a) => a.xml).join('')}</${p}cols>${xml.slice(colsEl.end)}`;
    } else {
      // Keep <col> elements ordered by min: insert each before the first existing one to its right.
      const inserts = new Map<number, string>();
      for (const a of added) {
        const at = positions.find((q) => q.min > a.col)?.at ?? colsEl.closeStart;
        inserts.set(at, (inserts.get(at) ?? '') + a.xml);
      }
      for (const at of [...inserts.keys()].sort((x, y) => y - x)) xml = xml.slice(0, at) + inserts.get(at) + xml.slice(at);
    }
  }
  return { xml, cols };
}

/** The merge list with the result headers' merges added where nothing else is merged. */
export function addMerges(mergeCellsXml: string | null, p: string, refs: readonly string[]): string {
  const q = `${p}mergeCells`;
  const existing: Rect[] = [];
  const el = mergeCellsXml ? findElement(mergeCellsXml, q) : null;
  let count = 0;
  if (el && mergeCellsXml) {
    for (const m of childElements(mergeCellsXml, el, `${p}mergeCell`)) {
      count++;
      const r = parseRange(decodeXml(getAttr(m, 'ref') ?? ''));
      if (r) existing.push(r);
    }
  }
  const added: string[] = [];
  for (const ref of refs) {
    const r = parseRange(ref)!;
    if (existing.some((e) => overlaps(e, r))) continue;
    existing.push(r);
    added.push(`<${p}mergeCell ref="${ref}"/>`);
  }
  if (!el || !mergeCellsXml) return added.length ? `<${q} count="${added.length}">${added.join('')}</${q}>` : '';
  return added.length ? withChildren(mergeCellsXml, el, q, added, count + added.length) : mergeCellsXml;
}

// Worksheet children that come before <mergeCells> after <sheetData>; any other goes after it.
const BEFORE_MERGES = new Set(['sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews']);

class RowCursor {
  private readonly it: AsyncIterator<PatchRow> | Iterator<PatchRow>;
  private head: PatchRow | undefined;
  private loaded = false;
  private done = false;
  private prev = 0;

  constructor(rows: AsyncIterable<PatchRow> | Iterable<PatchRow>) {
    this.it = Symbol.asyncIterator in rows ? (rows as AsyncIterable<PatchRow>)[Symbol.asyncIterator]() : (rows as Iterable<PatchRow>)[Symbol.iterator]();
  }

  async peek(): Promise<PatchRow | undefined> {
    if (!this.loaded && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        const row = r.value;
        if (!Number.isInteger(row?.row) || row.row < 1) throw new Error(`patch: bad row number ${String(row?.row)}`);
        if (row.row <= this.prev) throw new Error(`patch: rows must arrive in increasing order (row ${row.row} after row ${this.prev})`);
        this.head = row;
      }
      this.loaded = true;
    }
    return this.head;
  }

  take(): PatchRow {
    const h = this.head!;
    this.head = undefined;
    this.loaded = false;
    this.prev = h.row;
    return h;
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
  }
}

export interface SheetPatchOptions {
  /** Last row that will get results, when known up front (for `<dimension>`). */
  lastRow?: number;
  /** Output is yielded in pieces of about this many characters. */
  flushChars?: number;
}

type SheetState = 'prelude' | 'rows' | 'tail' | 'pass';

async function* withEnd<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T | null> {
  yield* items;
  yield null;
}

/**
 * The list sheet's XML, transformed as it streams: `chunks` are consecutive pieces of the part
 * (cut anywhere, even inside a tag or a character reference), `rows` the results in increasing row
 * order. Unconsumed text stays buffered until the element it belongs to is complete, so memory is
 * one row (or one small prelude/merge list) plus one chunk.
 */
export async function* patchSheetXml(
  chunks: AsyncIterable<string> | Iterable<string>,
  spec: PatchSpec,
  styles: StyleBook,
  rows: AsyncIterable<PatchRow> | Iterable<PatchRow>,
  opts: SheetPatchOptions = {},
): AsyncGenerator<string, void, undefined> {
  // Small pieces: a string over 128 KB goes to V8's large-object space, ~1 ms per allocation.
  const flushAt = opts.flushChars ?? 1 << 14;
  const headerTop = spec.headerTop;
  const headerBottom = Math.max(headerTop, spec.headerBottom ?? headerTop);
  const nCols = RESULT_WIDTHS.length;
  const merges =
    headerBottom > headerTop ? Array.from({ length: nCols }, (_, i) => `${colName(spec.firstCol + i)}${headerTop}:${colName(spec.firstCol + i)}${headerBottom}`) : [];
  const st = styles.fixed;
  const cursor = new RowCursor(rows);

  let p = '';
  let cols: ColRange[] = [];
  let state: SheetState = 'prelude';
  let buf = '';
  let out: string[] = [];
  let outLen = 0;
  let lastXml = 0; // number of the last row element read (rows without r follow it)
  let lastOut = 0; // number of the last row element written
  let nextHeader = headerTop;
  let depth = 1; // element depth in the tail, inside <worksheet>
  let again = false; // step stopped early to let the output out: call it again on the same text

  const emit = (s: string) => {
    if (s) {
      out.push(s);
      outLen += s.length;
    }
  };
  const colStyle = (col: number) => cols.find((r) => r.min <= col && col <= r.max)?.style ?? 0;
  const ctx = (): RowContext => ({ prefix: p, styles, colStyle });

  const editsFor = (n: number, row: PatchRow | undefined, header: boolean): CellEdit[] => {
    const edits = new Map<number, CellEdit>();
    if (header) {
      for (let i = 0; i < nCols; i++) {
        const c = spec.firstCol + i;
        const text = n === headerTop ? (spec.headers[i] ?? '') : '';
        edits.set(c, { col: c, xml: inlineCell(`${colName(c)}${n}`, st.header, text, p) });
      }
    }
    if (row) {
      for (const c of row.missingCols) if (Number.isInteger(c) && c >= 1) edits.set(c, { col: c, fill: 'missing' });
      if (row.late && row.nameCol && Number.isInteger(row.nameCol) && row.nameCol >= 1) edits.set(row.nameCol, { col: row.nameCol, fill: 'late' });
      for (let i = 0; i < nCols; i++) {
        const c = spec.firstCol + i;
        const style = i === 0 ? (st.status[row.status] ?? st.plain) : i === 3 && row.late ? st.late : i === 4 ? st.wrap : st.plain;
        edits.set(c, { col: c, xml: inlineCell(`${colName(c)}${n}`, style, row.values[i] ?? '', p) });
      }
    }
    return [...edits.values()].sort((a, b) => a.col - b.col);
  };

  /**
   * Creates, in order, the rows that need cells but are absent from the XML, up to `limit`
   * (exclusive). False when it stopped to let the output out first (many rows to create).
   */
  const createRowsBefore = async (limit: number): Promise<boolean> => {
    for (;;) {
      if (outLen >= flushAt) return false;
      const next = await cursor.peek();
      const h = nextHeader <= headerBottom ? nextHeader : Infinity;
      const n = Math.min(next ? next.row : Infinity, h);
      if (n >= limit || n === Infinity) return true;
      if (n <= lastOut) throw new Error(`patch: row ${n} comes after row ${lastOut} in the sheet; rows must arrive in increasing order`);
      const row = next && next.row === n ? cursor.take() : undefined;
      const header = n === h;
      if (header) nextHeader++;
      const cells = editsFor(n, row, header).map((e) => e.xml ?? `<${p}c r="${colName(e.col)}${n}" s="${styles.clone(colStyle(e.col), e.fill!)}"/>`);
      emit(`<${p}row r="${n}">${cells.join('')}</${p}row>`);
      lastOut = n;
    }
  };

  /** False when the row was left for the next call (see createRowsBefore). */
  const onRow = async (xml: string): Promise<boolean> => {
    const rAttr = getAttr(xml.slice(0, tagEnd(xml, 0)), 'r');
    const n = rAttr !== undefined && /^\d+$/.test(rAttr) ? Number(rAttr) : lastXml + 1;
    if (n <= lastOut) {
      lastXml = n;
      emit(xml); // out of order in the file itself: leave it be
      return true;
    }
    if (!(await createRowsBefore(n))) return false;
    lastXml = n;
    const next = await cursor.peek();
    const row = next && next.row === n ? cursor.take() : undefined;
    const header = n === nextHeader && n <= headerBottom;
    if (header) nextHeader++;
    const edits = row || header ? editsFor(n, row, header) : [];
    emit(edits.length ? patchRowXml(xml, n, edits, ctx()) : xml);
    lastOut = n;
    return true;
  };

  const endSheetData = async (closeTag: string): Promise<boolean> => {
    if (!(await createRowsBefore(Infinity))) return false;
    emit(closeTag);
    state = merges.length ? 'tail' : 'pass';
    return true;
  };

  /** Consumes what it can of `buf`; returns how many characters were used. */
  const step = async (final: boolean): Promise<number> => {
    let pos = 0;
    while (pos < buf.length) {
      if (outLen >= flushAt && state !== 'pass') {
        again = true;
        return pos;
      }
      if (state === 'pass') {
        emit(pos ? buf.slice(pos) : buf);
        return buf.length;
      }
      if (state === 'prelude') {
        const m = /<([A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])/.exec(buf);
        const te = m ? tagEnd(buf, m.index) : -1;
        if (!m || te < 0) return final ? passRest() : 0;
        p = m[1] ?? '';
        const pre = patchPrelude(buf.slice(0, m.index), p, spec, Math.max(headerBottom, opts.lastRow ?? 0));
        cols = pre.cols;
        emit(pre.xml);
        if (buf.charCodeAt(te - 2) === 47) {
          // <sheetData/> is read as <sheetData></sheetData>, so rows are created like anywhere else.
          emit(`${buf.slice(m.index, te - 2).trimEnd()}>`);
          buf = `${buf.slice(0, te)}</${p}sheetData>${buf.slice(te)}`;
        } else emit(buf.slice(m.index, te));
        state = 'rows';
        pos = te;
        continue;
      }
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        emit(buf.slice(pos));
        return buf.length;
      }
      if (lt > pos) {
        emit(buf.slice(pos, lt));
        pos = lt;
      }
      // Enough characters to tell "<row", "</sheetData>", "<!--" and the like apart.
      if (!final && buf.length - lt < p.length + 12) return pos;
      if (buf.startsWith('<!--', lt) || buf.startsWith('<?', lt) || buf.startsWith('<![CDATA[', lt)) {
        const endMark = buf.startsWith('<!--', lt) ? '-->' : buf.startsWith('<?', lt) ? '?>' : ']]>';
        const e = buf.indexOf(endMark, lt + 2);
        if (e < 0) return final ? passRest(pos) : pos;
        emit(buf.slice(lt, e + endMark.length));
        pos = e + endMark.length;
        continue;
      }
      if (state === 'rows') {
        if (startsElement(buf, lt, `${p}row`)) {
          const te = tagEnd(buf, lt);
          const end = te < 0 ? -1 : buf.charCodeAt(te - 2) === 47 ? te : closeEnd(buf, te, `${p}row`);
          if (end < 0) return final ? passRest(pos) : pos;
          if (!(await onRow(buf.slice(lt, end)))) {
            again = true;
            return pos;
          }
          pos = end;
          continue;
        }
        if (buf.startsWith(`</${p}sheetData`, lt) && isNameEnd(buf, lt + p.length + 11)) {
          const te = tagEnd(buf, lt);
          if (te < 0) return final ? passRest(pos) : pos;
          if (!(await endSheetData(buf.slice(lt, te)))) {
            again = true;
            return pos;
          }
          pos = te;
          continue;
        }
        // Anything else inside sheetData is passed on tag by tag.
        const te = tagEnd(buf, lt);
        if (te < 0) return final ? passRest(pos) : pos;
        emit(buf.slice(lt, te));
        pos = te;
        continue;
      }
      // Tail: find where <mergeCells> is or must go, among the worksheet's direct children.
      const te = tagEnd(buf, lt);
      if (te < 0) return final ? passRest(pos) : pos;
      if (buf.charCodeAt(lt + 1) === 47) {
        if (--depth === 0) {
          emit(addMerges(null, p, merges));
          state = 'pass';
          continue;
        }
        emit(buf.slice(lt, te));
        pos = te;
        continue;
      }
      const qname = /^<([\w.:-]+)/.exec(buf.slice(lt, lt + 80))?.[1] ?? '';
      const local = qname.slice(qname.indexOf(':') + 1);
      if (depth === 1 && local === 'mergeCells') {
        const end = elementEnd(buf, lt, qname);
        if (end < 0) return final ? passRest(pos) : pos;
        emit(addMerges(buf.slice(lt, end), p, merges));
        pos = end;
        state = 'pass';
        continue;
      }
      if (depth === 1 && !BEFORE_MERGES.has(local)) {
        emit(addMerges(null, p, merges));
        state = 'pass';
        continue;
      }
      emit(buf.slice(lt, te));
      if (buf.charCodeAt(te - 2) !== 47) depth++;
      pos = te;
    }
    return pos;
  };
  // At the very end an incomplete piece is passed on as it is.
  const passRest = (from = 0) => {
    emit(buf.slice(from));
    return buf.length;
  };

  try {
    // A null after the last chunk: the final step passes on whatever is left.
    for await (const chunk of withEnd(chunks)) {
      const final = chunk === null;
      if (chunk) buf = buf ? buf + chunk : chunk;
      do {
        again = false;
        if (buf) {
          const used = await step(final);
          buf = used >= buf.length ? '' : buf.slice(used);
        }
        if (outLen >= flushAt || (final && !again && out.length)) {
          yield out.join('');
          out = [];
          outLen = 0;
        }
      } while (again);
    }
  } finally {
    await cursor.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Summary sheet

/** The "Tổng hợp" worksheet part: title, plan line, then each table as the exceljs writer lays it out. */
export function summarySheetXml(summary: PatchSpec['summary'], st: FixedStyles, mainNs = MAIN_NS): string {
  return [...summarySheetParts(summary, st, mainNs)].join('');
}

/**
 * The summary sheet as XML pieces, a row at a time: its "Cần xem lại" table can hold tens of
 * thousands of rows with their reasons, which must not be joined into one string.
 */
export function* summarySheetParts(summary: PatchSpec['summary'], st: FixedStyles, mainNs = MAIN_NS): Generator<string> {
  // Layout first (row of each table), so the dimension can lead the sheet.
  const tops: number[] = [];
  let top = 4;
  let maxCol = 1;
  for (const table of summary.tables) {
    tops.push(top);
    maxCol = Math.max(maxCol, table.headers.length, ...table.rows.map((r) => r.length));
    top = table.rows.length ? top + 2 + table.rows.length + 1 : top + 4;
  }
  const maxRow = Math.max(2, top - 2);
  const rowXml = (r: number, cells: (string | number)[], style: (v: string | number) => number | undefined): string => {
    const xml = cells
      .map((v, i) => {
        const ref = `${colName(i + 1)}${r}`;
        return typeof v === 'number' ? numberCell(ref, style(v), v) : inlineCell(ref, style(v), v);
      })
      .join('');
    return xml ? `<row r="${r}">${xml}</row>` : '';
  };
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${escapeAttr(mainNs)}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${colName(maxCol)}${maxRow}"/>` +
    `<cols><col min="1" max="1" width="34" customWidth="1"/><col min="2" max="6" width="16" customWidth="1"/></cols>` +
    `<sheetData>`;
  yield rowXml(1, [summary.title], () => st.title);
  yield rowXml(2, [summary.subtitle], () => undefined);
  const cfs: string[] = [];
  for (const [t, table] of summary.tables.entries()) {
    const at = tops[t];
    yield rowXml(at, [table.title], () => st.bold);
    yield rowXml(at + 1, table.headers, () => st.tableHeader);
    if (!table.rows.length) {
      yield rowXml(at + 2, ['(không có)'], () => undefined);
      continue;
    }
    let chunk = '';
    for (const [ri, r] of table.rows.entries()) {
      chunk += rowXml(at + 2 + ri, r, (v) => (typeof v === 'string' && v.includes('\n') ? st.wrap : undefined));
      if (chunk.length > 16_384) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    const last = at + 1 + table.rows.length;
    // Native data bars on the count columns stand in for a chart, as in the exceljs writer.
    for (const c of table.countColumns) {
      const l = colName(c + 1);
      cfs.push(
        `<conditionalFormatting sqref="${l}${at + 2}:${l}${last}"><cfRule type="dataBar" priority="${cfs.length + 1}"><dataBar>` +
          `<cfvo type="min"/><cfvo type="max"/><color rgb="${DATA_BAR_COLOR}"/></dataBar></cfRule></conditionalFormatting>`,
      );
    }
  }
  yield `</sheetData>${cfs.join('')}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`;
}

// ------------------------------------------------------------------------------------------------
// Package: workbook, relationships, content types

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
}

/** The sheets listed in workbook.xml, names decoded. */
export function workbookSheets(workbookXml: string): SheetEntry[] {
  const p = prefixOf(workbookXml, 'workbook');
  const sheets = findElement(workbookXml, `${p}sheets`);
  if (!sheets) return [];
  return childElements(workbookXml, sheets, `${p}sheet`).map((el) => {
    const tag = el.slice(0, tagEnd(el, 0));
    const rid = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
    return { name: decodeXml(getAttr(tag, 'name') ?? ''), sheetId: Number(getAttr(tag, 'sheetId') ?? 0), rId: decodeXml(rid?.[1] ?? rid?.[2] ?? '') };
  });
}

export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toUpperCase()));
  let name = base;
  for (let i = 2; used.has(name.toUpperCase()); i++) name = `${base} ${i}`;
  return name;
}

/** Adds a `<sheet>` at the end of `<sheets>`, with the relationship prefix the workbook already uses. */
export function addSheetToWorkbook(workbookXml: string, name: string, sheetId: number, rId: string): string {
  const p = prefixOf(workbookXml, 'workbook');
  const sheets = findElement(workbookXml, `${p}sheets`);
  if (!sheets) throw new Error('workbook.xml has no <sheets>');
  const used = /\s([\w.-]+):id\s*=/.exec(childElements(workbookXml, sheets, `${p}sheet`)[0] ?? '');
  const declared = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${reEscape(REL_NS)}["']`).exec(workbookXml);
  const rp = used?.[1] ?? declared?.[1];
  const idAttr = rp ? `${rp}:id="${escapeAttr(rId)}"` : `xmlns:r="${REL_NS}" r:id="${escapeAttr(rId)}"`;
  const el = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${idAttr}/>`;
  if (sheets.selfClosing) return `${workbookXml.slice(0, sheets.start)}${sheets.open.slice(0, -2).trimEnd()}>${el}</${p}sheets>${workbookXml.slice(sheets.end)}`;
  return workbookXml.slice(0, sheets.closeStart) + el + workbookXml.slice(sheets.closeStart);
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relationships(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship(?=[\s/>])[^>]*>/g)) {
    const t = m[0];
    out.push({
      id: decodeXml(getAttr(t, 'Id') ?? ''),
      type: decodeXml(getAttr(t, 'Type') ?? ''),
      target: decodeXml(getAttr(t, 'Target') ?? ''),
      external: getAttr(t, 'TargetMode') === 'External',
    });
  }
  return out;
}

/** An Id no relationship uses yet: rId + one more than the largest rIdN. */
export function nextRelId(relsXml: string): string {
  const rels = relationships(relsXml);
  const ids = new Set(rels.map((r) => r.id));
  let n = Math.max(0, ...rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function appendChild(xml: string, rootLocal: string, child: string): string {
  const p = prefixOf(xml, rootLocal);
  const root = findElement(xml, `${p}${rootLocal}`);
  if (!root) throw new Error(`no <${rootLocal}> element`);
  const el = child.replace(/^</, `<${p}`);
  if (root.selfClosing) return `${xml.slice(0, root.start)}${root.open.slice(0, -2).trimEnd()}>${el}</${p}${rootLocal}>${xml.slice(root.end)}`;
  return xml.slice(0, root.closeStart) + el + xml.slice(root.closeStart);
}

export function addRelationship(relsXml: string, id: string, type: string, target: string): string {
  return appendChild(relsXml, 'Relationships', `<Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`);
}

export function addContentTypeOverride(ctXml: string, partName: string, contentType: string): string {
  return appendChild(ctXml, 'Types', `<Override PartName="${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`);
}

/** Content type the [Content_Types].xml gives a part, or undefined. */
export function contentTypeOf(ctXml: string, part: string): string | undefined {
  const name = `/${part}`.toLowerCase();
  for (const m of ctXml.matchAll(/<(?:[\w.-]+:)?Override(?=[\s/>])[^>]*>/g)) {
    if (decodeXml(getAttr(m[0], 'PartName') ?? '').toLowerCase() === name) return decodeXml(getAttr(m[0], 'ContentType') ?? '');
  }
  return undefined;
}

/** Folder of a part, with its trailing slash ("xl/workbook.xml" → "xl/"). */
export function partDir(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

export function relsPathOf(part: string): string {
  return `${partDir(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;
}

/** A relationship target resolved against the source part's folder, as a zip entry name. */
export function resolveTarget(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all.
  }
  const parts = (t.startsWith('/') ? t.slice(1) : dir + t).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

/** The workbook part named by the package's _rels/.rels. */
export function officeDocumentPath(rootRelsXml: string | null): string {
  const rel = rootRelsXml ? relationships(rootRelsXml).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  return rel ? resolveTarget('', rel.target) : 'xl/workbook.xml';
}

export interface PackageParts {
  workbookPath: string;
  workbookXml: string;
  workbookRelsXml: string;
  contentTypesXml: string;
}

export interface PackagePlan {
  sheetPath: string;
  stylesPath: string;
  /** False when the package had no styles part: it is registered here and must be written. */
  stylesExisted: boolean;
  summaryPath: string;
  summaryName: string;
  workbookXml: string;
  workbookRelsPath: string;
  workbookRelsXml: string;
  contentTypesXml: string;
  /** Main namespace of the workbook, for the new sheet part. */
  mainNs: string;
}

/**
 * Where the list sheet and styles are, and the workbook, relationships and content types with the
 * summary sheet registered. `hasPart` answers for zip entry names (case-insensitively, as OPC does).
 */
export function planPackage(parts: PackageParts, sheetName: string, hasPart: (path: string) => boolean): PackagePlan {
  const { workbookPath, contentTypesXml } = parts;
  let { workbookXml, workbookRelsXml } = parts;
  const dir = partDir(workbookPath);
  const sheets = workbookSheets(workbookXml);
  const sheet = sheets.find((s) => s.name === sheetName) ?? sheets.find((s) => s.name.toUpperCase() === sheetName.toUpperCase());
  if (!sheet) throw new Error(`no sheet named "${sheetName}" (sheets: ${sheets.map((s) => s.name).join(', ')})`);
  const rels = relationships(workbookRelsXml);
  const rel = rels.find((r) => r.id === sheet.rId);
  if (!rel) throw new Error(`sheet "${sheetName}" has no part in the workbook relationships`);
  if (!/\/worksheet$/.test(rel.type)) throw new Error(`sheet "${sheetName}" is not a worksheet (a chart sheet?)`);
  const sheetPath = resolveTarget(dir, rel.target);
  const stylesRel = rels.find((r) => /\/styles$/.test(r.type));
  let stylesPath = stylesRel ? resolveTarget(dir, stylesRel.target) : `${dir}styles.xml`;
  const stylesExisted = !!stylesRel && hasPart(stylesPath);
  let ct = contentTypesXml;
  if (!stylesRel) {
    stylesPath = `${dir}styles.xml`;
    workbookRelsXml = addRelationship(workbookRelsXml, nextRelId(workbookRelsXml), STYLES_REL, 'styles.xml');
  }
  if (!stylesExisted && !contentTypeOf(ct, stylesPath)) ct = addContentTypeOverride(ct, `/${stylesPath}`, STYLES_CT);

  const summaryName = uniqueSheetName(SUMMARY_SHEET_BASE, sheets.map((s) => s.name));
  let n = 1;
  while (hasPart(`${dir}worksheets/sheet${n}.xml`)) n++;
  const summaryPath = `${dir}worksheets/sheet${n}.xml`;
  const rId = nextRelId(workbookRelsXml);
  const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId || 0)) + 1;
  workbookXml = addSheetToWorkbook(workbookXml, summaryName, sheetId, rId);
  // The list sheet's relationship type and content type, so a strict or macro workbook stays consistent.
  workbookRelsXml = addRelationship(workbookRelsXml, rId, rel.type || WORKSHEET_REL, `worksheets/sheet${n}.xml`);
  ct = addContentTypeOverride(ct, `/${summaryPath}`, contentTypeOf(ct, sheetPath) ?? WORKSHEET_CT);
  const wp = prefixOf(workbookXml, 'workbook');
  const rootTag = findElement(workbookXml, `${wp}workbook`)?.open ?? '';
  const ns = getAttr(rootTag, wp ? `xmlns:${wp.slice(0, -1)}` : 'xmlns');
  return {
    sheetPath,
    stylesPath,
    stylesExisted,
    summaryPath,
    summaryName,
    workbookXml,
    workbookRelsPath: relsPathOf(workbookPath),
    workbookRelsXml,
    contentTypesXml: ct,
    mainNs: ns ? decodeXml(ns) : MAIN_NS,
  };
}
