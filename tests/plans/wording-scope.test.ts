/**
 * Issue 17 §5: the shipped plans' scoped bullets reach the rows they name, every label a scope
 * lists can be entered (the template offers it, the subject parser reads it), short names carry
 * the document number, and a failed "at least" reads once.
 */
import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import type { Expr } from '../../src/core/plan-schema';
import { templateModel } from '../../src/core/template';
import { shippedPlan, shippedPlans } from '../../src/plans';

const row = (cells: Record<string, Cell['value']>) => new Map<string, Cell>(Object.entries(cells).map(([k, v]) => [k, { value: v }]));
const resultOf = (d: ReturnType<typeof evaluate>, id: string) => d.reasons.find((s) => s.id === id)?.result;

/** Every scope label of a plan, with the subject whose criteria hold it. */
function scopes(id: string): Array<[string, string]> {
  const compiled = shippedPlan(id)!;
  const out: Array<[string, string]> = [];
  for (const [subject, c] of compiled.criteria) {
    const visit = (e: Expr): void => {
      for (const l of e.appliesTo?.labels ?? []) out.push([subject, l]);
      if (!('column' in e)) for (const m of e.all ?? e.any ?? []) visit(m);
    };
    if (!c.judgedAs) visit(c.expr);
  }
  return out;
}

const planIds = shippedPlans().map((p) => p.plan.id);

describe('scope labels are subjects a row can name', () => {
  test.each(planIds)('%s: every scope label reads as the subject type that holds it', (id) => {
    const compiled = shippedPlan(id)!;
    for (const [subject, label] of scopes(id)) expect([label, compiled.parseSubject({ value: label })]).toEqual([label, { kind: 'value', value: subject }]);
  });

  test.each(planIds)('%s: the template offers every scope label in Đối tượng', (id) => {
    const options = templateModel(shippedPlan(id)!).columns.find((c) => c.header === 'Đối tượng')?.options ?? [];
    for (const [, label] of scopes(id)) expect(options).toContain(label);
  });

  test('the Mặt trận and đoàn thể labels 003 §IV.1.1•2 scopes to are offered for co-quan', () => {
    const options = templateModel(shippedPlan('quynh-nhai-2022')!, 'co-quan').columns.find((c) => c.header === 'Đối tượng')?.options;
    expect(options).toEqual(expect.arrayContaining(['Cơ quan, đơn vị', 'Phòng, ban, ngành', 'Mặt trận Tổ quốc, đoàn thể', 'Tổ chức chính trị - xã hội', 'Ủy ban Mặt trận Tổ quốc Việt Nam']));
  });
});

describe('003 §IV.1.1•2 applies to the Front and the socio-political organisations only', () => {
  const plan = shippedPlan('quynh-nhai-2022')!;
  const coQuan = (subject: string) =>
    evaluate(plan, row({ 'Tên tập thể, cá nhân': 'Đơn vị A', 'Đối tượng': subject, 'Hình thức đề nghị': 'Giấy khen', 'Hoàn thành nhiệm vụ đúng tiến độ': 'Không', 'Tuyên truyền, vận động': 'Có' }), { year: 2023 });
  test.each(['Ủy ban Mặt trận Tổ quốc Việt Nam', 'Ủy ban MTTQ', 'MTTQ', 'Mặt trận Tổ quốc', 'Tổ chức chính trị xã hội', 'Mặt trận Tổ quốc, đoàn thể/Hội xã hội', 'Đoàn thể; Hội xã hội'])(
    '“%s” is judged on •2 as well',
    (subject) => {
      const d = coQuan(subject);
      expect([d.subject, resultOf(d, '1.1.2'), d.status]).toEqual(['co-quan', 'pass', 'eligible']);
    },
  );
  test.each(['Phòng, ban, ngành', 'Phòng, ban, ngành/Mặt trận Tổ quốc'])('“%s” is judged on •1 alone (a label is in scope only when every part is)', (subject) => {
    const d = coQuan(subject);
    expect([d.subject, resultOf(d, '1.1.2'), d.status]).toEqual(['co-quan', 'n/a', 'ineligible']);
  });
});

describe('001 §V.1.c: a slash label is in scope when every part is', () => {
  const plan = shippedPlan('hong-linh-2022')!;
  const thon = (subject: string, cells: Record<string, string>) =>
    evaluate(plan, row({ 'Tên tập thể, cá nhân': 'Thôn A', 'Đối tượng': subject, 'Hình thức đề nghị': 'Giấy khen', 'Thành tích xuất sắc trong phong trào': 'Không', ...cells }), { year: 2023 });
  test('“Thôn/Xóm” sees •2 (thôn only)', () => {
    const d = thon('Thôn/Xóm', { 'Chuẩn khu dân cư': 'Kiểu mẫu', 'Tiêu biểu trong phong trào': 'Có' });
    expect([resultOf(d, 'c.2'), resultOf(d, 'c.3'), d.status]).toEqual(['pass', 'n/a', 'eligible']);
  });
  test('“Tổ dân phố; Khu dân cư” sees neither •2 nor •3', () => {
    const d = thon('Tổ dân phố; Khu dân cư', { 'Chuẩn khu dân cư': 'Kiểu mẫu', 'Tiêu biểu trong phong trào': 'Có', 'Có nhiều tuyến phố đạt chuẩn văn minh': 'Có' });
    expect([resultOf(d, 'c.2'), resultOf(d, 'c.3'), d.status]).toEqual(['n/a', 'n/a', 'ineligible']);
  });
  test('a failed “at least” says what it needs once: “Chưa đạt (cần Kiểu mẫu trở lên)”', () => {
    const d = thon('Thôn', { 'Chuẩn khu dân cư': 'Chưa đạt', 'Tiêu biểu trong phong trào': 'Có' });
    const text = d.reasons.find((s) => s.id === 'c.2.kdc')?.text ?? '';
    expect(resultOf(d, 'c.2.kdc')).toBe('fail');
    expect(text).toContain('Chưa đạt (cần Kiểu mẫu trở lên)');
    expect(text).not.toMatch(/chưa đạt Kiểu mẫu/);
  });
});

test('short names carry the document number where the text gives one', () => {
  expect(shippedPlan('dak-nong-2022')!.plan.shortName).toBe('QĐ 137/QĐ-UBND Đắk Nông');
  expect(shippedPlan('quynh-nhai-2022')!.plan.shortName).toBe('KH 260/KH-UBND Quỳnh Nhai');
  const d = evaluate(shippedPlan('quynh-nhai-2022')!, row({ 'Tên tập thể, cá nhân': 'Phòng A', 'Đối tượng': 'Phòng, ban, ngành', 'Hình thức đề nghị': 'Giấy khen', 'Hoàn thành nhiệm vụ đúng tiến độ': 'Có' }), { year: 2023 });
  expect(d.reasons.find((s) => s.id === '1.1.1')?.citation).toBe('KH 260/KH-UBND Quỳnh Nhai, mục IV.1.1•1');
});
