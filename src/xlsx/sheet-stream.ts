/** The list sheet's XML transformed as it streams past. */
import { shortReason } from '../core/report';
import { EXPLANATION_SHEET_BASE, explains, sheetLocation, type Explanations } from './explanation-sheet';
import { heightForLines, wrappedLines } from './layout';
import { RESULT_WIDTHS, WORKSHEET_ORDER, type PatchRow, type PatchSpec } from './patch-spec';
import { addMerges, hyperlinksParts, patchPrelude, patchRowXml, tallEnough, type CellEdit, type ColRange, type RowContext } from './sheet-rows';
import { RowNumbers } from './row-numbers';
import type { FixedStyles, StyleBook } from './styles';
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

const N_COLS = RESULT_WIDTHS.length;

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
  yield* new SheetPatch(spec, styles, new RowCursor(rows), opts).run(chunks);
}

/**
 * One list sheet being patched: its state, and the steps that move it on. A class with methods,
 * not closures over the generator's variables: measured over a folder of 40 lists (V8's
 * --trace-opt), the transform's step was optimised 8 times as a closure and 5 times as a method,
 * and the compiler threads' time for the whole run fell from 4.3 s to 3.4 s: time taken from the
 * same two cores the checking and the copying run on.
 */
class SheetPatch {
  // Small pieces: a string over 128 KB goes to V8's large-object space, ~1 ms per allocation.
  private readonly flushAt: number;
  private readonly headerTop: number;
  private readonly headerBottom: number;
  private readonly merges: string[];
  private readonly st: FixedStyles;
  private p = '';
  private cols: ColRange[] = [];
  private state: SheetState = 'prelude';
  private buf = '';
  private out: (string | Iterable<string>)[] = [];
  private outLen = 0;
  private lastXml = 0; // number of the last row element read (rows without r follow it)
  private lastOut = 0; // number of the last row element written
  private nextHeader: number;
  private depth = 1; // element depth in the tail, inside <worksheet>
  /** The step stopped early to let the output out: call it again on the same text. */
  private again = false;
  private pending: TailBlock[] = [];
  private readonly explain: Explanations | undefined;
  /**
   * Internal hyperlinks from "Lý do" cells to the explanation sheet, written after sheetData: kept
   * as the list rows' numbers (compactly: a list may reach Excel's last row), their XML made only
   * when it is written. The k-th linked row's explanation is the explanation sheet's row k + 1.
   */
  private readonly linkRows = new RowNumbers();
  private readonly reasonCol: number;
  /** Height of the row being edited, fitted to its result cells (undefined: one line is enough). */
  private height: number | undefined;
  private readonly rowContext: RowContext;

  constructor(
    private readonly spec: PatchSpec,
    private readonly styles: StyleBook,
    private readonly cursor: RowCursor,
    private readonly opts: SheetPatchOptions,
  ) {
    this.flushAt = opts.flushChars ?? 1 << 14;
    this.headerTop = spec.headerTop;
    this.headerBottom = Math.max(this.headerTop, spec.headerBottom ?? this.headerTop);
    const { headerTop, headerBottom } = this;
    this.merges =
      headerBottom > headerTop ? Array.from({ length: N_COLS }, (_, i) => `${colName(spec.firstCol + i)}${headerTop}:${colName(spec.firstCol + i)}${headerBottom}`) : [];
    this.st = styles.fixed;
    this.nextHeader = headerTop;
    this.explain = opts.explanations;
    this.reasonCol = spec.firstCol + N_COLS - 1;
    // Its prefix is the sheet's, set when <sheetData> is found (before any row is patched).
    this.rowContext = { prefix: '', styles, colStyle: (col: number) => this.colStyle(col) };
  }

