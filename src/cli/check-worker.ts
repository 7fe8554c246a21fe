/**
 * A worker thread of a folder check (src/cli/check-pool.ts): checks the files it is given one at a
 * time, each with the same code as a run of one file, and answers with plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckCommand } from './args';
import { checkOne } from './check';
import type { WorkerAnswer, WorkerJob } from './check-pool';
import { CliError } from './errors';
import { resolvePlan } from './plan-source';

const cmd = (workerData as { cmd: CheckCommand }).cmd;
// The command's --map was already resolved by the main thread; the plan is read again here.
const planReady = resolvePlan(cmd);

parentPort?.on('message', (job: WorkerJob) => {
  void planReady.then((plan) => checkOne(job.file, job.out, plan, cmd)).then((outcome) => {
    let answer: WorkerAnswer;
    if ('checked' in outcome) answer = { index: job.index, checked: outcome.checked };
    else {
      const e = outcome.error;
      answer = { index: job.index, error: { cli: e instanceof CliError, message: String((e as Error)?.message ?? e), exitCode: e instanceof CliError ? e.exitCode : undefined } };
    }
    parentPort?.postMessage(answer);
  });
});
