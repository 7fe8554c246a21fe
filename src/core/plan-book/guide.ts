/**
 * The "Hướng dẫn" sheet: the whole format in a few dozen lines, generated from the same tables the
 * reader uses, so what officials read is exactly what is accepted.
 */
import { BLOCKS, GENERAL_SUBJECT, INFO_FIELDS, KIND_CHOICES, LIST_SEPARATOR, OP_CHOICES, SINGLE_SHEET, TIER_KIND_CHOICES, listOptions } from './format';

export function guideLines(): string[] {
  const lines: string[] = [
    'HƯỚNG DẪN VIẾT KẾ HOẠCH THI ĐUA TRONG EXCEL',
    '',
    'Sổ kế hoạch gồm các sheet dưới đây. Tiêu đề cột được nhận theo tên (không phân biệt hoa thường, có dấu hay không dấu); thứ tự cột tùy ý; cột lạ và dòng trống được bỏ qua.',
    'Ô có danh sách chọn: chọn trong danh sách, hoặc gõ đúng một tên trong danh sách. Ô ghi nhiều giá trị (Đợt, Hình thức, Tên khác, Tên mức): cách nhau bằng dấu “;”.',
    'Mỗi tiêu chí, hình thức, hạn, lời nhắc đều cần trích dẫn: “Mục trích dẫn” ghi mục như văn bản ghi (“V.1.b•1” hiện là “mục V.1.b•1”; “Điều 27.3.a” hiện đúng như vậy) và “Nguyên văn” là lời văn của kế hoạch.',
    'Không có điều kiện ngầm định: công cụ chỉ xét những gì kế hoạch ghi (không có mức thành tích mặc định, không tự thêm hạn trình). Lệnh “ntm-awards plan show” in đủ mọi điều kiện sẽ áp dụng.',
    'Kiểm tra sổ: ntm-awards plan check ke-hoach.xlsx (liệt kê mọi lỗi, mỗi lỗi ghi sheet!ô). Dùng: ntm-awards check danh-sach.xlsx --plan-file ke-hoach.xlsx.',
    '',
    `Cả kế hoạch trên MỘT sheet (ví dụ sheet “${SINGLE_SHEET}”, dùng cho add-in và hàm =NTM.ELIGIBLE(A7:T7; ; '${SINGLE_SHEET}'!A1:L200)): các khối nối tiếp nhau, mỗi khối bắt đầu bằng một dòng chỉ có tên khối trong ngoặc vuông, ví dụ “[Tiêu chí]”, ngay sau là dòng tiêu đề cột, rồi các dòng dữ liệu. Tên khối giống tên sheet bên dưới.`,
    '',
  ];
  for (const b of BLOCKS) {
    lines.push(`SHEET “${b.title}”${b.optional ? ' (không bắt buộc)' : ''}: ${b.help}`);
    if (b.key === 'info') {
      for (const f of INFO_FIELDS) lines.push(`  • ${f.label}: ${f.help}`);
    } else {
      for (const c of b.columns) {
        const list = c.list ? ` — chọn: ${listOptions(c.list).join(' | ')}` : '';
        lines.push(`  • ${c.header}: ${c.help}${list}`);
      }
    }
    if (b.key === 'criteria') {
      lines.push(`  Loại: ${KIND_CHOICES.map((k) => `“${k.labels[0]}”`).join(', ')}. Dòng gốc của mỗi đối tượng (hoặc “${GENERAL_SUBJECT}”) để trống “Thuộc nhóm”; mỗi đối tượng đúng một dòng gốc (nhiều tiêu chí thì dòng gốc là một nhóm).`);
      lines.push('  Nhóm không có Cột, Phép thử, Giá trị; nhóm phải có ít nhất một dòng con. Trích dẫn của nhóm không bắt buộc, của tiêu chí thì bắt buộc.');
      lines.push('  Phép thử:');
      for (const o of OP_CHOICES) lines.push(`    – ${o.labels[0]}: ${o.help}`);
      lines.push('  Cột: tiêu đề một cột chuẩn của danh sách đề nghị (như trong mẫu “ntm-awards template”), hoặc cột khai báo ở sheet “Cột riêng”.');
      lines.push(
        '  Tiêu chí riêng của một hình thức khen (ví dụ Giấy khen cấp xã: đóng góp trên 20 triệu đồng; Giấy khen cấp huyện: từ 40 triệu đồng trở lên): thêm một dòng gốc ghi “Hình thức”; ' +
          'Đối tượng ghi một hay nhiều loại đối tượng (để trống hoặc “Tiêu chuẩn chung” là mọi đối tượng). Tiêu chí đó được xét thêm vào tiêu chí của đối tượng, chỉ cho hình thức đó; ' +
          'ghi “Thay tiêu chí” là mã một tiêu chí (hoặc nhóm) của đối tượng để thay tiêu chí đó khi xét hình thức này. Kết quả ghi hình thức cao nhất dòng đạt và lý do chưa đạt hình thức trên nó.',
      );
    }
    if (b.key === 'tiers') {
      lines.push(`  Cách xét: ${TIER_KIND_CHOICES.map((k) => `“${k.labels[0]}”`).join(', ')}. Hình thức chung không có dòng nào được hiểu là “Không áp dụng”; mỗi hình thức ở sheet “Hình thức riêng” cần một dòng ở đây.`);
      lines.push('  Mức thành tích tối thiểu chỉ ghi khi kế hoạch nêu mức (ghi kèm “Mục trích dẫn mức”); để trống là không xét mức thành tích.');
    }
    if (b.key === 'scales') lines.push('  Một thang gồm các dòng cùng “Cột”. Dòng có “Ngoài thang” là tên được nhận nhưng không đạt phép thử “Từ mức” nào (ghi Bậc tùy ý).');
    if (b.key === 'subjectTypes' || b.key === 'awardForms') lines.push('  Khai báo ở đây trước, rồi dùng “Tên” trong các sheet khác như một mục của danh sách chọn.');
    if (b.key === 'deadlines') lines.push(`  Ví dụ Đợt: “Hằng năm${LIST_SEPARATOR}Sơ kết”; Hạn: “05/12” (ngày/tháng).`);
    lines.push('');
  }
  return lines;
}
