/**
 * A folder checked on all cores: the main thread and one worker thread per other core (at most one
 * per file), each checking whole files (read, judge, write the copy); workers hand back what the
 * report needs. The outcomes come back in the files' order, so reports, lines and exit code are
 * those of a run one by one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckCommand } from './args';
import { CliError } from './errors';
import { removeTemporaries, type CheckedFile, type FileOutcome } from './stream-check';

/** The job a worker gets, and what it answers. */
export interface WorkerJob {
  index: number;
  file: string;
  out?: string;
}

export type WorkerAnswer =
  | { index: number; checked: CheckedFile; attention: string[] }
  | { index: number; error: { cli: boolean; message: string; exitCode?: 1 | 2 } };

/** Where the compiled worker lives; absent when running from TypeScript sources (tests): then null. */
function workerScript(): string | null {
  const file = path.join(__dirname, 'check-worker.js');
  return fs.existsSync(file) ? file : null;
}

export function poolSize(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, files));
}

/**
 * Checks `files` on all cores: the main thread, already warm (modules loaded, plan compiled),
 * takes files from the same queue as one worker thread per other core, so a 2-core machine pays
 * one thread's start-up instead of two. Null when a pool would not help (one core, one file) or
 * cannot run (no compiled worker), and the caller checks them in place.
 */
export async function checkInWorkers(
  files: string[],
  cmd: CheckCommand,
  outPaths: Map<string, string>,
  onStart: (index: number) => void,
  checkHere: (file: string, out: string | undefined) => Promise<FileOutcome>,
): Promise<FileOutcome[] | null> {
  const script = workerScript();
  const size = poolSize(files.length);
  if (!script || size < 2) return null;
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let next = 0;
  let stop = false;
  const take = (): number | undefined => (stop || next >= files.length ? undefined : next++);
  const record = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    // Our own bug (no CliError): the run stops, as it would one by one.
    if ('error' in outcome && !(outcome.error instanceof CliError)) stop = true;
  };
  const workers: Worker[] = [];
  try {
    const threads = Array.from(
      { length: size - 1 },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { cmd } });
          workers.push(worker);
          let pending = 0;
          const send = (): boolean => {
            const index = take();
            if (index === undefined) return false;
            pending++;
            onStart(index);
            worker.postMessage({ index, file: files[index], out: outPaths.get(files[index]) } satisfies WorkerJob);
            return true;
          };
          worker.on('message', (a: WorkerAnswer) => {
            pending--;
            if ('checked' in a) record(a.index, { checked: a.checked, attention: a.attention });
            else record(a.index, { error: a.error.cli ? new CliError(a.error.message, a.error.exitCode) : new Error(a.error.message) });
            if (!send() && pending === 0) resolve();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (next < files.length && !stop) reject(new Error(`a checking thread stopped (exit ${code})`));
          });
          // Two files queued per worker: while the main thread is busy with a file of its own, a
          // worker that finishes goes straight on to the next instead of waiting to be told.
          if (!send()) resolve();
          else send();
        }),
    );
    const here = (async () => {
      for (let index = take(); index !== undefined; index = take()) {
        onStart(index);
        record(index, await checkHere(files[index], outPaths.get(files[index])));
      }
    })();
    await Promise.all([...threads, here]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Files never started (the run stopped) have no outcome: the caller stops at the first error.
  const firstMissing = outcomes.findIndex((o) => o === undefined);
  if (firstMissing >= 0) for (const o of outcomes.slice(firstMissing)) if (o && 'checked' in o) removeTemporaries(o.checked);
  return firstMissing < 0 ? (outcomes as FileOutcome[]) : (outcomes.slice(0, firstMissing) as FileOutcome[]);
}
