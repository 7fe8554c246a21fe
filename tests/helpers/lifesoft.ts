/**
 * Workbooks shaped like the exports of a commendation-management system (issue 10), with our own
 * names and codes: lists with a title row, code columns and a "DANHMUC" catalogue sheet; and an
 * import template whose code columns are VLOOKUP formulas over its own (hidden) catalogue sheets.
 * Independent of src/: the fixtures must not share the engine's idea of a sheet.
 */
import ExcelJS from 'exceljs';

/** Award forms of the list catalogue: code → name. */
export const LIST_AWARDS: readonly [string, string][] = [
  ['7100001', 'Huân chương Lao động hạng Ba'],
  ['7100002', 'Bằng khen của Thủ tướng Chính phủ'],
  ['7100003', 'Bằng khen của Chủ tịch UBND tỉnh'],
  ['7100004', 'Giấy khen của Chủ tịch UBND huyện'],
];
/** Emulation titles of the list catalogue. */
export const LIST_TITLES: readonly [string, string][] = [
  ['7200001', 'Chiến sĩ thi đua cơ sở'],
  ['7200002', 'Lao động tiên tiến'],
];
/** Categories of individuals ("Phân loại cán bộ"). */
export const LIST_PEOPLE: readonly [string, string][] = [
  ['7300001', 'Lãnh đạo cấp vụ, sở, ngành và tương đương'],
  ['7300002', 'Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu'],
  ['7300003', 'Hộ gia đình'],
];
/** Categories of collectives ("Tên phân loại đơn vị"). */
export const LIST_UNITS: readonly [string, string][] = [
  ['7400001', 'Doanh nghiệp'],
  ['7400002', 'Hợp tác xã'],
  ['7400003', 'Cơ quan hành chính'],
];

export interface IndividualRow {
  name: string;
  position?: string;
  unit?: string;
  /** Codes, as text (the system writes them as text). */
  subject?: string;
  award?: string;
  title?: string;
}

export interface CollectiveRow {
  name: string;
  subject?: string;
  award?: string;
  title?: string;
}

function addCatalogue(wb: ExcelJS.Workbook, people: readonly [string, string][], peopleHeaders: [string, string]): void {
  const ws = wb.addWorksheet('DANHMUC');
  ws.getRow(2).values = ['STT', 'Mã số', 'Hình thức khen thưởng', null, 'STT', 'Mã số', 'Danh hiệu thi đua', null, 'STT', ...peopleHeaders];
  const n = Math.max(LIST_AWARDS.length, LIST_TITLES.length, people.length);
  for (let i = 0; i < n; i++) {
    const row = ws.getRow(3 + i);
    const put = (col: number, entry: [string, string] | undefined) => {
      if (!entry) return;
      row.getCell(col).value = i + 1;
      row.getCell(col + 1).value = entry[0];
      row.getCell(col + 2).value = entry[1];
    };
    put(1, LIST_AWARDS[i]);
    put(5, LIST_TITLES[i]);
    put(9, people[i]);
  }
}

function title(ws: ExcelJS.Worksheet, text: string, width: number): void {
  ws.getCell(1, 1).value = text;
  ws.mergeCells(1, 1, 1, width);
}

/** "Danh sách đối tượng đề nghị khen thưởng": individuals with codes, catalogue sheet after the list. */
export function individualsList(rows: readonly IndividualRow[], people = LIST_PEOPLE): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DANHSACH');
  title(ws, 'DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG', 11);
  ws.getRow(3).values = [
    'STT',
    'Họ và tên',
    'Giới tính',
    'Ngày sinh',
    'Chức vụ',
    'Tên phòng ban/ khối, tổ \ncông tác',
    'Tên đơn vị/tập thể\ncông tác',
    'Địa chỉ / Nơi ở',
    'Mã phân loại cán bộ',
    'Mã hình thức khen thưởng',
    'Mã danh hiệu thi đua\n(nếu có)',
  ];
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = [i + 1, r.name, 'NAM', null, r.position ?? null, null, r.unit ?? null, null, r.subject ?? null, r.award ?? null, r.title ?? null];
  });
  addCatalogue(wb, people, ['Mã phân loại cán bộ', 'Phân loại cán bộ']);
  return wb;
}

