/**
 * `ntm-awards check`: read each workbook, find its list, judge every row, write the JSON report
 * and the checked copy. The input is only ever read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { headerKey } from '../core/headers';
import { RESULT_HEADERS } from '../core/report';
import type { CheckCommand } from './args';
import { CliError } from './errors';
import { tempPathFor } from './fsutil';
import { writePatchedCopy } from './patch-writer';
import { resolvePlan } from './plan-source';
import { Progress } from './progress';
import { readResults, removeTemporaries, streamCheck, type StreamedCheck } from './stream-check';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Refuse, with a one-line reason, anything that is not an .xlsx package before reading it. */
export function sniffWorkbook(file: string): void {
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
}

function damaged(file: string, e: unknown): CliError {
  return new CliError(`ntm-awards: ${file}: the workbook is damaged or incomplete (${firstLine(e)}); download or save it again`);
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 120);
}

export async function checkFile(file: string, plan: CompiledPlan, cmd: CheckCommand, progress?: Progress): Promise<StreamedCheck> {
  sniffWorkbook(file);
  let result: Awaited<ReturnType<typeof streamCheck>>;
  try {
    result = await streamCheck(file, plan, {
      round: cmd.round,
      year: cmd.year,
      deadline: cmd.deadline,
      blankIsNo: cmd.blankIsNo,
      asOf: cmd.asOf,
      sheet: cmd.sheet,
      map: cmd.map,
      onProgress: progress ? (r) => progress.tick(r, 0) : undefined,
      keepReport: cmd.json !== undefined,
      keepResults: cmd.out !== undefined,
    });
  } catch (e) {
    throw damaged(file, e);
  }
  if ('problem' in result) {
    switch (result.problem) {
      case 'no-sheet':
        throw new CliError(`ntm-awards: ${file}: no sheet named "${result.sheet}" (sheets: ${result.sheets.join(', ')})`);
      case 'no-header':
        // A zip with no sheet at all (a .docx, an archive) is no workbook.
        if (!result.looked.length) throw new CliError(`ntm-awards: ${file}: the file has no worksheet (not an Excel workbook?); mở bằng Excel và lưu lại dạng .xlsx`);
        throw new CliError(
          `ntm-awards: ${file}: no header row found in ${result.looked.length > 1 ? 'any sheet' : `sheet "${result.looked[0] ?? ''}"`} (looked for "Tên tập thể, cá nhân" with "Đối tượng" or "Hình thức đề nghị"); use --sheet or --map`,
        );
    }
  }
  const manual = Object.entries(cmd.map).find(([header]) => result.match.columns[header] === undefined);
  if (manual) {
    removeTemporaries(result);
    throw new CliError(`ntm-awards: ${file}: --map "${manual[0]}=${manual[1]}": no such column in the sheet (a letter such as F, or a header text)`);
  }
  return result;
}

/**
 * The left side of --map names a standard column; read it like a sheet header (case, diacritics,
 * variants), so that "ngay trinh=F" is not silently ignored.
 */
export function resolveMap(map: Readonly<Record<string, string>>, plan: CompiledPlan): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
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
    throw new CliError(`ntm-awards: ${input}: no such file or folder; check the path`);
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

