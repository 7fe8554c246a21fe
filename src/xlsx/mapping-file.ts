/**
 * The office's catalogue mapping, `doi-chieu-danh-muc.xlsx` (issue 21 §2): one row per distinct
 * value of the lists that the template's catalogue does not name (a subject type such as "Xã", an
 * award form such as "Huân chương Lao động"), a dropdown of the catalogue's entries of that kind to
 * choose from, the suggested entries and the rows the value blocked. The clerk chooses once; the
 * next export reads the choices. exceljs only, no file system: the page outside Excel uses it too.
 */
import ExcelJS from 'exceljs';
import type { Catalogues, MappingChoice, MappingKind, MappingRow } from '../core/catalogue-export';
import { MAPPING_KIND_LABELS } from '../core/catalogue-export';
import { fold } from '../core/text';
import { PRODUCT_VERSION } from '../core/version';

export const MAPPING_FILE = 'doi-chieu-danh-muc.xlsx';
export const MAPPING_SHEET = 'Đối chiếu';
const LISTS_SHEET = 'Danh mục';
const HEADER_ROW = 4;

export const MAPPING_HEADERS = {
  stt: 'STT',
  kind: 'Loại',
  value: 'Giá trị trong danh sách',
  choice: 'Tên trong danh mục phần mềm (chọn)',
  candidates: 'Gợi ý',
  count: 'Số dòng bị chặn',
  rows: 'Các dòng',
} as const;

const ORDER = ['stt', 'kind', 'value', 'choice', 'candidates', 'count', 'rows'] as const;
const WIDTHS = [6, 22, 40, 60, 60, 12, 60];
/** Rows named in one "Các dòng" cell; the rest counted. */
const ROWS_NAMED = 20;

/** The mapping workbook: the rows to choose for, each with a dropdown of its kind's entries. */
export function mappingWorkbook(rows: readonly MappingRow[], catalogues: Catalogues, template: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = `ntm-awards ${PRODUCT_VERSION}`;
  const ws = wb.addWorksheet(MAPPING_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.getCell(1, 1).value = 'ĐỐI CHIẾU DANH MỤC PHẦN MỀM QUẢN LÝ THI ĐUA KHEN THƯỞNG';
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value =
    `Mỗi dòng là một giá trị của danh sách mà danh mục của mẫu nhập (${template}) không có. Chọn ở cột “${MAPPING_HEADERS.choice}” mục dùng cho giá trị đó, một lần; ` +
    `lần xuất sau: ntm-awards export … --mapping ${MAPPING_FILE}. Dòng để trống thì các dòng danh sách đó chưa được ghi vào mẫu nhập.`;
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(2, 1, 2, ORDER.length);
  ws.getRow(2).height = 45;
  const header = ws.getRow(HEADER_ROW);
  ORDER.forEach((k, i) => {
    const c = header.getCell(i + 1);
    c.value = MAPPING_HEADERS[k];
    c.font = { bold: true };
    c.alignment = { wrapText: true, vertical: 'middle' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    ws.getColumn(i + 1).width = WIDTHS[i];
  });

  // The entries the dropdowns offer, on a sheet of their own (a list of over 255 characters cannot be inline).
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const kinds: MappingKind[] = ['subject', 'award'];
  kinds.forEach((kind, i) => {
    lists.getCell(1, i + 1).value = MAPPING_KIND_LABELS[kind];
    catalogues[kind].forEach((name, j) => (lists.getCell(2 + j, i + 1).value = name));
  });
  const range = (kind: MappingKind) => {
    const col = kind === 'subject' ? 'A' : 'B';
    return `'${LISTS_SHEET}'!$${col}$2:$${col}$${Math.max(2, catalogues[kind].length + 1)}`;
  };

  rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    const named = r.rows.slice(0, ROWS_NAMED).join('; ');
    const more = r.rows.length > ROWS_NAMED ? ` và ${r.rows.length - ROWS_NAMED} dòng khác` : '';
    row.values = [i + 1, MAPPING_KIND_LABELS[r.kind], r.value, r.choice || null, r.candidates.join('; ') || null, r.rows.length, named + more || null];
    row.alignment = { wrapText: true, vertical: 'top' };
    const choice = row.getCell(4);
    choice.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [range(r.kind)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Không có trong danh mục',
      error: 'Chọn một mục trong danh sách thả xuống (danh mục của mẫu nhập).',
    };
    choice.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
    // Values that look like formulas stay text.
    if (/^[=+\-@]/.test(r.value)) row.getCell(3).value = { richText: [{ text: r.value }] };
  });
  return wb;
}

export async function mappingBytes(rows: readonly MappingRow[], catalogues: Catalogues, template: string): Promise<Uint8Array> {
  return new Uint8Array(await mappingWorkbook(rows, catalogues, template).xlsx.writeBuffer());
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
  return String(v).trim();
}

const key = (s: string) => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();

/** The choices of a mapping workbook, or why it is not one. */
export function readMapping(wb: ExcelJS.Workbook): { choices: MappingChoice[] } | { problem: string } {
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, 15); r++) {
      const cols = new Map<string, number>();
      ws.getRow(r).eachCell((c, col) => cols.set(key(text(c.value)), col));
      const kindCol = cols.get(key(MAPPING_HEADERS.kind));
      const valueCol = cols.get(key(MAPPING_HEADERS.value));
      const choiceCol = cols.get(key(MAPPING_HEADERS.choice)) ?? [...cols].find(([k]) => k.startsWith(key('Tên trong danh mục')))?.[1];
      if (kindCol === undefined || valueCol === undefined || choiceCol === undefined) continue;
      const choices: MappingChoice[] = [];
      for (let i = r + 1; i <= ws.rowCount; i++) {
        const row = ws.getRow(i);
        const k = key(text(row.getCell(kindCol).value));
        const kind = (Object.keys(MAPPING_KIND_LABELS) as MappingKind[]).find((m) => key(MAPPING_KIND_LABELS[m]) === k);
        const value = text(row.getCell(valueCol).value);
        const choice = text(row.getCell(choiceCol).value);
        if (kind && value && choice) choices.push({ kind, value, choice });
      }
      return { choices };
    }
  }
  return { problem: `không thấy trang có cột “${MAPPING_HEADERS.value}” và “${MAPPING_HEADERS.choice}”` };
}
