/**
 * `ntm-awards check`: read each workbook, find its list, judge every row, write the JSON report
 * and the checked copy. The input is only ever read.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { headerKey } from '../core/headers';
import type { FileReport } from '../core/report';
import type { CheckCommand } from './args';
import { CliError } from './errors';
import { writeAtomic } from './fsutil';
import { resolvePlan } from './plan-source';
import { Progress } from './progress';
import { addCheckedResults } from '../xlsx/checked-copy';
import { checkWorkbook, type CheckedWorkbook } from '../xlsx/check-workbook';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Read a workbook file with a one-line reason when it is not a workbook we can read. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const shown = file;
  let head: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new CliError(`ntm-awards: ${shown}: is a folder, not a workbook`);
    if (stat.size === 0) throw new CliError(`ntm-awards: ${shown}: the file is empty (0 bytes); send the workbook again`);
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`ntm-awards: ${shown}: cannot open the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  if (head.equals(OLE)) {
    throw new CliError(
      `ntm-awards: ${shown}: this is an old .xls or a password-protected workbook; mở bằng Excel và lưu lại dạng .xlsx (open it in Excel and save it as .xlsx)`,
    );
  }
  if (!head.equals(ZIP)) {
    throw new CliError(`ntm-awards: ${shown}: not an .xlsx workbook (a CSV or another file renamed?); mở bằng Excel và lưu lại dạng .xlsx`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new CliError(`ntm-awards: ${shown}: the workbook is damaged or incomplete (${firstLine(e)}); download or save it again`);
  }
  return wb;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 120);
}

export async function checkFile(file: string, plan: CompiledPlan, cmd: CheckCommand, progress?: Progress): Promise<CheckedWorkbook> {
  const wb = await loadWorkbook(file);
  const result = checkWorkbook(wb, file, plan, {
    round: cmd.round,
    year: cmd.year,
    deadline: cmd.deadline,
    blankIsNo: cmd.blankIsNo,
    asOf: cmd.asOf,
    sheet: cmd.sheet,
    map: cmd.map,
    onProgress: progress ? (r, t) => progress.tick(r, t) : undefined,
  });
  if ('problem' in result) {
    switch (result.problem) {
      case 'no-sheet':
        throw new CliError(`ntm-awards: ${file}: no sheet named "${result.sheet}" (sheets: ${result.sheets.join(', ')})`);
      case 'no-header':
        throw new CliError(
          `ntm-awards: ${file}: no header row found in ${result.looked.length > 1 ? 'any sheet' : `sheet "${result.looked[0] ?? ''}"`} (looked for "Tên tập thể, cá nhân" with "Đối tượng" or "Hình thức đề nghị"); use --sheet or --map`,
        );
      case 'bad-map':
        throw new CliError(`ntm-awards: ${file}: --map "${result.header}=${result.target}": no such column in the sheet (a letter such as F, or a header text)`);
    }
  }
  return result;
}

/**
 * The left side of --map names a standard column; read it like a sheet header (case, diacritics,
 * variants), so that "ngay trinh=F" is not silently ignored.
 */
export function resolveMap(map: Readonly<Record<string, string>>, plan: CompiledPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [given, target] of Object.entries(map)) {
    const key = headerKey(given);
    const def = [...plan.registry.values()].find((d) => [d.header, ...d.variants].some((h) => headerKey(h) === key));
    if (!def) {
      throw new CliError(`ntm-awards: --map "${given}=${target}": "${given}" is not a column of plan ${plan.plan.id}; name a standard header such as "${COL.submitted}"`);
    }
    out[def.header] = target;
  }
  return out;
}

