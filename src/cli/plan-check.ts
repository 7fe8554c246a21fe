/** `ntm-awards plan check`: every problem of a plan workbook or plan file, one a line; exit 0 or 2. */
import type { PlanCommand } from './plan-args';
import { isPlanWorkbook, readPlanFile } from './plan-source';

export interface PlanOutcome {
  exitCode: 0 | 1 | 2;
  out: string[];
  err: string[];
}

export async function runPlanCheck(cmd: Extract<PlanCommand, { action: 'check' }>): Promise<PlanOutcome> {
  const read = await readPlanFile(cmd.file);
  if (!read.ok) {
    // A workbook's problems name cells; a JSON file has none, only paths inside it.
    const fix = isPlanWorkbook(cmd.file) ? 'sửa các ô trên rồi chạy lại' : 'sửa các mục trên trong tệp JSON rồi chạy lại';
    return { exitCode: 2, out: read.problems, err: [`ntm-awards plan check: ${cmd.file}: ${read.problems.length} lỗi; ${fix} — ${read.problems.length} problem(s) in the plan`] };
  }
  const { plan } = read.plan;
  let criteria = 0;
  const count = (e: { all?: unknown[]; any?: unknown[] }): void => {
    const members = (e.all ?? e.any) as { all?: unknown[]; any?: unknown[] }[] | undefined;
    if (members) members.forEach(count);
    else criteria++;
  };
  if (plan.general) count(plan.general as never);
  for (const rule of Object.values(plan.subjects)) if (rule && 'criteria' in rule) count(rule.criteria as never);
  return {
    exitCode: 0,
    out: [`Kế hoạch hợp lệ: ${plan.id} — ${Object.keys(plan.subjects).length} loại đối tượng, ${criteria} tiêu chí, ${plan.deadlines.length} thời hạn`],
    err: [],
  };
}
