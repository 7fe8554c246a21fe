/**
 * `ntm-awards check`: read each workbook, find its list, judge every row, write the JSON report
 * and the checked copy. The input is only ever read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { headerKey } from '../core/headers';
import { REPORT_SCHEMA_VERSION } from '../core/report-version';
import { PRODUCT_VERSION } from '../core/version';
import type { CheckCommand } from './args';
import { CliError, fromThreadError, shownDetail } from './errors';
import { PartError } from '../xlsx/zip-read';
import { attentionLines, countsLine, MSG, oneLine, partMessage } from './messages';
import { copySource, copySpec, writeCheckedCopy, writeFailure } from './checked-copy';
import { publish, tempPathFor } from './fsutil';
import { resolvePlanSet } from './plan-set-source';
import { asPlanSet, type PlanSet } from '../core/plan-set';
import { planIdentity } from '../core/plan-identity';
import { CheckPool, pipelined } from './check-pool';
import { Progress } from './progress';
import { TempFileError } from '../xlsx/spill';
import { CopyThread } from './copy-thread';
import { removeTemporaries, streamCheck, type CheckedFile, type FileOutcome, type StreamedCheck } from './stream-check';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The largest workbook file read (its compressed package is held in memory). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Refuse, with a one-line reason, anything that is not an .xlsx package before reading it. */
export function sniffWorkbook(file: string): void {
  const shown = file;
  let head: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new CliError(MSG.isFolder(shown));
    if (stat.size === 0) throw new CliError(MSG.emptyFile(shown));
    // The compressed package is held in memory while it is read.
    if (stat.size > MAX_INPUT_BYTES) throw new CliError(MSG.fileTooLarge(shown, MAX_INPUT_BYTES / (1024 * 1024)));
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(MSG.cannotOpen(shown, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
  if (head.equals(OLE)) {
    throw new CliError(MSG.oldOrEncrypted(shown));
  }
  if (!head.equals(ZIP)) {
    throw new CliError(MSG.notXlsx(shown));
  }
}

/** A workbook that could not be read, in words: the part and what is wrong with it, never JavaScript's text. */
export function damaged(file: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof PartError) return new CliError(partMessage(file, e));
  const detail = shownDetail(e);
  return new CliError(detail ? MSG.damaged(file, detail) : MSG.unreadable(file));
}

export async function checkFile(file: string, plan: CompiledPlan | PlanSet, cmd: CheckCommand, progress?: Progress): Promise<StreamedCheck> {
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
      // The copy's summary and the terminal's list of rows to look at read them.
      keepReview: cmd.out !== undefined || !(cmd.quiet || cmd.json),
    });
  } catch (e) {
    if (e instanceof TempFileError) throw new CliError(MSG.cannotWriteTemp(e.dir ?? os.tmpdir(), e.code));
    throw damaged(file, e);
  }
  if ('problem' in result) {
    switch (result.problem) {
      case 'no-sheet':
        throw new CliError(MSG.noSheet(file, result.sheet, result.sheets));
      case 'no-header':
        // A zip with no sheet at all (a .docx, an archive) is no workbook.
        if (!result.looked.length) throw new CliError(MSG.noWorksheet(file));
        throw new CliError(MSG.noHeader(file, result.looked));
    }
  }
  const manual = Object.entries(cmd.map).find(([header]) => result.match.columns[header] === undefined);
  if (manual) {
    removeTemporaries(result);
    throw new CliError(MSG.mapNoColumn(file, manual[0], manual[1]));
  }
  return result;
}

/**
 * The left side of --map names a standard column; read it like a sheet header (case, diacritics,
 * variants), so that "ngay trinh=F" is not silently ignored.
 */
