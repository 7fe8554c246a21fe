/** File writing that never leaves a half-written output: write a temporary file beside it, then rename. */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export function writeAtomic(target: string, data: string | Buffer, overwrite: boolean): void {
  if (!overwrite && fs.existsSync(target)) throw new CliError(`ntm-awards: ${target}: the file exists; add --force to replace it`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`ntm-awards: ${target}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
