/**
 * The compiled engine keeps one row state per plan and reads cells by position; these tests hold
 * it to what a user sees: an explanation read long after other rows were judged is that row's own,
 * the same in every reading path (lazy `reasons`, the explained run, a plain header Map), and the
 * shortcuts it takes (whole numbers formatted without ICU, cells read by position, parse memos)
 * give exactly what the careful way gives.
 */
import fc from 'fast-check';
import type { Cell } from '../../src/core/cell';
import { rowInput } from '../../src/core/check';
import { evaluate, evaluateExplained, formatNumberVi, type Decision, type RunContext } from '../../src/core/evaluate';
import type { HeaderMatch } from '../../src/core/headers';
import { resultCells } from '../../src/core/report';
import { parseDate, parseYear, parseYesNo } from '../../src/core/values';
import { shippedPlans } from '../../src/plans';

const plans = shippedPlans();

/** Every header a plan reads (general columns and each criterion's), at shuffled sheet positions. */
function layoutFor(headers: readonly string[], seed: number): HeaderMatch {
  const order = headers.map((h, i) => ({ h, k: (i * 7919 + seed * 104729) % 1009 })).sort((a, b) => a.k - b.k);
  const columns: Record<string, number> = {};
  order.forEach(({ h }, i) => (columns[h] = i + 2));
  return { headerRow: 1, headerRows: 1, firstDataRow: 2, columns, sheetColumns: [] };
}

const GENERAL = ['Tên tập thể, cá nhân', 'Đối tượng', 'Chức vụ, đơn vị công tác', 'Hình thức đề nghị', 'Đợt khen thưởng', 'Năm', 'Ngày trình', 'Mức thành tích'];

const valueArb = fc.oneof(
  fc.constantFrom<Cell['value']>('Có', 'x', 'Không', 'K', '', null, '  ', '???', 'Xã', 'Hộ gia đình', 'Cán bộ, công chức, viên chức', 'Thôn', 'Doanh nghiệp'),
  fc.constantFrom<Cell['value']>('Giấy khen', 'Bằng khen tỉnh', 'Sơ kết', 'Tổng kết', 'Hằng năm', 'Xuất sắc', 'Tiêu biểu xuất sắc', 'NTM nâng cao', 'Đạt chuẩn'),
  fc.constantFrom<Cell['value']>('04/12/2023', '5-12-2023', '31/02/2023', 2023, '2023', 2025, 45264, 45300, 150000000, '80.000.000', 0.065, true),
  fc.string({ maxLength: 12 }),
);

function cellsFor(match: HeaderMatch, values: Cell['value'][]): Cell[] {
  const width = Math.max(...Object.values(match.columns));
  const cells: Cell[] = Array.from({ length: width }, () => ({ value: null }));
  Object.values(match.columns).forEach((col, i) => (cells[col - 1] = { value: values[i % values.length] ?? null }));
  return cells;
}

const seen = (d: Decision) => ({ ...d, reasons: d.reasons, cells: resultCells(d) });

test('an explanation read after other rows were judged is the row’s own, in every path, for every shipped plan', () => {
  for (const plan of plans) {
    const match = layoutFor([...GENERAL, ...plan.criterionColumns], plan.criterionColumns.length);
    fc.assert(
      fc.property(
        fc.array(fc.array(valueArb, { minLength: 8, maxLength: 40 }), { minLength: 2, maxLength: 6 }),
        fc.constantFrom<RunContext>({ year: 2023 }, {}, { blankIsNo: true, deadline: '2023-12-01' }, { round: 'so-ket', year: 2023 }),
        (rows, ctx) => {
          const cells = rows.map((v) => cellsFor(match, v));
          // Judged one after the other, explanations read only at the end (what a report does).
          const lazy = cells.map((c) => evaluate(plan, rowInput(c, match), ctx));
          const late = lazy.map(seen);
          for (let i = 0; i < cells.length; i++) {
            const explained = seen(evaluateExplained(plan, rowInput(cells[i], match), ctx));
            // A plain Map by header: no positional reading at all.
            const byHeader = new Map(Object.entries(match.columns).map(([h, col]) => [h, cells[i][col - 1]]));
            const plain = seen(evaluate(plan, byHeader, ctx));
            expect(late[i]).toEqual(explained);
            expect(plain).toEqual(explained);
          }
        },
      ),
      { numRuns: 40 },
    );
  }
});