export function resolveMap(map: Readonly<Record<string, string>>, plans: PlanSet): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [given, target] of Object.entries(map)) {
    const key = headerKey(given);
    const def = [...plans.registry.values()].find((d) => [d.header, ...d.variants].some((h) => headerKey(h) === key));
    if (!def) {
      throw new CliError(MSG.mapNotAColumn(given, target, plans.plans[0].plan.id, COL.submitted));
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
    throw new CliError(MSG.noSuchPath(input));
  }
  if (!stat.isDirectory()) return { files: [input], folder: false };
  const files = fs
    .readdirSync(input)
    .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'))
    .sort()
    .map((f) => path.join(input, f));
  if (!files.length) throw new CliError(MSG.emptyFolder(input));
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
  /** Worker threads already started for this command (main starts them before loading this module). */
  started?: CheckPool | null,
): Promise<CheckOutcome> {
  // A folder's worker threads start first, reading their plan while this thread reads its own.
  const pool = started === undefined ? CheckPool.start(given) : started;
  return checkInputs(given, stderr, onFile, pool).finally(() => pool?.close());
}

async function checkInputs(given: CheckCommand, stderr: Parameters<typeof runCheck>[1], onFile: Parameters<typeof runCheck>[2], pool: CheckPool | null): Promise<CheckOutcome> {
  // The list's own plan first, then any higher plan: each row is judged by the plan governing its form.
  const plan = await resolvePlanSet(given);
  const cmd: CheckCommand = { ...given, map: resolveMap(given.map, plan) };
  const { files, folder } = listInputs(cmd.input);
  const outPaths = planOutputs(cmd, files, folder);
  const progress = new Progress(stderr, folder || files.length > 1);
  const done: { file: string; checked: CheckedFile }[] = [];
  const failures: { file: string; error: string }[] = [];
  const lines: string[] = [];
  const errors: string[] = [];
  let worst: 0 | 1 | 2 = 0;
  let outcomes: FileOutcome[] = [];
  try {
    outcomes = await checkAll(files, plan, cmd, outPaths, progress, onFile, pool);
    for (const [i, outcome] of outcomes.entries()) {
      const file = files[i];
      if ('checked' in outcome) {
        const checked = outcome.checked;
        done.push({ file, checked });
        const s = checked.summary;
        // One at a time: a list may have more rows to review than a call takes arguments.
        lines.push(countsLine(file, checked.sheet, s));
        for (const line of outcome.attention) lines.push(line);
        const code = s.ineligible || s.incomplete || s.late ? 1 : 0;
        worst = Math.max(worst, code) as 0 | 1 | 2;
      } else {
        const e = outcome.error;
        if (!(e instanceof CliError) || !folder) throw e;
        // A folder run reports a bad file and goes on with the others.
        failures.push({ file, error: e.message });
        errors.push(oneLine(e.message));
        worst = 2;
      }
    }
    progress.done();
    if (cmd.json) writeReport(cmd.json, plan, cmd.input, folder, done, failures, cmd.force);
  } finally {
    for (const o of outcomes) if ('checked' in o) removeTemporaries(o.checked);
  }
  return { exitCode: worst, lines, errors };
}

/**
 * One file checked and its copy written: what a worker thread does for a folder, and what a run
 * of one file does in place. A refusal is returned, never thrown, so that a folder goes on.
 */
export async function checkOne(
  file: string,
  out: string | undefined,
  plan: CompiledPlan | PlanSet,
  cmd: CheckCommand,
  progress?: Progress,
  /** The thread for the copy's long added parts, for a list of so many rows (a run of one file at a time); none in a folder's threads. */
  partsFor?: (rows: number) => CopyThread | null,
): Promise<FileOutcome> {
  let checked: StreamedCheck | undefined;
  try {
    checked = await checkFile(file, plan, cmd, progress);
    if (out) {
      const parts = partsFor?.(checked.summary.rows);
      await writeCheckedCopy(file, out, checked, asPlanSet(plan), undefined, { overwrite: cmd.force, what: `--out ${out}` }, parts).catch((e: unknown) =>
        Promise.reject(writeFailure(file, out, e)),
      );
    }
    // The rows to look at go under their list; a JSON report or --quiet keeps the counts only.
    return settled(checked, cmd.quiet || cmd.json ? [] : attentionLines(file, checked.summaryTables));
  } catch (error) {
    if (checked) removeTemporaries(checked);
    return { error };
  }
}

