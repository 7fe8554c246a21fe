/** Which plan a command runs: a shipped plan by id, or an office's own plan file (validated the same way). */
import fs from 'node:fs';
import { loadPlan, type CompiledPlan } from '../core/compile';
import { PLAN_IDS, shippedPlan } from '../plans';
import { CliError } from './errors';

export function resolvePlan(cmd: { plan?: string; planFile?: string }): CompiledPlan {
  if (cmd.plan !== undefined) {
    const plan = shippedPlan(cmd.plan);
    if (!plan) throw new CliError(`ntm-awards: unknown plan "${cmd.plan}"; shipped plans: ${PLAN_IDS.join(', ')} (or give --plan-file)`);
    return plan;
  }
  const file = cmd.planFile as string;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`ntm-awards: ${file}: cannot read the plan file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`ntm-awards: ${file}: not valid JSON (${(e as Error).message.split('\n')[0]}); correct the plan file`);
  }
  const result = loadPlan(data, file);
  if (!result.ok) {
    const first = result.issues[0];
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
    throw new CliError(`ntm-awards: ${file}: ${first.path.join('.') || '(root)'}: ${first.message}${more}`);
  }
  return result.plan;
}
