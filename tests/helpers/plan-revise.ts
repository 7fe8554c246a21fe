/** An office's revision of a shipped plan, made in the test (issue 18: `plan diff` is tested on edited copies). */
import { compilePlan, type CompiledPlan } from '../../src/core/compile';
import type { Expr, Plan } from '../../src/core/plan-schema';

/** The first leaf criterion of a plan's first subject with criteria of its own. */
function firstLeaf(plan: Plan): { subject: string; leaf: Extract<Expr, { column: string }> } {
  for (const [subject, rule] of Object.entries(plan.subjects)) {
    if (!('criteria' in rule)) continue;
    const stack: Expr[] = [rule.criteria];
    while (stack.length) {
      const e = stack.shift()!;
      if ('column' in e) return { subject, leaf: e };
      stack.push(...(e.all ?? e.any ?? []));
    }
  }
  throw new Error('no criterion');
}

/** An office's revision of a shipped plan: a later end year, a deadline moved, a criterion reworded, a form dropped. */
export function revise(original: CompiledPlan): { revised: CompiledPlan; data: Plan; leafId: string; dropped: string } {
  const data = structuredClone(original.plan) as Plan;
  if (data.period) data.period.to += 5;
  if (data.deadlines[0]) data.deadlines[0].day = data.deadlines[0].day === 1 ? 2 : 1;
  const { leaf } = firstLeaf(data);
  leaf.label = `${leaf.label} (bản sửa)`;
  const dropped = Object.keys(data.tiers).find((t) => data.tiers[t].kind === 'evaluated')!;
  data.tiers[dropped] = { kind: 'none', note: 'Bỏ trong bản sửa' };
  data.deadlines = data.deadlines.filter((d) => !d.tiers.includes(dropped) || d.tiers.length > 1);
  for (const d of data.deadlines) d.tiers = d.tiers.filter((t) => t !== dropped);
  return { revised: compilePlan(data, 'bản sửa.json'), data, leafId: leaf.id, dropped };
}

