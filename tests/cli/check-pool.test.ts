/**
 * The shared queue of a folder check (src/cli/check-pool.ts), as the threads see it: every file
 * handed out once whichever thread asks, the largest first, and a run stopped by our own bug on a
 * file still checks every file listed before it (so the report up to it is whole, as one by one).
 */
import { FileQueue } from '../../src/cli/check-pool';

/** Threads taking in turn until none gets a file: what each took, in order. */
function drain(queues: FileQueue[], onTake: (index: number) => void = () => undefined): number[][] {
  const taken: number[][] = queues.map(() => []);
  const active = queues.map(() => true);
  for (let t = 0; active.some(Boolean); t = (t + 1) % queues.length) {
    if (!active[t]) continue;
    const index = queues[t].take();
    if (index === undefined) active[t] = false;
    else {
      taken[t].push(index);
      onTake(index);
    }
  }
  return taken;
}

test('two threads sharing the queue get every file exactly once, the largest first', () => {
  const sizes = [10, 500, 20, 500, 0, 90];
  const main = FileQueue.create(sizes);
  const worker = new FileQueue(main.shared, main.takeOrder);
  const taken = drain([main, worker]);
  expect(taken.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  // Taken in turn: 1 and 3 (equal, listing order), then 5, 2, 0, 4.
  expect(taken).toEqual([
    [1, 5, 0],
    [3, 2, 4],
  ]);
});

test('after our own bug on a file, files listed after it are no longer taken; those before it still are', () => {
  const sizes = [1, 2, 3, 4, 5, 6, 7, 8];
  const main = FileQueue.create(sizes);
  const worker = new FileQueue(main.shared, main.takeOrder);
  // Largest first: 7 and 6 are taken, then file 5 fails with our own bug.
  const taken = drain([main, worker], (index) => index === 5 && worker.stopAt(5));
  expect(taken.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  const again = FileQueue.create(sizes);
  const other = new FileQueue(again.shared, again.takeOrder);
  expect(again.take()).toBe(7);
  again.stopAt(4);
  other.stopAt(6); // a later stop never lets files back in
  expect(drain([again, other]).flat().sort()).toEqual([0, 1, 2, 3]);
  expect(again.limit).toBe(4);
});
