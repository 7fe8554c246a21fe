/**
 * Command-line parsing (spec §6): argv → a typed command, or a CliError naming the bad argument.
 * Pure: reads no files, so it is tested as a table.
 */
import { parseArgs } from 'node:util';
import { parseError } from './parse-error';
import { isValidDate } from '../core/dates';
import { ROUND_IDS, SUBJECT_IDS, type RoundId, type SubjectId } from '../core/vocabulary';
import { CliError } from './errors';
import { MSG } from './messages';
import { PLAN_USAGE, parsePlanCommand, type PlanCommand } from './plan-args';

export interface CheckCommand {
  command: 'check';
  input: string;
  plan?: string;
  planFile?: string;
  /** Plans given after the first (issue 18): each row is judged by the plan that governs its form. */
  morePlans?: PlanSource[];
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
  /** Only the counts line per list, not the rows that need attention. */
  quiet: boolean;
  /** --merge: one consolidated workbook of every nominee (issue 10). */
  merge?: string;
}

/** `export`: the eligible nominees into a management system's import template (issue 10). */
export interface ExportCommand extends Omit<CheckCommand, 'command' | 'merge' | 'out'> {
  command: 'export';
  to: 'lifesoft';
  template: string;
  out: string;
  /** The office's catalogue mapping (issue 21): doi-chieu-danh-muc.xlsx with its choices. */
  mapping?: string;
}

export interface TemplateCommand {
  command: 'template';
  plan?: string;
  planFile?: string;
  subject?: SubjectId;
  out: string;
  force: boolean;
}

/** One plan of a check: a shipped plan's id or a plan file. */
export type PlanSource = { plan: string; planFile?: undefined } | { planFile: string; plan?: undefined };

export type Command = CheckCommand | ExportCommand | TemplateCommand | PlanCommand | { command: 'plans' } | { command: 'help' } | { command: 'version' };

export const USAGE = `ntm-awards — kiểm tra danh sách đề nghị khen thưởng theo kế hoạch phong trào thi đua
(checks award-nomination lists against emulation-movement plans)

Cách dùng:
  ntm-awards check <tệp.xlsx|thư-mục> --plan <mã> | --plan-file <tệp.json|ke-hoach.xlsx>
             [--plan <mã>]... [--plan-file <tệp>]... (kế hoạch cấp trên: mỗi dòng do kế hoạch xét hình thức đó)
             [--round annual|so-ket|tong-ket] [--year YYYY] [--sheet TÊN] [--as-of YYYY-MM-DD]
             [--deadline YYYY-MM-DD] [--map "Tiêu đề=cột"]... [--blank-is-no]
             [--out <tệp.xlsx|thư-mục>] [--json <báo-cáo.json>] [--force] [--quiet]
  ntm-awards check <thư-mục> --plan <mã> [--plan-file <tệp>]... [các tùy chọn trên] --merge <tong-hop.xlsx> [--json <tong-hop.json>]
  ntm-awards export <tệp.xlsx|thư-mục> --plan <mã> [--plan-file <tệp>]... [các tùy chọn trên] --to lifesoft
             --template <mau-nhap.xlsx> --out <nhap.xlsx> [--mapping <doi-chieu-danh-muc.xlsx>]
             [--json <bao-cao-xuat.json>] [--force]
  ntm-awards plans
  ntm-awards template --plan <mã> [--subject <loại>] --out <tệp.xlsx> [--force]
${PLAN_USAGE}

Kết quả: mỗi danh sách một dòng số lượng, rồi mỗi dòng cần xem lại một dòng
(không đủ điều kiện, thiếu thông tin, trễ hạn, ngoài phạm vi kế hoạch):
  ds.xlsx:12  Nguyễn Văn A  Thiếu thông tin  — thiếu: Ngày trình; trễ 5 ngày
--quiet (-q) hoặc --json: chỉ in dòng số lượng (chi tiết nằm trong báo cáo JSON và bản --out).

Mã thoát: 0 = đã kiểm tra, không dòng nào không đủ điều kiện, thiếu thông tin hoặc trễ hạn;
1 = có dòng không đủ điều kiện, thiếu thông tin hoặc trễ hạn;
2 = không kiểm tra được (tệp không đọc được, không thấy dòng tiêu đề, sai tham số).`;

export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command === 'plans') {
    if (rest.length) throw new CliError(MSG.unexpectedArgument('plans', rest[0]));
    return { command: 'plans' };
  }
  if (command === 'check') return parseCheck(rest);
  if (command === 'template') return parseTemplate(rest);
  if (command === 'export') return parseExport(rest);
  if (command === 'plan') return parsePlanCommand(rest);
  throw new CliError(MSG.unknownCommand(command));
}

