/**
 * Realistic nomination lists ("Danh sách đề nghị khen thưởng") built in code with exceljs, for the
 * command-line and adapter tests. Rows are given under the standard headers (spec §4); options pick
 * the layouts offices actually send: a title block of merged rows, a header split over two merged
 * rows, a row of column numbers, section and total rows, a signature block, dates as Excel dates or
 * as text, "x" for yes, headers without diacritics, the list on a second sheet.
 *
 * Deliberately independent of src/: the fixtures must not share the engine's idea of a sheet.
 */
import ExcelJS from 'exceljs';

export type CellValue = string | number | boolean | Date | null;
/** One nominee: standard header → cell value. */
export type RowCells = Readonly<Record<string, CellValue | undefined>>;

export const NAME = 'Tên tập thể, cá nhân';
export const SUBJECT = 'Đối tượng';
export const UNIT = 'Chức vụ, đơn vị công tác';
export const PROPOSED = 'Hình thức đề nghị';
export const SUBMITTED = 'Ngày trình';
export const SUMMARY = 'Tóm tắt thành tích';
export const MONEY = 'Giá trị đóng góp (đồng)';

/** The general columns in the order a template lays them out; every other column is a criterion. */
export const GENERAL = [NAME, SUBJECT, UNIT, PROPOSED, 'Đợt khen thưởng', 'Năm', SUBMITTED, 'Mức thành tích'] as const;

export type DateStyle = 'as-given' | 'excel' | 'dmy' | 'long' | 'iso';

export interface ListOptions {
  rows: readonly RowCells[];
  /** Standard headers, in sheet order; default: name, subject, proposed and every header a row fills. */
  columns?: readonly string[];
  /** The sheet's own header text for a standard column (a variant, or text the engine cannot know). */
  headerText?: Readonly<Record<string, string>>;
  sheetName?: string;
  /** An "STT" column first (default true). */
  stt?: boolean;
  /** Agency + national motto, the list title merged across, the "kèm theo Tờ trình" line. */
  title?: boolean;
  district?: string;
  year?: number;
  /** 'two-row': general columns merged over two rows, the criteria under a merged "Tiêu chí". */
  header?: 'single' | 'two-row';
  /** "(1)", "(2)", … under the header. */
  columnNumbers?: boolean;
  /**
   * Collectives under "I. TẬP THỂ", individuals and households under "II. CÁ NHÂN": 'merged' writes
   * the title in one cell merged across the table; 'split' writes "I" in STT and the text under the name.
   */
  sections?: false | 'merged' | 'split';
  /** A "Tổng cộng" row after the last nominee. */
  totals?: boolean;
  /** Place-and-date line, "Người lập biểu" / "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", then the signers' names. */
  signature?: boolean;
  /** How dd/mm/yyyy values in Ngày trình are written. */
  dates?: DateStyle;
  /** Written instead of "Có" (e.g. "x"). */
  yes?: string;
  /** Written instead of "Không"; null leaves the cell blank (sheets that only mark yes). */
  no?: string | null;
  /** Header text style: as written, without diacritics (and đ → d), or upper case. */
  headerCase?: 'as-given' | 'no-diacritics' | 'upper';
  /** A "Hướng dẫn" sheet before the list. */
  instructionsSheet?: boolean;
}

export interface BuiltList {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  sheetName: string;
  /** The (lower) header row. */
  headerRow: number;
  /** Excel row of rows[i]. */
  rowOf: number[];
  /** Standard header → column number. */
  columnOf: Record<string, number>;
  /** The last column of the table. */
  width: number;
}

/** Headers without diacritics, as typed on keyboards without Vietnamese input. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

const INDIVIDUAL = /^(ho\b|gia dinh|can bo|cbcc|cong chuc|vien chuc|nguoi lao dong|nong dan|cong nhan|xa vien|doanh nhan|tri thuc|nha khoa hoc)/;

/** Whether a row goes under "II. CÁ NHÂN" (people and households) rather than "I. TẬP THỂ". */
export function isIndividual(row: RowCells): boolean {
  return INDIVIDUAL.test(stripDiacritics(String(row[SUBJECT] ?? '')).toLowerCase().trim());
}

/** "dd/mm/yyyy" → its parts, or null when the value is not such a date. */
export function dmyParts(v: unknown): { d: number; m: number; y: number } | null {
  const m = typeof v === 'string' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim()) : null;
  return m ? { d: Number(m[1]), m: Number(m[2]), y: Number(m[3]) } : null;
}

/** A calendar date as exceljs writes it: UTC midnight, so the serial is a whole day. */
export function excelDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function styleDate(v: CellValue, style: DateStyle): CellValue {
  const p = dmyParts(v);
  if (!p || style === 'as-given') return v;
  switch (style) {
    case 'excel':
      return excelDate(p.y, p.m, p.d);
    case 'dmy':
      return `${pad2(p.d)}/${pad2(p.m)}/${p.y}`;
    case 'long':
      return `ngày ${pad2(p.d)} tháng ${pad2(p.m)} năm ${p.y}`;
    case 'iso':
      return `${p.y}-${pad2(p.m)}-${pad2(p.d)}`;
  }
}

