/**
 * Records in a temporary file, in a compact binary form: what the command line spills while it
 * checks a long list (the copy's result rows, the summary's review rows) and reads back in order
 * when it writes. JSON lines cost more to make and far more to read back (every line parsed, every
 * text decoded even when only one is wanted); here a record is its byte length and its fields, and
 * a reader decodes only the texts it asks for.
 *
 * A record: its length (u32), then fields written and read in the same order by the two sides:
 * unsigned integers (u32), bytes, numbers (f64, exact) and texts. A text is a flag byte, its byte
 * length (u32) and its bytes: one a character for a text that is all ASCII, else UTF-16 (the
 * string's own units, so a lone surrogate comes back too). Not UTF-8: a Vietnamese text takes
 * about 1.5 times the room in UTF-16, but is written and read back several times faster (decoding
 * UTF-8 into a string was a tenth of a 100,000-row check's time), and each is read up to four times.
 */
import fs from 'node:fs';
import { TempFile } from './spill';

const ASCII = 0;
const UTF16 = 1;
/** Found at the first character for most Vietnamese texts; an ASCII text is scanned through. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Writes records into one reused buffer, handed to the file in large writes (positional: a reader
 * of the same descriptor moves nothing). A record is complete once `end` is called; `flush` writes
 * complete records only.
 */
export class RecordWriter extends TempFile {
  /** Where the record being written starts, or -1 between records. */
  private start = -1;
  private count = 0;

  constructor(file: string, enabled = true, flags = 'w') {
    super(file, enabled, flags);
  }

  /** Records completed so far. */
  get length(): number {
    return this.count;
  }

  begin(): void {
    if (this.start >= 0) throw new Error('records: a record was begun twice');
    this.room(4);
    this.start = this.used;
    this.used += 4;
  }

  end(): void {
    if (this.start < 0) throw new Error('records: no record was begun');
    this.buf.writeUInt32LE(this.used - this.start - 4, this.start);
    this.start = -1;
    this.count++;
  }

  /** An integer in 0 … 2³² − 1. */
  uint(n: number): void {
    this.room(4);
    this.buf.writeUInt32LE(n, this.used);
    this.used += 4;
  }

  /** An integer in 0 … 255. */
  byte(n: number): void {
    this.room(1);
    this.buf[this.used++] = n;
  }

  /** Any number, exactly (−0 and NaN too). */
  num(n: number): void {
    this.room(8);
    this.buf.writeDoubleLE(n, this.used);
    this.used += 8;
  }

  str(s: string): void {
    const ascii = !NON_ASCII.test(s);
    this.room(5 + s.length * (ascii ? 1 : 2));
    const at = this.used + 5;
    const n = s.length ? this.buf.write(s, at, ascii ? 'latin1' : 'utf16le') : 0;
    this.buf[this.used] = ascii ? ASCII : UTF16;
    this.buf.writeUInt32LE(n, this.used + 1);
    this.used = at + n;
  }

  /** Every complete record is in the file. */
  flush(): void {
    if (this.fd === null) return;
    const upTo = this.start >= 0 ? this.start : this.used;
    if (!upTo) return;
    this.put(this.buf.subarray(0, upTo));
    this.buf.copy(this.buf, 0, upTo, this.used);
    this.used -= upTo;
    if (this.start >= 0) this.start = 0;
  }

  override close(): void {
    if (this.fd !== null && this.start >= 0) {
      this.abandon();
      throw new Error('records: a record was left unfinished');
    }
    super.close();
  }

  override abandon(): void {
    this.start = -1;
    super.abandon();
  }

  /** Room for `n` more bytes: complete records go to the file, and a record larger than the buffer gets a larger one. */
  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    if (this.fd === null) {
      // Not enabled: nothing is kept, the fields are written over the same small buffer.
      this.buf = Buffer.allocUnsafe(Math.max(n, 64));
      this.used = 0;
      if (this.start >= 0) this.start = 0;
      return;
    }
    this.flush();
    if (this.used + n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.used + n) size *= 2;
      const larger = Buffer.allocUnsafe(size);
      this.buf.copy(larger, 0, 0, this.used);
      this.buf = larger;
    }
  }
}

const READ_BLOCK = 64 * 1024;

/**
 * Reads the records of an open file in order, from its start, in blocks (a record larger than a
 * block gets a larger buffer). `next` moves to the next record; the fields are then read in the
 * order they were written, and the ones not read are skipped.
 */
export class RecordReader {
  private buf = Buffer.allocUnsafe(READ_BLOCK);
  /** Valid bytes in `buf`. */
  private filled = 0;
  /** The cursor, in `buf`. */
  private at = 0;
  /** Where the current record ends, in `buf`. */
  private recEnd = 0;
  /** File position of `buf`'s end. */
  private pos = 0;

  constructor(private readonly fd: number) {}

