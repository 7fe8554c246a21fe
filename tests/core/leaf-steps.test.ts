/**
 * A criterion's explanation step on one row after another: what a user reads is each row's own —
 * the text as typed (though "x", "X" and "Có" read alike), the outcome, whether the member was
 * needed, a blank apart from spaces — whatever rows came before it.
 */
import type { Cell } from '../../src/core/cell';
import { evaluate, evaluateExplained } from '../../src/core/evaluate';
import { leaf, planWith } from './plan-fixture';

const base = { 'Tên tập thể, cá nhân': 'UBND xã A', 'Đối tượng': 'Xã', 'Hình thức đề nghị': 'Giấy khen', 'Ngày trình': '01/12/2023' };
const row = (cells: Record<string, Cell['value']>, format?: string) =>
  new Map<string, Cell>(Object.entries({ ...base, ...cells }).map(([k, v]) => [k, format && typeof v === 'number' ? { value: v, format } : { value: v }]));

const A = 'Tiêu biểu trong phong trào';
const B = 'Xã khó khăn';
const plan = planWith({ id: 'g', label: 'Một trong', cite: { ref: '§T', quote: 'q' }, any: [leaf('a', A), leaf('b', B)] });
const stepOf = (cells: Record<string, Cell['value']>, id: string, blankIsNo = false) =>
  evaluateExplained(plan, row(cells), { year: 2023, blankIsNo }).reasons.find((s) => s.id === id);

describe('criterion steps, row after row', () => {
  test('each row shows the value as it typed it, though "x", "X" and "Có" read alike', () => {
    for (const typed of ['x', 'X', 'Có', 'x', 'Có']) expect(stepOf({ [A]: typed, [B]: 'Không' }, 'a')).toMatchObject({ value: typed, result: 'pass' });
  });

  test('the same value is a pass where it counts and "n/a" where the group is already decided', () => {
    expect(stepOf({ [A]: 'Có', [B]: 'Có' }, 'b')).toMatchObject({ value: 'Có', result: 'pass' });
    expect(stepOf({ [A]: 'Có', [B]: 'Không' }, 'b')).toMatchObject({ value: 'Không', result: 'n/a' });
    expect(stepOf({ [A]: 'Không', [B]: 'Không' }, 'b')).toMatchObject({ value: 'Không', result: 'fail' });
    expect(stepOf({ [A]: 'Có', [B]: 'Có' }, 'b')).toMatchObject({ value: 'Có', result: 'pass' });
  });

  test('a blank cell and a cell of spaces each say what they hold', () => {
    expect(stepOf({ [A]: 'Không', [B]: null }, 'b')).toMatchObject({ value: undefined, result: 'missing' });
    expect(stepOf({ [A]: 'Không', [B]: '  ' }, 'b')).toMatchObject({ value: '  ', result: 'missing' });
    expect(stepOf({ [A]: 'Không', [B]: null }, 'b')).toMatchObject({ value: undefined, result: 'missing' });
  });

  test('with blanks read as "no", a blank fails and the next run without the option is missing again', () => {
    expect(stepOf({ [A]: 'Không', [B]: null }, 'b', true)).toMatchObject({ result: 'fail' });
    expect(stepOf({ [A]: 'Không', [B]: null }, 'b')).toMatchObject({ result: 'missing' });
  });

  test('a row explained later (lazily) reads the same as one explained at once', () => {
    const cells = { [A]: 'X', [B]: 'không' };
    const lazy = evaluate(plan, row(cells), { year: 2023 });
    evaluateExplained(plan, row({ [A]: 'Có', [B]: 'Có' }), { year: 2023 });
    expect(lazy.reasons).toEqual(evaluateExplained(plan, row(cells), { year: 2023 }).reasons);
  });
});
