/**
 * The catalogue of a management-system export (issue 10) for the streaming check: its sheet
 * usually comes after the list, where the single streaming pass meets it too late, so the other
 * sheets are read once more on their own. Only lists with code columns pay for it.
 */
import ExcelJS from 'exceljs';
import { readCatalogue, type Catalogue } from '../core/catalogue';
import type { Cell } from '../core/cell';
import { CATALOGUE_ROWS, toCell } from '../xlsx/read';

export async function streamCatalogue(file: string, listSheet: string): Promise<Catalogue> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: { name: string; rows: Cell[][] }[] = [];
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
    const keep = ws.name !== listSheet;
    const rows: Cell[][] = [];
    // Every row is still read: the stream only ends once the sheet is consumed.
    for await (const row of ws) {
      if (!keep || row.number > CATALOGUE_ROWS) continue;
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = toCell(cell.value);
      });
      for (let c = 0; c < cells.length; c++) cells[c] ??= { value: null };
      rows[row.number - 1] = cells;
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    if (keep) sheets.push({ name: ws.name, rows });
  }
  return readCatalogue(sheets);
}