/** "Danh sách tập thể đề nghị khen thưởng": collectives with codes. */
export function collectivesList(rows: readonly CollectiveRow[], units = LIST_UNITS): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DANHSACH');
  title(ws, 'DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG', 5);
  ws.getRow(3).values = ['STT', 'Tên đơn vị / tập thể', 'Mã phân loại tập thể', 'Mã hình thức khen thưởng', 'Mã danh hiệu thi đua\n(nếu có)'];
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = [i + 1, r.name, r.subject ?? null, r.award ?? null, r.title ?? null];
  });
  addCatalogue(wb, units, ['Mã số phân loại', 'Tên phân loại đơn vị']);
  return wb;
}

/** The import template's catalogues: the same names as the lists, other codes (another version). */
export const TEMPLATE_AWARDS: readonly [string, string][] = [
  ['Bằng khen của Chủ tịch UBND tỉnh', '9100031'],
  ['Bằng khen của Thủ tướng Chính phủ', '9100032'],
  ['Giấy khen của Chủ tịch UBND huyện', '9100033'],
  ['Chiến sĩ thi đua cơ sở', '9100034'],
];
/** Subject categories: numbers, as the system writes them in this sheet. */
export const TEMPLATE_SUBJECTS: readonly [string, number][] = [
  ['Cơ quan hành chính', 9200041],
  ['Doanh nghiệp', 9200042],
  ['Hộ gia đình', 9200043],
  ['Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu', 9200044],
  ['Lãnh đạo cấp vụ, sở, ngành và tương đương', 9200045],
];
export const TEMPLATE_CLASSES: readonly [string, string][] = [
  ['Khen thưởng cá nhân', 'CANHAN'],
  ['Khen thưởng tập thể', 'TAPTHE'],
  ['Khen thưởng hộ gia đình', 'HOGIADINH'],
];

export const TEMPLATE_HEADERS = [
  'STT',
  'Tên gọi\n(Ông/Bà/Chức danh)',
  'Tên tập thể/cá nhân/hộ gia đình',
  'Chức vụ',
  'Đơn vị công tác',
  'Phân loại khen thưởng',
  'Danh hiệu thi đua/Hình thức khen thưởng',
  'Phân loại đối tượng',
  'Lĩnh vực hoạt động',
] as const;

/** The import template: sheet "file nhận" with `rows` prepared formula rows, catalogue sheets hidden. */
export function importTemplate(rows = 20): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('file nhận');
  ws.getRow(1).values = [...TEMPLATE_HEADERS];
  ws.getCell(1, 18).value = 'Mã Phân loại khen thưởng';
  ws.getCell(1, 19).value = 'Mã Danh hiệu thi đua';
  ws.getCell(1, 20).value = 'Mã phân loại loại tượng';
  ws.getCell(1, 21).value = 'Mã Lĩnh vực hoạt động';
  ws.getCell(1, 3).font = { bold: true };
  for (let r = 2; r <= rows + 1; r++) {
    const na = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell(r, 18).value = { formula: `VLOOKUP(F${r},'phan loai kt'!$A$2:$B$4,2,0)`, result: na };
    ws.getCell(r, 19).value = { formula: `VLOOKUP(G${r},HTKT!$A$2:$B$300,2,0)`, result: na };
    ws.getCell(r, 20).value = { formula: `VLOOKUP(H${r},PLDT!$A$2:$B$14,2,0)`, result: na };
    ws.getCell(r, 21).value = { formula: `VLOOKUP(I${r},LVHD!$A$2:$B$25,2,0)`, result: na };
  }
  const sheet = (name: string, head: [string, string] | null, entries: readonly (readonly [string, string | number])[]) => {
    const s = wb.addWorksheet(name, { state: 'hidden' });
    if (head) s.getRow(1).values = head;
    entries.forEach((e, i) => (s.getRow(2 + i).values = [e[0], e[1]]));
  };
  sheet('HTKT', ['tenhinhthuckt', 'mahinhthuckt'], TEMPLATE_AWARDS);
  sheet('PLDT', ['tenphanloai', 'maphanloai'], TEMPLATE_SUBJECTS);
  sheet('LVHD', ['NAME', 'CODE'], [['Quản lý Nhà nước', '0015']]);
  sheet('phan loai kt', null, TEMPLATE_CLASSES);
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.getRow(1).values = [...TEMPLATE_HEADERS];
  guide.getRow(2).values = [1, 'Ông', 'Nguyễn Văn Mẫu', 'Giám đốc', 'Sở Mẫu', 'Khen thưởng cá nhân', 'Bằng khen', 'Doanh nhân'];
  return wb;
}
