/**
 * The "Hướng dẫn" sheet: the whole format in a few dozen lines, generated from the same tables the
 * reader uses, so what officials read is exactly what is accepted.
 */
import { COL, STANDARD_COLUMNS, type ColumnDef } from '../columns';
import { OP_COLUMN_TYPES, type Expr, type Plan } from '../plan-schema';
import { SUBJECT_NAMES_VI, UNIT_SUBJECTS, isStandardSubject } from '../vocabulary';
import { BLOCKS, COLUMN_TYPE_CHOICES, GENERAL_SUBJECT, INFO_FIELDS, KIND_CHOICES, LIST_SEPARATOR, OP_CHOICES, SINGLE_SHEET, TIER_KIND_CHOICES, labelOf, listOptions } from './format';

/** The guide; given a plan (plan export), each criterion column also says which of its subjects use it. */
export function guideLines(plan?: Plan): string[] {
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
  lines.push(...columnLines(plan));
  return lines;
}

/** What the general columns are for, beside their kind (spec §4 "required"). */
const GENERAL_NEED: Record<string, string> = {
  [COL.name]: 'mọi dòng',
  [COL.subject]: 'mọi dòng (tên loại đối tượng chung, hoặc tên ở sheet “Loại đối tượng riêng”)',
  [COL.unit]: `dòng ${UNIT_SUBJECTS.map((s) => `“${SUBJECT_NAMES_VI[s]}”`).join(', ')} và loại đối tượng riêng ghi “Cá nhân: Có”`,
  [COL.proposed]: 'mọi dòng (hình thức chung, hoặc tên ở sheet “Hình thức riêng”)',
  [COL.round]: 'không bắt buộc: để trống là đợt chọn khi kiểm tra, không chọn thì “Hằng năm”',
  [COL.year]: 'không bắt buộc: để trống là năm chọn khi kiểm tra, không chọn thì năm của “Ngày trình”',
  [COL.submitted]: 'dòng có hạn trình (sheet “Thời hạn”) cho đợt và hình thức đề nghị của dòng',
  [COL.level]: 'dòng đề nghị hình thức có “Mức thành tích tối thiểu” (sheet “Hình thức khen”)',
  [COL.summary]: 'không bắt buộc; không dùng để xét',
};

function columnLines(plan?: Plan): string[] {
  const uses = plan ? columnUses(plan) : undefined;
  const lines = [
    'CỘT CHUẨN CỦA DANH SÁCH ĐỀ NGHỊ: cột “Cột” ở sheet “Tiêu chí” ghi đúng một tiêu đề dưới đây (hoặc một cột ở sheet “Cột riêng”, với tiêu đề khác các tiêu đề và tên khác ở đây).',
    '  Mỗi cột: tiêu đề — tên khác cũng được nhận — kiểu — dòng nào cần cột — tiêu chí trên cột đó dùng phép thử nào (nghĩa của từng phép thử: mục “Phép thử” của sheet “Tiêu chí” ở trên).',
    '  Giá trị được nhận: Có — Có, C, x, ✓, Đạt, 1; Không — Không, K, Không đạt, 0; số tiền — 80000000, 80.000.000, “80 triệu”, “0,5 tỷ”; tỷ lệ — 6%, “6,5%”; năm — 2027. Ô trống là thiếu thông tin, không phải “Không”.',
  ];
  for (const def of STANDARD_COLUMNS) {
    const parts = [`  • ${def.header}`];
    if (def.variants.length) parts.push(`tên khác: ${def.variants.join(LIST_SEPARATOR)}`);
    parts.push(`kiểu: ${labelOf(COLUMN_TYPE_CHOICES, def.type)}`);
    const general = GENERAL_NEED[def.header];
    if (general) parts.push(`cần cho: ${general}`);
    else {
      const used = uses?.get(def.header);
      parts.push(`cần cho: dòng của loại đối tượng có tiêu chí trên cột này${uses ? ` (kế hoạch này: ${used?.length ? used.join(', ') : 'không dùng'})` : ''}`);
    }
    parts.push(criterionMeaning(def));
    lines.push(parts.join(' — ') + (def.hint ? `. ${def.hint}` : ''));
  }
  lines.push('');
  return lines;
}

/** "tiêu chí: “Có” hoặc “Không”", with the scale of a scaled column. */
function criterionMeaning(def: ColumnDef): string {
  const ops = OP_CHOICES.filter((o) => OP_COLUMN_TYPES[o.id].includes(def.type)).map((o) => `“${o.labels[0]}”`);
  if (!ops.length) return 'không dùng làm tiêu chí';
  const steps = def.scale?.filter((v) => !v.offScale).sort((a, b) => a.rank - b.rank).map((v) => v.labels[0]);
  const off = def.scale?.filter((v) => v.offScale).map((v) => `“${v.labels[0]}” ngoài thang`);
  const scale = steps?.length ? ` (thang: ${steps.join(' < ')}${off?.length ? `; ${off.join(', ')}` : ''})` : '';
  return `tiêu chí: ${ops.join(' hoặc ')}${scale}`;
}

/** Column → the plan's subjects whose criteria (with the general standard) read it. */
function columnUses(plan: Plan): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const name = (s: string): string => plan.subjectTypes.find((t) => t.id === s)?.label ?? (isStandardSubject(s) ? SUBJECT_NAMES_VI[s] : s);
  const visit = (e: Expr, who: string): void => {
    if ('column' in e) {
      for (const c of [e.column, ...('column' in e.test ? [e.test.column] : [])]) {
        const list = uses.get(c) ?? [];
        if (!list.includes(who)) list.push(who);
        uses.set(c, list);
      }
    } else for (const m of e.all ?? e.any ?? []) visit(m, who);
  };
  if (plan.general) visit(plan.general, `mọi đối tượng (${GENERAL_SUBJECT})`);
  for (const [s, rule] of Object.entries(plan.subjects)) if (rule && 'criteria' in rule) visit(rule.criteria, name(s));
  return uses;
}
