/** `ntm-awards plan show`: a plan as readable text, from a shipped id, a plan workbook or a plan file. */
import type { CompiledPlan } from '../core/compile';
import { planText } from '../core/plan-book/show';
import { shippedPlan } from '../plans';
import type { PlanCommand } from './plan-args';
import type { PlanOutcome } from './plan-check';
import { resolvePlan } from './plan-source';

/** A shipped plan's id, else a file (workbook or JSON). */
export async function planById(source: string): Promise<CompiledPlan> {
  return shippedPlan(source) ?? (/[./\\]/.test(source) ? resolvePlan({ planFile: source }) : resolvePlan({ plan: source }));
}

export async function runPlanShow(cmd: Extract<PlanCommand, { action: 'show' }>): Promise<PlanOutcome> {
  return { exitCode: 0, out: [planText(await planById(cmd.source))], err: [] };
}
