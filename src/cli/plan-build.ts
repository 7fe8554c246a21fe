/** `ntm-awards plan build`: a checked plan workbook → the plan JSON file (for sharing or versioning). */
import fs from 'node:fs';
import { CliError } from './errors';
import { writeAtomic } from './fsutil';
import type { PlanCommand } from './plan-args';
import type { PlanOutcome } from './plan-check';
import { readPlanFile } from './plan-source';

export async function runPlanBuild(cmd: Extract<PlanCommand, { action: 'build' }>): Promise<PlanOutcome> {
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(`ntm-awards plan build: --out ${cmd.out}: tệp đã có; thêm --force để ghi đè — the file exists; add --force`);
  const read = await readPlanFile(cmd.file);
  if (!read.ok) return { exitCode: 2, out: read.problems, err: [`ntm-awards plan build: ${cmd.file}: ${read.problems.length} lỗi; chưa ghi ${cmd.out} — ${read.problems.length} problem(s), nothing written`] };
  writeAtomic(cmd.out, JSON.stringify(read.plan.plan, null, 2) + '\n', cmd.force, `--out ${cmd.out}`);
  return { exitCode: 0, out: [`Đã ghi ${cmd.out} (${read.plan.plan.id}); dùng: ntm-awards check <danh-sách.xlsx> --plan-file ${cmd.out}`], err: [] };
}
