/** The guide sheet's list of standard columns: generated from the column registry and the tests' column kinds. */
import { STANDARD_COLUMNS } from '../../../src/core/columns';
import { guideLines } from '../../../src/core/plan-book/guide';
import { shippedPlan } from '../../../src/plans';

const lineOf = (lines: string[], header: string) => lines.find((l) => l.startsWith(`  • ${header} — `)) ?? '';

test('each standard column: its variants, its kind, who needs it and what a criterion on it tests', () => {
  const lines = guideLines();
  for (const c of STANDARD_COLUMNS) for (const v of c.variants) expect(lineOf(lines, c.header)).toContain(v);
  expect(lineOf(lines, 'Mức đạt chuẩn')).toContain('kiểu: Thang mức');
  expect(lineOf(lines, 'Mức đạt chuẩn')).toContain('tiêu chí: “Từ mức” (thang: Chưa đạt < NTM < NTM nâng cao < NTM kiểu mẫu; “Đô thị văn minh” ngoài thang)');
  expect(lineOf(lines, 'Nợ đọng XDCB')).toContain('tiêu chí: “Có” hoặc “Không”');
  expect(lineOf(lines, 'Giá trị đóng góp (đồng/năm)')).toMatch(/kiểu: Số tiền — .*tiêu chí: “Từ … trở lên” hoặc “Cao hơn” hoặc “Dưới” hoặc “Không quá”.*ghi bình quân mỗi năm/);
  expect(lineOf(lines, 'Tóm tắt thành tích')).toContain('không dùng làm tiêu chí');
  expect(lineOf(lines, 'Chức vụ, đơn vị công tác')).toContain('cần cho: dòng “Cán bộ, công chức, viên chức”, “Người lao động”, “Hộ gia đình” và loại đối tượng riêng ghi “Cá nhân: Có”');
});

test('for an exported plan, each criterion column names the plan subjects that use it', () => {
  const lines = guideLines(shippedPlan('thach-ha-2022')!.plan);
  expect(lineOf(lines, 'Xã khó khăn')).toContain('(kế hoạch này: Xã)');
  expect(lineOf(lines, 'Chấp hành tốt chủ trương, chính sách, pháp luật')).toContain('(kế hoạch này: mọi đối tượng (Tiêu chuẩn chung))');
  expect(lineOf(lines, 'Vay vốn NHCSXH')).toContain('(kế hoạch này: không dùng)');
});
