/**
 * What a plan can say as data (issue 9 §1): scopes, its own scale, its own subject types and award
 * forms, its period and round years, and the short name its citations use — on a 2026–2030 style
 * plan written for these tests.
 */
import type { Cell } from '../../src/core/cell';
import { compilePlan, loadPlan } from '../../src/core/compile';
import { evaluate, type Decision } from '../../src/core/evaluate';
import type { Expr } from '../../src/core/plan-schema';
import { validatePlan } from '../../src/core/plan-schema';
import { reasonLines } from '../../src/core/report';

const cite = { ref: '§IV.2.a•1', quote: 'test' };
const yes = (id: string, column: string, extra: Record<string, unknown> = {}): Expr => ({ id, label: column, column, test: { op: 'yes' }, cite, ...extra });

function plan2026(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'dac-khu-2026',
    title: 'Phong trào thi đua giai đoạn 2026 - 2030',
    issuer: 'UBND đặc khu',
    document: 'Kế hoạch số 1/KH-UBND ngày 05/01/2026',
    shortName: 'KH Đặc khu 2026',
    source: { file: '900_test.txt' },
    subjectsCite: { ref: '§IV.1', quote: 'Đối tượng thi đua' },
    period: { from: 2026, to: 2030, cite: { ref: '§Tên kế hoạch', quote: 'giai đoạn 2026 - 2030' } },
    roundYears: { 'so-ket': 2028, 'tong-ket': 2030, cite: { ref: '§VI', quote: 'sơ kết năm 2028, tổng kết năm 2030' } },
    subjectTypes: [{ id: 'dac-khu', label: 'Đặc khu', variants: ['UBND đặc khu'] }],
    awardForms: [{ id: 'co-thi-dua', label: 'Cờ thi đua của UBND tỉnh', variants: ['Cờ thi đua'], rank: 3.5 }],
    tiers: {
      'giay-khen': { kind: 'evaluated', label: 'Giấy khen của Chủ tịch UBND đặc khu', rounds: ['annual', 'so-ket', 'tong-ket'], cite },
      'co-thi-dua': { kind: 'evaluated', label: 'Cờ thi đua của UBND tỉnh', rounds: ['tong-ket'], cite },
    },
    subjects: {
      'dac-khu': {
        letter: 'a',
        label: 'Đặc khu',
        cite,
        criteria: { id: 'a', any: [yes('a.1', 'Tiêu biểu trong phong trào'), { id: 'a.2', label: 'Mức', column: 'Mức đạt chuẩn', test: { op: 'atLeast', value: 'NTM' }, cite }] },
      },
      'co-quan': {
        letter: 'b',
        label: 'Cơ quan, đơn vị',
        cite,
        criteria: {
          id: 'b',
          any: [
            yes('b.1', 'Hoàn thành nhiệm vụ đúng tiến độ'),
            yes('b.2', 'Tuyên truyền, vận động', { appliesTo: { labels: ['Tổ chức chính trị - xã hội', 'Hội xã hội'] } }),
            yes('b.3', 'Tín dụng hiệu quả cho hộ nghèo', { appliesTo: { subjects: ['ngan-hang'] } }),
          ],
        },
      },
    },
    ...extra,
  };
}

const compiled = compilePlan(plan2026(), 'test');

function run(cells: Record<string, string | number>, ctx: Parameters<typeof evaluate>[2] = {}): Decision {
  return evaluate(compiled, new Map<string, Cell>(Object.entries(cells).map(([k, v]) => [k, { value: v }])), ctx);
}

const dacKhu = { 'Tên tập thể, cá nhân': 'UBND đặc khu Vân Đồn', 'Đối tượng': 'Đặc khu', 'Tiêu biểu trong phong trào': 'Có' };

describe('a plan of its own period and round years (2026–2030)', () => {
  test('a year inside the period is judged', () => {
    expect(run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027 })).toMatchObject({ status: 'eligible', awardTier: 'giay-khen' });
  });

  test('a year outside the period is ineligible with a reason naming the period and its citation', () => {
    const d = run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2025 });
    expect(d).toMatchObject({ status: 'ineligible', awardTier: null });
    const step = d.reasons.find((s) => s.id === 'period');
    expect(step?.text).toMatch(/Năm 2025 nằm ngoài giai đoạn của kế hoạch \(2026–2030\)/);
    expect(step?.citation).toBe('KH Đặc khu 2026, mục Tên kế hoạch');
  });

  test('the run year counts like the row year; the day of the check alone never rules a row out', () => {
    expect(run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen' }, { year: 2031 }).status).toBe('ineligible');
    expect(run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen' }, { asOf: '2031-01-05' }).status).toBe('eligible');
  });

  test('sơ kết is held in 2028, not 2023 or 2027', () => {
    expect(run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2028 }).status).toBe('eligible');
    const d = run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen', 'Đợt khen thưởng': 'Sơ kết', 'Năm': 2027 });
    expect(d.status).toBe('ineligible');
    expect(d.reasons.find((s) => s.id === 'round-year')?.text).toMatch(/tổ chức năm 2028, không phải năm 2027/);
  });
});

