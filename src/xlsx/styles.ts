/** styles.xml with the fonts, fills and cell formats the checked copy needs appended. */
import { FILLS } from '../core/report';
import { MAIN_NS, type PatchStatus } from './patch-spec';
import { childElements, elementEnd, findElement, prefixOf, setAttr, tagEnd, withChildren } from './xml';
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
  /** Size of the workbook's default font (font 0), which sets row heights. */
  readonly fontSize: number;
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
    const sz = /<(?:[\w.-]+:)?sz\s+val\s*=\s*["']([\d.]+)["']/.exec(fonts[0] ?? '')?.[1];
    this.fontSize = sz && Number(sz) >= 6 && Number(sz) <= 72 ? Number(sz) : 11;
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
    // Every result cell wraps: a long "Thiếu thông tin" must grow its row, never be cut off.
    const top = 'vertical="top" wrapText="1"';
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
      xf(bold, fill(FILLS.header), 'vertical="center" wrapText="1"'),
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