export function listInputs(input: string): { files: string[]; folder: boolean } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new CliError(`ntm-awards: ${input}: no such file or folder`);
  }
  if (!stat.isDirectory()) return { files: [input], folder: false };
  const files = fs
    .readdirSync(input)
    .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'))
    .sort()
    .map((f) => path.join(input, f));
  if (!files.length) throw new CliError(`ntm-awards: ${input}: the folder has no .xlsx workbook`);
  return { files, folder: true };
}

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  /** One summary line per checked file (stdout). */
  lines: string[];
  /** One line per file of a folder that could not be checked (stderr). */
  errors: string[];
}

export async function runCheck(given: CheckCommand, stderr: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown }): Promise<CheckOutcome> {
  const plan = resolvePlan(given);
  const cmd: CheckCommand = { ...given, map: resolveMap(given.map, plan) };
  const { files, folder } = listInputs(cmd.input);
  const outPaths = planOutputs(cmd, files, folder);
  const progress = new Progress(stderr, folder || files.length > 1);
  const reports: FileReport[] = [];
  const failures: { file: string; error: string }[] = [];
  const lines: string[] = [];
  const errors: string[] = [];
  let worst: 0 | 1 | 2 = 0;
  for (const [i, file] of files.entries()) {
    progress.file(i, files.length, path.basename(file));
    try {
      const checked = await checkFile(file, plan, cmd, progress);
      reports.push(checked.report);
      const s = checked.report.summary;
      lines.push(
        `${file} [${checked.report.sheet}]: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi, ${s.late} trễ hạn`,
      );
      const out = outPaths.get(file);
      if (out) {
        addCheckedResults(checked, plan);
        writeAtomic(out, Buffer.from(await checked.workbook.xlsx.writeBuffer()), true);
      }
      const code = s.ineligible || s.incomplete || s.late ? 1 : 0;
      worst = Math.max(worst, code) as 0 | 1 | 2;
    } catch (e) {
      if (!(e instanceof CliError) || !folder) throw e;
      // A folder run reports a bad file and goes on with the others.
      failures.push({ file, error: e.message });
      errors.push(e.message.split('\n')[0]);
      worst = 2;
    }
  }
  progress.done();
  if (cmd.json) {
    const body = folder ? { plan: plan.plan.id, folder: cmd.input, files: reports, failed: failures } : reports[0];
    writeAtomic(cmd.json, JSON.stringify(body, null, 2) + '\n', true);
  }
  return { exitCode: worst, lines, errors };
}

/** Decide every output path before writing anything, so a refusal leaves nothing half-written. */
function planOutputs(cmd: CheckCommand, files: string[], folder: boolean): Map<string, string> {
  const outs = new Map<string, string>();
  if (cmd.out && folder) {
    if (fs.existsSync(cmd.out) && !fs.statSync(cmd.out).isDirectory()) {
      throw new CliError(`ntm-awards: --out ${cmd.out}: checking a folder writes a folder of copies; name a folder`);
    }
    for (const f of files) outs.set(f, path.join(cmd.out, path.basename(f).replace(/\.xlsx$/i, '.checked.xlsx')));
  } else if (cmd.out) {
    if (!/\.xlsx$/i.test(cmd.out)) throw new CliError(`ntm-awards: --out ${cmd.out}: the checked copy must be an .xlsx file`);
    outs.set(files[0], cmd.out);
  }
  for (const [input, out] of outs) {
    if (path.resolve(input) === path.resolve(out)) throw new CliError(`ntm-awards: --out ${out}: would overwrite the input; name another file`);
    if (fs.existsSync(out) && !cmd.force) throw new CliError(`ntm-awards: --out ${out}: the file exists; add --force to replace it`);
  }
  // The report must land neither on a workbook being checked nor on a checked copy.
  if (cmd.json) {
    const json = path.resolve(cmd.json);
    if (files.some((f) => path.resolve(f) === json)) throw new CliError(`ntm-awards: --json ${cmd.json}: would overwrite the input; name another file`);
    if ([...outs.values()].some((o) => path.resolve(o) === json)) throw new CliError(`ntm-awards: --json ${cmd.json}: is also the --out file; name another file`);
  }
  return outs;
}
