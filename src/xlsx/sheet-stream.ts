/** The list sheet's XML transformed as it streams past. */
import { shortReason } from '../core/report';
import { EXPLANATION_SHEET_BASE, explains, sheetLocation, type Explanations } from './explanation-sheet';
import { heightForLines, wrappedLines } from './layout';
import { RESULT_WIDTHS, WORKSHEET_ORDER, type PatchRow, type PatchSpec } from './patch-spec';
import { addMerges, hyperlinksParts, patchPrelude, patchRowXml, tallEnough, type CellEdit, type ColRange, type RowContext } from './sheet-rows';
import { RowNumbers } from './row-numbers';
import type { StyleBook } from './styles';
import { cellText, closeEnd, colName, elementEnd, escapeAttr, getAttr, inlineCell, inlineCellText, isNameEnd, leadingAttr, startsElement, tagEnd } from './xml';
/** A block the tail must hold: built from the element already there, or alone (null). */
interface TailBlock {
  local: string;
  /** Pieces for a block as long as the list (a hyperlink a row), one string for the others. */
  build: (existing: string | null) => string | Iterable<string>;
}

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
  /** Collects each row's full reason; the "Lý do" cell then shows the short one and links there. */
  explanations?: Explanations;
}

type SheetState = 'prelude' | 'rows' | 'tail' | 'pass';

/**
 * The hyperlinks of the linked rows, made as they are written. A generator of the module, not one
 * made per sheet: V8 gives each generator function its own object shape, so code optimised for one
 * file's links would be thrown away at the next file of a folder.
 */
