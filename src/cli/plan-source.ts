/** Which plan a command runs: a shipped plan by id, or an office's own plan file (validated the same way). */
import fs from 'node:fs';
import { loadPlan, type CompiledPlan } from '../core/compile';
import { PLAN_IDS, shippedPlan } from '../plans';
import { CliError } from './errors';
import { MSG } from './messages';

export function resolvePlan(cmd: { plan?: string; planFile?: string }): CompiledPlan {
  if (cmd.plan !== undefined) {
    const plan = shippedPlan(cmd.plan);
    if (!plan) throw new CliError(MSG.unknownPlan(cmd.plan, PLAN_IDS));
    return plan;
  }
  const file = cmd.planFile as string;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(MSG.planFileUnreadable(file, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(MSG.planFileNotJson(file, (e as Error).message.split('\n')[0]));
  }
  const result = loadPlan(data, file);
  if (!result.ok) {
    const first = result.issues[0];
    throw new CliError(MSG.planFileInvalid(file, first.path.join('.') || '(gốc)', first.message, result.issues.length - 1));
  }
  return result.plan;
}