  /** The patched XML, in pieces, as `chunks` of the sheet's XML come in. */
  async *run(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string, void, undefined> {
    try {
      // A null after the last chunk: the final step passes on whatever is left.
      for await (const chunk of withEnd(chunks)) {
        const final = chunk === null;
        if (chunk) this.buf = this.buf ? this.buf + chunk : chunk;
        do {
          this.again = false;
          if (this.buf) {
            const used = await this.step(final);
            this.buf = used >= this.buf.length ? '' : this.buf.slice(used);
          }
          if (this.outLen >= this.flushAt || (final && !this.again && this.out.length)) {
            yield* this.drain();
            this.out = [];
            this.outLen = 0;
          }
        } while (this.again);
      }
    } finally {
      await this.cursor.close();
    }
  }

  private emit(s: string | Iterable<string>): void {
    if (typeof s !== 'string') {
      // Made a piece at a time when the output is let out (never one string as long as the list).
      this.out.push(s);
      this.outLen = Math.max(this.outLen, this.flushAt);
    } else if (s) {
      this.out.push(s);
      this.outLen += s.length;
    }
  }

  /** The output so far in pieces of about `flushAt` characters. */
  private *drain(): Generator<string> {
    let acc = '';
    for (const o of this.out) {
      if (typeof o === 'string') acc += o;
      else
        for (const piece of o) {
          acc += piece;
          if (acc.length >= this.flushAt) {
            yield acc;
            acc = '';
          }
        }
    }
    if (acc) yield acc;
  }

  private colStyle(col: number): number {
    return this.cols.find((r) => r.min <= col && col <= r.max)?.style ?? 0;
  }

  private editsFor(n: number, row: PatchRow | undefined, header: boolean): CellEdit[] {
    const { spec, st, p, explain } = this;
    const edits = new Map<number, CellEdit>();
    // Lines the tallest result cell wraps to (measured as each is made).
    let lines = 1;
    if (header) {
      for (let i = 0; i < N_COLS; i++) {
        const c = spec.firstCol + i;
        const text = n === this.headerTop ? (spec.headers[i] ?? '') : '';
        edits.set(c, { col: c, xml: inlineCell(`${colName(c)}${n}`, st.header, text, p) });
        // A two-row header is merged down: its two rows together hold the text.
        if (this.headerBottom === this.headerTop) lines = Math.max(lines, wrappedLines(text, RESULT_WIDTHS[i]));
      }
    }
    if (row) {
      for (const c of row.missingCols) if (Number.isInteger(c) && c >= 1) edits.set(c, { col: c, fill: 'missing' });
      if (row.late && row.nameCol && Number.isInteger(row.nameCol) && row.nameCol >= 1) edits.set(row.nameCol, { col: row.nameCol, fill: 'late' });
      for (let i = 0; i < N_COLS; i++) {
        const c = spec.firstCol + i;
        const style = i === 0 ? (st.status[row.status] ?? st.plain) : i === 3 && row.late ? st.late : i === 4 ? st.wrap : st.plain;
        let text = row.values[i] ?? '';
        if (i === N_COLS - 1 && explain && explains(text)) {
          explain.add(row.row, row.status, text);
          // The link sits on the one-line "Kết quả" cell: LibreOffice stops wrapping a cell that
          // holds a hyperlink, and the reason cell must wrap to stay readable.
          this.linkRows.push(n);
          if (explain.size !== this.linkRows.length) throw new Error('patch: every linked row has one explanation row');
          text = shortReason(text);
        }
        const shownText = cellText(text);
        edits.set(c, { col: c, xml: inlineCellText(`${colName(c)}${n}`, style, shownText, p) });
        lines = Math.max(lines, wrappedLines(shownText, RESULT_WIDTHS[i]));
      }
    }
    this.height = heightForLines(lines, this.styles.fontSize);
    return [...edits.values()].sort((a, b) => a.col - b.col);
  }

  /**
   * Creates, in order, the rows that need cells but are absent from the XML, up to `limit`
   * (exclusive). False when it stopped to let the output out first (many rows to create).
   */
  private async createRowsBefore(limit: number): Promise<boolean> {
    const { cursor, p, styles } = this;
    for (;;) {
      if (this.outLen >= this.flushAt) return false;
      const next = await cursor.peek();
      const h = this.nextHeader <= this.headerBottom ? this.nextHeader : Infinity;
      const n = Math.min(next ? next.row : Infinity, h);
      if (n >= limit || n === Infinity) return true;
      if (n <= this.lastOut) throw new Error(`patch: row ${n} comes after row ${this.lastOut} in the sheet; rows must arrive in increasing order`);
      const row = next && next.row === n ? cursor.take() : undefined;
      const header = n === h;
      if (header) this.nextHeader++;
      const cells = this.editsFor(n, row, header).map((e) => e.xml ?? `<${p}c r="${colName(e.col)}${n}" s="${styles.clone(this.colStyle(e.col), e.fill!)}"/>`);
      this.emit(`${tallEnough(`<${p}row r="${n}">`, this.height)}${cells.join('')}</${p}row>`);
      this.lastOut = n;
    }
  }

  /** False when the row was left for the next call (see createRowsBefore). */
  private async onRow(xml: string): Promise<boolean> {
    const rowOpen = `<${this.p}row r="`;
    const rAttr = leadingAttr(xml, rowOpen) ?? getAttr(xml.slice(0, tagEnd(xml, 0)), 'r');
    const n = rAttr !== undefined && /^\d+$/.test(rAttr) ? Number(rAttr) : this.lastXml + 1;
    if (n <= this.lastOut) {
      this.lastXml = n;
      this.emit(xml); // out of order in the file itself: leave it be
      return true;
    }
    if (!(await this.createRowsBefore(n))) return false;
    this.lastXml = n;
    const next = await this.cursor.peek();
    const row = next && next.row === n ? this.cursor.take() : undefined;
    const header = n === this.nextHeader && n <= this.headerBottom;
    if (header) this.nextHeader++;
    const edits = row || header ? this.editsFor(n, row, header) : [];
    this.emit(edits.length ? patchRowXml(xml, n, edits, this.rowContext, this.height) : xml);
    this.lastOut = n;
    return true;
  }

  private async endSheetData(closeTag: string): Promise<boolean> {
    if (!(await this.createRowsBefore(Infinity))) return false;
    const { p, merges, linkRows, spec } = this;
    this.emit(closeTag);
    this.state = merges.length || linkRows.length ? 'tail' : 'pass';
    this.pending = [];
    if (merges.length) this.pending.push({ local: 'mergeCells', build: (el) => addMerges(el, p, merges) });
    if (linkRows.length) {
      const sheetName = this.explain?.sheetName ?? '';
      this.pending.push({ local: 'hyperlinks', build: (el) => hyperlinksParts(el, p, linkXml(linkRows, p, spec.firstCol, sheetName), spec.firstCol, this.reasonCol) });
    }
    return true;
  }

  /** At the very end an incomplete piece is passed on as it is. */
  private passRest(from = 0): number {
    this.emit(this.buf.slice(from));
    return this.buf.length;
  }
  /** Consumes what it can of `this.buf`; returns how many characters were used. */
  private async step(final: boolean): Promise<number> {
    let pos = 0;
    while (pos < this.buf.length) {
      if (this.outLen >= this.flushAt && this.state !== 'pass') {
        this.again = true;
        return pos;
      }
      if (this.state === 'pass') {
        this.emit(pos ? this.buf.slice(pos) : this.buf);
        return this.buf.length;
      }
      if (this.state === 'prelude') {
        const m = /<([A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])/.exec(this.buf);
        const te = m ? tagEnd(this.buf, m.index) : -1;
        if (!m || te < 0) return final ? this.passRest() : 0;
        this.p = m[1] ?? '';
        this.rowContext.prefix = this.p;
        const pre = patchPrelude(this.buf.slice(0, m.index), this.p, this.spec, Math.max(this.headerBottom, this.opts.lastRow ?? 0));
        this.cols = pre.cols;
        this.emit(pre.xml);
        if (this.buf.charCodeAt(te - 2) === 47) {
          // <sheetData/> is read as <sheetData></sheetData>, so rows are created like anywhere else.
          this.emit(`${this.buf.slice(m.index, te - 2).trimEnd()}>`);
          this.buf = `${this.buf.slice(0, te)}</${this.p}sheetData>${this.buf.slice(te)}`;
        } else this.emit(this.buf.slice(m.index, te));
        this.state = 'rows';
        pos = te;
        continue;
      }
      const lt = this.buf.indexOf('<', pos);
      if (lt < 0) {
        this.emit(this.buf.slice(pos));
        return this.buf.length;
      }
      if (lt > pos) {
        this.emit(this.buf.slice(pos, lt));
        pos = lt;
      }
      // Enough characters to tell "<row", "</sheetData>", "<!--" and the like apart.
      if (!final && this.buf.length - lt < this.p.length + 12) return pos;
      if (this.buf.startsWith('<!--', lt) || this.buf.startsWith('<?', lt) || this.buf.startsWith('<![CDATA[', lt)) {
        const endMark = this.buf.startsWith('<!--', lt) ? '-->' : this.buf.startsWith('<?', lt) ? '?>' : ']]>';
        const e = this.buf.indexOf(endMark, lt + 2);
        if (e < 0) return final ? this.passRest(pos) : pos;
        this.emit(this.buf.slice(lt, e + endMark.length));
        pos = e + endMark.length;
        continue;
      }
      if (this.state === 'rows') {
        if (startsElement(this.buf, lt, `${this.p}row`)) {
          const te = tagEnd(this.buf, lt);
          const end = te < 0 ? -1 : this.buf.charCodeAt(te - 2) === 47 ? te : closeEnd(this.buf, te, `${this.p}row`);
          if (end < 0) return final ? this.passRest(pos) : pos;
          if (!(await this.onRow(this.buf.slice(lt, end)))) {
            this.again = true;
            return pos;
          }
          pos = end;
          continue;
        }
        if (this.buf.startsWith(`</${this.p}sheetData`, lt) && isNameEnd(this.buf, lt + this.p.length + 11)) {
          const te = tagEnd(this.buf, lt);
          if (te < 0) return final ? this.passRest(pos) : pos;
          if (!(await this.endSheetData(this.buf.slice(lt, te)))) {
            this.again = true;
            return pos;
          }
          pos = te;
          continue;
        }
        // Anything else inside sheetData is passed on tag by tag.
        const te = tagEnd(this.buf, lt);
        if (te < 0) return final ? this.passRest(pos) : pos;
        this.emit(this.buf.slice(lt, te));
        pos = te;
        continue;
      }
      // Tail: find where <mergeCells> and <hyperlinks> are or must go, among the worksheet's
      // direct children (their order is the schema's, CT_Worksheet).
      const te = tagEnd(this.buf, lt);
      if (te < 0) return final ? this.passRest(pos) : pos;
      if (this.buf.charCodeAt(lt + 1) === 47) {
        if (--this.depth === 0) {
          for (const b of this.pending) this.emit(b.build(null));
          this.pending = [];
          this.state = 'pass';
          continue;
        }
        this.emit(this.buf.slice(lt, te));
        pos = te;
        continue;
      }
      const qname = /^<([\w.:-]+)/.exec(this.buf.slice(lt, lt + 80))?.[1] ?? '';
      const local = qname.slice(qname.indexOf(':') + 1);
      if (this.depth === 1) {
        const rank = WORKSHEET_ORDER.indexOf(local);
        while (this.pending.length && rank >= 0 && WORKSHEET_ORDER.indexOf(this.pending[0].local) < rank) this.emit(this.pending.shift()!.build(null));
        if (this.pending.length && this.pending[0].local === local) {
          const end = elementEnd(this.buf, lt, qname);
          if (end < 0) return final ? this.passRest(pos) : pos;
          this.emit(this.pending.shift()!.build(this.buf.slice(lt, end)));
          pos = end;
          if (!this.pending.length) this.state = 'pass';
          continue;
        }
        if (!this.pending.length) {
          this.state = 'pass';
          continue;
        }
      }
      this.emit(this.buf.slice(lt, te));
      if (this.buf.charCodeAt(te - 2) !== 47) this.depth++;
      pos = te;
    }
    return pos;
  }
}
