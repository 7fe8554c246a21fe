/** File writing that never leaves a half-written output: write a temporary file beside it, then rename. */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';
import { MSG } from './messages';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

/**
 * Gives a finished temporary file its final name. With `overwrite` (--force) it replaces what is
 * there; without, the name is taken only if it is still free at that instant (a hard link fails
 * on an existing name), so two runs writing the same output never silently replace each other.
 */
export function publish(tmp: string, target: string, overwrite: boolean, what: string = target): void {
  if (overwrite) {
    if (isFolder(target)) throw new CliError(MSG.notWritable(what, `${target}: thư mục`));
    fs.renameSync(tmp, target);
    return;
  }
  try {
    fs.linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(MSG.exists(what));
    // A file system without hard links: the best left is to look, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK' && code !== 'ENOSYS') throw e;
    if (fs.existsSync(target)) throw new CliError(MSG.exists(what));
    fs.renameSync(tmp, target);
    return;
  }
  fs.rmSync(tmp, { force: true });
}

/** `publish` for an async caller: the event loop stays free (a signal is handled meanwhile). */
export async function publishAsync(tmp: string, target: string, overwrite: boolean, what: string = target): Promise<void> {
  if (overwrite) {
    if (isFolder(target)) throw new CliError(MSG.notWritable(what, `${target}: thư mục`));
    await fs.promises.rename(tmp, target);
    return;
  }
  try {
    await fs.promises.link(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(MSG.exists(what));
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK' && code !== 'ENOSYS') throw e;
    if (fs.existsSync(target)) throw new CliError(MSG.exists(what));
    await fs.promises.rename(tmp, target);
    return;
  }
  await fs.promises.rm(tmp, { force: true });
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function writeAtomic(target: string, data: string | Buffer, overwrite: boolean, what: string = target): void {
  if (!overwrite && fs.existsSync(target)) throw new CliError(MSG.exists(what));
  const tmp = tempPathFor(target);
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(tmp, data);
    publish(tmp, target, overwrite, what);
  } catch (e) {
    if (e instanceof CliError) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing was created (e.g. the folder is a file)
    }
    throw new CliError(MSG.cannotWrite(target, (e as NodeJS.ErrnoException).code ?? 'error'));
  }
}