describe("a plan's own award forms and subject types", () => {
  test('"Cờ thi đua" is read as the plan\'s own form, ranked above Bằng khen tỉnh, at tổng kết 2030', () => {
    const d = run({ ...dacKhu, 'Hình thức đề nghị': 'Cờ thi đua', 'Đợt khen thưởng': 'Tổng kết', 'Năm': 2030 });
    expect(d).toMatchObject({ status: 'eligible', proposed: 'co-thi-dua', awardTier: 'co-thi-dua' });
    expect(compiled.tierOrder.indexOf('co-thi-dua')).toBe(compiled.tierOrder.indexOf('bang-khen-tinh') + 1);
  });

  test('the own form is not awarded annually, and the reason says which rounds it is', () => {
    const d = run({ ...dacKhu, 'Hình thức đề nghị': 'Cờ thi đua của UBND tỉnh', 'Năm': 2027 });
    expect(d.status).toBe('ineligible');
    expect(d.reasons.find((s) => s.id === 'tier-round')?.text).toMatch(/chỉ xét: tổng kết/);
  });

  test('"UBND đặc khu" is a variant of the own subject type', () => {
    expect(run({ ...dacKhu, 'Đối tượng': 'UBND đặc khu', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027 }).subject).toBe('dac-khu');
  });

  test('a subject type the plan lacks cites the section listing its subjects and names them', () => {
    const d = run({ 'Tên tập thể, cá nhân': 'Công ty A', 'Đối tượng': 'Doanh nghiệp', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027 });
    const step = d.reasons.find((s) => s.kind === 'subject');
    expect(step?.citation).toBe('KH Đặc khu 2026, mục IV.1');
    expect(step?.text).toMatch(/chỉ xét: Cơ quan, đơn vị, Đặc khu|chỉ xét: Đặc khu, Cơ quan, đơn vị/);
  });
});

describe('scopes: a bullet that names its own subject', () => {
  const agency = (label: string, cells: Record<string, string>) =>
    run({ 'Tên tập thể, cá nhân': 'Đơn vị A', 'Đối tượng': label, 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027, ...cells });

  test('out of scope by label: n/a, never a pass, and the reason says to whom it applies', () => {
    const d = agency('Phòng, ban, ngành', { 'Hoàn thành nhiệm vụ đúng tiến độ': 'Không', 'Tuyên truyền, vận động': 'Có' });
    expect(d.status).toBe('ineligible');
    const step = d.reasons.find((s) => s.id === 'b.2');
    expect(step).toMatchObject({ result: 'n/a' });
    expect(step?.text).toMatch(/không áp dụng cho đối tượng “Phòng, ban, ngành” \(chỉ áp dụng cho “Tổ chức chính trị - xã hội”, “Hội xã hội”\)/);
  });

  test('in scope by label, any case and without diacritics', () => {
    expect(agency('TO CHUC CHINH TRI - XA HOI', { 'Hoàn thành nhiệm vụ đúng tiến độ': 'Không', 'Tuyên truyền, vận động': 'Có' }).status).toBe('eligible');
  });

  test('an out-of-scope column is never reported missing', () => {
    const d = agency('Phòng, ban, ngành', {});
    expect(d).toMatchObject({ status: 'incomplete', missing: ['Hoàn thành nhiệm vụ đúng tiến độ'] });
  });

  test('a scope by subject type (co-quan rows never see the bank bullet)', () => {
    expect(agency('Cơ quan, đơn vị', { 'Hoàn thành nhiệm vụ đúng tiến độ': 'Không', 'Tín dụng hiệu quả cho hộ nghèo': 'Có' }).status).toBe('ineligible');
  });

  test('a group whose every member is out of scope decides nothing: the row fails, it does not pass', () => {
    const only = compilePlan(
      plan2026({ subjects: { 'co-quan': { letter: 'b', label: 'Cơ quan', cite, criteria: { id: 'b', any: [yes('b.2', 'Tuyên truyền, vận động', { appliesTo: { labels: ['Hội xã hội'] } })] } } } }),
      'test',
    );
    const d = evaluate(only, new Map<string, Cell>([['Tên tập thể, cá nhân', { value: 'A' }], ['Đối tượng', { value: 'Cơ quan, đơn vị' }], ['Hình thức đề nghị', { value: 'Giấy khen' }], ['Năm', { value: 2027 }]]));
    expect(d.status).toBe('ineligible');
  });
});

