/**
 * A plan JSON file's problems read like a plan workbook's: Vietnamese sentences saying what to do,
 * each led by the path inside the file (a JSON file has no cells), never zod's English. Reserved
 * keys are refused with their path and a plan nested 2,000 deep gives one plain line.
 */
import { loadPlan } from '../../src/core/compile';
import { jsonSyntaxVi, planJsonProblems } from '../../src/core/plan-file';
import thachHa from '../../src/plans/thach-ha-2022.json';

const clone = (): any => JSON.parse(JSON.stringify(thachHa));
const problems = (mutate: (p: any) => void): string[] => {
  const p = clone();
  mutate(p);
  return planJsonProblems(p);
};

test('the shipped plan has no problem', () => {
  expect(planJsonProblems(clone())).toEqual([]);
});

test.each<[string, (p: any) => void, string]>([
  ['a missing title', (p) => delete p.title, 'title: thiếu tên phong trào (“title”); thêm mục này, giá trị là chữ trong dấu ngoặc kép'],
  ['a number where text goes', (p) => (p.source.file = 3), 'source.file: tên tệp nguồn (“file”) phải là chữ trong dấu ngoặc kép, không phải 3'],
  ['a start year after the end year', (p) => Object.assign(p.period, { from: 2030, to: 2026 }), 'period: năm đầu giai đoạn 2030 sau năm cuối 2026; ghi năm đầu trước năm cuối, ví dụ 2026 và 2030'],
  ['a round year outside the period', (p) => (p.roundYears['tong-ket'] = 2027), 'roundYears.tong-ket: năm tổng kết 2027 nằm ngoài giai đoạn 2021–2025 của kế hoạch; ghi năm tổng kết trong giai đoạn như kế hoạch viết, hoặc sửa lại giai đoạn'],
  ['an unknown round', (p) => (p.tiers['giay-khen'].rounds = ['monthly']), 'tiers.giay-khen.rounds.0: mục thứ 1 của đợt “monthly” không có trong danh sách; dùng một trong: “annual”, “so-ket”, “tong-ket”'],
  ['an unknown tier kind', (p) => (p.tiers['giay-khen'].kind = 'maybe'), 'tiers.giay-khen.kind: cách xét (“kind”) “maybe” không có trong danh sách; dùng một trong: “none”, “evaluated”, “hand-over”'],
  ['a misspelt key', (p) => (p.subjects.xa.criteria.any[0].lable = 'x'), 'subjects.xa.criteria.any.0: mục “lable” không thuộc định dạng kế hoạch ở chỗ này (gõ sai tên, hoặc đặt nhầm chỗ); sửa tên hoặc xóa'],
  ['a bad id', (p) => (p.subjects.xa.criteria.any[0].id = 'B 1'), 'subjects.xa.criteria.any.0.id: mã “B 1” chỉ gồm chữ thường không dấu, số, “.” và “-”, ví dụ “b.1”'],
  ['an unknown column', (p) => (p.subjects.thon.criteria.any[0].column = 'Cột lạ'), 'subjects.thon.criteria.any.0.column: không có cột “Cột lạ”; dùng đúng tiêu đề cột chuẩn (như trong mẫu “ntm-awards template”) hoặc khai báo cột trong “columns”'],
  ['a test its column cannot answer', (p) => (p.subjects.thon.criteria.any[0].test = { op: 'min', value: 3 }), 'subjects.thon.criteria.any.0.test.op: phép thử “Từ … trở lên” (min) không dùng được cho cột “Thành tích xuất sắc trong phong trào” (kiểu Có/Không); chọn phép thử hợp với kiểu cột'],
  ['an own column hidden by a standard one', (p) => (p.columns = [{ header: 'Giá trị đóng góp (đồng)', type: 'money' }]), 'columns.0.header: cột riêng “Giá trị đóng góp (đồng)” trùng với một tên khác của cột chuẩn “Giá trị đóng góp (đồng/năm)” (kiểu Số tiền)'],
  ['an own subject type named like a shared one', (p) => (p.subjectTypes = [{ id: 'xa-2', label: 'Xã' }]), 'subjectTypes.0.label: loại đối tượng riêng “Xã” trùng tên với loại đối tượng chung “Xã”'],
])('%s is said in Vietnamese at its path', (_name, mutate, line) => {
  const lines = problems(mutate);
  expect(lines).toEqual([expect.stringContaining(line)]);
});

