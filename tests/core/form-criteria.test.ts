/**
 * A plan means exactly what its author wrote (issue 17): criteria per award form (a threshold per
 * level), the comparisons plans use (từ … trở lên, cao hơn, dưới, không quá), the highest form a
 * row meets with what it misses for the next, annual-only plans, citations in the author's words,
 * and "Lý do" leading with the reason that decided the row.
 */
import type { Cell } from '../../src/core/cell';
import { compilePlan } from '../../src/core/compile';
import { evaluate } from '../../src/core/evaluate';
import { planText } from '../../src/core/plan-book/show';
import { templateModel } from '../../src/core/template';
import { validatePlan } from '../../src/core/plan-schema';
import { keyReasonText } from '../../src/core/report';
import { planJsonProblems } from '../../src/core/plan-file';
import { householdPlanData, LAW, MONEY } from './household-plan';
import { CITE, planWith } from './plan-fixture';

const householdPlan = (how: 'add' | 'replace') => compilePlan(householdPlanData(how), 'test');

const row = (cells: Record<string, Cell['value']>) =>
  new Map<string, Cell>(
    Object.entries({ 'Tên tập thể, cá nhân': 'Hộ ông A', 'Đối tượng': 'Hộ gia đình', 'Chức vụ, đơn vị công tác': 'Thôn 1', [LAW]: 'Có', ...cells }).map(([k, v]) => [k, { value: v }]),
  );

