/**
 * Temporary files the command line writes instead of holding a long list in memory: the report's
 * rows, the checked copy's result rows (read again for its explanation sheet) and the summary's
 * review rows. A 100,000-row list's texts (every row's whole reasons) would otherwise stay in
 * memory to the end.
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
 * Appends to a file in large writes: one write system call per row would dominate the run. Text is
 * encoded straight into one reused buffer (joining strings first cost more than the writing).
 */
export class Spill {
  private fd: number | null;
  private readonly buf: Buffer;
  private used = 0;
  /** Bytes handed to the file so far. */
  private written = 0;

  constructor(file: string, enabled: boolean, flags = 'w') {
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

  /** Everything written so far is in the file (positional writes: reads in between move nothing). */
  flush(): void {
    if (this.fd === null || !this.used) return;
    this.put(this.buf.subarray(0, this.used));
    this.used = 0;
  }

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

  private put(b: Buffer): void {
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

const READ_BLOCK = 32 * 1024;
const NEWLINE = 0x0a;

/**
 * Rows kept as JSON lines in a temporary file, read back in order as often as asked (a summary's
 * layout and its sheet both go through the review list). Synchronous, as the sheets' writers are
 * generators: read back in 32 KB blocks, a line cut at a block's edge held for the next.
 * Small blocks on purpose: a block's text then dies young (a 1 MB one went straight to V8's
 * large-object space, which only a full collection frees, and a 100,000-row read grew the heap
 * by some 100 MB before one came).
 */
export class SpilledRows<T> implements Iterable<T> {
  private readonly out: Spill;
  private count = 0;

  constructor(readonly file: string) {
    // "wx+": a name already taken is never written over, and the rows are read through the same file.
    this.out = new Spill(file, true, 'wx+');
  }

  push(row: T): void {
    this.out.write(`${JSON.stringify(row)}\n`);
    this.count++;
  }

  get length(): number {
    return this.count;
  }

  *[Symbol.iterator](): Generator<T> {
    this.out.flush();
    const fd = this.out.descriptor;
    if (fd === null) throw new Error(`${this.file}: the spilled rows were already removed`);
    yield* jsonLines<T>(fd);
  }

  /** Closes and removes the file (also after a failure; again is harmless). */
  dispose(): void {
    try {
      this.out.abandon();
    } finally {
      fs.rmSync(this.file, { force: true });
    }
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

/**
 * The JSON lines of an open file, in order. Lines are cut on the bytes (a newline byte is never
 * inside a UTF-8 character) and each is decoded alone: no decoder state, no string joined across
 * blocks.
 */
function* jsonLines<S>(fd: number): Generator<S> {
  let buf = Buffer.allocUnsafe(READ_BLOCK);
  let held = 0; // bytes of an unfinished line kept at the buffer's start
  let at = 0;
  for (;;) {
    if (held === buf.length) {
      // A line longer than the buffer: a larger buffer for it.
      const larger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(larger, 0, 0, held);
      buf = larger;
    }
    const n = fs.readSync(fd, buf, held, buf.length - held, at);
    at += n;
    const end = held + n;
    let from = 0;
    for (let nl = n ? buf.indexOf(NEWLINE, held) : -1; nl >= 0 && nl < end; nl = buf.indexOf(NEWLINE, from)) {
      // An empty line carries no row (as the line reader this replaced skipped them).
      if (nl > from) yield JSON.parse(buf.toString('utf8', from, nl)) as S;
      from = nl + 1;
    }
    if (n === 0) {
      if (from < end) yield JSON.parse(buf.toString('utf8', from, end)) as S;
      return;
    }
    held = end - from;
    if (from > 0 && held > 0) buf.copy(buf, 0, from, end);
  }
}

/** A JSON-lines file written by `Spill`, read in order (synchronously: the sheets' writers are generators). */
export function* readJsonLines<S>(file: string): Generator<S> {
  const fd = fs.openSync(file, 'r');
  try {
    yield* jsonLines<S>(fd);
  } finally {
    fs.closeSync(fd);
  }
}
