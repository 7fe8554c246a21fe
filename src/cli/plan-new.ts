/** `ntm-awards plan new`: a blank plan workbook (guide, dropdowns, one example row per sheet) to write a plan in. */
import fs from 'node:fs';
import { buildBlankPlanBook } from '../xlsx/plan-book';
import { CliError } from './errors';
import { writeAtomic } from './fsutil';
import type { PlanCommand } from './plan-args';
import type { PlanOutcome } from './plan-check';

export async function runPlanNew(cmd: Extract<PlanCommand, { action: 'new' }>): Promise<PlanOutcome> {
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(`ntm-awards plan new: --out ${cmd.out}: tệp đã có; thêm --force để ghi đè — file exists, add --force`);
  const wb = buildBlankPlanBook();
  writeAtomic(cmd.out, Buffer.from(await wb.xlsx.writeBuffer()), true);
  return {
    exitCode: 0,
    out: [
      `Đã tạo sổ kế hoạch trống ${cmd.out}: điền sheet “Thông tin”, thay các dòng ví dụ bằng nội dung kế hoạch của đơn vị (xem sheet “Hướng dẫn”), rồi kiểm tra: ntm-awards plan check ${cmd.out} — blank plan workbook written`,
    ],
    err: [],
  };
}
