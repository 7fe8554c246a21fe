/**
 * The plans of a check, a merge and an export (issue 18): the list's own plan and any higher plan,
 * each a shipped plan or a plan file, read as `resolvePlan` reads one and put together by core/plan-set.
 */
import type { CompiledPlan } from '../core/compile';
import { planSet, PlanConflictError, type PlanSet } from '../core/plan-set';
import type { PlanSource } from './args';
import { CliError } from './errors';
import { resolvePlan } from './plan-source';

export function planSources(cmd: { plan?: string; planFile?: string; morePlans?: readonly PlanSource[] }): PlanSource[] {
  const first: PlanSource = cmd.plan !== undefined ? { plan: cmd.plan } : { planFile: cmd.planFile as string };
  return [first, ...(cmd.morePlans ?? [])];
}

export async function resolvePlanSet(cmd: { plan?: string; planFile?: string; morePlans?: readonly PlanSource[] }, command: 'check' | 'export' = 'check'): Promise<PlanSet> {
  const plans: CompiledPlan[] = [];
  for (const source of planSources(cmd)) plans.push(await resolvePlan(source));
  try {
    return planSet(plans);
  } catch (e) {
    if (e instanceof PlanConflictError) throw new CliError(`ntm-awards ${command}: ${e.message}`);
    throw e;
  }
}
