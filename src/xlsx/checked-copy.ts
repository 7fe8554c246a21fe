/**
 * The checked copy (--out, "Tải về"): the user's workbook with the five result columns beside the
 * table, fills on missing cells and late rows, and a "Tổng hợp" sheet. Only the copy is changed.
 */
import ExcelJS from 'exceljs';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { FILLS, RESULT_HEADERS, resultCells, sheetNames, summaryTables, type Table } from '../core/report';
import type { CheckedWorkbook } from './check-workbook';

export const SUMMARY_SHEET = 'Tổng hợp';

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Characters XML 1.0 cannot hold, which exceljs would write as they are (U+FFFE, U+FFFF). */
const NOT_XML = /[\uFFFE\uFFFF]/g;

/** Text is written as text: exceljs never turns a string into a formula, and we never pass one. */
function safeText(s: string): string {
  const clean = s.replace(NOT_XML, '');
  // Excel rejects cell text over 32,767 characters; keep the start and say it was cut.
  return clean.length > 32_000 ? `${clean.slice(0, 32_000)}…` : clean;
}

/** The copy must open: user text holding characters XML cannot carry loses them (only in the copy). */
function scrubWorkbook(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string' && NOT_XML.test(v)) cell.value = v.replace(NOT_XML, '');
        NOT_XML.lastIndex = 0;
      });
    });
  }
}

/** Adds the result columns, fills and the summary sheet to the checked workbook, in memory. */
export function addCheckedResults(checked: CheckedWorkbook, plan: CompiledPlan): void {
  const { workbook: wb, sheet: ws, match, items } = checked;
  scrubWorkbook(wb);
  const first = Math.max(ws.columnCount, ...Object.values(match.columns)) + 1;
  const headerTop = match.headerRow - match.headerRows + 1;
  RESULT_HEADERS.forEach((h, i) => {
    const cell = ws.getCell(headerTop, first + i);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = fill(FILLS.header);
    cell.alignment = { wrapText: true, vertical: 'middle' };
    if (match.headerRows === 2) ws.mergeCells(headerTop, first + i, match.headerRow, first + i);
  });
  ws.getColumn(first).width = 20;
  ws.getColumn(first + 1).width = 28;
  ws.getColumn(first + 2).width = 28;
  ws.getColumn(first + 3).width = 24;
  ws.getColumn(first + 4).width = 80;
  const names = sheetNames(match, plan.registry);
  for (const item of items) {
    const texts = resultCells(item.decision, names);
    texts.forEach((t, i) => {
      const cell = ws.getCell(item.row, first + i);
      cell.value = safeText(t);
      cell.alignment = { wrapText: i === 4, vertical: 'top' };
    });
    ws.getCell(item.row, first).fill = fill(FILLS.status[item.decision.status]);
    for (const header of item.decision.missing) {
      const col = match.columns[header];
      if (col) ws.getCell(item.row, col).fill = fill(FILLS.missingCell);
    }
    if (item.decision.deadline.status === 'late') {
      ws.getCell(item.row, first + 3).fill = fill(FILLS.lateRow);
      // The name cell marks the late row (header detection always maps the name column).
      const nameCol = match.columns[COL.name];
      if (nameCol) ws.getCell(item.row, nameCol).fill = fill(FILLS.lateRow);
    }
  }
  addSummarySheet(wb, checked, plan);
}

function addSummarySheet(wb: ExcelJS.Workbook, checked: CheckedWorkbook, plan: CompiledPlan): void {
  let name = SUMMARY_SHEET;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${SUMMARY_SHEET} ${i}`;
  const ws = wb.addWorksheet(name);
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= 6; c++) ws.getColumn(c).width = 16;
  ws.getCell(1, 1).value = safeText(`Tổng hợp kết quả kiểm tra — ${plan.plan.title}`);
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = safeText(`Kế hoạch: ${plan.plan.id} (${plan.plan.issuer}); trang tính: ${checked.report.sheet}`);
  let row = 4;
  for (const table of summaryTables(checked.items)) row = writeTable(ws, table, row) + 2;
}

function writeTable(ws: ExcelJS.Worksheet, table: Table, top: number): number {
  ws.getCell(top, 1).value = table.title;
  ws.getCell(top, 1).font = { bold: true };
  table.headers.forEach((h, i) => {
    const c = ws.getCell(top + 1, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = fill(FILLS.header);
  });
  table.rows.forEach((r, ri) => {
    r.forEach((v, ci) => {
      const c = ws.getCell(top + 2 + ri, ci + 1);
      c.value = typeof v === 'string' ? safeText(v) : v;
      if (typeof v === 'string' && v.includes('\n')) c.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  const last = top + 1 + table.rows.length;
  if (table.rows.length === 0) {
    ws.getCell(top + 2, 1).value = '(không có)';
    return top + 2;
  }
  // exceljs cannot write charts: native data bars on the count columns stand in for one.
  for (const col of table.countColumns) {
    const letter = ws.getColumn(col + 1).letter;
    ws.addConditionalFormatting({
      ref: `${letter}${top + 2}:${letter}${last}`,
      rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as ExcelJS.DataBarRuleType],
    });
  }
  return last;
}
