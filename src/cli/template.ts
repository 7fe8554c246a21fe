/** `ntm-awards template`: a blank list for a plan (optionally one subject type), written atomically. */
import fs from 'node:fs';
import { templateModel } from '../core/template';
import { buildTemplate } from '../xlsx/template';
import type { TemplateCommand } from './args';
import { CliError } from './errors';
import { writeAtomic } from './fsutil';
import { resolvePlan } from './plan-source';

export async function runTemplate(cmd: TemplateCommand): Promise<string> {
  if (!/\.xlsx$/i.test(cmd.out)) throw new CliError(`ntm-awards template: --out ${cmd.out}: must be an .xlsx file`);
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(`ntm-awards template: --out ${cmd.out}: the file exists; add --force to replace it`);
  const wb = buildTemplate(templateModel(await resolvePlan(cmd), cmd.subject));
  writeAtomic(cmd.out, Buffer.from(await wb.xlsx.writeBuffer()), true);
  return `Đã tạo mẫu ${cmd.out}`;
}
