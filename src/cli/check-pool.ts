/**
 * A folder checked on all cores: the main thread and one worker thread per other core (at most one
 * per file), each checking whole files (read, judge, write the copy); workers hand back what the
 * report needs. The outcomes come back in the files' order, so reports, lines and exit code are
 * those of a run one by one.
 *
 * Kept light (Node's modules only): the command line starts the workers before it loads the
 * checking code itself, so that their start-up (loading the modules, compiling the plan) runs on
 * the other core while the main thread does the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckCommand } from './args';
import type { ThreadError } from './errors';
import type { FileOutcome } from './stream-check';

/** What a worker is told once the files are known: the shared queue and the command as resolved. */
export interface WorkerGo {
  files: string[];
  /** The checked copy of each file (same order), if any. */
  outs: (string | undefined)[];
  cmd: CheckCommand;
  /** The queue's shared state (FileQueue). */
  shared: SharedArrayBuffer;
  order: number[];
}

/** What a worker answers: a file started, a file's outcome, or no file left for it. */
export type WorkerAnswer =
  | { start: number }
  | { index: number; checked: Extract<FileOutcome, { checked: unknown }>['checked']; attention: string[] }
  | { index: number; error: ThreadError }
  | { done: true };

/**
 * The files still to check, shared by every thread without messages: each thread takes the next
 * one itself (largest first, so that no long file is left to the end while the other core idles).
 * Our own bug on a file (no CliError) stops the run there, as it would one by one: files after it
 * in the listing are no longer taken, those before it still are, so the report up to it is whole.
 */
export class FileQueue {
  private readonly state: Int32Array;

  /** `order`: the files' indexes in the order they are to be taken. */
  constructor(
    readonly shared: SharedArrayBuffer,
    private readonly order: readonly number[],
  ) {
    // [0] next position in `order`; [1] files at or past this index are not taken.
    this.state = new Int32Array(shared);
  }

  static create(sizes: readonly number[]): FileQueue {
    const shared = new SharedArrayBuffer(8);
    new Int32Array(shared)[1] = sizes.length;
    // Largest first; equal sizes in the listing's order.
    const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
    return new FileQueue(shared, order);
  }

  get takeOrder(): number[] {
    return [...this.order];
  }

  take(): number | undefined {
    for (;;) {
      const at = Atomics.add(this.state, 0, 1);
      if (at >= this.order.length) return undefined;
      const index = this.order[at];
      if (index < Atomics.load(this.state, 1)) return index;
    }
  }

  /** Files from `index` on are no longer taken (our own bug on that file). */
  stopAt(index: number): void {
    for (let limit = Atomics.load(this.state, 1); index < limit; limit = Atomics.load(this.state, 1)) {
      if (Atomics.compareExchange(this.state, 1, limit, index) === limit) return;
    }
  }

  get limit(): number {
    return Atomics.load(this.state, 1);
  }
}

/** Where the compiled worker lives; absent when running from TypeScript sources (tests): then null. */
function workerScript(): string | null {
  const file = path.join(__dirname, 'check-worker.js');
  return fs.existsSync(file) ? file : null;
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export function poolSize(files: number): number {
  return Math.max(1, Math.min(cores(), files));
}

/**
 * Whether a folder goes through check.ts's pipeline (this thread checks, one other writes the
 * copies) instead of this pool. On two cores with copies to write, two threads that each check and
 * copy whole files both warm up all of the code, which costs more than the second core gives
 * (measured on 40 lists of 2,500 rows, two sets of 5 alternated rounds: the pool 0.92 and 0.96 of
 * one after another, the pipeline 0.81 and 0.91, with 1.5–2 s less CPU); with more cores, or no
 * copies, the pool's threads have more to share.
 */
export function pipelined(cmd: Pick<CheckCommand, 'out' | 'merge'>, files: number): boolean {
  return cmd.out !== undefined && !cmd.merge && cores() === 2 && files > 2;
}

/** The .xlsx files a folder would be checked for (as listInputs lists them), without refusing anything. */
function peekFolder(input: string): number {
  try {
    if (!fs.statSync(input).isDirectory()) return 0;
    return fs.readdirSync(input).filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$')).length;
  } catch {
    return 0;
  }
}

/**
 * Worker threads started as early as the command is known, each reading its plan while the main
 * thread loads and reads its own. The main thread checks files too: on a 2-core machine that is
 * one thread's start-up instead of two, and the main thread has nothing else to do until the end.
 */
export class CheckPool {
  private readonly workers: Worker[];
  /** Workers that stopped before the run (they can only have failed). */
  private readonly exited = new Set<Worker>();
  private closed = false;

  private constructor(script: string, count: number, cmd: CheckCommand) {
    const sources = { plan: cmd.plan, planFile: cmd.planFile, morePlans: cmd.morePlans };
    this.workers = Array.from({ length: count }, () => {
      const w = new Worker(script, { workerData: { sources } });
      // Until the run needs them, they keep nothing alive: a command refused before the run ends at once.
      w.unref();
      // A worker that fails to start reports it when the run waits for it.
      w.on('error', () => undefined);
      w.once('exit', () => this.exited.add(w));
      return w;
    });
  }

  /** Null when a pool would not help (not a folder, one file, one core) or cannot run (no compiled worker). */
  static start(cmd: CheckCommand): CheckPool | null {
    const script = workerScript();
    if (!script || cmd.merge) return null;
    const files = peekFolder(cmd.input);
    if (pipelined(cmd, files)) return null;
    const size = poolSize(files);
    return size < 2 ? null : new CheckPool(script, size - 1, cmd);
  }

  /**
   * Checks `files` on every thread; outcomes in the files' order. A file never started (the run
   * stopped at our own bug) has no outcome.
   */
  async run(
    files: string[],
    cmd: CheckCommand,
    outs: (string | undefined)[],
    onStart: (index: number) => void,
    checkHere: (index: number) => Promise<FileOutcome>,
    fromWorker: (error: ThreadError) => unknown,
    /** Whether an outcome stops the run (our own bug), as it would one file at a time. */
    stopsRun: (outcome: FileOutcome) => boolean,
  ): Promise<(FileOutcome | undefined)[]> {
    if (this.closed) throw new Error('the checking threads are closed');
    const queue = FileQueue.create(files.map(sizeOf));
    const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
    const record = (index: number, outcome: FileOutcome): void => {
      outcomes[index] = outcome;
      if (stopsRun(outcome)) queue.stopAt(index);
    };
    const go: WorkerGo = { files, outs, cmd, shared: queue.shared, order: queue.takeOrder };
    const threads = this.workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          if (this.exited.has(worker)) return reject(new Error('a checking thread stopped'));
          worker.ref();
          worker.on('message', (a: WorkerAnswer) => {
            if ('start' in a) onStart(a.start);
            else if ('done' in a) resolve();
            else if ('checked' in a) record(a.index, { checked: a.checked, attention: a.attention });
            else record(a.index, { error: fromWorker(a.error) });
          });
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`a checking thread stopped (exit ${code})`)));
          worker.postMessage(go);
        }),
    );
    const here = (async () => {
      for (let index = queue.take(); index !== undefined; index = queue.take()) {
        onStart(index);
        record(index, await checkHere(index));
      }
    })();
    await Promise.all([...threads, here]);
    return outcomes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
