/**
 * One worker thread (copy-worker.ts) for a run that checks files one at a time with --out. For a
 * long list, while the main thread streams the list sheet into its checked copy, it writes the
 * copy's summary and explanation sheets, which are as long as the list, into a zip of their own.
 * For a folder on two cores, it writes each list's whole copy while the main thread checks the
 * next list (check.ts pipeline).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { shareTables, type PartJob, type SharedTable } from '../xlsx/part-jobs';
import { TempFileError } from '../xlsx/spill';
import type { PatchSpec } from '../xlsx/patch-spec';
import type { EntryMeta } from '../xlsx/zip-write';
import type { CopySource } from './checked-copy';
import { fromThreadError, type ThreadError } from './errors';

/** A whole checked copy for the other thread to write. */
export interface CopyJob {
  file: string;
  out: string;
  /** The copy's spec, its summary tables shared (part-jobs.ts shareTables). */
  spec: Omit<PatchSpec, 'summary'> & { summary: Omit<PatchSpec['summary'], 'tables'> & { tables: SharedTable[] } };
  from: CopySource;
  target: { overwrite: boolean; what?: string };
}

export type CopyRequest =
  | {
      id: number;
      /** The zip to write (in the temporary folder; the caller removes it). */
      file: string;
      parts: { path: string; meta: EntryMeta; job: PartJob }[];
    }
  | { id: number; copy: CopyJob };

export type CopyAnswer = { id: number } & ({ done: true } | { error: ThreadError });

export class CopyThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (a: CopyAnswer) => void; reject: (e: unknown) => void }>();
  private lastId = 0;
  private stopped: Error | undefined;

  private constructor(script: string, youngMb: number) {
    this.worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
    // Idle, it keeps nothing alive: a run refused before its copy ends at once.
    this.worker.unref();
    this.worker.on('message', (a: CopyAnswer) => {
      const w = this.waiting.get(a.id);
      this.waiting.delete(a.id);
      if (!this.waiting.size) this.worker.unref();
      w?.resolve(a);
    });
    // A thread that fails or stops fails what waits for it, and anything asked of it later.
    const stop = (e: Error) => {
      this.stopped ??= e;
      for (const w of this.waiting.values()) w.reject(this.stopped);
      this.waiting.clear();
    };
    this.worker.on('error', stop);
    this.worker.once('exit', (code) => stop(new Error(`the copy thread stopped (exit ${code})`)));
  }

  /**
   * Null when running from TypeScript sources (tests), where there is no compiled worker:
   * everything is then made in place. `use` sizes its young generation: for one long list's parts
   * it is kept small, since it streams (little lives long) and left to grow under its allocation
   * rate it would add some 20 MB to the list's peak memory (measured at 100,000 rows); for a
   * folder's copies it is let grow, since collecting it four times as often took some 0.7 s of the
   * two cores' time over 40 lists of 2,500 rows.
   */
  static start(use: 'parts' | 'copies'): CopyThread | null {
    const script = path.join(__dirname, 'copy-worker.js');
    return fs.existsSync(script) ? new CopyThread(script, use === 'parts' ? 4 : 16) : null;
  }

  /** Writes the parts as the entries of a zip at `file`, in order. */
  async make(file: string, parts: { path: string; meta: EntryMeta; job: PartJob }[]): Promise<void> {
    const a = await this.ask({ id: 0, file, parts });
    if ('error' in a) throw fromThread(a.error, path.dirname(file));
  }

  /**
   * Writes a whole checked copy over there; a copy that cannot be made comes back as the one line
   * a person reads (CliError), as in this thread.
   */
  async copy(file: string, out: string, spec: PatchSpec, from: CopySource, target: CopyJob['target']): Promise<void> {
    const shared: CopyJob['spec'] = { ...spec, summary: { ...spec.summary, tables: shareTables(spec.summary.tables) } };
    const a = await this.ask({ id: 0, copy: { file, out, spec: shared, from, target } });
    if ('error' in a) throw fromThreadError(a.error);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(request: CopyRequest): Promise<CopyAnswer> {
    if (this.stopped) return Promise.reject(this.stopped);
    request.id = ++this.lastId;
    return new Promise<CopyAnswer>((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }
}

/** A file-system error in the temporary folder reads as one (the caller names the folder); anything else is our own. */
function fromThread(e: ThreadError, dir: string): Error {
  return e.code && /^E[A-Z]+$/.test(e.code) ? new TempFileError(dir, { code: e.code }) : fromThreadError(e);
}
