/**
 * The catalogue of a management-system export (issue 10) for the streaming check: its sheet
 * usually comes after the list, so the other sheets' top rows are read on their own once a list
 * with code columns is found. Only such lists pay for it.
 */
import { readCatalogue, type Catalogue } from '../core/catalogue';
import type { Cell } from '../core/cell';
import { CATALOGUE_COLUMNS, CATALOGUE_ROWS } from '../xlsx/read';
import { sheetRows, type WorkbookInfo } from '../xlsx/sheet-reader';
import type { ZipPackage } from '../xlsx/zip-read';

export async function streamCatalogue(pkg: ZipPackage, info: WorkbookInfo, listPart: string): Promise<Catalogue> {
  const sheets: { name: string; rows: Cell[][] }[] = [];
  for (const ref of info.sheets) {
    if (ref.part === listPart || !pkg.entry(ref.part)) continue;
    const rows: Cell[][] = [];
    read: for await (const batch of sheetRows(pkg, info, ref.part, 'catalogue')) {
      for (const r of batch) {
        // Leaving the generator closes the part: a catalogue is a few hundred rows at the top.
        if (r.row > CATALOGUE_ROWS) break read;
        rows[r.row - 1] = Array.from({ length: Math.min(r.last, CATALOGUE_COLUMNS) }, (_, c) => r.cells[c] ?? { value: null });
      }
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name: ref.name, rows });
  }
  return readCatalogue(sheets);
}
