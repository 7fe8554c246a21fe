/**
 * The plan workbook in exceljs: written from the core's tables (one sheet per block, or every
 * block on one sheet), read back into the core's neutral sheets. Dropdowns are one data
 * validation per range, their lists on a hidden sheet (labels contain commas).
 */
import ExcelJS from 'exceljs';
import { GUIDE_SHEET, LISTS_SHEET, SINGLE_SHEET, colLetter, listOptions, ownVocabulary, type BookValue, type ListName, type OwnVocabulary } from '../core/plan-book/format';
import type { BookSheet } from '../core/plan-book/blocks';
import { blankPlanTables, EXAMPLE_OWN } from '../core/plan-book/blank';
import { guideLines } from '../core/plan-book/guide';
import { planToTables, type BookTable } from '../core/plan-book/to-tables';
import type { Plan } from '../core/plan-schema';
import { toCell } from './read';

/** Rows prepared with dropdowns below the last written row, for the official's additions. */
const SPARE_ROWS = 200;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export type BookLayout = 'sheets' | 'single';

export function buildPlanBook(plan: Plan, layout: BookLayout = 'sheets'): ExcelJS.Workbook {
  return writeBook(planToTables(plan), ownVocabulary(plan), layout, plan);
}

/** `plan new`: the format's every sheet, the example rows of blank.ts, the guide and dropdowns. */
export function buildBlankPlanBook(): ExcelJS.Workbook {
  return writeBook(blankPlanTables(), EXAMPLE_OWN, 'sheets');
}

function writeBook(tables: BookTable[], own: OwnVocabulary, layout: BookLayout, plan?: Plan): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 140;
  guideLines(plan).forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0 || line.startsWith('SHEET') || line.startsWith('CỘT')) cell.font = { bold: true };
  });
  const lists = listRefs(own);
  if (layout === 'sheets') {
    for (const t of tables) {
      const ws = wb.addWorksheet(t.block.title, { views: [{ state: 'frozen', ySplit: 1 }] });
      writeTable(ws, t, 1, lists);
    }
  } else {
    const ws = wb.addWorksheet(SINGLE_SHEET);
    let row = 1;
    for (const t of tables) {
      const title = ws.getCell(row, 1);
      title.value = `[${t.block.title}]`;
      title.font = { bold: true, size: 12 };
      row = writeTable(ws, t, row + 1, lists, 5) + 2;
    }
  }
  // Last, so that the plan's own sheets come first after the guide.
  const hidden = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  lists.columns.forEach((options, i) => options.forEach((o, k) => (hidden.getCell(k + 1, i + 1).value = o)));
  return wb;
}

interface Lists {
  columns: string[][];
  ref(name: ListName): string;
}

function listRefs(own: OwnVocabulary): Lists {
  const names: ListName[] = [];
  const columns: string[][] = [];
  return {
    columns,
    ref(name) {
      let i = names.indexOf(name);
      if (i < 0) {
        names.push(name);
        columns.push(listOptions(name, own));
        i = names.length - 1;
      }
      const col = colLetter(i + 1);
      return `'${LISTS_SHEET}'!$${col}$1:$${col}$${columns[i].length}`;
    },
  };
}

/** Writes header + rows from `top`; returns the last row used. */
function writeTable(ws: ExcelJS.Worksheet, t: BookTable, top: number, lists: Lists, spare = SPARE_ROWS): number {
  t.block.columns.forEach((c, i) => {
    const cell = ws.getCell(top, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    const col = ws.getColumn(i + 1);
    col.width = Math.max(col.width ?? 0, c.width);
  });
  const labelCol = t.block.columns.findIndex((c) => c.key === 'label');
  t.rows.forEach((values, r) => {
    values.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(top + 1 + r, c + 1);
      cell.value = v as ExcelJS.CellValue;
      // Ids and dates such as "05/12" or "1.2" must stay text, not become numbers or dates.
      if (typeof v === 'string') cell.numFmt = '@';
      cell.alignment = { wrapText: true, vertical: 'top', ...(c === labelCol && t.depth?.[r] ? { indent: t.depth[r] } : {}) };
    });
  });
  const last = top + t.rows.length;
  const end = last + spare;
  t.block.columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = colLetter(i + 1);
    // exceljs keeps range validations (one <dataValidation sqref="E2:E300">) but does not type them.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}${top + 1}:${letter}${end}`, {
      type: 'list',
      allowBlank: true,
      formulae: [lists.ref(c.list)],
      showErrorMessage: true,
      // A warning, not a stop: several values may be typed in one cell ("Hằng năm; Sơ kết").
      errorStyle: 'warning',
      errorTitle: c.header.slice(0, 32),
      error: 'Giá trị không có trong danh sách; xem sheet “Hướng dẫn”',
    });
  });
  return last;
}

/** Every sheet of a workbook as neutral rows (formulas as their cached results). */
export function bookSheets(wb: ExcelJS.Workbook): BookSheet[] {
  return wb.worksheets.map((ws) => {
    const rows: BookValue[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: BookValue[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = toCell(row.getCell(c).value);
        cells.push(cell.value);
      }
      rows[n - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: ws.name, rows };
  });
}