describe('scales per plan', () => {
  const ward = (cells: Record<string, string>) =>
    run({ 'Tên tập thể, cá nhân': 'Đặc khu B', 'Đối tượng': 'Đặc khu', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027, 'Tiêu biểu trong phong trào': 'Không', ...cells });

  test('on the shared scale "Đô thị văn minh" fails an NTM test, with a reason saying why', () => {
    const d = ward({ 'Mức đạt chuẩn': 'Đô thị văn minh' });
    expect(d.status).toBe('ineligible');
    expect(d.reasons.find((s) => s.id === 'a.2')?.text).toMatch(/Đô thị văn minh, không đạt NTM: “Đô thị văn minh” là chuẩn đô thị, không phải một mức của thang nông thôn mới/);
  });

  test("a plan's own scale puts it where the plan says", () => {
    const own = compilePlan(
      plan2026({ scales: [{ column: 'Mức đạt chuẩn', values: [{ rank: 0, labels: ['Chưa đạt'] }, { rank: 1, labels: ['NTM', 'Đô thị văn minh'] }] }] }),
      'test',
    );
    const cells = { 'Tên tập thể, cá nhân': 'B', 'Đối tượng': 'Đặc khu', 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027, 'Tiêu biểu trong phong trào': 'Không', 'Mức đạt chuẩn': 'Đô thị văn minh' };
    expect(evaluate(own, new Map<string, Cell>(Object.entries(cells).map(([k, v]) => [k, { value: v }]))).status).toBe('eligible');
    // The shared scale is untouched for every other plan.
    expect(ward({ 'Mức đạt chuẩn': 'Đô thị văn minh' }).status).toBe('ineligible');
  });
});

describe('citations name the document', () => {
  test('"KH Đặc khu 2026, mục IV.2.a•1" in every reason line; the source file stays available for audits', () => {
    const d = run({ ...dacKhu, 'Hình thức đề nghị': 'Giấy khen', 'Năm': 2027 });
    const lines = reasonLines(d.reasons.filter((s) => s.kind === 'criterion'));
    expect(lines.some((l) => l.endsWith('[KH Đặc khu 2026, mục IV.2.a•1]'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/900_test\.txt/);
    expect(compiled.sourceCite(cite)).toBe('900_test.txt §IV.2.a•1');
  });

  test('without a short name, the document is named', () => {
    const p = compilePlan(plan2026({ shortName: undefined }), 'test');
    expect(p.cite(cite)).toBe('Kế hoạch số 1/KH-UBND ngày 05/01/2026, mục IV.2.a•1');
  });
});

describe('the new vocabulary is checked when a plan is loaded', () => {
  const issues = (extra: Record<string, unknown>) => {
    const r = validatePlan(plan2026(extra));
    return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a subject key nobody declared', { subjects: { 'dac-biet': { letter: 'a', label: 'X', cite, criteria: yes('x', 'Tiêu biểu trong phong trào') } } }, /subjects\.dac-biet: unknown subject type "dac-biet"/],
    ['a tier key nobody declared', { tiers: { 'tap-the-ld': { kind: 'none' } } }, /tiers\.tap-the-ld: unknown award form/],
    ['an award form with no rule', { tiers: {} }, /tiers\.co-thi-dua: award form "co-thi-dua" has no rule/],
    ['an own id that is a shared one', { subjectTypes: [{ id: 'xa', label: 'Xã' }] }, /subjectTypes\.0\.id: subject type id "xa" is already used/],
    ['a scale on a yes/no column', { scales: [{ column: 'Xã khó khăn', values: [{ rank: 1, labels: ['Có'] }] }] }, /scales\.0\.column: "Xã khó khăn" is a yesno column/],
    ['a scope naming an unknown subject', { subjects: { 'co-quan': { letter: 'b', label: 'C', cite, criteria: yes('b', 'Tuyên truyền, vận động', { appliesTo: { subjects: ['dac-biet'] } }) } } }, /appliesTo\.subjects\.0: unknown subject type "dac-biet"/],
    ['an empty scope', { subjects: { 'co-quan': { letter: 'b', label: 'C', cite, criteria: yes('b', 'Tuyên truyền, vận động', { appliesTo: {} }) } } }, /name "subjects" or "labels"/],
    ['round years outside the period', { roundYears: { 'so-ket': 2023, 'tong-ket': 2025, cite } }, /roundYears\.so-ket: năm sơ kết 2023 nằm ngoài giai đoạn 2026–2030/],
    ['a value not on the plan\'s own scale', { scales: [{ column: 'Mức đạt chuẩn', values: [{ rank: 0, labels: ['Chưa đạt'] }, { rank: 1, labels: ['Đạt'] }] }] }, /"NTM" is not a value of "Mức đạt chuẩn"/],
  ])('%s', (_name, extra, message) => {
    expect(issues(extra).join('\n')).toMatch(message);
  });

  test('the fixture itself is valid, and shared tiers left out default to "none"', () => {
    const r = loadPlan(plan2026(), 'test');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.plan.plan.tiers['bang-khen-tinh']).toEqual({ kind: 'none' });
  });
});