function* linkXml(rows: RowNumbers, p: string, firstCol: number, sheetName: string): Generator<string> {
  const ref = colName(firstCol);
  const display = escapeAttr(EXPLANATION_SHEET_BASE);
  let target = 1;
  for (const row of rows) {
    const at = sheetLocation(sheetName, `A${++target}`);
    yield `<${p}hyperlink ref="${ref}${row}" location="${escapeAttr(at)}" display="${display}"/>`;
  }
}

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
  let out: (string | Iterable<string>)[] = [];
  let outLen = 0;
  let lastXml = 0; // number of the last row element read (rows without r follow it)
  let lastOut = 0; // number of the last row element written
  let nextHeader = headerTop;
  let depth = 1; // element depth in the tail, inside <worksheet>
  let again = false;
  let pending: TailBlock[] = []; // step stopped early to let the output out: call it again on the same text

  const emit = (s: string | Iterable<string>) => {
    if (typeof s !== 'string') {
      // Made a piece at a time when the output is let out (never one string as long as the list).
      out.push(s);
      outLen = Math.max(outLen, flushAt);
    } else if (s) {
      out.push(s);
      outLen += s.length;
    }
  };
  /** The output so far in pieces of about `flushAt` characters. */
  function* drain(): Generator<string> {
    let acc = '';
    for (const o of out) {
      if (typeof o === 'string') acc += o;
      else
        for (const piece of o) {
          acc += piece;
          if (acc.length >= flushAt) {
            yield acc;
            acc = '';
          }
        }
    }
    if (acc) yield acc;
  }

  const colStyle = (col: number) => cols.find((r) => r.min <= col && col <= r.max)?.style ?? 0;
  const ctx = (): RowContext => ({ prefix: p, styles, colStyle });

  const explain = opts.explanations;
  /**
   * Internal hyperlinks from "Lý do" cells to the explanation sheet, written after sheetData: kept
   * as the list rows' numbers (compactly: a list may reach Excel's last row), their XML made only
   * when it is written. The k-th linked row's explanation is the explanation sheet's row k + 1.
   */
  const linkRows = new RowNumbers();
  const reasonCol = spec.firstCol + nCols - 1;
  /** Height of the row being edited, fitted to its result cells (undefined: one line is enough). */
  let height: number | undefined;

  const editsFor = (n: number, row: PatchRow | undefined, header: boolean): CellEdit[] => {
    const edits = new Map<number, CellEdit>();
    // Lines the tallest result cell wraps to (measured as each is made).
    let lines = 1;
    if (header) {
      for (let i = 0; i < nCols; i++) {
        const c = spec.firstCol + i;
        const text = n === headerTop ? (spec.headers[i] ?? '') : '';
        edits.set(c, { col: c, xml: inlineCell(`${colName(c)}${n}`, st.header, text, p) });
        // A two-row header is merged down: its two rows together hold the text.
        if (headerBottom === headerTop) lines = Math.max(lines, wrappedLines(text, RESULT_WIDTHS[i]));
      }
    }
    if (row) {
      for (const c of row.missingCols) if (Number.isInteger(c) && c >= 1) edits.set(c, { col: c, fill: 'missing' });
      if (row.late && row.nameCol && Number.isInteger(row.nameCol) && row.nameCol >= 1) edits.set(row.nameCol, { col: row.nameCol, fill: 'late' });
      for (let i = 0; i < nCols; i++) {
        const c = spec.firstCol + i;
        const style = i === 0 ? (st.status[row.status] ?? st.plain) : i === 3 && row.late ? st.late : i === 4 ? st.wrap : st.plain;
        let text = row.values[i] ?? '';
        if (i === nCols - 1 && explain && explains(text)) {
          explain.add(row.row, row.status, text);
          // The link sits on the one-line "Kết quả" cell: LibreOffice stops wrapping a cell that
          // holds a hyperlink, and the reason cell must wrap to stay readable.
          linkRows.push(n);
          if (explain.size !== linkRows.length) throw new Error('patch: every linked row has one explanation row');
          text = shortReason(text);
        }
        const shownText = cellText(text);
        edits.set(c, { col: c, xml: inlineCellText(`${colName(c)}${n}`, style, shownText, p) });
        lines = Math.max(lines, wrappedLines(shownText, RESULT_WIDTHS[i]));
      }
    }
    height = heightForLines(lines, styles.fontSize);
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
      emit(`${tallEnough(`<${p}row r="${n}">`, height)}${cells.join('')}</${p}row>`);
      lastOut = n;
    }
  };

  /** False when the row was left for the next call (see createRowsBefore). */
  const onRow = async (xml: string): Promise<boolean> => {
    const rowOpen = `<${p}row r="`;
    const rAttr = leadingAttr(xml, rowOpen) ?? getAttr(xml.slice(0, tagEnd(xml, 0)), 'r');
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
    emit(edits.length ? patchRowXml(xml, n, edits, ctx(), height) : xml);
    lastOut = n;
    return true;
  };

  const endSheetData = async (closeTag: string): Promise<boolean> => {
    if (!(await createRowsBefore(Infinity))) return false;
    emit(closeTag);
    state = merges.length || linkRows.length ? 'tail' : 'pass';
    pending = [];
    if (merges.length) pending.push({ local: 'mergeCells', build: (el) => addMerges(el, p, merges) });
    if (linkRows.length) pending.push({ local: 'hyperlinks', build: (el) => hyperlinksParts(el, p, linkXml(linkRows, p, spec.firstCol, explain?.sheetName ?? ''), spec.firstCol, reasonCol) });
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
      // Tail: find where <mergeCells> and <hyperlinks> are or must go, among the worksheet's
      // direct children (their order is the schema's, CT_Worksheet).
      const te = tagEnd(buf, lt);
      if (te < 0) return final ? passRest(pos) : pos;
      if (buf.charCodeAt(lt + 1) === 47) {
        if (--depth === 0) {
          for (const b of pending) emit(b.build(null));
          pending = [];
          state = 'pass';
          continue;
        }
        emit(buf.slice(lt, te));
        pos = te;
        continue;
      }
      const qname = /^<([\w.:-]+)/.exec(buf.slice(lt, lt + 80))?.[1] ?? '';
      const local = qname.slice(qname.indexOf(':') + 1);
      if (depth === 1) {
        const rank = WORKSHEET_ORDER.indexOf(local);
        while (pending.length && rank >= 0 && WORKSHEET_ORDER.indexOf(pending[0].local) < rank) emit(pending.shift()!.build(null));
        if (pending.length && pending[0].local === local) {
          const end = elementEnd(buf, lt, qname);
          if (end < 0) return final ? passRest(pos) : pos;
          emit(pending.shift()!.build(buf.slice(lt, end)));
          pos = end;
          if (!pending.length) state = 'pass';
          continue;
        }
        if (!pending.length) {
          state = 'pass';
          continue;
        }
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
          yield* drain();
          out = [];
          outLen = 0;
        }
      } while (again);
    }
  } finally {
    await cursor.close();
  }
}