  /** True with the next record at hand; false after the last one. */
  next(): boolean {
    this.at = this.recEnd;
    if (!this.have(4)) {
      if (this.filled > this.at) throw new Error('records: the file ends inside a record');
      return false;
    }
    const len = this.buf.readUInt32LE(this.at);
    if (!this.have(4 + len)) throw new Error('records: the file ends inside a record');
    this.at += 4;
    this.recEnd = this.at + len;
    return true;
  }

  uint(): number {
    this.check(4);
    const n = this.buf.readUInt32LE(this.at);
    this.at += 4;
    return n;
  }

  byte(): number {
    this.check(1);
    return this.buf[this.at++];
  }

  num(): number {
    this.check(8);
    const n = this.buf.readDoubleLE(this.at);
    this.at += 8;
    return n;
  }

  str(): string {
    const flag = this.byte();
    const n = this.uint();
    this.check(n);
    const from = this.at;
    this.at += n;
    if (!n) return '';
    return this.buf.toString(flag === UTF16 ? 'utf16le' : 'latin1', from, from + n);
  }

  /** Passes over a text without decoding it. */
  skipStr(): void {
    this.byte();
    const n = this.uint();
    this.check(n);
    this.at += n;
  }

  private check(n: number): void {
    if (this.at + n > this.recEnd) throw new Error('records: a field runs past its record');
  }

  /** At least `n` bytes from the cursor in the buffer, unless the file ends first. */
  private have(n: number): boolean {
    if (this.filled - this.at >= n) return true;
    // What is left moves to the buffer's start (a larger buffer when it cannot hold `n`).
    const left = this.filled - this.at;
    if (n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < n) size *= 2;
      const larger = Buffer.allocUnsafe(size);
      this.buf.copy(larger, 0, this.at, this.filled);
      this.buf = larger;
    } else if (left) this.buf.copy(this.buf, 0, this.at, this.filled);
    this.filled = left;
    this.recEnd -= this.at;
    this.at = 0;
    while (this.filled < n) {
      const got = fs.readSync(this.fd, this.buf, this.filled, this.buf.length - this.filled, this.pos);
      if (!got) return false;
      this.filled += got;
      this.pos += got;
    }
    return true;
  }
}

/** The records of a file written by `RecordWriter`, read in order with `read` (the file is closed after). */
export function* readRecords<T>(file: string, read: (r: RecordReader) => T): Generator<T> {
  const fd = fs.openSync(file, 'r');
  try {
    const r = new RecordReader(fd);
    while (r.next()) yield read(r);
  } finally {
    fs.closeSync(fd);
  }
}

const TEXT = 0;
const NUMBER = 1;

/**
 * A table's rows (texts and numbers) kept in a temporary file, read back in order as often as
 * asked: the summary's review and late rows, which carry whole reasons and are as many as the list
 * has rows to look at (its layout, its sheet and the terminal's list each read them).
 */
export class SpilledTableRows implements Iterable<(string | number)[]> {
  private readonly out: RecordWriter;

  constructor(readonly file: string) {
    // "wx+": a name already taken is never written over, and the rows are read through the same file.
    this.out = new RecordWriter(file, true, 'wx+');
  }

  push(row: readonly (string | number)[]): void {
    const o = this.out;
    o.begin();
    o.uint(row.length);
    for (const v of row) {
      if (typeof v === 'number') {
        o.byte(NUMBER);
        o.num(v);
      } else {
        o.byte(TEXT);
        o.str(v);
      }
    }
    o.end();
  }

  get length(): number {
    return this.out.length;
  }

  *[Symbol.iterator](): Generator<(string | number)[]> {
    this.out.flush();
    const fd = this.out.descriptor;
    if (fd === null) throw new Error(`${this.file}: the spilled rows were already removed`);
    const r = new RecordReader(fd);
    while (r.next()) yield readTableRow(r);
  }

  /**
   * The rows as another thread reads them (by name, not through this descriptor): everything
   * pushed so far is on disk first. The file stays this object's to remove.
   */
  shared(): SharedTableRows {
    this.out.flush();
    return { file: this.file, length: this.length };
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

function readTableRow(r: RecordReader): (string | number)[] {
  const row: (string | number)[] = new Array(r.uint());
  for (let i = 0; i < row.length; i++) row[i] = r.byte() === NUMBER ? r.num() : r.str();
  return row;
}

/** Spilled table rows named for another thread: its file and how many rows it holds. */
export interface SharedTableRows {
  file: string;
  length: number;
}

/** Rows spilled by another thread's `SpilledTableRows`, read by file name (never written or removed here). */
export class SpilledRowsFile implements Iterable<(string | number)[]> {
  readonly length: number;
  readonly file: string;

  constructor(shared: SharedTableRows) {
    this.file = shared.file;
    this.length = shared.length;
  }

  *[Symbol.iterator](): Generator<(string | number)[]> {
    let n = 0;
    for (const row of readRecords(this.file, readTableRow)) {
      n++;
      yield row;
    }
    if (n !== this.length) throw new Error(`${this.file}: ${n} spilled rows where ${this.length} were written`);
  }
}
