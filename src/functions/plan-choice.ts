/**
 * Several plans in a function's `plan` argument (issue 18): "thach-ha-2022; ha-tinh-3351" or a
 * one-row / one-column range of plan ids. The first is the list's own plan; each row is judged by
 * the plan governing its award form (core/plan-set). A range laid out as a plan book stays one plan.
 */
import type { CompiledPlan } from '../core/compile';
import { planSet, PlanConflictError, type PlanSet } from '../core/plan-set';
import { shippedPlan } from '../plans';

const SEPARATOR = /[;,\n]/;
/** More cells than a list of plan ids would take: a plan book's range. */
const MAX_ID_CELLS = 6;

/** The plan ids an argument names when it names more than one, else null. */
export function planIdsOf(arg: unknown): string[] | null {
  if (typeof arg === 'string') {
    const ids = arg.split(SEPARATOR).map((s) => s.trim()).filter(Boolean);
    return ids.length > 1 ? ids : null;
  }
  if (!Array.isArray(arg)) return null;
  const rows = arg as unknown[][];
  const cells = rows.flatMap((r) => (Array.isArray(r) ? r : [r]));
  const oneLine = rows.length === 1 || rows.every((r) => !Array.isArray(r) || r.length === 1);
  if (!oneLine || cells.length > MAX_ID_CELLS) return null;
  const texts = cells.filter((c) => c !== null && c !== undefined && c !== '').map((c) => String(c).trim());
  if (texts.length < 2 || !texts.every((t) => shippedPlan(t) ?? shippedPlan(t.toLowerCase()))) return null;
  return texts;
}

const sets = new Map<string, PlanSet>();

/** The plans named, put together once per list of ids; an unknown id or a conflict is the cell's error. */
export function planSetOf(ids: readonly string[], unknown: (id: string) => Error, conflict: (message: string) => Error): PlanSet {
  const key = ids.join('\u0000');
  const hit = sets.get(key);
  if (hit) return hit;
  const plans: CompiledPlan[] = ids.map((id) => {
    const plan = shippedPlan(id) ?? shippedPlan(id.toLowerCase());
    if (!plan) throw unknown(id);
    return plan;
  });
  try {
    const set = planSet(plans);
    sets.set(key, set);
    return set;
  } catch (e) {
    if (e instanceof PlanConflictError) throw conflict(e.message);
    throw e;
  }
}

const lookups = new WeakMap<PlanSet, Pick<CompiledPlan, 'registry' | 'plan'>>();

/** What header matching needs of a set: every plan's columns, under one stable object (a cache key). */
export function lookupOf(set: PlanSet): Pick<CompiledPlan, 'registry' | 'plan'> {
  if (set.plans.length === 1) return set.plans[0];
  let hit = lookups.get(set);
  if (!hit) lookups.set(set, (hit = { registry: set.registry, plan: set.plans[0].plan }));
  return hit;
}