/** A check once its copy and lines are made: what is left is plain data (a thread can send it), and the review rows' files go. */
function settled(checked: StreamedCheck, attention: string[]): FileOutcome {
  const { summaryTables: _tables, review, late, ...rest } = checked;
  try {
    review.dispose();
  } finally {
    late.dispose();
  }
  return { checked: rest, attention };
}

/**
 * A folder checked with --out on two cores: this thread checks each list and makes its terminal
 * lines while the other writes the copies of the lists before, one copy at a time. Each thread then
 * compiles and warms up only its half of the work, where two threads checking whole files would
 * both warm up all of it; and the lists are taken in order, so the progress counts up.
 */
async function pipeline(files: string[], plan: PlanSet, cmd: CheckCommand, outPaths: Map<string, string>, progress: Progress, started: (i: number) => void, thread: CopyThread): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const listed = !(cmd.quiet || cmd.json);
  // The copies, one after another in the other thread; and those not yet written.
  let copying: Promise<void> = Promise.resolve();
  const unwritten: Promise<void>[] = [];
  for (const [i, file] of files.entries()) {
    started(i);
    let checked: StreamedCheck;
    try {
      checked = await checkFile(file, plan, cmd, progress);
    } catch (error) {
      await copying;
      outcomes[i] = { error };
      if (outcomes.some(stopsRun)) break;
      continue;
    }
    // The copy is the longer half: the lines are made here, while the copies before may still be written.
    let attention: string[];
    try {
      attention = listed ? attentionLines(file, checked.summaryTables) : [];
    } catch (error) {
      removeTemporaries(checked);
      await copying;
      outcomes[i] = { error };
      break;
    }
    // A few lists ahead of the copies at most (their files wait on disk meanwhile): enough that
    // neither thread waits for the other when one list takes longer to check or to copy.
    while (unwritten.length >= LISTS_AHEAD) await unwritten.shift();
    if (outcomes.some(stopsRun)) {
      removeTemporaries(checked);
      break;
    }
    const out = outPaths.get(file)!;
    copying = copying.then(() => {
      // A copy before failed with our own bug: the run stops there, this list's copy is not made
      // (its outcome stays unset, after the one that stops the run, and is cut off with it below).
      if (outcomes.some(stopsRun)) return removeTemporaries(checked);
      return thread.copy(file, out, copySpec(checked, plan), copySource(checked), { overwrite: cmd.force, what: `--out ${out}` }).then(
        () => void (outcomes[i] = settled(checked, attention)),
        (error: unknown) => {
          removeTemporaries(checked);
          outcomes[i] = { error };
        },
      );
    });
    unwritten.push(copying);
  }
  await copying;
  // As one by one: the outcomes end at our own bug.
  const end = outcomes.findIndex(stopsRun);
  return end < 0 ? outcomes : outcomes.slice(0, end + 1);
}

/**
 * How many checked lists may wait for their copies in a folder's pipeline. One left the copy
 * thread idle 150–250 ms over 40 lists of 2,500 rows (a list quick to copy after one slow to
 * check); two, 20–50 ms.
 */
const LISTS_AHEAD = 2;

