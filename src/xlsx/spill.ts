/**
 * Temporary files the command line writes instead of holding a long list in memory: the report's
 * rows here (JSON text, copied into the report); the checked copy's result rows and the summary's
 * review rows as binary records (records.ts, result-rows.ts). A 100,000-row list's texts (every
 * row's whole reasons) would otherwise stay in memory to the end.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * A temporary file that could not be made or written (no such folder, no right to write, a full
 * disk): the command names the temporary folder instead of blaming the workbook.
 */
export class TempFileError extends Error {
  readonly code: string;

  constructor(
    /** The folder, when known (opening); null for a write. */
    readonly dir: string | null,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code ?? String((cause as Error)?.message ?? cause);
    super(`temporary file: ${code}`);
    this.code = code;
  }
}

/**
 * A temporary file written in large positional writes (a reader of the same descriptor moves
 * nothing), through a buffer the subclass fills: one write system call per row would dominate the
 * run. Opening, writing out and closing are the same for every such file; what goes in differs.
 */
export abstract class TempFile {
  protected fd: number | null;
  protected buf: Buffer;
  protected used = 0;
  /** Bytes handed to the file so far. */
  private written = 0;

  constructor(
    readonly file: string,
    enabled: boolean,
    flags = 'w',
  ) {
    try {
      this.fd = enabled ? fs.openSync(file, flags) : null;
    } catch (e) {
      throw new TempFileError(path.dirname(file), e);
    }
    this.buf = Buffer.allocUnsafe(enabled ? 1 << 20 : 0);
  }

  get enabled(): boolean {
    return this.fd !== null;
  }

  /** The open file (null once closed, or when not enabled). */
  get descriptor(): number | null {
    return this.fd;
  }

  /** Everything complete that is buffered goes to the file. */
  abstract flush(): void;

  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      this.abandon();
    }
  }

  /** Closes the file without writing what is left (it is being thrown away; a full disk may be why). */
  abandon(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    this.used = 0;
    fs.closeSync(fd);
  }

  protected put(b: Buffer): void {
    try {
      for (let at = 0; at < b.length; ) {
        const n = fs.writeSync(this.fd as number, b, at, b.length - at, this.written);
        at += n;
        this.written += n;
      }
    } catch (e) {
      throw new TempFileError(null, e);
    }
  }
}

/** Text appended to a file, encoded straight into the reused buffer (joining strings first cost more than the writing). */
export class Spill extends TempFile {
  write(s: string): void {
    if (this.fd === null) return;
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) {
        this.put(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Everything written so far is in the file. */
  flush(): void {
    if (this.fd === null || !this.used) return;
    this.put(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}

/** Rows no one will read (a JSON report or --quiet, and no copy): counted, not kept anywhere. */
export class UnkeptRows<T> implements Iterable<T> {
  readonly kept = false;
  private count = 0;

  push(): void {
    this.count++;
  }

  get length(): number {
    return this.count;
  }

  [Symbol.iterator](): Iterator<T> {
    throw new Error('these rows were counted, not kept');
  }

  dispose(): void {}
}
