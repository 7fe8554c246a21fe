/**
 * The command-line entry: the one place that talks to process streams and decides the exit code.
 * Every failure the user can act on arrives as a CliError and is printed as one line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCommand, USAGE, type Command } from './args';
import { PRODUCT_VERSION } from '../core/version';
import { CliError } from './errors';
import { MSG, oneLine } from './messages';
import { listPlans } from './plans-command';
import { CheckPool } from './check-pool';


/**
 * Removes the temporary files this process may have left: beside each output
 * (".<name>.<pid>[.<hex>].tmp", written then renamed) and the spilled rows in the system's
 * temporary folder ("ntm-awards-<pid>-…"). Complete outputs are never touched.
 */
export function removeRunTemporaries(outputDirs: Iterable<string>): void {
  const pid = String(process.pid);
  const beside = new RegExp(`^(?:\\..+\\.${pid}(?:\\.[0-9a-f]+)?\\.tmp|\\.ntm-awards-probe\\.${pid})$`);
  const spill = new RegExp(`^ntm-awards-${pid}-\\d+-\\d+\\.(?:rows\\.json|results\\.bin|review\\.bin|late\\.bin|parts\\.zip)$`);
  const scans: [string, RegExp][] = [...new Set(outputDirs)].map((d) => [d, beside]);
  scans.push([os.tmpdir(), spill]);
  for (const [dir, re] of scans) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!re.test(name)) continue;
      try {
        fs.rmSync(path.join(dir, name), { force: true });
      } catch {
        // best effort: the file may be held open on some systems
      }
    }
  }
}

/** The folders a command writes into (a folder --out is both a folder and a file's parent). */
function outputDirs(cmd: Command): string[] {
  const dirs: string[] = [];
  const out = 'out' in cmd ? cmd.out : undefined;
  const json = cmd.command === 'check' || cmd.command === 'export' ? cmd.json : undefined;
  if (out) dirs.push(path.resolve(out), path.dirname(path.resolve(out)));
  if (cmd.command === 'check' && cmd.merge) dirs.push(path.dirname(path.resolve(cmd.merge)));
  if (json) dirs.push(path.dirname(path.resolve(json)));
  return dirs;
}

/**
 * While a command runs: Ctrl-C or a kill removes its temporary files and exits 130/143; and if the
 * event loop empties before it settles (a reader that dropped an error and will never answer), it
 * still ends with one line and exit 2 instead of a silent 0.
 */
function guardRun(cmd: Command, current: () => string | undefined): () => void {
  const dirs = outputDirs(cmd);
  // Over a progress bar, start the line afresh.
  const clear = process.stderr.isTTY ? '\r\x1b[K' : '';
  const onSignal = (signal: NodeJS.Signals) => {
    removeRunTemporaries(dirs);
    process.stderr.write(`${clear}${MSG.interrupted(signal)}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onBeforeExit = () => {
    removeRunTemporaries(dirs);
    const what = current() ?? (cmd.command === 'check' || cmd.command === 'export' ? cmd.input : cmd.command);
    process.stderr.write(`${clear}${MSG.stoppedEarly(what)}\n`);
    process.exitCode = 2;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.once('beforeExit', onBeforeExit);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('beforeExit', onBeforeExit);
    removeRunTemporaries(dirs);
  };
}

/**
 * A reader that went away (`check … | head`) closes the pipe: what is left to print has no one
 * to read it, and the run ends quietly with its own exit code instead of an EPIPE stack.
 */
function quietOnClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  quietOnClosedPipes();
  let release: (() => void) | undefined;
  try {
    const cmd = parseCommand(argv);
    let current: string | undefined;
    if (cmd.command === 'check' || cmd.command === 'template' || cmd.command === 'export') release = guardRun(cmd, () => current);
    return await run(cmd, (file) => (current = file));
  } catch (e) {
    if (e instanceof CliError) {
      // Still one line: a line break that reached the message is shown escaped, never cut at.
      process.stderr.write(oneLine(e.message.replace(/\n+$/, '')) + '\n');
      return e.exitCode;
    }
    // Anything else is our bug: still one line, and the input is untouched because we never write it.
    process.stderr.write(`${MSG.internal((e as Error)?.message?.split('\n')[0] ?? String(e))}\n`);
    return 2;
  } finally {
    release?.();
  }
}

async function run(cmd: Command, onFile: (file: string) => void): Promise<number> {
  switch (cmd.command) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case 'version':
      process.stdout.write(`${PRODUCT_VERSION}\n`);
      return 0;
    case 'plans':
      process.stdout.write(listPlans() + '\n');
      return 0;
    // exceljs takes half a second to load: only the commands that read or write workbooks pay for it.
    case 'template': {
      const { runTemplate } = await import('./template');
      process.stdout.write((await runTemplate(cmd)) + '\n');
      return 0;
    }
    case 'plan': {
      const { runPlan } = await import('./plan-command');
      const outcome = await runPlan(cmd);
      writeLines(process.stdout, outcome.out);
      writeLines(process.stderr, outcome.err);
      return outcome.exitCode;
    }
    case 'check': {
      if (cmd.merge) return printOutcome(await (await import('./merge')).runMerge(cmd, process.stderr, onFile));
      // A folder's worker threads start loading while this thread loads the checking code.
      const pool = CheckPool.start(cmd);
      let outcome;
      try {
        const { runCheck } = await import('./check');
        outcome = await runCheck(cmd, process.stderr, onFile, pool);
      } finally {
        await pool?.close();
      }
      writeLines(process.stdout, outcome.lines);
      // Files of a folder that could not be checked: the same one-line messages as a single file's.
      writeLines(process.stderr, outcome.errors);
      return outcome.exitCode;
    }
    case 'export':
      return printOutcome(await (await import('./export')).runExport(cmd, process.stderr, onFile));
  }
}

/** Consolidation and export (issue 10): lines for stdout, the files that could not be read for stderr. */
function printOutcome(outcome: { lines: string[]; errors: string[]; exitCode: number }): number {
  writeLines(process.stdout, outcome.lines);
  writeLines(process.stderr, outcome.errors);
  return outcome.exitCode;
}

/**
 * Lines to a standard stream in pieces of about 64 KB: a long list has a line for each row to
 * review, and one write each (a system call each, when the stream is a file or a pipe) took as
 * long as writing the checked copy's summary.
 */
function writeLines(stream: NodeJS.WriteStream, lines: readonly string[]): void {
  let piece = '';
  for (const line of lines) {
    piece += line + '\n';
    if (piece.length >= 1 << 16) {
      stream.write(piece);
      piece = '';
    }
  }
  if (piece) stream.write(piece);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
