/**
 * Laws of three-valued evaluation, over random criteria trees and random rows (fast-check):
 * the engine never throws, a passing alternative never makes an any-of fail, a failing member
 * decides an all-of, and filling a blank never overturns a decided result (a missing value never
 * turns into a pass).
 */
import fc from 'fast-check';
import type { Cell } from '../../src/core/cell';
import { evaluate } from '../../src/core/evaluate';
import type { Expr } from '../../src/core/plan-schema';
import { shippedPlans } from '../../src/plans';
import { CITE, planWith } from './plan-fixture';

const COLUMNS = ['Tiêu biểu trong phong trào', 'Xã khó khăn', 'Có thành tích tiêu biểu', 'Đảm bảo 4 tại chỗ'];
let next = 0;
const id = () => `n${next++}`;

const leafArb = fc.constantFrom(...COLUMNS).map((column): Expr => ({ id: id(), label: column, column, test: { op: 'yes' }, cite: CITE }));
const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ kind: fc.constantFrom('all', 'any'), members: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }).map(
      ({ kind, members }): Expr => ({ id: id(), [kind]: members }) as Expr,
    ),
  ),
}));

const valueArb = fc.constantFrom<Cell['value']>('Có', 'Không', null, 'x', '', '???');
const rowArb = fc.tuple(...COLUMNS.map(() => valueArb));

function rowOf(values: Cell['value'][]): Map<string, Cell> {
  const m = new Map<string, Cell>([
    ['Tên tập thể, cá nhân', { value: 'UBND xã A' }],
    ['Đối tượng', { value: 'Xã' }],
    ['Hình thức đề nghị', { value: 'Giấy khen' }],
    ['Ngày trình', { value: '01/12/2023' }],
  ]);
  COLUMNS.forEach((c, i) => m.set(c, { value: values[i] }));
  return m;
}

/** Re-id a tree so that a tree can appear twice inside one plan. */
function fresh(e: Expr): Expr {
  if ('column' in e) return { ...e, id: id() };
  return e.all ? { id: id(), all: e.all.map(fresh) } : { id: id(), any: (e.any ?? []).map(fresh) };
}

const criteriaResult = (e: Expr, values: Cell['value'][]) => {
  const d = evaluate(planWith(fresh(e)), rowOf(values), { year: 2023 });
  return d.status === 'eligible' ? 'pass' : d.status === 'ineligible' ? 'fail' : 'missing';
};

test('a passing alternative never makes an any-of fail or stay undecided', () => {
  fc.assert(
    fc.property(tree, rowArb, fc.constantFrom(...COLUMNS), (e, values, col) => {
      const passing = { id: id(), label: col, column: col, test: { op: 'yes' }, cite: CITE } as Expr;
      const filled = values.map((v, i) => (COLUMNS[i] === col ? 'Có' : v));
      expect(criteriaResult({ id: id(), any: [e, passing] }, filled)).toBe('pass');
    }),
  );
});

test('a failing member decides an all-of', () => {
  fc.assert(
    fc.property(tree, rowArb, fc.constantFrom(...COLUMNS), (e, values, col) => {
      const failing = { id: id(), label: col, column: col, test: { op: 'yes' }, cite: CITE } as Expr;
      const filled = values.map((v, i) => (COLUMNS[i] === col ? 'Không' : v));
      expect(criteriaResult({ id: id(), all: [e, failing] }, filled)).toBe('fail');
    }),
  );
});

test('filling a blank never overturns a decided result, so a missing value never turns into a pass', () => {
  fc.assert(
    fc.property(tree, rowArb, fc.nat(COLUMNS.length - 1), fc.constantFrom('Có', 'Không'), (e, values, i, fill) => {
      fc.pre(values[i] === null || values[i] === '' || values[i] === '???');
      const before = criteriaResult(e, values);
      const after = criteriaResult(e, values.map((v, k) => (k === i ? fill : v)));
      if (before !== 'missing') expect(after).toBe(before);
    }),
  );
});

test('evaluation never throws on any cell values, for every shipped plan', () => {
  const anyCell = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: false }),
  );
  const plans = shippedPlans();
  fc.assert(
    fc.property(fc.constantFrom(...plans), fc.dictionary(fc.constantFrom(...plans[0].registry.keys()), anyCell), (plan, cells) => {
      const row = new Map<string, Cell>(Object.entries(cells).map(([k, v]) => [k, { value: v as Cell['value'] }]));
      const d = evaluate(plan, row, {});
      expect(['eligible', 'ineligible', 'incomplete', 'not-covered']).toContain(d.status);
    }),
    { numRuns: 300 },
  );
});
