/**
 * `ntm-awards plan …` arguments: export, check, build, show. Pure, like args.ts, which hands the
 * words after "plan" here so that its own table stays small.
 */
import { parseArgs } from 'node:util';
import { CliError } from './errors';
import { parseError } from './parse-error';

export type PlanCommand =
  | { command: 'plan'; action: 'export'; source: string; out: string; oneSheet: boolean; force: boolean }
  | { command: 'plan'; action: 'check'; file: string }
  | { command: 'plan'; action: 'build'; file: string; out: string; force: boolean }
  | { command: 'plan'; action: 'show'; source: string }
  | { command: 'plan'; action: 'new'; out: string; force: boolean }
  | { command: 'plan'; action: 'diff'; first: string; second: string };

export const PLAN_USAGE = `  ntm-awards plan new --out <ke-hoach.xlsx> [--force]
  ntm-awards plan export <mã|kế-hoạch.json> --out <ke-hoach.xlsx> [--one-sheet] [--force]
  ntm-awards plan check <ke-hoach.xlsx|kế-hoạch.json>
  ntm-awards plan build <ke-hoach.xlsx> --out <kế-hoạch.json> [--force]
  ntm-awards plan show <mã|ke-hoach.xlsx|kế-hoạch.json>
  ntm-awards plan diff <mã|ke-hoach.xlsx|kế-hoạch.json> <mã|ke-hoach.xlsx|kế-hoạch.json>`;

const ACTIONS = ['new', 'export', 'check', 'build', 'show', 'diff'] as const;

export function parsePlanCommand(rest: readonly string[]): PlanCommand {
  const [action, ...args] = rest;
  if (!(ACTIONS as readonly string[]).includes(action ?? '')) {
    throw new CliError(
      `ntm-awards plan: ${action === undefined ? 'thiếu việc cần làm' : `không có lệnh "${action}"`}; dùng new, export, check, build, show hoặc diff (ntm-awards --help) — ${action === undefined ? 'missing action' : 'unknown action'}`,
    );
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, force: { type: 'boolean' }, 'one-sheet': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new CliError(parseError(e as Error & { code?: string }, `plan ${action}`));
  }
  const { values, positionals } = parsed;
  const name = `ntm-awards plan ${action}`;
  if (action === 'new') {
    // A blank workbook comes from the format alone: nothing to name but where to write it.
    if (positionals.length) throw new CliError(`${name}: không nhận “${positionals[0]}”; chỉ ghi --out <ke-hoach.xlsx> — takes no plan, only --out`);
    for (const k of Object.keys(values)) if (k !== 'out' && k !== 'force') throw new CliError(`${name}: không dùng --${k} — option not used here`);
    const out = values.out as string | undefined;
    if (!out || !/\.xlsx$/i.test(out)) throw new CliError(`${name}: ghi tệp sổ kế hoạch cần tạo bằng --out <ke-hoach.xlsx> — name the workbook with --out`);
    return { command: 'plan', action, out, force: Boolean(values.force) };
  }
  if (action === 'diff') {
    for (const k of Object.keys(values)) throw new CliError(`${name}: không dùng --${k} — option not used here`);
    if (positionals.length !== 2) throw new CliError(`${name}: ghi hai kế hoạch cần so sánh (nhận ${positionals.length}) — give two plans`);
    return { command: 'plan', action: 'diff', first: positionals[0], second: positionals[1] };
  }
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length ? `${name}: một kế hoạch mỗi lần (nhận ${positionals.length}) — one plan at a time` : `${name}: ghi mã kế hoạch hoặc tệp kế hoạch — name the plan or plan file`,
    );
  }
  const allowed: Record<string, string[]> = { export: ['out', 'force', 'one-sheet'], check: [], build: ['out', 'force'], show: [] };
  for (const k of Object.keys(values)) if (!allowed[action].includes(k)) throw new CliError(`${name}: không dùng --${k} (xem ntm-awards --help) — option not used by this action`);
  const out = values.out as string | undefined;
  const force = Boolean(values.force);
  switch (action) {
    case 'export':
      if (!out || !/\.xlsx$/i.test(out)) throw new CliError(`${name}: ghi tệp sổ kế hoạch cần tạo bằng --out <ke-hoach.xlsx> — name the .xlsx to write with --out`);
      return { command: 'plan', action, source: positionals[0], out, oneSheet: Boolean(values['one-sheet']), force };
    case 'build':
      if (!out || !/\.json$/i.test(out)) throw new CliError(`${name}: ghi tệp kế hoạch JSON cần tạo bằng --out <kế-hoạch.json> — name the .json to write with --out`);
      return { command: 'plan', action, file: positionals[0], out, force };
    case 'check':
      return { command: 'plan', action, file: positionals[0] };
    default:
      return { command: 'plan', action: 'show', source: positionals[0] };
  }
}