describe.each(['add', 'replace'] as const)('a threshold per award form (form criteria %s)', (how) => {
  const plan = householdPlan(how);
  test.each([
    ['20.000.000 is not “trên 20 triệu”: no form', 20_000_000, null],
    ['one đồng above 20 triệu meets the commune Giấy khen', 20_000_001, 'giay-khen-xa'],
    ['one đồng below 40 triệu stays at the commune Giấy khen', 39_999_999, 'giay-khen-xa'],
    ['exactly 40 triệu is “từ 40 triệu trở lên”: the district Giấy khen', 40_000_000, 'giay-khen'],
    ['above 40 triệu: the district Giấy khen', 40_000_001, 'giay-khen'],
  ])('%s', (_name, amount, tier) => {
    const d = evaluate(plan, row({ [MONEY]: amount, 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND xã', 'Năm': 2026 }));
    expect(d.awardTier).toBe(tier);
    expect(d.status).toBe(tier === null ? 'ineligible' : 'eligible');
  });

  test('proposed for the district Giấy khen at 25 triệu: not eligible for what was proposed, the commune form as its highest, and why', () => {
    const d = evaluate(plan, row({ [MONEY]: '25.000.000', 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND huyện', 'Năm': 2026 }));
    expect([d.status, d.awardTier]).toEqual(['ineligible', 'giay-khen-xa']);
    const highest = d.reasons.find((s) => s.id === 'highest-form');
    expect(highest?.text).toBe(
      'Đủ điều kiện Giấy khen của Chủ tịch UBND xã; chưa đủ Giấy khen của Chủ tịch UBND huyện: Đóng góp cho xây dựng nông thôn mới: 25.000.000 < 40.000.000',
    );
    expect(highest?.citation).toBe('QĐ 12/2026/QĐ-UBND, Điều 27.3.a');
    // "Lý do" leads with the ✗ that decided the row, then says where the row stands.
    const lines = keyReasonText(d).split('\n');
    expect(lines[0]).toBe('✗ Đóng góp cho xây dựng nông thôn mới: 25.000.000 < 40.000.000 [QĐ 12/2026/QĐ-UBND, Điều 27.3.a]');
    expect(lines).toContain(`– ${highest?.text} [QĐ 12/2026/QĐ-UBND, Điều 27.3.a]`);
  });

  test('a blank amount leaves the row incomplete with the amount missing, for the form proposed only', () => {
    const d = evaluate(plan, row({ 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND huyện', 'Năm': 2026 }));
    expect([d.status, d.awardTier, d.missing]).toEqual(['incomplete', null, [MONEY]]);
  });
});

describe('a plan with only annual rounds', () => {
  const plan = householdPlan('add');
  test('needs no sơ kết or tổng kết year, and plan show invents none', () => {
    expect(plan.plan.roundYears).toBeUndefined();
    const text = planText(plan);
    expect(text).not.toMatch(/sơ kết năm|tổng kết năm/);
    expect(text).toMatch(/chỉ khen hằng năm/);
  });
  test('plan show words thresholds as Vietnamese write them, never as internal kinds', () => {
    const text = planText(plan);
    expect(text).toContain('cột “Giá trị đóng góp (đồng/năm)” cao hơn 20.000.000 đồng');
    expect(text).toContain('cột “Giá trị đóng góp (đồng/năm)” từ 40.000.000 đồng trở lên');
    expect(text).not.toMatch(/\((money|yesno|percent|ordinal)\)|Tối thiểu \d|40000000/);
    expect(text).toContain('Tiêu chí riêng của hình thức này (Hộ gia đình), thêm vào tiêu chí của đối tượng');
  });
  test('a sơ kết round in a plan without round years is refused at the round', () => {
    const data = JSON.parse(JSON.stringify(plan.plan));
    data.tiers['giay-khen'].rounds = ['annual', 'so-ket'];
    const r = validatePlan(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path.join('.'))).toContain('tiers.giay-khen.rounds.1');
  });
});

describe('a plan that holds tổng kết but no sơ kết', () => {
  // An office's 2026–2030 plan awards yearly and at the 2030 tổng kết: it writes that year alone.
  const data = householdPlanData('add') as any;
  data.tiers['giay-khen'].rounds = ['annual', 'tong-ket'];
  data.roundYears = { 'tong-ket': 2030, cite: { ref: 'Điều 30', quote: 'tổng kết phong trào vào năm 2030' } };
  const plan = compilePlan(data, 'test');
  const tongKet = (year: number) =>
    evaluate(plan, row({ [MONEY]: 50_000_000, [LAW]: 'Có', 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND huyện', 'Đợt khen thưởng': 'Tổng kết', 'Năm': year }));
  test('needs only that year, and says only that year', () => {
    expect(plan.plan.roundYears).toEqual({ 'tong-ket': 2030, cite: data.roundYears.cite });
    const text = planText(plan);
    expect(text).toContain('tổng kết năm 2030');
    expect(text).not.toMatch(/sơ kết năm/);
  });
  test('a tổng kết row of another year fails at the round, citing the plan; one of 2030 does not', () => {
    const step = tongKet(2029).reasons.find((s) => s.id === 'round-year');
    expect(step?.text).toBe('Đợt tổng kết tổ chức năm 2030, không phải năm 2029');
    expect(step?.citation).toBe('QĐ 12/2026/QĐ-UBND, Điều 30');
    expect(tongKet(2030).reasons.some((s) => s.id === 'round-year')).toBe(false);
  });
});

describe('the comparisons plans use, at their boundaries', () => {
  const money = (op: string, value: number) =>
    planWith({ id: 'a', label: 'Đóng góp', column: MONEY, test: { op, value } as never, cite: CITE }, {});
  const base = { 'Tên tập thể, cá nhân': 'UBND xã A', 'Đối tượng': 'Xã', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2023, 'Ngày trình': '01/12/2023' };
  const rowOf = (v: number) => new Map<string, Cell>(Object.entries({ ...base, [MONEY]: v }).map(([k, x]) => [k, { value: x }]));
  test.each([
    ['min', 100, 99, 'ineligible', '99 < 100'],
    ['min', 100, 100, 'eligible', '100 ≥ 100'],
    ['min', 100, 101, 'eligible', '101 ≥ 100'],
    ['more', 100, 99, 'ineligible', '99 ≤ 100'],
    ['more', 100, 100, 'ineligible', '100 ≤ 100'],
    ['more', 100, 101, 'eligible', '101 > 100'],
    ['max', 100, 99, 'eligible', '99 ≤ 100'],
    ['max', 100, 100, 'eligible', '100 ≤ 100'],
    ['max', 100, 101, 'ineligible', '101 > 100'],
    ['less', 100, 99, 'eligible', '99 < 100'],
    ['less', 100, 100, 'ineligible', '100 ≥ 100'],
    ['less', 100, 101, 'ineligible', '101 ≥ 100'],
  ])('%s %d with %d: %s (%s)', (op, threshold, value, status, detail) => {
    const d = evaluate(money(op, threshold), rowOf(value));
    expect(d.status).toBe(status);
    expect(d.reasons.find((s) => s.id === 'a')?.text).toBe(`Đóng góp: ${detail}`);
  });
});

describe('nothing hidden in the explanation', () => {
  const plan = householdPlan('add');
  test('a year taken from Ngày trình is said so', () => {
    const d = evaluate(plan, row({ [MONEY]: 30_000_000, 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND xã', 'Ngày trình': '01/12/2026' }));
    expect(d.reasons.find((s) => s.id === 'year-source')?.text).toBe('Năm 2026, lấy từ “Ngày trình” (dòng không ghi “Năm”)');
    expect(d.reasons.find((s) => s.id === 'round-source')?.text).toBe('Đợt hằng năm: dòng không ghi “Đợt khen thưởng” và khi kiểm tra không chọn đợt');
  });
  test('a round and year taken from the run are said so', () => {
    const d = evaluate(plan, row({ [MONEY]: 30_000_000, 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND xã' }), { round: 'annual', year: 2027 });
    expect(d.reasons.find((s) => s.id === 'year-source')?.text).toBe('Năm 2027, lấy theo năm chọn khi kiểm tra (dòng không ghi “Năm”)');
    expect(d.reasons.find((s) => s.id === 'round-source')?.text).toMatch(/lấy theo đợt chọn khi kiểm tra/);
  });
  test('a subject type the plan lacks leads "Lý do" with that reason, cited to where the plan lists its subjects', () => {
    const d = evaluate(plan, row({ 'Đối tượng': 'Xã', 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND xã', 'Năm': 2026 }));
    expect(d.status).toBe('ineligible');
    expect(keyReasonText(d).split('\n')[0]).toMatch(/^✗ Kế hoạch không có tiêu chuẩn cho đối tượng “Xã”.*\[QĐ 12\/2026\/QĐ-UBND, Điều 27\.1\]$/);
  });
  test('a form the plan does not have says so and cites where the plan lists its forms', () => {
    const d = evaluate(plan, row({ [MONEY]: 50_000_000, 'Hình thức đề nghị': 'Bằng khen UBND tỉnh', 'Năm': 2026 }));
    const step = d.reasons.find((s) => s.kind === 'tier' && s.result === 'fail');
    expect(step?.text).toMatch(/^Kế hoạch không có hình thức này/);
    expect(step?.citation).toBe('QĐ 12/2026/QĐ-UBND, Điều 27.3');
  });
});

describe('citations are the author’s own text', () => {
  const plan = householdPlan('add');
  test.each([
    ['Điều 27.3.a', 'QĐ 12/2026/QĐ-UBND, Điều 27.3.a'],
    ['mục IV.1.a•2', 'QĐ 12/2026/QĐ-UBND, mục IV.1.a•2'],
    ['IV.1.a•2', 'QĐ 12/2026/QĐ-UBND, mục IV.1.a•2'],
    ['§V.1.b•1', 'QĐ 12/2026/QĐ-UBND, mục V.1.b•1'],
    ['Phụ lục 2', 'QĐ 12/2026/QĐ-UBND, Phụ lục 2'],
  ])('“%s” reads “%s”', (ref, text) => {
    expect(plan.cite({ ref, quote: 'q' })).toBe(text);
  });
});

describe('mistakes in a form’s own criteria are said in Vietnamese where they are', () => {
  const worded = (data: Record<string, unknown>) => planJsonProblems(data);
  test.each([
    ['a replaced id the subject’s criteria do not hold', (d: any) => (d.tiers['giay-khen'].criteria[0].replaces = 'khong-co'), /tiers\.giay-khen\.criteria\.0\.replaces: không có tiêu chí hoặc nhóm mã “khong-co”/],
    ['a subject without criteria of its own', (d: any) => (d.tiers['giay-khen'].criteria[0].subjects = ['xa']), /tiêu chí riêng của hình thức ghi cho đối tượng “xa”/],
    ['a sơ kết round with no round years', (d: any) => (d.tiers['giay-khen'].rounds = ['annual', 'so-ket']), /tiers\.giay-khen\.rounds\.1: kế hoạch khen ở đợt “Sơ kết” nhưng chưa ghi năm sơ kết; ghi “Năm sơ kết”/],
    [
      'a sơ kết round when only the tổng kết year is given',
      (d: any) => {
        d.tiers['giay-khen'].rounds = ['annual', 'so-ket', 'tong-ket'];
        d.roundYears = { 'tong-ket': 2030, cite: { ref: 'Điều 30', quote: 'tổng kết năm 2030' } };
      },
      /tiers\.giay-khen\.rounds\.1: kế hoạch khen ở đợt “Sơ kết” nhưng chưa ghi năm sơ kết/,
    ],
  ])('%s', (_name, spoil, message) => {
    const data = householdPlanData('replace');
    spoil(data);
    const messages = worded(data);
    expect(messages.length).toBe(1);
    expect(messages[0]).toMatch(message);
  });
});

describe('fixes from review', () => {
  test('“§Điều 27” names its part once; “§V.1” still reads “mục V.1”', () => {
    const plan = householdPlan('add');
    expect(plan.cite({ ref: '§Điều 27', quote: 'q' })).toBe('QĐ 12/2026/QĐ-UBND, Điều 27');
    expect(plan.cite({ ref: '§V.1', quote: 'q' })).toBe('QĐ 12/2026/QĐ-UBND, mục V.1');
  });

  test('a row none of whose own criteria apply fails even when a form’s added criterion passes, and says why', () => {
    const data = householdPlanData('add') as any;
    data.subjects['ho-gia-dinh'].criteria = { ...data.subjects['ho-gia-dinh'].criteria, appliesTo: { labels: ['Hộ nghèo'] } };
    const plan = compilePlan(data, 'test');
    const d = evaluate(plan, row({ [MONEY]: 50_000_000, 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND huyện', 'Năm': 2026 }));
    expect([d.status, d.awardTier]).toEqual(['ineligible', null]);
    expect(keyReasonText(d).split('\n')[0]).toBe('✗ Không tiêu chí nào của mục Điều 27.3 (Hộ gia đình) áp dụng cho đối tượng “Hộ gia đình” [QĐ 12/2026/QĐ-UBND, Điều 27.3]');
  });

  test('a blank name or unit makes the row incomplete and "Lý do" says which', () => {
    const plan = householdPlan('add');
    const d = evaluate(plan, row({ 'Chức vụ, đơn vị công tác': null, [MONEY]: 50_000_000, 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND huyện', 'Năm': 2026 }));
    expect(d.status).toBe('incomplete');
    expect(keyReasonText(d).split('\n')[0]).toBe('? Chưa ghi “Chức vụ, đơn vị công tác” (cần cho Hộ gia đình)');
  });

  test('years compared with a constant read as years', () => {
    const plan = planWith({ id: 'a', label: 'Năm đạt chuẩn', column: 'Năm đạt chuẩn', test: { op: 'max', value: 2025 }, cite: CITE }, {});
    const d = evaluate(plan, new Map<string, Cell>(Object.entries({ 'Tên tập thể, cá nhân': 'UBND xã A', 'Đối tượng': 'Xã', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2023, 'Ngày trình': '01/12/2023', 'Năm đạt chuẩn': 2024 }).map(([k, v]) => [k, { value: v }])));
    expect(d.reasons.find((s) => s.id === 'a')?.text).toBe('Năm đạt chuẩn: 2024 ≤ 2025');
  });
});

test('a template for one subject has the columns its award forms’ own criteria read', () => {
  const model = templateModel(householdPlan('add'), 'ho-gia-dinh');
  expect(model.columns.map((c) => c.header)).toContain(MONEY);
});
