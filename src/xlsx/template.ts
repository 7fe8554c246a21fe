/** The blank nomination list as an exceljs workbook, with dropdowns on every enumerated column. */
import ExcelJS from 'exceljs';
import type { TemplateModel } from '../core/template';
import { colLetter } from './read';

export const TEMPLATE_SHEET = 'Danh sách';
export const LISTS_SHEET = 'Danh mục';
/** Rows prepared with dropdowns; officials rarely send more per commune. */
export const TEMPLATE_ROWS = 1000;

export function buildTemplate(model: TemplateModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 4 }] });
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const width = model.columns.length + 1;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = model.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = model.subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center', wrapText: true };
  const headerRow = 4;
  ws.getCell(headerRow, 1).value = 'STT';
  ws.getColumn(1).width = 6;
  let listCol = 0;
  model.columns.forEach((col, i) => {
    const c = i + 2;
    const cell = ws.getCell(headerRow, c);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    ws.getColumn(c).width = col.width;
    if (col.note) cell.note = col.note;
    if (!col.options?.length) return;
    // Choices live on a hidden sheet: labels contain commas, which inline lists cannot hold.
    listCol++;
    lists.getCell(1, listCol).value = col.header;
    col.options.forEach((o, k) => (lists.getCell(k + 2, listCol).value = o));
    const ref = `'${LISTS_SHEET}'!$${colLetter(listCol)}$2:$${colLetter(listCol)}$${col.options.length + 1}`;
    const letter = colLetter(c);
    for (let r = headerRow + 1; r <= headerRow + TEMPLATE_ROWS; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ref],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: col.header.slice(0, 32), // Excel's limit for a validation title
        error: 'Giá trị không có trong danh mục',
      };
    }
  });
  ws.getRow(headerRow).height = 60;
  return wb;
}

