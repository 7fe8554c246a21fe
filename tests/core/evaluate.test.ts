import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import { shippedPlan } from '../../src/plans';
import { CITE, leaf, planWith } from './plan-fixture';

const base = { 'Tên tập thể, cá nhân': 'UBND xã A', 'Đối tượng': 'Xã', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': '01/12/2023' };
const row = (cells: Record<string, Cell['value']>) => new Map<string, Cell>(Object.entries({ ...base, ...cells }).map(([k, v]) => [k, { value: v }]));

const A = 'Tiêu biểu trong phong trào';
const B = 'Xã khó khăn';
const C = 'Có thành tích tiêu biểu';
const anyPlan = planWith({ id: 'g', label: 'Một trong', cite: { ref: '§T', quote: 'q' }, any: [leaf('a', A), { id: 'bc', all: [leaf('b', B), leaf('c', C)] }] });

describe('three-valued criteria (spec §5)', () => {
  test.each([
    ['an any-of passes on one passing member even if the others are blank', { [A]: 'Có' }, 'eligible', []],
    ['an all-of with a failed member fails even if its other member is blank', { [A]: 'Không', [B]: 'Không' }, 'ineligible', []],
    ['an undecided group lists only its undecided columns', { [A]: 'Không', [B]: 'Có' }, 'incomplete', [C]],
    ['a blank is missing, not "no"', {}, 'incomplete', [A, B, C]],
    ['an unreadable value counts as missing and is reported', { [A]: 'có lẽ' }, 'incomplete', [A, B, C]],
  ])('%s', (_name, cells, status, missing) => {
    const d = evaluate(anyPlan, row(cells as Record<string, string>), { year: 2023 });
    expect(d.status).toBe(status);
    expect(d.missing).toEqual(missing);
  });

  test('the unreadable value is named with the cell text and what was expected', () => {
    const d = evaluate(anyPlan, row({ [A]: 'có lẽ', [B]: 'Không' }), { year: 2023 });
    expect(d.unreadable).toEqual([{ column: A, raw: 'có lẽ', expected: expect.stringMatching(/Có/) }]);
  });

  test('members that cannot change a decided group are shown as not needed (n/a)', () => {
    const d = evaluate(anyPlan, row({ [A]: 'Có', [B]: 'Không' }), { year: 2023 });
    const byId = Object.fromEntries(d.reasons.map((s) => [s.id, s.result]));
    expect(byId).toMatchObject({ a: 'pass', b: 'n/a', c: 'n/a', g: 'pass' });
  });

  test('--blank-is-no turns a blank yes/no into no', () => {
    const d = evaluate(anyPlan, row({ [A]: 'Không' }), { year: 2023, blankIsNo: true });
    expect(d.status).toBe('ineligible');
  });
});

describe('tiers, rounds and levels', () => {
  const plan = planWith(leaf('a', A));
  test('a tier the plan does not provide is ineligible, and the award tier is still the highest the plan gives', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Hình thức đề nghị': 'Giấy khen của Chủ tịch UBND xã' }), { year: 2023 });
    expect([d.status, d.awardTier]).toEqual(['ineligible', 'giay-khen']);
    expect(d.reasons.find((s) => s.id === 'tier')?.text).toMatch(/không có hình thức này/);
  });
  test('a tier not awarded in the round is ineligible with the round named', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Hình thức đề nghị': 'Bằng khen UBND tỉnh', 'Mức thành tích': 'Tiêu biểu xuất sắc' }), { year: 2023 });
    expect(d.status).toBe('ineligible');
    expect(d.reasons.find((s) => s.id === 'tier-round')?.text).toMatch(/hằng năm/);
  });
  test('a sơ kết row of another year is ineligible whatever its criteria', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2024 }), {});
    expect([d.status, d.awardTier]).toEqual(['ineligible', null]);
    expect(d.reasons.find((s) => s.id === 'round-year')?.text).toMatch(/năm 2023/);
  });
  test('a handed-over tier is not-covered and names the document', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2025, 'Hình thức đề nghị': 'Bằng khen Thủ tướng' }), {});
    expect(d.status).toBe('not-covered');
    expect(d.reasons.find((s) => s.id === 'tier')?.text).toMatch(/QĐ 1\/QĐ-TTg/);
  });
  // A level condition exists only where the plan states one (spec §3: no default minimum level).
  const levelCite = { ref: '§T.9', quote: 'thành tích tiêu biểu xuất sắc' };
  const leveled = planWith(leaf('a', A), {
    tiers: {
      'giay-khen': { kind: 'evaluated', label: 'Giấy khen', rounds: ['annual', 'so-ket', 'tong-ket'], cite: CITE },
      'bang-khen-tinh': { kind: 'evaluated', label: 'Bằng khen tỉnh', rounds: ['so-ket', 'tong-ket'], minLevel: 'tieu-bieu-xuat-sac', levelCite, cite: CITE },
    },
  });
  test('where the plan states a level, a missing level counts as Xuất sắc for the award tier but makes a higher proposal incomplete', () => {
    const d = evaluate(leveled, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023, 'Hình thức đề nghị': 'Bằng khen UBND tỉnh' }), {});
    expect([d.status, d.awardTier, d.missing]).toEqual(['incomplete', 'giay-khen', ['Mức thành tích']]);
    expect(d.reasons.find((s) => s.id === 'level')?.citation).toBe('Test, mục T.9');
  });
  test('the recorded level raises the award tier where the plan states a level', () => {
    const d = evaluate(leveled, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023, 'Mức thành tích': 'Tiêu biểu xuất sắc' }), {});
    expect(d.awardTier).toBe('bang-khen-tinh');
  });
  test('a plan that states no level never asks for one: the level column is read but decides nothing', () => {
    const blank = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023, 'Hình thức đề nghị': 'Bằng khen UBND tỉnh' }), {});
    expect([blank.status, blank.awardTier, blank.missing]).toEqual(['eligible', 'bang-khen-tinh', []]);
    expect(blank.reasons.some((s) => s.kind === 'level' || /mức thành tích/i.test(s.text))).toBe(false);
    const low = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023, 'Hình thức đề nghị': 'Bằng khen UBND tỉnh', 'Mức thành tích': 'Xuất sắc' }), {});
    expect([low.status, low.awardTier, low.level]).toEqual(['eligible', 'bang-khen-tinh', 'xuat-sac']);
  });
  test('a subject type the plan does not cover is ineligible with that reason', () => {
    const d = evaluate(plan, row({ 'Đối tượng': 'Doanh nghiệp' }), { year: 2023 });
    expect(d.status).toBe('ineligible');
    expect(d.reasons[0].text).toMatch(/không có tiêu chuẩn cho đối tượng/);
  });
  test('an unknown subject label is incomplete with Đối tượng missing and no criterion column listed', () => {
    const d = evaluate(plan, row({ 'Đối tượng': 'Hội đồng hương' }), { year: 2023 });
    expect([d.status, d.missing]).toEqual(['incomplete', ['Đối tượng']]);
  });
  test('an official without a unit is incomplete with the unit column missing', () => {
    const th = shippedPlan('thach-ha-2022')!;
    const d = evaluate(
      th,
      row({ 'Đối tượng': 'Cán bộ, công chức, viên chức', 'Chấp hành tốt chủ trương, chính sách, pháp luật': 'Có', 'Sáng kiến, giải pháp hữu ích': 'Có' }),
      { year: 2023 },
    );
    expect([d.status, d.missing]).toEqual(['incomplete', ['Chức vụ, đơn vị công tác']]);
  });
});

