/** A minimal valid plan around one criteria tree, for engine tests that need a plan of their own. */
import { compilePlan, type CompiledPlan } from '../../src/core/compile';
import type { Expr } from '../../src/core/plan-schema';

const cite = { ref: '§T.1', quote: 'test' };

export function planWith(criteria: Expr, extra: Record<string, unknown> = {}): CompiledPlan {
  return compilePlan(
    {
      id: 'test-plan',
      title: 'Test',
      issuer: 'Test',
      document: 'Test',
      source: { file: '999_test.txt' },
      roundYears: { 'so-ket': 2023, 'tong-ket': 2025, cite },
      tiers: {
        'giay-khen-xa': { kind: 'none' },
        'giay-khen': { kind: 'evaluated', label: 'Giấy khen', rounds: ['annual', 'so-ket', 'tong-ket'], cite },
        'bang-khen-tinh': { kind: 'evaluated', label: 'Bằng khen tỉnh', rounds: ['so-ket', 'tong-ket'], cite },
        'bang-khen-ttg': { kind: 'hand-over', label: 'Bằng khen TTg', document: 'QĐ 1/QĐ-TTg', rounds: ['tong-ket'], cite },
        'huan-chuong-lao-dong': { kind: 'none' },
      },
      deadlines: [{ rounds: ['annual'], tiers: ['giay-khen'], month: 12, day: 5, text: 'Trước 05/12', cite }],
      subjects: { xa: { letter: 'b', label: 'Xã', cite, criteria } },
      ...extra,
    },
    'test',
  );
}

export function leaf(id: string, column: string): Expr {
  return { id, label: column, column, test: { op: 'yes' }, cite };
}

export const CITE = cite;
