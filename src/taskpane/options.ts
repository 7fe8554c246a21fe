/** The pane's options (plan, round, year…) as the engine's run context, shared by both modes. */
import type { RunContext } from '../core/evaluate';
import { shippedPlans } from '../plans';
import type { PaneOptions } from './ui';

export interface PlanChoice {
  id: string;
  title: string;
  /** What leads the option, so a 350-pixel picker tells the plans apart ("KH Thạch Hà 2022"). */
  shortName?: string;
}

export function planChoices(): PlanChoice[] {
  return shippedPlans().map((p) => ({ id: p.plan.id, title: p.plan.title, shortName: p.plan.shortName }));
}

export function runContext(o: PaneOptions): RunContext {
  const ctx: RunContext = {};
  if (o.round) ctx.round = o.round;
  if (o.year) ctx.year = o.year;
  if (o.deadline) ctx.deadline = o.deadline;
  if (o.blankIsNo) ctx.blankIsNo = true;
  return ctx;
}