describe('deadlines are read literally (spec §5)', () => {
  const plan = planWith(leaf('a', A));
  test.each([
    ['04/12/2023', 'on-time', 0],
    ['05/12/2023', 'late', 1],
    ['10/12/2023', 'late', 6],
    ['ngày 03 tháng 01 năm 2024', 'late', 30],
  ])('sent %s → %s (%d days late)', (date, status, days) => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Ngày trình': date }), { year: 2023 });
    expect([d.deadline.status, d.deadline.daysLate, d.deadline.before]).toEqual([status, days, '2023-12-05']);
  });
  test('no date where a deadline applies: deadline missing and Ngày trình listed, status unaffected', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Ngày trình': null }), { year: 2023 });
    expect([d.status, d.deadline.status, d.missing]).toEqual(['eligible', 'missing', ['Ngày trình']]);
  });
  test('the deadline applies only to its round and tier', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023 }), {});
    expect(d.deadline).toEqual({ status: 'none', before: null, daysLate: 0 });
  });
  test('a user deadline applies to every row', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2023, 'Ngày trình': '2023-06-02' }), { deadline: '2023-06-01' });
    expect([d.deadline.status, d.deadline.daysLate]).toEqual(['late', 2]);
  });
  test('without a run year, the year of Ngày trình anchors the deadline', () => {
    const d = evaluate(plan, row({ [A]: 'Có', 'Ngày trình': '06/12/2024' }), {});
    expect([d.year, d.deadline.before, d.deadline.daysLate]).toEqual([2024, '2024-12-05', 2]);
  });
});

test('each row says its own amount, however many different amounts a list has', () => {
  // A leaf words each detail once and remembers a bounded number of them: rows past the bound
  // must still show their own amount, not one remembered from another row.
  const column = 'Giá trị đóng góp (đồng/năm)';
  const plan = planWith({ id: 'm', label: 'Đóng góp', column, test: { op: 'min', value: 80_000_000 }, cite: CITE });
  for (let i = 0; i < 150; i++) {
    const amount = 70_000_000 + i * 137_000;
    const step = evaluate(plan, row({ [column]: amount })).reasons.find((s) => s.id === 'm')!;
    const shown = amount.toLocaleString('de-DE');
    expect(step.text).toBe(`Đóng góp: ${shown} ${amount >= 80_000_000 ? '≥' : '<'} 80.000.000`);
  }
});

test('each plan and each subject says its own standard, whichever is judged first', () => {
  // A subject's wording is remembered per plan and subject: a subject judged under another's
  // bullet, and the same subject in a plan with another name, must never borrow each other's.
  const criteria = leaf('a', A);
  const subjects = {
    xa: { letter: 'b', label: 'Xã', cite: CITE, criteria },
    thon: { judgedAs: 'xa', reading: 'Thôn xét như xã.', cite: { ref: '§T.2', quote: 'q' } },
  };
  const first = planWith(criteria, { subjects });
  const second = planWith(criteria, { subjects, shortName: 'KH khác' });
  const subjectStepOf = (plan: typeof first, subject: string) =>
    evaluate(plan, row({ 'Đối tượng': subject, [A]: 'Có' })).reasons.find((s) => s.kind === 'subject')!;
  for (const order of [['Thôn', 'Xã'], ['Xã', 'Thôn']]) {
    for (const subject of order) {
      for (const plan of [first, second]) {
        const step = subjectStepOf(plan, subject);
        const doc = plan === first ? 'Test' : 'KH khác';
        if (subject === 'Xã') {
          expect(step.text).toBe('Đối tượng Xã: tiêu chuẩn mục b (Xã)');
          expect(step.citation).toBe(`${doc}, mục T.1`);
        } else {
          expect(step.text).toBe('Thôn: kế hoạch không có mục riêng, xét theo tiêu chuẩn “Xã” (mục b). Thôn xét như xã.');
          expect(step.citation).toBe(`${doc}, mục T.2`);
        }
      }
    }
  }
});
