/**
 * The worker thread of a run that checks files one at a time with --out (copy-thread.ts). It
 * makes the checked copy's long added parts (src/xlsx/part-jobs.ts) into a zip of their own, which
 * the main thread copies as stored, while the main thread streams the list sheet; or a whole copy,
 * while the main thread checks the next list. Each request is answered with plain data, errors in
 * words.
 */
import { parentPort } from 'node:worker_threads';
import { jobPieces, openTables } from '../xlsx/part-jobs';
import { ZipWriter } from '../xlsx/zip-write';
import { writeCopy, writeFailure } from './checked-copy';
import { toThreadError } from './errors';
import type { CopyAnswer, CopyRequest } from './copy-thread';

async function answer(request: CopyRequest): Promise<CopyAnswer> {
  if ('copy' in request) {
    const { file, out, spec, from, target } = request.copy;
    try {
      await writeCopy(file, out, { ...spec, summary: { ...spec.summary, tables: openTables(spec.summary.tables) } }, from, target);
    } catch (e) {
      // In words here, where the error is still what it was (its class does not cross threads).
      return { id: request.id, error: toThreadError(writeFailure(file, out, e)) };
    }
    return { id: request.id, done: true };
  }
  const zip = new ZipWriter(request.file);
  try {
    for (const p of request.parts) await zip.addStream(p.path, jobPieces(p.job), p.meta);
    zip.finish();
  } finally {
    zip.close();
  }
  return { id: request.id, done: true };
}

parentPort?.on('message', (request: CopyRequest) => {
  answer(request).then(
    (a) => parentPort?.postMessage(a),
    (e: unknown) => parentPort?.postMessage({ id: request.id, error: toThreadError(e) } satisfies CopyAnswer),
  );
});
