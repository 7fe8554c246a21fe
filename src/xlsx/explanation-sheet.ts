/**
 * The explanation sheet ("Giải thích"): one row per checked nominee with the whole "Lý do" text,
 * linked both ways with the list. The list's "Lý do" cell keeps only the decisive reason (so rows
 * stay short and nothing overlaps at 100 % zoom); one click on it lands here. A linked sheet rather
 * than cell notes: notes need VML drawings, show as hover pop-ups that hide neighbouring cells,
 * and print badly; a sheet prints, filters and searches like the rest of the workbook.
 */
import { MADE_BY, STATUS_LABELS_VI } from '../core/report';
import { fittedHeight } from './layout';
import { RowNumbers } from './row-numbers';
import { MAIN_NS, REL_NS, type PatchStatus } from './patch-spec';
import type { FixedStyles } from './styles';
import { escapeAttr, inlineCell, numberCell } from './xml';

export const EXPLANATION_SHEET_BASE = 'Giải thích';
/** The explanation column's header; also how a later check knows the sheet is ours. */
export const EXPLANATION_HEADER = 'Lý do đầy đủ (bấm số dòng để quay lại danh sách)';
const HEADERS = ['Dòng', 'Kết quả', EXPLANATION_HEADER];
const WIDTHS = [8, 18, 110];
/** Beside the header, outside the table: what wrote these reasons. */
const MADE_BY_WIDTH = 34;

/** A sheet reference for a hyperlink location: the name quoted, quotes doubled. */
export function sheetLocation(sheet: string, ref: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

/** Whether a row's whole "Lý do" gets an explanation row (and the list's link to it): one rule for both sheets. */
export function explains(reason: string): boolean {
  return reason !== '';
}

/** One explanation row: the list's row, its status and its whole "Lý do". */
export interface ExplanationRow {
  row: number;
  status: PatchStatus;
  text: string;
}

/**
 * Where the explanation rows wait until their sheet is written (after the list sheet): an array
 * by default (the page outside Excel); the command line keeps them in a temporary file, since a
 * 100,000-row list's reasons would otherwise stay in memory to the end. Read more than once.
 */
export interface ExplanationStore extends Iterable<ExplanationRow> {
  push(row: ExplanationRow): unknown;
  readonly length: number;
}

export class Explanations {
  constructor(
    readonly sheetName: string,
    readonly listSheet: string,
    private readonly store: ExplanationStore = [],
    /** A line under the header naming the plans that judged the list (the header stays the sheet's mark). */
    readonly heading?: string,
  ) {}

  /** Records a row's full reason; returns where it will be (for the list's hyperlink). */
  add(row: number, status: PatchStatus, text: string): string {
    this.store.push({ row, status, text });
    return sheetLocation(this.sheetName, `A${this.store.length + 1}`);
  }

  get size(): number {
    return this.store.length;
  }

  /** The worksheet part, a piece at a time (one row per nominee: as long as the list). */
  *parts(st: FixedStyles, fontSize: number, mainNs = MAIN_NS): Generator<string> {
    const last = this.store.length + 1;
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<worksheet xmlns="${escapeAttr(mainNs)}" xmlns:r="${REL_NS}">` +
      `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:D${last}"/>` +
      `<sheetViews><sheetView workbookViewId="0" showGridLines="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
      `<cols>${[...WIDTHS, MADE_BY_WIDTH].map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
      `<sheetData>`;
    const headers = this.heading ? [...HEADERS.slice(0, 2), `${HEADERS[2]}\n${this.heading}`] : HEADERS;
    const headHt = fittedHeight(headers.map((h, i) => ({ text: h, width: WIDTHS[i] })), fontSize);
    yield `<row r="1"${headHt ? ` ht="${headHt}" customHeight="1"` : ''}>${headers.map((h, i) => inlineCell(`${'ABC'[i]}1`, st.tableHeader, h)).join('')}${inlineCell('D1', st.plain, MADE_BY)}</row>`;
    let chunk = '';
    let n = 1;
    // The list rows only (numbers): the links need no second read of the stored reasons.
    const listRows = new RowNumbers();
    for (const r of this.store) {
      n++;
      listRows.push(r.row);
      const ht = fittedHeight([{ text: r.text, width: WIDTHS[2] }], fontSize);
      chunk +=
        `<row r="${n}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>` +
        numberCell(`A${n}`, st.plain, r.row) +
        inlineCell(`B${n}`, st.status[r.status], STATUS_LABELS_VI[r.status]) +
        inlineCell(`C${n}`, st.wrap, r.text) +
        `</row>`;
      if (chunk.length > 16_384) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}</sheetData>`;
    // The rows' last piece is out: the links must not start with it again.
    chunk = '';
    if (this.store.length) {
      // The hyperlinks (one per row, back to the list), in pieces again.
      yield '<hyperlinks>';
      n = 1;
      for (const row of listRows) {
        n++;
        chunk += `<hyperlink ref="A${n}" location="${escapeAttr(sheetLocation(this.listSheet, `A${row}`))}" display="${row}"/>`;
        if (chunk.length > 16_384) {
          yield chunk;
          chunk = '';
        }
      }
      yield `${chunk}</hyperlinks>`;
    }
    yield `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`;
  }
}
