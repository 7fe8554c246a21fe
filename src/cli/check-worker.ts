/**
 * A worker thread of a folder check (src/cli/check-pool.ts): reads its plan as soon as it starts,
 * then takes files from the shared queue one at a time, each checked with the same code as a run
 * of one file, and answers with plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PlanSource } from './args';
import { checkOne, stopsRun } from './check';
import { FileQueue, type WorkerAnswer, type WorkerGo } from './check-pool';
import { toThreadError } from './errors';
import { resolvePlanSet } from './plan-set-source';

const { sources } = workerData as { sources: { plan?: string; planFile?: string; morePlans?: PlanSource[] } };
// Read while the main thread reads its own; the main thread has refused the command if it is wrong.
const planReady = resolvePlanSet(sources);
// Its failure is answered for the first file taken (as our own bug: the main thread read the same plan).
planReady.catch(() => undefined);

const answer = (a: WorkerAnswer) => parentPort?.postMessage(a);

parentPort?.once('message', async (go: WorkerGo) => {
  const queue = new FileQueue(go.shared, go.order);
  for (let index = queue.take(); index !== undefined; index = queue.take()) {
    answer({ start: index });
    const outcome = await planReady.then(
      (plan) => checkOne(go.files[index], go.outs[index], plan, go.cmd),
      (error: unknown) => ({ error }),
    );
    // Our own bug: no file after this one is taken, by any thread, from now on.
    if (stopsRun(outcome)) queue.stopAt(index);
    if ('checked' in outcome) answer({ index, checked: outcome.checked, attention: outcome.attention });
    else answer({ index, error: toThreadError(outcome.error) });
  }
  answer({ done: true });
});