/** The columns to lay out: the given ones, or the general ones used plus every other header in first-use order. */
export function columnsFor(rows: readonly RowCells[], given?: readonly string[]): string[] {
  if (given) return [...given];
  const used = new Set<string>([NAME, SUBJECT, PROPOSED]);
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (v !== undefined) used.add(k);
  const general = GENERAL.filter((h) => used.has(h));
  const others = [...used].filter((h) => !(GENERAL as readonly string[]).includes(h) && h !== SUMMARY);
  return [...general, ...others, ...(used.has(SUMMARY) ? [SUMMARY] : [])];
}

function headerShown(header: string, opts: ListOptions): string {
  const text = opts.headerText?.[header] ?? header;
  switch (opts.headerCase ?? 'as-given') {
    case 'no-diacritics':
      return stripDiacritics(text);
    case 'upper':
      return text.toUpperCase();
    default:
      return text;
  }
}

function cellShown(header: string, v: CellValue | undefined, opts: ListOptions): CellValue | undefined {
  if (v === undefined || v === null) return v;
  if (header === SUBMITTED) return styleDate(v, opts.dates ?? 'as-given');
  if (typeof v === 'string' && !(GENERAL as readonly string[]).includes(header)) {
    if (opts.yes !== undefined && v === 'Có') return opts.yes;
    if (opts.no !== undefined && v === 'Không') return opts.no;
  }
  return v;
}

const BOLD_CENTER: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };

function put(ws: ExcelJS.Worksheet, r: number, c: number, value: CellValue, style?: Partial<ExcelJS.Style>): void {
  const cell = ws.getCell(r, c);
  cell.value = value;
  if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
  if (style?.font) cell.font = style.font;
  if (style?.alignment) cell.alignment = style.alignment;
}

/** Writes text into a block of columns on one row, merged when it spans more than one. */
function block(ws: ExcelJS.Worksheet, r: number, left: number, right: number, text: string, style: Partial<ExcelJS.Style> = BOLD_CENTER): void {
  put(ws, r, left, text, style);
  if (right > left) ws.mergeCells(r, left, r, right);
}

/** The instructions sheet offices put first, with a column legend that must not pass for a header. */
export function addInstructionsSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('Hướng dẫn');
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 60;
  put(ws, 1, 1, 'HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', { font: { bold: true } });
  put(ws, 2, 1, 'Mỗi tập thể, cá nhân ghi trên một dòng của trang "Danh sách"; không chèn dòng trống giữa danh sách.');
  put(ws, 4, 1, 'Cột', { font: { bold: true } });
  put(ws, 4, 2, 'Nội dung', { font: { bold: true } });
  const legend: [string, string][] = [
    ['B', NAME],
    ['C', SUBJECT],
    ['D', PROPOSED],
    ['E', `${SUBMITTED} (dd/mm/yyyy)`],
  ];
  legend.forEach(([col, text], i) => {
    put(ws, 5 + i, 1, col);
    put(ws, 5 + i, 2, text);
  });
  put(ws, 10, 1, 'Các cột tiêu chí ghi "Có" hoặc "Không" (hoặc đánh dấu x).');
  return ws;
}