export async function runCheck(
  given: CheckCommand,
  stderr: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown },
  /** Told which workbook is being read (main names it if the run dies without an error). */
  onFile?: (file: string) => void,
): Promise<CheckOutcome> {
  const plan = await resolvePlan(given);
  const cmd: CheckCommand = { ...given, map: resolveMap(given.map, plan) };
  const { files, folder } = listInputs(cmd.input);
  const outPaths = planOutputs(cmd, files, folder);
  const progress = new Progress(stderr, folder || files.length > 1);
  const done: { file: string; checked: StreamedCheck }[] = [];
  const failures: { file: string; error: string }[] = [];
  const lines: string[] = [];
  const errors: string[] = [];
  let worst: 0 | 1 | 2 = 0;
  try {
    for (const [i, file] of files.entries()) {
      progress.file(i, files.length, path.basename(file));
      onFile?.(file);
      try {
        const checked = await checkFile(file, plan, cmd, progress);
        done.push({ file, checked });
        const s = checked.summary;
        lines.push(
          `${file} [${checked.sheet}]: ${s.rows} dòng — ${s.eligible} đủ điều kiện, ${s.ineligible} không đủ, ${s.incomplete} thiếu thông tin, ${s.notCovered} ngoài phạm vi, ${s.late} trễ hạn`,
        );
        const out = outPaths.get(file);
        if (out) await writeCheckedCopy(file, out, checked, plan).catch((e: unknown) => Promise.reject(writeFailure(file, out, e)));
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
    if (cmd.json) writeReport(cmd.json, plan, cmd.input, folder, done, failures);
  } finally {
    for (const d of done) removeTemporaries(d.checked);
  }
  return { exitCode: worst, lines, errors };
}

/** The checked copy: the input package patched in place of its list sheet, never loaded whole. */
async function writeCheckedCopy(file: string, out: string, checked: StreamedCheck, plan: CompiledPlan): Promise<void> {
  const { match } = checked;
  const nameCol = match.columns[COL.name];
  async function* rows() {
    for await (const r of readResults(checked.resultsFile)) {
      yield {
        row: r.row,
        values: r.cells,
        status: r.status,
        late: r.late,
        missingCols: r.missing.map((h) => match.columns[h]).filter((c): c is number => c !== undefined),
        nameCol,
      };
    }
  }
  await writePatchedCopy(
    file,
    out,
    {
      sheetName: checked.sheet,
      headerTop: match.headerRow - match.headerRows + 1,
      headerBottom: match.headerRow,
      firstCol: Math.max(checked.width, ...Object.values(match.columns)) + 1,
      headers: RESULT_HEADERS,
      summary: {
        title: `Tổng hợp kết quả kiểm tra — ${plan.plan.title}`,
        subtitle: `Kế hoạch: ${plan.plan.id} (${plan.plan.issuer}); trang tính: ${checked.sheet}`,
        tables: checked.summaryTables,
      },
    },
    rows(),
  );
}

/** A failed checked copy as one line: a file-system refusal names the output, anything else the input. */
function writeFailure(file: string, out: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string') return new CliError(`ntm-awards: ${out}: cannot write the checked copy (${code}); choose another --out or check the folder's permissions`);
  return new CliError(`ntm-awards: ${file}: cannot make the checked copy (${firstLine(e)}); open it in Excel and save it again`);
}

/**
 * The JSON report of spec §6, streamed: each file's rows were written to a temporary file while
 * checking, so a 100,000-row report is copied, never built as one string.
 */
function writeReport(
  target: string,
  plan: CompiledPlan,
  input: string,
  folder: boolean,
  done: { file: string; checked: StreamedCheck }[],
  failures: { file: string; error: string }[],
): void {
  const tmp = tempPathFor(target);
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fd = fs.openSync(tmp, 'w');
  } catch (e) {
    throw new CliError(`ntm-awards: ${target}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another --json or check the folder's permissions`);
  }
  try {
    const w = (s: string) => fs.writeSync(fd, s);
    const fileObject = (d: { file: string; checked: StreamedCheck }, pad: string) => {
      const c = d.checked;
      w(`${pad}{\n${pad}  "plan": ${JSON.stringify(plan.plan.id)},\n${pad}  "file": ${JSON.stringify(d.file)},\n`);
      w(`${pad}  "sheet": ${JSON.stringify(c.sheet)},\n${pad}  "headerRow": ${c.match.headerRow},\n${pad}  "rows": [\n`);
      copyFile(c.rowsJsonFile, fd);
      w(`\n${pad}  ],\n${pad}  "summary": ${JSON.stringify(c.summary)}\n${pad}}`);
    };
    if (!folder) {
      fileObject(done[0], '');
    } else {
      w(`{\n  "plan": ${JSON.stringify(plan.plan.id)},\n  "folder": ${JSON.stringify(input)},\n  "files": [\n`);
      done.forEach((d, i) => {
        if (i) w(',\n');
        fileObject(d, '    ');
      });
      w(`\n  ],\n  "failed": ${JSON.stringify(failures)}\n}`);
    }
    w('\n');
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw new CliError(`ntm-awards: ${target}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another --json or check the folder's permissions`);
  }
}

function copyFile(from: string, fd: number): void {
  const src = fs.openSync(from, 'r');
  const buf = Buffer.alloc(1 << 20);
  for (let n = fs.readSync(src, buf); n > 0; n = fs.readSync(src, buf)) fs.writeSync(fd, buf, 0, n);
  fs.closeSync(src);
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
  // Every output folder must be creatable and writable before anything is written.
  if (cmd.out) assertWritableFolder(folder ? path.resolve(cmd.out) : path.dirname(path.resolve(cmd.out)), `--out ${cmd.out}`);
  if (cmd.json) assertWritableFolder(path.dirname(path.resolve(cmd.json)), `--json ${cmd.json}`);
  // The report must land neither on a workbook being checked nor on a checked copy.
  if (cmd.json) {
    const json = path.resolve(cmd.json);
    if (files.some((f) => path.resolve(f) === json)) throw new CliError(`ntm-awards: --json ${cmd.json}: would overwrite the input; name another file`);
    if ([...outs.values()].some((o) => path.resolve(o) === json)) throw new CliError(`ntm-awards: --json ${cmd.json}: is also the --out file; name another file`);
  }
  return outs;
}

/** The nearest existing ancestor of `dir` must be a folder we may write into (checked before the run). */
function assertWritableFolder(dir: string, what: string): void {
  let at = dir;
  while (!fs.existsSync(at)) {
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  let problem: string | undefined;
  try {
    if (!fs.statSync(at).isDirectory()) problem = `${at} is a file, not a folder`;
    else fs.accessSync(at, fs.constants.W_OK);
  } catch (e) {
    problem = `${at}: ${(e as NodeJS.ErrnoException).code ?? 'not writable'}`;
  }
  if (problem) throw new CliError(`ntm-awards: ${what}: cannot write there (${problem}); choose another place or check the folder's permissions`);
}