function parse(rest: readonly string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, command: string) {
  try {
    return parseArgs({ args: [...rest], options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new CliError(parseError(e as Error & { code?: string }, command));
  }
}

function parseCheck(rest: readonly string[]): CheckCommand {
  const { values, positionals, tokens } = parse(
    rest,
    {
      plan: { type: 'string', multiple: true },
      'plan-file': { type: 'string', multiple: true },
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
      merge: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
    'check',
  );
  if (positionals.length !== 1) {
    throw new CliError(
      positionals.length ? MSG.manyInputs(positionals.length) : MSG.noInput(),
    );
  }
  const v = values as Record<string, string | boolean | string[] | undefined>;
  const [first, ...morePlans] = planSources(tokens ?? []);
  if (!first) throw new CliError(MSG.noPlan('check'));
  return {
    command: 'check',
    input: positionals[0],
    ...first,
    ...(morePlans.length ? { morePlans } : {}),
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
    ...mergeOption(v),
    quiet: Boolean(v.quiet),
  };
}

// --- issue 10: --merge and export --------------------------------------------------------------

function mergeOption(v: Record<string, unknown>): { merge?: string } {
  if (v.merge === undefined) return {};
  const merge = String(v.merge);
  if (!/\.xlsx$/i.test(merge)) throw new CliError(`ntm-awards check: --merge ${merge}: danh sách tổng hợp phải là tệp .xlsx — must be an .xlsx file`);
  if (v.out !== undefined) {
    throw new CliError('ntm-awards check: --merge ghi một bảng tính tổng hợp; chạy --out riêng — --merge cannot be combined with --out');
  }
  return { merge };
}

/** `export` takes every check option (the lists are checked first) plus --to and --template. */
function parseExport(rest: readonly string[]): ExportCommand {
  const own: Record<string, string> = {};
  const left: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const m = /^--(to|template|mapping)(?:=(.*))?$/.exec(rest[i]);
    if (!m) left.push(rest[i]);
    else if (m[2] !== undefined) own[m[1]] = m[2];
    else if (i + 1 < rest.length) own[m[1]] = rest[++i];
    else throw new CliError(`ntm-awards export: --${m[1]} cần một giá trị — needs a value`);
  }
  if (left.some((a) => a === '--merge' || a.startsWith('--merge='))) {
    throw new CliError('ntm-awards export: --merge dùng với lệnh check; export đọc danh sách tổng hợp đã gộp như mọi danh sách — not an export option');
  }
  const check = parseCheck(left);
  if (own.to === undefined) throw new CliError('ntm-awards export: chọn hệ thống bằng --to lifesoft — name the system');
  if (own.to !== 'lifesoft') throw new CliError(`ntm-awards export: không biết hệ thống --to "${own.to}"; dùng lifesoft — unknown --to`);
  if (!own.template) throw new CliError('ntm-awards export: chỉ ra mẫu nhập bằng --template <mau-nhap.xlsx> — name the import template');
  if (!check.out) throw new CliError('ntm-awards export: chỉ ra tệp cần ghi bằng --out <nhap.xlsx> — name the output');
  if (!/\.xlsx$/i.test(check.out)) throw new CliError(`ntm-awards export: --out ${check.out}: mẫu nhập đã điền phải là tệp .xlsx — must be an .xlsx file`);
  if (own.mapping !== undefined && !/\.xlsx$/i.test(own.mapping)) throw new CliError(`ntm-awards export: --mapping ${own.mapping}: tệp đối chiếu danh mục phải là tệp .xlsx — must be an .xlsx file`);
  const { command: _c, merge: _m, out, ...options } = check;
  return { ...options, command: 'export', to: 'lifesoft', template: own.template, out, ...(own.mapping !== undefined ? { mapping: own.mapping } : {}) };
}
// --- end of issue 10 -----------------------------------------------------------------------------

function parseTemplate(rest: readonly string[]): TemplateCommand {
  const { values, positionals } = parse(
    rest,
    { plan: { type: 'string' }, 'plan-file': { type: 'string' }, subject: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    'template',
  );
  if (positionals.length) throw new CliError(MSG.unexpectedArgument('template', positionals[0]));
  const v = values as Record<string, string | boolean | undefined>;
  if (!v.out) throw new CliError(MSG.templateNeedsOut());
  const subject = v.subject as string | undefined;
  if (subject !== undefined && !(SUBJECT_IDS as readonly string[]).includes(subject)) {
    throw new CliError(MSG.unknownSubject(subject, SUBJECT_IDS));
  }
  return { command: 'template', ...planChoice(v, 'template'), subject: subject as SubjectId | undefined, out: String(v.out), force: Boolean(v.force) };
}

/** --plan and --plan-file in the order given: the first is the list's own plan (issue 18). */
function planSources(tokens: readonly { kind: string; name?: string; value?: string }[]): PlanSource[] {
  const out: PlanSource[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'plan') out.push({ plan: t.value });
    else if (t.name === 'plan-file') out.push({ planFile: t.value });
  }
  return out;
}

function planChoice(v: Record<string, unknown>, command: string): { plan?: string; planFile?: string } {
  if (v.plan !== undefined && v['plan-file'] !== undefined) throw new CliError(MSG.bothPlans(command));
  if (v.plan === undefined && v['plan-file'] === undefined) {
    throw new CliError(MSG.noPlan(command));
  }
  return v.plan !== undefined ? { plan: String(v.plan) } : { planFile: String(v['plan-file']) };
}

function round(s: string): RoundId {
  if ((ROUND_IDS as readonly string[]).includes(s)) return s as RoundId;
  throw new CliError(MSG.unknownRound(s));
}

function year(s: string): number {
  const n = Number(s);
  if (/^\d{4}$/.test(s) && n >= 1900 && n <= 2100) return n;
  throw new CliError(MSG.badYear(s));
}

function isoDate(s: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return s;
  throw new CliError(MSG.badDate(flag, s));
}

function mapping(entries: readonly string[]): Record<string, string> {
  // No prototype: "--map __proto__=F" must be an entry (refused later), not a prototype change.
  const map: Record<string, string> = Object.create(null);
  for (const entry of entries) {
    const i = entry.indexOf('=');
    if (i <= 0 || i === entry.length - 1) {
      throw new CliError(MSG.badMap(entry));
    }
    map[entry.slice(0, i).trim()] = entry.slice(i + 1).trim();
  }
  return map;
}