test('a row judged under one layout, then rows of another list, still explains itself from its own cells', () => {
  const plan = plans[0];
  const a = layoutFor([...GENERAL, ...plan.criterionColumns], 1);
  const b = layoutFor([...GENERAL, ...plan.criterionColumns], 2);
  const values: Cell['value'][] = ['UBND xã A', 'Xã', 'xã A', 'Giấy khen', '', 2023, '04/12/2023', '', 'Có', 'x', 'Có', 'Có'];
  const first = evaluate(plan, rowInput(cellsFor(a, values), a), { year: 2023 });
  for (let i = 0; i < 5; i++) evaluate(plan, rowInput(cellsFor(b, ['Hộ', 'Hộ gia đình', '', 'Bằng khen tỉnh', 'Sơ kết', 2024]), b), {});
  expect(seen(first)).toEqual(seen(evaluateExplained(plan, rowInput(cellsFor(a, values), a), { year: 2023 })));
});

test('whole numbers are written as ICU writes them in Vietnamese, without asking ICU', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true })), (n) => {
      expect(formatNumberVi(n)).toBe(n.toLocaleString('vi-VN', { maximumFractionDigits: 4 }));
    }),
  );
  for (const n of [-0, 0, 999, 1000, -1234, 150_000_000]) expect(formatNumberVi(n)).toBe(n.toLocaleString('vi-VN', { maximumFractionDigits: 4 }));
});

test('decimals are written as ICU writes them in Vietnamese, rounding and carries included, without asking ICU', () => {
  const vi = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });
  fc.assert(
    fc.property(
      fc.oneof(
        // Decimals as a list holds them: a few digits after the comma, some past the fourth (rounded).
        fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 9 })).map(([m, k]) => m / 10 ** k),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        // Ties and carries at the fourth decimal: x,xxxx5 and 9,99995.
        fc.integer({ min: -1e9, max: 1e9 }).map((m) => (m * 10 + 5) / 1e5),
      ),
      (n) => {
        expect(formatNumberVi(n)).toBe(vi(n));
      },
    ),
    { numRuns: 2000 },
  );
  for (const n of [1.00005, 0.00005, 0.00004999, -0.00001, 99999.99995, 9.99995, -9.99995, 0.1 + 0.2, 1.5e-7, 1e21, 2.5, -0.5]) expect(formatNumberVi(n)).toBe(vi(n));
});

test('the parse memos give what a fresh parse gives, for plain, formatted, blank and error cells', () => {
  const cells: Cell[] = [
    { value: 45264 },
    { value: 45264, format: 'dd/mm/yyyy' },
    { value: 2023 },
    { value: 2023, format: 'dd/mm/yyyy' },
    { value: null, format: 'dd/mm/yyyy' },
    { value: '  ' },
    { value: 'x', error: '#N/A' },
    { value: '04/12/2023' },
    { value: '04/12/2023', format: '@' },
  ];
  for (const parse of [parseDate, parseYear, (c: Cell) => parseYesNo(c)]) {
    const first = cells.map((c) => parse(c));
    // Asked again in another order, through the memo this time.
    const again = [...cells].reverse().map((c) => parse({ ...c })).reverse();
    expect(again).toEqual(first);
  }
  expect(parseDate({ value: 45264, format: 'dd/mm/yyyy' })).toEqual({ kind: 'value', value: '2023-12-04' });
  expect(parseDate({ value: 2023 })).toMatchObject({ kind: 'unreadable' });
  expect(parseYear({ value: 'x', error: '#N/A' })).toEqual({ kind: 'blank' });
});
