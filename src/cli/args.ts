/**
 * Command-line parsing (spec §6): argv → a typed command, or a CliError naming the bad argument.
 * Pure: reads no files, so it is tested as a table.
 */
import { parseArgs } from 'node:util';
import { isValidDate } from '../core/dates';
import { ROUND_IDS, SUBJECT_IDS, type RoundId, type SubjectId } from '../core/vocabulary';
import { CliError } from './errors';
import { PLAN_USAGE, parsePlanCommand, type PlanCommand } from './plan-args';

export interface CheckCommand {
  command: 'check';
  input: string;
  plan?: string;
  planFile?: string;
  round?: RoundId;
  year?: number;
  sheet?: string;
  asOf?: string;
  deadline?: string;
  map: Record<string, string>;
  blankIsNo: boolean;
  out?: string;
  json?: string;
  force: boolean;
}

export interface TemplateCommand {
  command: 'template';
  plan?: string;
  planFile?: string;
  subject?: SubjectId;
  out: string;
  force: boolean;
}

export type Command = CheckCommand | TemplateCommand | PlanCommand | { command: 'plans' } | { command: 'help' } | { command: 'version' };

export const USAGE = `ntm-awards — kiểm tra danh sách đề nghị khen thưởng theo kế hoạch phong trào thi đua

Cách dùng:
  ntm-awards check <tệp.xlsx|thư-mục> --plan <mã> | --plan-file <tệp.json>
             [--round annual|so-ket|tong-ket] [--year YYYY] [--sheet TÊN] [--as-of YYYY-MM-DD]
             [--deadline YYYY-MM-DD] [--map "Tiêu đề=cột"]... [--blank-is-no]
             [--out <tệp.xlsx|thư-mục>] [--json <báo-cáo.json>] [--force]
  ntm-awards plans
  ntm-awards template --plan <mã> [--subject <loại>] --out <tệp.xlsx> [--force]
${PLAN_USAGE}

Mã thoát: 0 = đã kiểm tra, không dòng nào cần xem lại; 1 = có dòng không đủ điều kiện, thiếu thông tin hoặc trễ hạn;
2 = không kiểm tra được (tệp không đọc được, không thấy dòng tiêu đề, sai tham số).`;

export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command === 'plans') {
    if (rest.length) throw new CliError(`ntm-awards plans: unexpected argument "${rest[0]}"`);
    return { command: 'plans' };
  }
  if (command === 'check') return parseCheck(rest);
  if (command === 'template') return parseTemplate(rest);
  if (command === 'plan') return parsePlanCommand(rest);
  throw new CliError(`ntm-awards: unknown command "${command}"; use check, plans or template (ntm-awards --help)`);
}

function parse(rest: readonly string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, command: string) {
  try {
    return parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify.*$/, '');
    throw new CliError(`ntm-awards ${command}: ${msg}`);
  }
}

function parseCheck(rest: readonly string[]): CheckCommand {
  const { values, positionals } = parse(
    rest,
    {
      plan: { type: 'string' },
      'plan-file': { type: 'string' },
      round: { type: 'string' },
      year: { type: 'string' },
      sheet: { type: 'string' },
      'as-of': { type: 'string' },
      deadline: { type: 'string' },
      map: { type: 'string', multiple: true },
      'blank-is-no': { type: 'boolean' },
      out: { type: 'string' },
      json: { type: 'string' },
      force: { type: 'boolean' },
    },
    'check',
  );
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length ? `ntm-awards check: one workbook or folder at a time (got ${positionals.length})` : 'ntm-awards check: name the workbook or folder to check',
    );
  }
  const v = values as Record<string, string | boolean | string[] | undefined>;
  const plan = planChoice(v, 'check');
  return {
    command: 'check',
    input: positionals[0],
    ...plan,
    round: v.round === undefined ? undefined : round(String(v.round)),
    year: v.year === undefined ? undefined : year(String(v.year)),
    sheet: v.sheet as string | undefined,
    asOf: v['as-of'] === undefined ? undefined : isoDate(String(v['as-of']), '--as-of'),
    deadline: v.deadline === undefined ? undefined : isoDate(String(v.deadline), '--deadline'),
    map: mapping((v.map as string[] | undefined) ?? []),
    blankIsNo: Boolean(v['blank-is-no']),
    out: v.out as string | undefined,
    json: v.json as string | undefined,
    force: Boolean(v.force),
  };
}

function parseTemplate(rest: readonly string[]): TemplateCommand {
  const { values, positionals } = parse(
    rest,
    { plan: { type: 'string' }, 'plan-file': { type: 'string' }, subject: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    'template',
  );
  if (positionals.length) throw new CliError(`ntm-awards template: unexpected argument "${positionals[0]}"`);
  const v = values as Record<string, string | boolean | undefined>;
  if (!v.out) throw new CliError('ntm-awards template: name the file to write with --out <tệp.xlsx>');
  const subject = v.subject as string | undefined;
  if (subject !== undefined && !(SUBJECT_IDS as readonly string[]).includes(subject)) {
    throw new CliError(`ntm-awards template: unknown --subject "${subject}"; use one of ${SUBJECT_IDS.join(', ')}`);
  }
  return { command: 'template', ...planChoice(v, 'template'), subject: subject as SubjectId | undefined, out: String(v.out), force: Boolean(v.force) };
}

function planChoice(v: Record<string, unknown>, command: string): { plan?: string; planFile?: string } {
  if (v.plan !== undefined && v['plan-file'] !== undefined) throw new CliError(`ntm-awards ${command}: give --plan or --plan-file, not both`);
  if (v.plan === undefined && v['plan-file'] === undefined) {
    throw new CliError(`ntm-awards ${command}: choose a plan with --plan <mã> (see "ntm-awards plans") or --plan-file <tệp.json>`);
  }
  return v.plan !== undefined ? { plan: String(v.plan) } : { planFile: String(v['plan-file']) };
}

function round(s: string): RoundId {
  if ((ROUND_IDS as readonly string[]).includes(s)) return s as RoundId;
  throw new CliError(`ntm-awards check: unknown --round "${s}"; use annual, so-ket or tong-ket`);
}

function year(s: string): number {
  const n = Number(s);
  if (/^\d{4}$/.test(s) && n >= 1900 && n <= 2100) return n;
  throw new CliError(`ntm-awards check: --year "${s}" is not a year (YYYY)`);
}

function isoDate(s: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return s;
  throw new CliError(`ntm-awards check: ${flag} "${s}" is not a date (YYYY-MM-DD)`);
}

function mapping(entries: readonly string[]): Record<string, string> {
  // No prototype: "--map __proto__=F" must be an entry (refused later), not a prototype change.
  const map: Record<string, string> = Object.create(null);
  for (const entry of entries) {
    const i = entry.indexOf('=');
    if (i <= 0 || i === entry.length - 1) {
      throw new CliError(`ntm-awards check: --map "${entry}" must be "Tiêu đề chuẩn=cột" (a column letter such as F, or the sheet's own header)`);
    }
    map[entry.slice(0, i).trim()] = entry.slice(i + 1).trim();
  }
  return map;
}
