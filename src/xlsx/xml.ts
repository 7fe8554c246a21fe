/** Enough XML for the parts Excel writes, as strings (no DOM, so that sheets stream): escaping, references, tags. */
import { colLetter, colNumber } from '../core/a1';
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
  return escapeValidText(xmlChars(s));
}

/** `escapeText` for text already holding valid XML characters only (a cell's text is scanned once). */
function escapeValidText(s: string): string {
  // Quick test first: most texts need no reference at all.
  return TEXT_ESCAPED.test(s) ? s.replace(/[&<>"\r]/g, (c) => ESCAPES[c]) : s;
}
const TEXT_ESCAPED = /[&<>"\r]/;

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
  return t.includes('_x') ? t.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_') : t;
}

/**
 * A text cell as an inline string: always text, never a formula, whatever it starts with. Empty
 * text gives a styled empty cell.
 */
export function inlineCell(ref: string, style: number | undefined, text: string, p = ''): string {
  return inlineCellText(ref, style, cellText(text), p);
}

/** `inlineCell` for text already made by `cellText` (a writer that measures the text too makes it once). */
export function inlineCellText(ref: string, style: number | undefined, t: string, p = ''): string {
  const s = style ? ` s="${style}"` : '';
  if (!t) return s ? `<${p}c r="${ref}"${s}/>` : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeValidText(t)}</${p}t></${p}is></${p}c>`;
}

export function numberCell(ref: string, style: number | undefined, n: number, p = ''): string {
  if (!Number.isFinite(n)) return inlineCell(ref, style, String(n), p);
  return `<${p}c r="${ref}"${style ? ` s="${style}"` : ''}><${p}v>${n}</${p}v></${p}c>`;
}

// ------------------------------------------------------------------------------------------------
// References

export { colLetter as colName, colNumber };

export interface Rect {
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

export function overlaps(a: Rect, b: Rect): boolean {
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

/**
 * The raw value of the attribute an element opens with, when it opens with `open` (`<row r="`): Excel
 * writes `r` first, and this finds it without a regex (undefined otherwise: ask getAttr).
 */
export function leadingAttr(xml: string, open: string): string | undefined {
  return xml.startsWith(open) ? xml.slice(open.length, xml.indexOf('"', open.length)) : undefined;
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

export function isNameEnd(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const ch = s.charCodeAt(i);
  return ch === 62 || ch === 47 || ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Whether an element named exactly `qname` starts at `lt` (false when the text may end too soon to tell). */
export function startsElement(s: string, lt: number, qname: string): boolean {
  return s.startsWith(qname, lt + 1) && s.charCodeAt(lt) === 60 && isNameEnd(s, lt + 1 + qname.length);
}

/** Index just after the first `</qname>` at or after `from`, or -1. For elements that never nest (row, c). */
export function closeEnd(s: string, from: number, qname: string): number {
  const close = `</${qname}`;
  for (let i = s.indexOf(close, from); i >= 0; i = s.indexOf(close, i + 1)) {
    if (!isNameEnd(s, i + close.length)) continue;
    const gt = s.indexOf('>', i + close.length);
    return gt < 0 ? -1 : gt + 1;
  }
  return -1;
}

export function reEscape(s: string): string {
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

export interface Found {
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
export function childElements(s: string, parent: Found, qname: string): string[] {
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
export function withChildren(s: string, el: Found, qname: string, added: readonly string[], count: number): string {
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

