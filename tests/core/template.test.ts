/** The template model of a plan: the per-year contribution column says how to fill it (spec §5b). */
import { templateModel } from '../../src/core/template';
import { shippedPlan } from '../../src/plans';

test('hong-linh workers: "Giá trị đóng góp (đồng/năm)" with a note that sơ kết/tổng kết take the yearly average', () => {
  const model = templateModel(shippedPlan('hong-linh-2022')!, 'nguoi-lao-dong');
  const col = model.columns.find((c) => c.header === 'Giá trị đóng góp (đồng/năm)');
  expect(col?.note).toMatch(/mỗi năm; ở đợt sơ kết, tổng kết ghi bình quân mỗi năm/);
});

test("a plan's own scale is what the template offers: Đô thị văn minh in hong-linh only", () => {
  const levels = (plan: string) => templateModel(shippedPlan(plan)!, 'xa').columns.find((c) => c.header === 'Mức đạt chuẩn')?.options;
  expect(levels('hong-linh-2022')).toContain('Đô thị văn minh');
  expect(levels('thach-ha-2022')).toEqual(['Chưa đạt', 'NTM', 'NTM nâng cao', 'NTM kiểu mẫu']);
});
