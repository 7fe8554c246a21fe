/** `ntm-awards plan <action>`: picks the file of the action (each action lives in its own file). */
import type { PlanCommand } from './plan-args';
import type { PlanOutcome } from './plan-check';

export async function runPlan(cmd: PlanCommand): Promise<PlanOutcome> {
  switch (cmd.action) {
    case 'new':
      return (await import('./plan-new')).runPlanNew(cmd);
    case 'export':
      return (await import('./plan-export')).runPlanExport(cmd);
    case 'check':
      return (await import('./plan-check')).runPlanCheck(cmd);
    case 'build':
      return (await import('./plan-build')).runPlanBuild(cmd);
    case 'show':
      return (await import('./plan-show')).runPlanShow(cmd);
    case 'diff':
      return (await import('./plan-diff')).runPlanDiff(cmd);
  }
}
