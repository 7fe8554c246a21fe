/** `ntm-awards plan export`: a shipped plan (or a plan file) as a plan workbook to edit in Excel. */
import fs from 'node:fs';
import { buildPlanBook } from '../xlsx/plan-book';
import { CliError } from './errors';
import { writeAtomic } from './fsutil';
import type { PlanCommand } from './plan-args';
import { planById } from './plan-show';
import type { PlanOutcome } from './plan-check';

export async function runPlanExport(cmd: Extract<PlanCommand, { action: 'export' }>): Promise<PlanOutcome> {
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(`ntm-awards plan export: --out ${cmd.out}: tệp đã có; thêm --force để ghi đè — the file exists; add --force`);
  const compiled = await planById(cmd.source);
  const wb = buildPlanBook(compiled.plan, cmd.oneSheet ? 'single' : 'sheets');
  writeAtomic(cmd.out, Buffer.from(await wb.xlsx.writeBuffer()), cmd.force, `--out ${cmd.out}`);
  return { exitCode: 0, out: [`Đã tạo sổ kế hoạch ${cmd.out} (${compiled.plan.id}); sửa trong Excel rồi kiểm tra: ntm-awards plan check ${cmd.out}`], err: [] };
}
