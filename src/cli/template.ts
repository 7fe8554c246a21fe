/** `ntm-awards template`: a blank list for a plan (optionally one subject type), written atomically. */
import fs from 'node:fs';
import { templateModel } from '../core/template';
import { buildTemplate } from '../xlsx/template';
import type { TemplateCommand } from './args';
import { CliError } from './errors';
import { MSG } from './messages';
import { writeAtomic } from './fsutil';
import { resolvePlan } from './plan-source';

export async function runTemplate(cmd: TemplateCommand): Promise<string> {
  if (!/\.xlsx$/i.test(cmd.out)) throw new CliError(MSG.outMustBeXlsx(`--out ${cmd.out}`));
  if (fs.existsSync(cmd.out) && !cmd.force) throw new CliError(MSG.exists(`--out ${cmd.out}`));
  const wb = buildTemplate(templateModel(await resolvePlan(cmd), cmd.subject));
  writeAtomic(cmd.out, Buffer.from(await wb.xlsx.writeBuffer()), cmd.force, `--out ${cmd.out}`);
  return MSG.templateWritten(cmd.out);
}
