/** The summary sheet ("Tổng hợp") part. */
import { DATA_BAR_COLOR, MAIN_NS, REL_NS, type PatchSpec } from './patch-spec';
import type { FixedStyles } from './styles';
import { colName, escapeAttr, inlineCell, numberCell } from './xml';
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