/** Every file's outcome, in the files' order: a folder on all cores (worker threads), else one by one. */
async function checkAll(
  files: string[],
  plan: PlanSet,
  cmd: CheckCommand,
  outPaths: Map<string, string>,
  progress: Progress,
  onFile: ((file: string) => void) | undefined,
  pool: CheckPool | null,
): Promise<FileOutcome[]> {
  const started = (i: number) => (progress.file(i, files.length, path.basename(files[i])), onFile?.(files[i]));
  if (pool && files.length > 1) {
    const outcomes = await pool.run(
      files,
      cmd,
      files.map((f) => outPaths.get(f)),
      started,
      (i) => checkOne(files[i], outPaths.get(files[i]), plan, cmd),
      fromThreadError,
      stopsRun,
    );
    // The run stopped at our own bug: the outcomes end with it, as one by one; files past it
    // that were already being checked are dropped with their temporary files.
    const end = outcomes.findIndex((o) => o === undefined || stopsRun(o));
    if (end < 0) return outcomes as FileOutcome[];
    const kept = outcomes[end] === undefined ? end : end + 1;
    for (const o of outcomes.slice(kept)) if (o && 'checked' in o) removeTemporaries(o.checked);
    return outcomes.slice(0, kept) as FileOutcome[];
  }
  const thread = pipelined(cmd, files.length) ? CopyThread.start('copies') : null;
  if (thread) return pipeline(files, plan, cmd, outPaths, progress, started, thread).finally(() => thread.close());
  const outcomes: FileOutcome[] = [];
  // Started for the first list long enough for it to pay, then kept for the next ones.
  let parts: CopyThread | null | undefined;
  const partsFor = (rows: number) => (rows < PARTS_THREAD_ROWS.from || rows > PARTS_THREAD_ROWS.to ? null : (parts ??= CopyThread.start('parts')));
  try {
    for (const [i, file] of files.entries()) {
      started(i);
      const outcome = await checkOne(file, outPaths.get(file), plan, cmd, progress, partsFor);
      outcomes.push(outcome);
      if (stopsRun(outcome)) break;
    }
  } finally {
    await parts?.close();
  }
  return outcomes;
}

/**
 * For how many rows a list's copy has its long added parts made in another thread. Below the
 * range the thread's start-up and the second core's other work (compiling, collecting, deflating)
 * eat what it saves: measured at 10,000 rows, the same wall time for 6 % more CPU; at 100,000, a
 * second less. Above it the thread's own memory (its heap and its buffers) would take a list of
 * Excel's height near or past the 256 MB the command keeps to, for no time saved there: at 1,048,575
 * rows, 267 MB with a 16 MB young generation, then 231 and 249 MB with 4 MB (195 and 200 MB without
 * the thread), in 90 and 95 s against 120 and 95 s without (pairs run one after the other).
 */
const PARTS_THREAD_ROWS = { from: 20_000, to: 250_000 };

/** A file that failed with no CliError is our own bug: the run stops there, as a single run would. */
export function stopsRun(outcome: FileOutcome): boolean {
  return 'error' in outcome && !(outcome.error instanceof CliError);
}

/**
 * The JSON report of spec §6, streamed: each file's rows were written to a temporary file while
 * checking, so a 100,000-row report is copied, never built as one string.
 */
