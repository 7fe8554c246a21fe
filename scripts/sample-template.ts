/**
 * The project's own sample of a commendation-management system's import template (issue 21): the
 * shape of the file a province's system offers for download ("file nhận" with its VLOOKUP code
 * columns over hidden catalogue sheets HTKT, PLDT, LVHD, "phan loai kt", and a "Hướng dẫn" sheet),
 * with a full catalogue of award forms under the Law on Emulation and Commendation and the subject
 * categories such systems use — names as the law writes them, codes made up by the project.
 * For the demo and the tests only: an office imports into its own system's template, never this one.
 *
 *   node build/scripts/sample-template.js [samples/mau-nhap-lifesoft.xlsx]
 */
import path from 'node:path';
import ExcelJS from 'exceljs';

const AWARD_NAMES = [
  'Huân chương Sao vàng',
  'Huân chương Hồ Chí Minh',
  'Huân chương Độc lập hạng Nhất',
  'Huân chương Độc lập hạng Nhì',
  'Huân chương Độc lập hạng Ba',
  'Huân chương Lao động hạng nhất',
  'Huân chương Lao động hạng nhì',
  'Huân chương Lao động hạng ba',
  'Huân chương Bảo vệ Tổ quốc hạng nhất',
  'Huân chương Bảo vệ Tổ quốc hạng nhì',
  'Huân chương Bảo vệ Tổ quốc hạng ba',
  'Huân chương Chiến công hạng nhất',
  'Huân chương Chiến công hạng nhì',
  'Huân chương Chiến công hạng ba',
  'Huân chương Đại đoàn kết dân tộc',
  'Huân chương Dũng cảm',
  'Huân chương Hữu nghị',
  'Huy chương Chiến sĩ vẻ vang hạng nhất',
  'Huy chương Chiến sĩ vẻ vang hạng nhì',
  'Huy chương Chiến sĩ vẻ vang hạng ba',
  'Huy chương Hữu nghị',
  'Anh hùng Lao động',
  'Anh hùng Lực lượng vũ trang Nhân dân',
  'Chiến sĩ thi đua toàn quốc',
  'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương',
  'Chiến sĩ thi đua cơ sở',
  'Chiến sĩ tiên tiến',
  'Lao động tiên tiến',
  'Tập thể lao động xuất sắc',
  'Tập thể lao động tiên tiến',
  'Đơn vị quyết thắng',
  'Đơn vị tiên tiến',
  'Gia đình văn hóa',
  'Thôn văn hóa',
  'Cờ thi đua của Chính phủ',
  'Cờ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương',
  'Cờ thi đua của UBND tỉnh',
  'Bằng khen của Thủ tướng Chính phủ',
  'Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương',
  'Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
  'Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh',
  'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện',
  'Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã',
  'Giải thưởng Hồ Chí Minh',
  'Giải thưởng Nhà nước',
  'Nhà giáo Nhân dân',
  'Nhà giáo ưu tú',
  'Thầy thuốc Nhân dân',
  'Thầy thuốc Ưu tú',
  'Nghệ sĩ Nhân dân',
  'Nghệ sĩ Ưu tú',
  'Kỷ niệm chương, Huy hiệu',
] as const;

/** Award forms (HTKT): name → code (text, as such systems write them). */
export const SAMPLE_AWARDS: readonly [string, string][] = AWARD_NAMES.map((n, i) => [n, String(8800100001 + i * 7)]);

/** Subject categories (PLDT): name → code (numbers, as such systems write them in this sheet). */
export const SAMPLE_SUBJECTS: readonly [string, number][] = [
  'Cơ quan Đảng',
  'Cơ quan Trung Ương đóng trên địa bàn',
  'Cơ quan Hành chính',
  'Đơn vị sự nghiệp',
  'Doanh nghiệp',
  'Hợp tác xã',
  'Hộ gia đình',
  'Doanh nhân',
  'Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên',
  'Lãnh đạo cấp vụ, sở, ngành và tương đương',
  'Các cấp lãnh đạo từ phó phòng trở lên',
  'Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu',
  'Đối tượng khác',
].map((n, i) => [n, 7700200001 + i * 3]);

