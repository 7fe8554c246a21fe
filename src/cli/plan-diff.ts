/**
 * `ntm-awards plan diff a b`: what differs between two plans (shipped ids, plan workbooks or plan
 * JSON files), in each plan's own words. Exit 0 when they agree, 1 when they differ (as diff does).
 */
import { diffPlans, diffText } from '../core/plan-diff';
import type { PlanCommand } from './plan-args';
import type { PlanOutcome } from './plan-check';
import { planById } from './plan-show';

export async function runPlanDiff(cmd: Extract<PlanCommand, { action: 'diff' }>): Promise<PlanOutcome> {
  const a = await planById(cmd.first);
  const b = await planById(cmd.second);
  const items = diffPlans(a, b);
  return { exitCode: items.length ? 1 : 0, out: diffText(a, b, items), err: [] };
}
