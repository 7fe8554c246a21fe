/**
 * The summary sheet ("Tổng hợp") part: title, plan line, the chart's place when there is one, then
 * each table. It prints on A4 landscape fitted to the page width; columns are sized to their
 * text, every cell wraps and rows are as tall as their text.
 */
import { TIER_TABLE_TITLE, TOTAL_LABEL, type Table, type TableRow, type TableRows } from '../core/report';
import { widenToLongestLine } from '../core/text';
import { heightForLines, widthFor, wrappedLines } from './layout';
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
  chart?: { table: Table<TableRows>; headerRow: number; firstRow: number; lastRow: number; fromRow: number; toRow: number; toCol: number };
}

const layouts = new WeakMap<PatchSpec['summary'], { withChart: boolean; layout: SummaryLayout }>();

/**
 * Where each table goes and how wide each column is. Remembered per summary: the review list may
 * be read back from a file, and the copy's plan, its chart and its sheet all ask for the layout.
 */
export function summaryLayout(summary: PatchSpec['summary'], withChart: boolean): SummaryLayout {
  const known = layouts.get(summary);
  if (known?.withChart === withChart) return known.layout;
  const layout = computeLayout(summary, withChart);
  layouts.set(summary, { withChart, layout });
  return layout;
}

function computeLayout(summary: PatchSpec['summary'], withChart: boolean): SummaryLayout {
  const tierIndex = summary.tables.findIndex((t) => t.title === TIER_TABLE_TITLE && t.rows.length > 0);
  const charted = withChart && tierIndex >= 0;
  const tops: number[] = [];
  let top = charted ? FIRST_TOP + CHART_ROWS + 1 : FIRST_TOP;
  // Each column's longest line over every table, in one pass over the rows.
  const longest: number[] = [];
  const see = (c: number, text: string) => widenToLongestLine(longest, c, text);
  for (const table of summary.tables) {
    tops.push(top);
    top = table.rows.length ? top + 2 + table.rows.length + 1 : top + 4;
    // Headers wrap onto two lines rather than widen a column of small numbers.
    table.headers.forEach((h, c) => see(c, h.length > 14 ? h.slice(0, Math.ceil(h.length / 2) + 2) : h));
    if (table.longest) table.longest.forEach((w, c) => (longest[c] = Math.max(longest[c] ?? 0, w)));
    else for (const r of table.rows) for (let c = 0; c < r.length; c++) if (r[c] !== undefined) see(c, String(r[c]));
  }
  const maxCol = Math.max(1, longest.length);
  const widths: number[] = [];
  for (let c = 0; c < maxCol; c++) widths.push(widthFor(longest[c] ?? 0, 10, MAX_WIDTH[c] ?? 16));
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
  const rowXml = (r: number, cells: TableRow, style: (v: string | number) => number | undefined, fit = true): string => {
    // One pass over the cells: each made and measured (the review rows are as many as the list's).
    let xml = '';
    let lines = 1;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      const ref = `${colName(i + 1)}${r}`;
      if (typeof v === 'number') xml += numberCell(ref, style(v), v);
      else {
        xml += inlineCell(ref, style(v), v);
        if (fit) lines = Math.max(lines, wrappedLines(v, widths[i] ?? 10));
      }
    }
    if (!xml) return '';
    const ht = fit ? heightForLines(lines, fontSize) : undefined;
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
    let ri = 0;
    for (const r of table.rows) {
      chunk += rowXml(at + 2 + ri++, r, (v) => (typeof v === 'string' ? st.wrap : st.plain));
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
function dataBars(table: Table<TableRows>, firstRow: number, before: number): string[] {
  const out: string[] = [];
  for (const c of table.countColumns) {
    const l = colName(c + 1);
    const refs: string[] = [];
    let i = 0;
    for (const r of table.rows) {
      if (r[0] !== TOTAL_LABEL && typeof r[c] === 'number' && r[c] > 0) refs.push(`${l}${firstRow + i}`);
      i++;
    }
    if (!refs.length) continue;
    out.push(
      `<conditionalFormatting sqref="${refs.join(' ')}"><cfRule type="dataBar" priority="${before + out.length + 1}"><dataBar>` +
        `<cfvo type="num" val="0"/><cfvo type="max"/><color rgb="${DATA_BAR_COLOR}"/></dataBar></cfRule></conditionalFormatting>`,
    );
  }
  return out;
}
