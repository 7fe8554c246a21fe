/**
 * The summary sheet ("Tổng hợp") part: title, plan line, the chart's place when there is one, then
 * each table. It prints on A4 landscape fitted to the page width; columns are sized to their
 * text, every cell wraps and rows are as tall as their text.
 */
import { TIER_TABLE_TITLE, TOTAL_LABEL, type Table } from '../core/report';
import { fittedHeight, fittedWidth } from './layout';
import { DATA_BAR_COLOR, MAIN_NS, REL_NS, type PatchSpec } from './patch-spec';
import type { FixedStyles } from './styles';
import { colName, escapeAttr, inlineCell, numberCell } from './xml';

/** Rows kept free under the plan line for the chart. */
export const CHART_ROWS = 18;
const FIRST_TOP = 4;
/** Widest a column gets (characters): the review table's "Lý do" first, then names and labels. */
const MAX_WIDTH = [40, 32, 24, 30, 60, 16, 16];

export interface SummaryLayout {
  /** Row of each table's title. */
  tops: number[];
  widths: number[];
  maxRow: number;
  /** Where the chart goes and what it draws (rows are 1-based sheet rows). */
  chart?: { table: Table; headerRow: number; firstRow: number; lastRow: number; fromRow: number; toRow: number; toCol: number };
}

export function summaryLayout(summary: PatchSpec['summary'], withChart: boolean): SummaryLayout {
  const tierIndex = summary.tables.findIndex((t) => t.title === TIER_TABLE_TITLE && t.rows.length > 0);
  const charted = withChart && tierIndex >= 0;
  const tops: number[] = [];
  let top = charted ? FIRST_TOP + CHART_ROWS + 1 : FIRST_TOP;
  let maxCol = 1;
  for (const table of summary.tables) {
    tops.push(top);
    maxCol = Math.max(maxCol, table.headers.length, ...table.rows.map((r) => r.length));
    top = table.rows.length ? top + 2 + table.rows.length + 1 : top + 4;
  }
  const widths: number[] = [];
  for (let c = 0; c < maxCol; c++) {
    const texts: string[] = [];
    for (const t of summary.tables) {
      // Headers wrap onto two lines rather than widen a column of small numbers.
      if (t.headers[c]) texts.push(t.headers[c].length > 14 ? t.headers[c].slice(0, Math.ceil(t.headers[c].length / 2) + 2) : t.headers[c]);
      for (const r of t.rows) if (r[c] !== undefined) texts.push(String(r[c]));
    }
    widths.push(fittedWidth(texts, 10, MAX_WIDTH[c] ?? 16));
  }
  let chart: SummaryLayout['chart'];
  if (charted) {
    const t = summary.tables[tierIndex];
    const at = tops[tierIndex];
    chart = { table: t, headerRow: at + 1, firstRow: at + 2, lastRow: at + 1 + t.rows.length, fromRow: FIRST_TOP, toRow: FIRST_TOP + CHART_ROWS, toCol: Math.min(maxCol, 6) };
  }
  return { tops, widths, maxRow: Math.max(2, top - 2), chart };
}

/** The "Tổng hợp" worksheet part as one string (small summaries, tests). */
export function summarySheetXml(summary: PatchSpec['summary'], st: FixedStyles, mainNs = MAIN_NS, opts: SummaryOptions = {}): string {
  return [...summarySheetParts(summary, st, mainNs, opts)].join('');
}

export interface SummaryOptions {
  /** The default font size (row heights). */
  fontSize?: number;
  /** Relationship id of the chart's drawing; no chart without it. */
  drawingRelId?: string;
}

/**
 * The summary sheet as XML pieces, a row at a time: its "Cần xem lại" table can hold tens of
 * thousands of rows with their reasons, which must not be joined into one string.
 */
export function* summarySheetParts(summary: PatchSpec['summary'], st: FixedStyles, mainNs = MAIN_NS, opts: SummaryOptions = {}): Generator<string> {
  const layout = summaryLayout(summary, !!opts.drawingRelId);
  const { tops, widths } = layout;
  const fontSize = opts.fontSize ?? 11;
  const rowXml = (r: number, cells: (string | number)[], style: (v: string | number) => number | undefined, fit = true): string => {
    const xml = cells
      .map((v, i) => {
        const ref = `${colName(i + 1)}${r}`;
        return typeof v === 'number' ? numberCell(ref, style(v), v) : inlineCell(ref, style(v), v);
      })
      .join('');
    if (!xml) return '';
    const ht = fit ? fittedHeight(cells.map((v, i) => ({ text: typeof v === 'string' ? v : '', width: widths[i] ?? 10 })), fontSize) : undefined;
    return `<row r="${r}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${xml}</row>`;
  };
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${escapeAttr(mainNs)}" xmlns:r="${REL_NS}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${colName(widths.length)}${layout.maxRow}"/>` +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>`;
  // Title and plan line run across the empty cells to their right: not wrapped.
  yield rowXml(1, [summary.title], () => st.title, false);
  yield rowXml(2, [summary.subtitle], () => undefined, false);
  const cfs: string[] = [];
  for (const [t, table] of summary.tables.entries()) {
    const at = tops[t];
    yield rowXml(at, [table.title], () => st.bold, false);
    yield rowXml(at + 1, table.headers, () => st.tableHeader);
    if (!table.rows.length) {
      yield rowXml(at + 2, ['(không có)'], () => undefined);
      continue;
    }
    let chunk = '';
    for (const [ri, r] of table.rows.entries()) {
      chunk += rowXml(at + 2 + ri, r, (v) => (typeof v === 'string' ? st.wrap : st.plain));
      if (chunk.length > 16_384) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    cfs.push(...dataBars(table, at + 2, cfs.length));
  }
  yield `</sheetData>${cfs.join('')}` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    (opts.drawingRelId ? `<drawing r:id="${escapeAttr(opts.drawingRelId)}"/>` : '') +
    `</worksheet>`;
}

/**
 * Data bars on a table's count columns, starting from 0: only cells holding more than zero are in
 * the range (a zero would still get Excel's shortest bar), and the total row is left out (it would
 * dwarf the rows it sums).
 */
function dataBars(table: Table, firstRow: number, before: number): string[] {
  const out: string[] = [];
  for (const c of table.countColumns) {
    const l = colName(c + 1);
    const refs: string[] = [];
    table.rows.forEach((r, i) => {
      if (r[0] !== TOTAL_LABEL && typeof r[c] === 'number' && r[c] > 0) refs.push(`${l}${firstRow + i}`);
    });
    if (!refs.length) continue;
    out.push(
      `<conditionalFormatting sqref="${refs.join(' ')}"><cfRule type="dataBar" priority="${before + out.length + 1}"><dataBar>` +
        `<cfvo type="num" val="0"/><cfvo type="max"/><color rgb="${DATA_BAR_COLOR}"/></dataBar></cfRule></conditionalFormatting>`,
    );
  }
  return out;
}
