import { compilePlan } from '../../src/core/compile';
import { diffPlans, diffText } from '../../src/core/plan-diff';
import type { Plan } from '../../src/core/plan-schema';
import { PLAN_IDS, shippedPlan } from '../../src/plans';
import { revise } from '../helpers/plan-revise';

describe('plan diff', () => {
  it.each(PLAN_IDS)('finds exactly the revisions of an edited copy of %s, in its own words', (id) => {
    const original = shippedPlan(id)!;
    const { revised, leafId, dropped } = revise(original);
    const items = diffPlans(original, revised);
    const sections = items.map((i) => `${i.kind} ${i.section}`);
    if (original.plan.period) expect(items).toContainEqual(expect.objectContaining({ kind: 'changed', section: 'Giai đoạn', what: 'Giai đoạn' }));
    expect(items.find((i) => i.section === 'Hình thức khen')).toMatchObject({ kind: 'changed', what: original.tierName(dropped), after: 'không áp dụng — Bỏ trong bản sửa' });
    const reworded = items.find((i) => i.what.startsWith(`${leafId} `) && i.section.startsWith('Tiêu chí'));
    expect(reworded?.kind).toBe('changed');
    expect(reworded?.what).toContain('(bản sửa)');
    // Nothing else: a diff that lists unchanged parts would hide the real change.
    for (const s of sections) expect(s).toMatch(/^(changed|removed) (Giai đoạn|Hình thức khen|Thời hạn|Tiêu chí — .*|Tiêu chuẩn chung)$/);
    const text = diffText(original, revised, items).join('\n');
    expect(text).toContain(original.tierName(dropped));
    expect(text).toContain(`${items.length} chỗ khác:`);
  });

  it('finds nothing between a plan and itself, and says so', () => {
    const plan = shippedPlan('thach-ha-2022')!;
    const again = compilePlan(structuredClone(plan.plan), 'copy.json');
    expect(diffPlans(plan, again)).toEqual([]);
    expect(diffText(plan, again).at(-1)).toBe('Hai kế hoạch giống nhau về tiêu chí, hình thức, thời hạn và giai đoạn.');
  });

  it('lists what only one plan has', () => {
    const a = shippedPlan('thach-ha-2022')!;
    const data = structuredClone(a.plan) as Plan;
    delete (data.subjects as Record<string, unknown>).thon;
    const b = compilePlan(data, 'b.json');
    const gone = diffPlans(a, b).filter((i) => i.kind === 'removed');
    expect(gone.length).toBeGreaterThan(1);
    expect(gone.every((i) => i.section === 'Tiêu chí — Thôn')).toBe(true);
    const back = diffPlans(b, a);
    expect(back.filter((i) => i.kind === 'added').length).toBe(gone.length);
  });
});