test('a criterion of the wrong shape names the wrong field, not the group it sits in', () => {
  // zod alone answers "Unrecognized key: "any"" at the criteria root for this.
  const lines = problems((p) => (p.subjects.xa.criteria.any[1].test = { op: 'bogus' }));
  expect(lines).toEqual([expect.stringMatching(/^subjects\.xa\.criteria\.any\.1\.test\.op: phép thử \(“op”\) “bogus” không có trong danh sách; dùng một trong: “yes”, “no”/)]);
});

test('zod\'s own English and JavaScript\'s renderings never show', () => {
  const lines = problems((p) => {
    delete p.title;
    p.issuer = { a: 1 };
    p.period = { from: 2030, to: 2026, cite: { ref: '§I', quote: 'x' } };
    p.tiers['giay-khen'] = [];
    p.deadlines = [{ rounds: [], tiers: ['x'], month: 13, day: 0, text: '', cite: null }];
    p.subjects['X Y'] = 3;
  });
  expect(lines.length).toBeGreaterThan(5);
  for (const l of lines) {
    expect(l).not.toMatch(/Invalid|expected|received|undefined|\[object|Too (small|big)|Unrecognized/);
    expect(l).toMatch(/^[^\s:][^:\n]*: \S/);
  }
});

describe('reserved keys and runaway nesting', () => {
  test.each([
    ['subjects', '{"__proto__": {"judgedAs": "xa"}}'],
    ['tiers', '{"__proto__": {"kind": "none"}}'],
  ])('a "__proto__" key under %s is refused with its path (it was silently dropped)', (where, json) => {
    const p = clone();
    Object.assign(p, { [where]: { ...p[where], ...JSON.parse(json) } });
    // Object spread drops "__proto__"; put it back as JSON.parse would.
    const text = JSON.stringify(p).replace(`"${where}":{`, `"${where}":${json.slice(0, -1)},`);
    const data = JSON.parse(text);
    expect(Object.keys(data[where])).toContain('__proto__');
    expect(planJsonProblems(data)).toEqual([`${where}.__proto__: tên mục “__proto__” không được dùng trong tệp kế hoạch (tên dành riêng của JavaScript); xóa mục này hoặc đổi tên`]);
    expect(loadPlan(data, 'x.json').ok).toBe(false);
  });

  test('"constructor" and "prototype" keys are refused too', () => {
    const data = JSON.parse(JSON.stringify(clone()).replace('"subjects":{', '"subjects":{"constructor":{"judgedAs":"xa"},').replace('"tiers":{', '"tiers":{"prototype":{"kind":"none"},'));
    expect(planJsonProblems(data)).toEqual([
      expect.stringMatching(/^tiers\.prototype: tên mục “prototype” không được dùng/),
      expect.stringMatching(/^subjects\.constructor: tên mục “constructor” không được dùng/),
    ]);
  });

  test('criteria nested 2,000 deep give one plain line, not "Maximum call stack size exceeded"', () => {
    const p = clone();
    let e: any = { id: 'leaf', label: 'x', column: 'Xã khó khăn', test: { op: 'yes' }, cite: { ref: '§X', quote: 'x' } };
    for (let i = 0; i < 2000; i++) e = { id: `g${i}`, all: [e] };
    p.general = e;
    const text = JSON.stringify(p);
    const lines = planJsonProblems(JSON.parse(text));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^general\.all\.0\.all\.0\.all\.….0\.all\.0\.all \(64 bậc\): kế hoạch lồng quá sâu: quá 64 cấp/);
    expect(loadPlan(JSON.parse(text), 'x.json').ok).toBe(false);
  });

  test('arrays nested 100,000 deep anywhere give the same line', () => {
    const p = clone();
    p.notices = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(planJsonProblems(p)).toEqual([expect.stringMatching(/^notices\.0\.0\.0\.0\.0\.….0\.0\.0\.0 \(64 bậc\): kế hoạch lồng quá sâu/)]);
  });
});

test('a JSON syntax error is said by line and column, not in the engine\'s English', () => {
  const text = '{\n  "id": "x",\n  "title" "y"\n}';
  let error: unknown;
  try {
    JSON.parse(text);
  } catch (e) {
    error = e;
  }
  expect(jsonSyntaxVi(text, error)).toBe('lỗi cú pháp JSON ở dòng 3, cột 11');
  expect(jsonSyntaxVi('{"a": [1, 2', new SyntaxError('Unexpected end of JSON input'))).toBe('tệp JSON kết thúc giữa chừng (thiếu “}” hoặc “]”)');
});