function writeReport(
  target: string,
  set: PlanSet,
  input: string,
  folder: boolean,
  done: { file: string; checked: CheckedFile }[],
  failures: { file: string; error: string }[],
  overwrite: boolean,
): void {
  const tmp = tempPathFor(target);
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fd = fs.openSync(tmp, 'w');
  } catch (e) {
    throw new CliError(MSG.cannotWriteReport(target, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
  try {
    const plan = set.plans[0];
    // Every plan given, named so that a report read next month says which text judged it (issue 18).
    const plans = JSON.stringify(set.plans.map(planIdentity));
    const w = (s: string) => fs.writeSync(fd, s);
    const fileObject = (d: { file: string; checked: CheckedFile }, pad: string, opened = false) => {
      const c = d.checked;
      w(`${opened ? '' : `${pad}{\n`}${pad}  "plan": ${JSON.stringify(plan.plan.id)},\n${pad}  "plans": ${plans},\n${pad}  "file": ${JSON.stringify(d.file)},\n`);
      w(`${pad}  "sheet": ${JSON.stringify(c.sheet)},\n${pad}  "headerRow": ${c.match.headerRow},\n${pad}  "rows": [\n`);
      copyFile(c.rowsJsonFile, fd);
      w(`\n${pad}  ],\n${pad}  "summary": ${JSON.stringify(c.summary)}\n${pad}}`);
    };
    // What made the report and which shape it has, first: a reader checks them before anything else.
    const head = `  "schemaVersion": ${REPORT_SCHEMA_VERSION},\n  "productVersion": ${JSON.stringify(PRODUCT_VERSION)},\n`;
    if (!folder) {
      w('{\n' + head);
      fileObject(done[0], '', true);
    } else {
      w(`{\n${head}  "plan": ${JSON.stringify(plan.plan.id)},\n  "plans": ${plans},\n  "folder": ${JSON.stringify(input)},\n  "files": [\n`);
      done.forEach((d, i) => {
        if (i) w(',\n');
        fileObject(d, '    ');
      });
      w(`\n  ],\n  "failed": ${JSON.stringify(failures)}\n}`);
    }
    w('\n');
    fs.closeSync(fd);
    publish(tmp, target, overwrite, `--json ${target}`);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    if (e instanceof CliError) throw e;
    throw new CliError(MSG.cannotWriteReport(target, (e as NodeJS.ErrnoException).code ?? 'error'));
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
    // "--out x.xlsx" for a folder would make a folder named x.xlsx: a file name was meant.
    if ((fs.existsSync(cmd.out) && !fs.statSync(cmd.out).isDirectory()) || (/\.xlsx$/i.test(cmd.out) && !fs.existsSync(cmd.out))) {
      throw new CliError(MSG.outMustBeFolder(`--out ${cmd.out}`));
    }
    for (const f of files) outs.set(f, path.join(cmd.out, path.basename(f).replace(/\.xlsx$/i, '.checked.xlsx')));
  } else if (cmd.out) {
    if (!/\.xlsx$/i.test(cmd.out)) throw new CliError(MSG.outMustBeXlsx(`--out ${cmd.out}`));
    if (isDirectory(cmd.out)) throw new CliError(MSG.notWritable(`--out ${cmd.out}`, MSG.isAFolder(cmd.out)));
    outs.set(files[0], cmd.out);
  }
  for (const [input, out] of outs) {
    if (path.resolve(input) === path.resolve(out)) throw new CliError(MSG.overwritesInput(`--out ${out}`));
    if (fs.existsSync(out) && !cmd.force) throw new CliError(MSG.exists(`--out ${out}`));
  }
  // Every output folder must be creatable and writable before anything is written.
  if (cmd.out) assertWritableFolder(folder ? path.resolve(cmd.out) : path.dirname(path.resolve(cmd.out)), `--out ${cmd.out}`);
  if (cmd.json) assertWritableFolder(path.dirname(path.resolve(cmd.json)), `--json ${cmd.json}`);
  // The report must land neither on a workbook being checked nor on a checked copy.
  if (cmd.json) {
    const json = path.resolve(cmd.json);
    if (files.some((f) => path.resolve(f) === json)) throw new CliError(MSG.overwritesInput(`--json ${cmd.json}`));
    if ([...outs.values()].some((o) => path.resolve(o) === json)) throw new CliError(MSG.jsonIsOut(`--json ${cmd.json}`));
  }
  // One overwrite policy for every output: --json as --out and --merge, never over a file without --force.
  if (cmd.json && isDirectory(cmd.json)) throw new CliError(MSG.notWritable(`--json ${cmd.json}`, MSG.isAFolder(cmd.json)));
  if (cmd.json && fs.existsSync(cmd.json) && !cmd.force) throw new CliError(MSG.exists(`--json ${cmd.json}`));

  return outs;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
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
    if (!fs.statSync(at).isDirectory()) problem = MSG.isAFile(at);
    else {
      fs.accessSync(at, fs.constants.W_OK);
      // Permission bits do not tell everything (/proc, read-only mounts): make and remove a file
      // there, named so that the interrupt handler (main.ts) removes it if the run stops in between.
      const probe = path.join(at, `.ntm-awards-probe.${process.pid}`);
      try {
        fs.closeSync(fs.openSync(probe, 'wx'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      fs.rmSync(probe, { force: true });
    }
  } catch (e) {
    problem = `${at}: ${(e as NodeJS.ErrnoException).code ?? 'not writable'}`;
  }
  if (problem) throw new CliError(MSG.notWritable(what, problem));
}