/** Adds one list sheet to a workbook. */
export function addList(wb: ExcelJS.Workbook, opts: ListOptions): BuiltList {
  const sheetName = opts.sheetName ?? 'Danh sách';
  const ws = wb.addWorksheet(sheetName);
  const columns = columnsFor(opts.rows, opts.columns);
  const twoRow = opts.header === 'two-row';
  const stt = opts.stt ?? true;
  // In a two-row header the criteria sit together under "Tiêu chí"; the general columns frame them.
  const isCriterion = (h: string) => !(GENERAL as readonly string[]).includes(h) && h !== SUMMARY;
  const ordered = twoRow ? [...columns.filter((h) => !isCriterion(h) && h !== SUMMARY), ...columns.filter(isCriterion), ...columns.filter((h) => h === SUMMARY)] : columns;
  const first = stt ? 2 : 1;
  const columnOf: Record<string, number> = {};
  ordered.forEach((h, i) => (columnOf[h] = first + i));
  const width = first + ordered.length - 1;
  const nameCol = columnOf[NAME];
  ws.getColumn(nameCol).width = 34;

  let r = 1;
  if (opts.title) {
    const year = opts.year ?? 2023;
    const district = opts.district ?? 'THẠCH HÀ';
    const split = Math.max(1, Math.floor(width / 3));
    block(ws, 1, 1, split, `ỦY BAN NHÂN DÂN HUYỆN ${district.toUpperCase()}`);
    block(ws, 1, split + 1, width, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    block(ws, 2, 1, split, 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG');
    block(ws, 2, split + 1, width, 'Độc lập - Tự do - Hạnh phúc');
    block(ws, 4, 1, width, `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM ${year}`, { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } });
    block(ws, 5, 1, width, `(Kèm theo Tờ trình số 112/TTr-UBND ngày 05/12/${year} của UBND huyện ${district})`, { font: { italic: true }, alignment: { horizontal: 'center' } });
    r = 7;
  }

  const top = r;
  const headerRow = twoRow ? top + 1 : top;
  if (stt) {
    put(ws, top, 1, 'STT', BOLD_CENTER);
    if (twoRow) ws.mergeCells(top, 1, headerRow, 1);
  }
  const criteria = ordered.filter(isCriterion);
  for (const h of ordered) {
    const c = columnOf[h];
    if (twoRow && isCriterion(h)) {
      put(ws, headerRow, c, headerShown(h, opts), BOLD_CENTER);
    } else {
      put(ws, top, c, headerShown(h, opts), BOLD_CENTER);
      if (twoRow) ws.mergeCells(top, c, headerRow, c);
    }
  }
  if (twoRow && criteria.length) {
    const c0 = columnOf[criteria[0]];
    block(ws, top, c0, c0 + criteria.length - 1, headerShown('Tiêu chí', opts));
  }
  r = headerRow + 1;
  if (opts.columnNumbers) {
    for (let c = 1; c <= width; c++) put(ws, r, c, `(${c})`, { alignment: { horizontal: 'center' }, font: { italic: true } });
    r++;
  }

  const rowOf: number[] = new Array(opts.rows.length);
  const writeRow = (i: number, n: number) => {
    if (stt) put(ws, r, 1, n);
    for (const h of ordered) {
      const v = cellShown(h, opts.rows[i][h], opts);
      if (v !== undefined && v !== null) put(ws, r, columnOf[h], v);
    }
    rowOf[i] = r++;
  };
  const sectionRow = (roman: string, text: string) => {
    if (opts.sections === 'split') {
      if (stt) {
        put(ws, r, 1, roman, { font: { bold: true } });
        put(ws, r, nameCol, text, { font: { bold: true } });
      } else put(ws, r, nameCol, `${roman}. ${text}`, { font: { bold: true } });
    } else block(ws, r, 1, width, `${roman}. ${text}`, { font: { bold: true } });
    r++;
  };
  const indices = opts.rows.map((_, i) => i);
  if (opts.sections) {
    const groups: [string, string, number[]][] = [
      ['I', 'TẬP THỂ', indices.filter((i) => !isIndividual(opts.rows[i]))],
      ['II', 'CÁ NHÂN, HỘ GIA ĐÌNH', indices.filter((i) => isIndividual(opts.rows[i]))],
    ];
    let n = 1;
    for (const [roman, text, members] of groups) {
      if (!members.length) continue;
      sectionRow(roman, text);
      for (const i of members) writeRow(i, n++);
    }
  } else indices.forEach((i) => writeRow(i, i + 1));

  if (opts.totals) {
    const label = `Tổng cộng: ${opts.rows.length} tập thể, cá nhân`;
    if (stt) block(ws, r, 1, nameCol, label, { font: { bold: true } });
    else put(ws, r, nameCol, label, { font: { bold: true } });
    // Offices sum the money column on the total row.
    const money = columnOf[MONEY];
    if (money !== undefined) {
      const sum = opts.rows.reduce((s, row) => s + (typeof row[MONEY] === 'number' ? (row[MONEY] as number) : 0), 0);
      put(ws, r, money, sum, { font: { bold: true } });
    }
    r++;
  }

  if (opts.signature) {
    const year = opts.year ?? 2023;
    const place = opts.district ?? 'Thạch Hà';
    const leftEnd = Math.max(1, Math.min(nameCol, width - 2));
    const rightStart = Math.max(leftEnd + 1, width - 2);
    r++;
    block(ws, r++, rightStart, width, `${place}, ngày 05 tháng 12 năm ${year}`, { font: { italic: true }, alignment: { horizontal: 'center' } });
    block(ws, r, 1, leftEnd, 'NGƯỜI LẬP BIỂU');
    block(ws, r++, rightStart, width, 'TM. ỦY BAN NHÂN DÂN');
    block(ws, r++, rightStart, width, 'CHỦ TỊCH');
    block(ws, r, 1, leftEnd, '(Ký, ghi rõ họ tên)', { font: { italic: true }, alignment: { horizontal: 'center' } });
    block(ws, r++, rightStart, width, '(Ký tên, đóng dấu)', { font: { italic: true }, alignment: { horizontal: 'center' } });
    r += 3;
    block(ws, r, 1, leftEnd, 'Nguyễn Thị Hoa');
    block(ws, r, rightStart, width, 'Trần Văn Minh');
  }
  return { workbook: wb, sheet: ws, sheetName, headerRow, rowOf, columnOf, width };
}

/** A new workbook holding one list (after a "Hướng dẫn" sheet when asked). */
export function buildList(opts: ListOptions): BuiltList {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ntm-awards tests';
  if (opts.instructionsSheet) addInstructionsSheet(wb);
  return addList(wb, opts);
}

export async function writeWorkbook(file: string, wb: ExcelJS.Workbook): Promise<void> {
  await wb.xlsx.writeFile(file);
}

/** Builds a list and writes it to `file`. */
export async function writeList(file: string, opts: ListOptions): Promise<BuiltList> {
  const built = buildList(opts);
  await writeWorkbook(file, built.workbook);
  return built;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
