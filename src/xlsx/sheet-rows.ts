/** One row of the list sheet patched, and the sheet's prelude (dimension, columns) and merges. */
import { RESULT_WIDTHS, type PatchSpec } from './patch-spec';
import type { FillKind, StyleBook } from './styles';
import { childElements, closeEnd, colName, colNumber, decodeXml, findElement, getAttr, leadingAttr, overlaps, parseRange, reEscape, setAttr, startsElement, tagEnd, withChildren, type Rect } from './xml';
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

/** A row start tag given at least `height` points (a taller height the user set is kept). */
export function tallEnough(tag: string, height: number | undefined): string {
  if (height === undefined) return tag;
  const own = Number(getAttr(tag, 'ht'));
  if (Number.isFinite(own) && own >= height) return tag;
  return setAttr(setAttr(tag, 'ht', String(height)), 'customHeight', '1');
}

/**
 * One `<row>` element with edits applied (sorted by column): new cells go in column order after or
 * between the existing ones, restyled cells keep everything but `s`. Text outside the edited cells
 * stays as it was.
 */
export function patchRowXml(rowXml: string, rowNum: number, edits: readonly CellEdit[], ctx: RowContext, height?: number): string {
  if (!edits.length) return rowXml;
  const p = ctx.prefix;
  const te = tagEnd(rowXml, 0);
  let start = tallEnough(rowXml.slice(0, te), height);
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
  const cellOpen = `<${cq} r="`;
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
    const r = leadingAttr(ctag, cellOpen) ?? getAttr(ctag, 'r');
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

export interface ColRange {
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
 * result column (ranges that covered them are split; ranges never overlap), and the column styles.
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
  // Every <col>, split around the result columns: a range the input runs to the last column
  // (min="12" max="16384") would otherwise give them its width.
  const kept: { min: number; xml: string }[] = [];
  if (colsEl && !colsEl.selfClosing) {
    const re = new RegExp(`<${reEscape(p)}col(?=[\\s/>])`, 'g');
    re.lastIndex = colsEl.openEnd;
    for (let m = re.exec(xml); m && m.index < colsEl.closeStart; m = re.exec(xml)) {
      const e = tagEnd(xml, m.index);
      const tag = xml.slice(m.index, e);
      const min = Number(getAttr(tag, 'min'));
      const maxAttr = Number(getAttr(tag, 'max') ?? min);
      const max = Number.isFinite(maxAttr) ? maxAttr : min;
      re.lastIndex = e;
      if (!Number.isFinite(min)) continue;
      cols.push({ min, max, style: Number(getAttr(tag, 'style') ?? 0) || 0 });
      if (max < spec.firstCol || min > last) {
        kept.push({ min, xml: tag });
        continue;
      }
      if (min < spec.firstCol) kept.push({ min, xml: setAttr(tag, 'max', String(spec.firstCol - 1)) });
      if (max > last) kept.push({ min: last + 1, xml: setAttr(tag, 'min', String(last + 1)) });
    }
  }
  RESULT_WIDTHS.forEach((w, i) => {
    const c = spec.firstCol + i;
    kept.push({ min: c, xml: `<${p}col min="${c}" max="${c}" width="${w}" customWidth="1"/>` });
  });
  kept.sort((x, y) => x.min - y.min);
  const colsXml = `<${p}cols>${kept.map((k) => k.xml).join('')}</${p}cols>`;
  if (!colsEl) xml += colsXml;
  else xml = xml.slice(0, colsEl.start) + colsXml + xml.slice(colsEl.end);
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


/**
 * The hyperlink list with ours added. Links already on the result columns were ours from an
 * earlier check (the columns are rewritten), so they go: one cell must not hold two links.
 */
export function* hyperlinksParts(hyperlinksXml: string | null, p: string, links: Iterable<string>, c1: number, c2: number): Generator<string> {
  const q = `${p}hyperlinks`;
  const el = hyperlinksXml ? findElement(hyperlinksXml, q) : null;
  const keep: string[] = [];
  if (el && hyperlinksXml) {
    for (const h of childElements(hyperlinksXml, el, `${p}hyperlink`)) {
      const r = parseRange(decodeXml(getAttr(h, 'ref') ?? ''));
      if (!r || r.c2 < c1 || r.c1 > c2) keep.push(h);
    }
  }
  const open = el ? (el.selfClosing ? `${el.open.slice(0, -2).trimEnd()}>` : el.open) : `<${q}>`;
  // One link a list row: handed on one at a time (the writer gathers them into its pieces).
  yield `${open}${keep.join('')}`;
  yield* links;
  yield `</${q}>`;
}
