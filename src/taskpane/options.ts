/** The pane's options (plan, round, year…) as the engine's run context, shared by both modes. */
import type { RunContext } from '../core/evaluate';
import { shippedPlans } from '../plans';
import type { PaneOptions } from './ui';

export function planChoices(): { id: string; title: string }[] {
  return shippedPlans().map((p) => ({ id: p.plan.id, title: p.plan.title }));
}

export function runContext(o: PaneOptions): RunContext {
  const ctx: RunContext = {};
  if (o.round) ctx.round = o.round;
  if (o.year) ctx.year = o.year;
  if (o.deadline) ctx.deadline = o.deadline;
  if (o.blankIsNo) ctx.blankIsNo = true;
  return ctx;
}
