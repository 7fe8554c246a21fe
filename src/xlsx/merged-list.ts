/**
 * The consolidated list's workbook parts shared by `check <folder> --merge` and the page outside
 * Excel (issue 10 §2): the nominees of one checked workbook with their cells by standard header,
 * the merged list written as a plain workbook (title, header, table), and the summary tables it adds
 * to a check's (per file, files not read). exceljs only, no file system: it runs in the browser too.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../core/cell';
import type { CompiledPlan } from '../core/compile';
import { COL } from '../core/columns';
import type { Decision, Status } from '../core/evaluate';
import { MERGE_HEADERS, type MergedTable, type MergeItem } from '../core/merge';
import { STATUSES, STATUS_LABELS_VI, type Table } from '../core/report';
import { workbookDecoder, type CheckedWorkbook } from './check-workbook';
import { rowCells } from './read';

export const MERGED_SHEET = 'Danh sách tổng hợp';
const TITLE = 'DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG';
/** Row of the merged list's header (a title row and a blank row above it). */
const HEADER_ROW = 3;

/** `plan`: the plan that judged the row, when the check says (several plans judge one list). */
export type CheckedNominee = MergeItem & { decision: Decision; cells: Map<string, Cell>; plan?: CompiledPlan };

/** Every checked row of one workbook as a merge item, code columns decoded through its own catalogue. */
export function nomineesOf(checked: Pick<CheckedWorkbook, 'workbook' | 'sheet' | 'match' | 'items'>, file: string): CheckedNominee[] {
  const { workbook, sheet, match } = checked;
  const decode = workbookDecoder(workbook, sheet, match);
  const width = Math.max(sheet.columnCount, ...Object.values(match.columns));
  return checked.items.map((item) => {
    const raw = rowCells(sheet.getRow(item.row), width);
    const row = decode ? decode(raw) : raw;
    const cells = new Map<string, Cell>();
    for (const [h, col] of Object.entries(match.columns)) if (row[col - 1]) cells.set(h, row[col - 1]);
    return { file, sheet: sheet.name, row: item.row, unit: item.unit, cells, decision: item.decision, ...(item.plan ? { plan: item.plan } : {}) };
  });
}

/** The merged list as a plain workbook: a title, the header, the table; gives each nominee's Excel row. */
export async function mergedListBytes(table: MergedTable): Promise<{ bytes: Uint8Array; rowOf: number[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(MERGED_SHEET);
  ws.getCell(1, 1).value = TITLE;
  ws.mergeCells(1, 1, 1, table.header.length);
  ws.getRow(HEADER_ROW).values = table.header;
  ws.getRow(HEADER_ROW).font = { bold: true };
  const sections = new Set(table.rows.map((_, i) => i));
  for (const i of table.rowOf) sections.delete(i);
  table.rows.forEach((cells, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = row.getCell(c + 1);
      target.value = cell.value;
      if (cell.format) target.numFmt = cell.format;
    });
    if (sections.has(i)) row.font = { bold: true };
  });
  ws.getColumn(table.header.indexOf(COL.name) + 1).width = 32;
  ws.getColumn(table.header.length).width = 40;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes, rowOf: table.rowOf.map((i) => HEADER_ROW + 1 + i) };
}

/** "Theo tệp × kết quả": the merged list's results counted per source file. */
export function countsByFileTable(results: Iterable<{ file: string; status: Status; late: boolean }>): Table {
  const counts = new Map<string, Record<Status | 'late' | 'total', number>>();
  for (const r of results) {
    let c = counts.get(r.file);
    if (!c) counts.set(r.file, (c = { eligible: 0, ineligible: 0, incomplete: 0, 'not-covered': 0, late: 0, total: 0 }));
    c[r.status]++;
    c.total++;
    if (r.late) c.late++;
  }
  const files = [...counts.keys()].sort();
  return {
    title: 'Theo tệp × kết quả',
    headers: [MERGE_HEADERS.file, ...STATUSES.map((s) => STATUS_LABELS_VI[s]), 'Trễ hạn', 'Tổng'],
    rows: files.map((f) => {
      const c = counts.get(f)!;
      return [f, ...STATUSES.map((s) => c[s]), c.late, c.total];
    }),
    countColumns: [1, 2, 3, 4, 5, 6],
  };
}

/** Files that could not be read, each with its one-line reason (file names, not paths). */
export function failuresTable(failures: readonly { file: string; error: string }[]): Table {
  return {
    title: 'Tệp không đọc được (không gộp)',
    headers: ['Tệp', 'Lý do'],
    rows: failures.map((f) => [f.file, f.error.replace(/^ntm-awards: /, '')]),
    countColumns: [],
  };
}

/** The summary's subtitle detail for a merged list. */
export function mergeDetail(read: number, failed: number): string {
  return `${read} tệp gộp, ${failed} tệp không đọc được`;
}
