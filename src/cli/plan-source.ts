/**
 * Which plan a command runs: a shipped plan by id, or an office's own plan — a plan workbook
 * (.xlsx, the format of `plan export`) or a plan JSON file — validated the same way.
 */
import fs from 'node:fs';
import { loadPlan, type CompiledPlan } from '../core/compile';
import { formatBookError } from '../core/plan-book/from-tables';
import { jsonSyntaxVi, planJsonProblems } from '../core/plan-file';
import { PLAN_IDS, shippedPlan } from '../plans';
import { CliError } from './errors';
import { PartError, verifyPackage } from '../xlsx/zip-read';
import { MSG } from './messages';

export type PlanRead = { ok: true; plan: CompiledPlan; data: unknown } | { ok: false; problems: string[] };

const isWorkbook = (file: string): boolean => /\.xls[xm]$/i.test(file);

/** Whether `plan check` reads this file as a plan workbook (its problems then name cells). */
export function isPlanWorkbook(file: string): boolean {
  if (isWorkbook(file)) return true;
  try {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    fs.closeSync(fd);
    return head.toString('latin1') === 'PK';
  } catch {
    return false;
  }
}

/** Reads and validates a plan file; every problem as one line (a workbook's as "Sheet!A1: …"). */
export async function readPlanFile(file: string): Promise<PlanRead> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError(MSG.planFileUnreadable(file, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
  if (isWorkbook(file) || bytes.subarray(0, 2).toString('latin1') === 'PK') {
    // exceljs costs half a second to load: only plan workbooks pay for it.
    const [{ default: ExcelJS }, { bookSheets }, { readPlanBook }] = await Promise.all([import('exceljs'), import('../xlsx/plan-book'), import('../core/plan-book/from-tables')]);
    const wb = new ExcelJS.Workbook();
    try {
      // exceljs inflates every part whole: a deflate bomb or a damaged entry is stopped first.
      await verifyPackage(bytes, 'plan');
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      if (e instanceof PartError) throw new CliError(e.refused ? MSG.badPart(file, e.part, e.detail) : MSG.planBookUnreadable(file, `phần ${e.part}: ${e.detail}`));
      // The zip library's own words ("End of data reached…") mean nothing to an official.
      throw new CliError(MSG.planBookUnreadable(file, 'tệp nén bị hỏng hoặc không phải .xlsx'));
    }
    let result: ReturnType<typeof readPlanBook>;
    try {
      result = readPlanBook(bookSheets(wb), file);
    } catch {
      // A workbook exceljs opened but whose cells are not what it promised: the file's fault, said so.
      throw new CliError(MSG.planBookUnreadable(file, 'cấu trúc không đọc được'));
    }
    return result.ok ? { ok: true, plan: result.plan, data: result.data } : { ok: false, problems: result.errors.map(formatBookError) };
  }
  let data: unknown;
  const text = bytes.toString('utf8');
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(MSG.planFileNotJson(file, jsonSyntaxVi(text, e)));
  }
  // Reserved keys and runaway nesting first: nothing recursive may see them.
  const problems = planJsonProblems(data);
  const result = problems.length ? undefined : loadPlan(data, file);
  if (result?.ok) return { ok: true, plan: result.plan, data };
  return { ok: false, problems: problems.length ? problems : ['(gốc): kế hoạch không hợp lệ; chạy ntm-awards plan check để xem chi tiết'] };
}

export async function resolvePlan(cmd: { plan?: string; planFile?: string }): Promise<CompiledPlan> {
  if (cmd.plan !== undefined) {
    const plan = shippedPlan(cmd.plan);
    if (!plan) throw new CliError(MSG.unknownPlan(cmd.plan, PLAN_IDS));
    return plan;
  }
  const file = cmd.planFile as string;
  const read = await readPlanFile(file);
  if (read.ok) return read.plan;
  throw new CliError(MSG.planFileProblems(file, read.problems));
}