export const SAMPLE_CLASSES: readonly [string, string][] = [
  ['Khen thưởng cá nhân', 'CANHAN'],
  ['Khen thưởng tập thể', 'TAPTHE'],
  ['Khen thưởng hộ gia đình', 'HOGIADINH'],
];

export const SAMPLE_FIELDS: readonly [string, string][] = [
  ['Nông nghiệp - Nông thôn', '0107'],
  ['Quản lý Nhà nước', '0113'],
  ['Kinh tế - Xã hội', '0114'],
  ['Văn hóa - Thể Thao - Du lịch', '0110'],
  ['Các tổ chức Hội và Đoàn thể', '0120'],
  ['N/A', '0105'],
];

const HEADERS = [
  'STT',
  'Tên gọi\n(Ông/Bà/Chức danh)',
  'Tên tập thể/cá nhân/hộ gia đình',
  'Chức vụ',
  'Đơn vị công tác',
  'Phân loại khen thưởng',
  'Danh hiệu thi đua/Hình thức khen thưởng',
  'Phân loại đối tượng',
  'Lĩnh vực hoạt động',
];

/** The sample template, with `rows` rows of lookup formulas prepared (the system's file has 552). */
export function sampleImportTemplate(rows = 30): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ntm-awards (mẫu minh họa)';
  const ws = wb.addWorksheet('file nhận');
  ws.getRow(1).values = HEADERS;
  ws.getRow(1).font = { bold: true, name: 'Tahoma', size: 10 };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ['Mã Phân loại khen thưởng', 'Mã Danh hiệu thi đua', 'Mã phân loại loại tượng', 'Mã Lĩnh vực hoạt động'].forEach((h, i) => (ws.getCell(1, 18 + i).value = h));
  [6, 14, 30, 18, 30, 22, 40, 40, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const end = (n: number) => n + 1;
  for (let r = 2; r <= rows + 1; r++) {
    const na = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell(r, 18).value = { formula: `VLOOKUP(F${r},'phan loai kt'!$A$2:$B$${end(SAMPLE_CLASSES.length)},2,0)`, result: na };
    ws.getCell(r, 19).value = { formula: `VLOOKUP(G${r},HTKT!$A$2:$B$300,2,0)`, result: na };
    ws.getCell(r, 20).value = { formula: `VLOOKUP(H${r},PLDT!$A$2:$B$${end(SAMPLE_SUBJECTS.length)},2,0)`, result: na };
    ws.getCell(r, 21).value = { formula: `VLOOKUP(I${r},LVHD!$A$2:$B$${end(SAMPLE_FIELDS.length)},2,0)`, result: na };
  }
  const sheet = (name: string, head: [string, string] | null, entries: readonly (readonly [string, string | number])[]) => {
    const s = wb.addWorksheet(name, { state: 'hidden' });
    if (head) s.getRow(1).values = head;
    entries.forEach((e, i) => (s.getRow(2 + i).values = [e[0], e[1]]));
  };
  sheet('HTKT', ['tenhinhthuckt', 'mahinhthuckt'], SAMPLE_AWARDS);
  sheet('PLDT', ['tenphanloai', 'maphanloai'], SAMPLE_SUBJECTS);
  sheet('LVHD', ['NAME', 'CODE'], SAMPLE_FIELDS);
  sheet('phan loai kt', null, SAMPLE_CLASSES);
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.getRow(1).values = HEADERS;
  guide.getRow(2).values = [1, 'Ông', 'Trần Văn Mẫu', 'Trưởng thôn', 'Thôn Mẫu, xã Mẫu', 'Khen thưởng cá nhân', 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện', 'Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu', 'Nông nghiệp - Nông thôn'];
  guide.getRow(3).values = [2, null, 'Hợp tác xã Mẫu', null, null, 'Khen thưởng tập thể', 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện', 'Hợp tác xã', 'Nông nghiệp - Nông thôn'];
  guide.getRow(4).values = [3, null, 'Hộ ông Lê Văn Mẫu', null, null, 'Khen thưởng hộ gia đình', 'Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện', 'Hộ gia đình', null];
  return wb;
}

if (require.main === module) {
  const out = process.argv[2] ?? path.join('samples', 'mau-nhap-lifesoft.xlsx');
  sampleImportTemplate()
    .xlsx.writeFile(out)
    .then(() => process.stdout.write(`${out}\n`));
}
