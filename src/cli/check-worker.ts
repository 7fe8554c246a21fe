/**
 * A worker thread of a folder check (src/cli/check-pool.ts): checks the files it is given one at a
 * time, each with the same code as a run of one file, and answers with plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckCommand } from './args';
import { checkOne } from './check';
import type { WorkerAnswer, WorkerJob } from './check-pool';
import { CliError } from './errors';
import { resolvePlanSet } from './plan-set-source';

const cmd = (workerData as { cmd: CheckCommand }).cmd;
// The command's --map was already resolved by the main thread; the plan is read again here.
const planReady = resolvePlanSet(cmd);

// The pool queues a second file while this one is checked: files are checked one at a time, in
// the order given, never interleaved (which would only hold two lists in memory at once).
let queue: Promise<unknown> = planReady;

parentPort?.on('message', (job: WorkerJob) => {
  queue = queue.then(async () => {
    const outcome = await checkOne(job.file, job.out, await planReady, cmd);
    let answer: WorkerAnswer;
    if ('checked' in outcome) answer = { index: job.index, checked: outcome.checked, attention: outcome.attention };
    else {
      const e = outcome.error;
      answer = { index: job.index, error: { cli: e instanceof CliError, message: String((e as Error)?.message ?? e), exitCode: e instanceof CliError ? e.exitCode : undefined } };
    }
    parentPort?.postMessage(answer);
  });
});
