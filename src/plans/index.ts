/**
 * The shipped plans. Each is a JSON data file validated on load with the same schema as a plan an
 * office brings with --plan-file, so a shipped plan can never be looser than a user's.
 */
import { compilePlan, type CompiledPlan } from '../core/compile';
import dakNong from './dak-nong-2022.json';
import hongLinh from './hong-linh-2022.json';
import nguyenBinh from './nguyen-binh-2022.json';
import quynhNhai from './quynh-nhai-2022.json';
import thachHa from './thach-ha-2022.json';

const SOURCES: Record<string, unknown> = {
  'thach-ha-2022': thachHa,
  'hong-linh-2022': hongLinh,
  'dak-nong-2022': dakNong,
  'quynh-nhai-2022': quynhNhai,
  'nguyen-binh-2022': nguyenBinh,
};

const cache = new Map<string, CompiledPlan>();

export const PLAN_IDS: readonly string[] = Object.keys(SOURCES);

/** The shipped plan with this id, compiled once; undefined when there is none. */
export function shippedPlan(id: string): CompiledPlan | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  const source = SOURCES[id];
  if (source === undefined) return undefined;
  const compiled = compilePlan(source, `src/plans/${id}.json`);
  cache.set(id, compiled);
  return compiled;
}

export function shippedPlans(): CompiledPlan[] {
  return PLAN_IDS.map((id) => shippedPlan(id) as CompiledPlan);
}
