/** File writing that never leaves a half-written output: write a temporary file beside it, then rename. */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';
import { MSG } from './messages';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export function writeAtomic(target: string, data: string | Buffer, overwrite: boolean): void {
  if (!overwrite && fs.existsSync(target)) throw new CliError(MSG.exists(target));
  const tmp = tempPathFor(target);
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing was created (e.g. the folder is a file)
    }
    throw new CliError(MSG.cannotWrite(target, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
}
