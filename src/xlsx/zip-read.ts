/**
 * Reading an .xlsx package (a zip) for the command line: entries located from the central
 * directory, inflated with Node's native zlib, every inflated byte checked against the stored CRC
 * and size. The compressed package is held in memory, or (openFile) read from the file a piece
 * at a time, so that a list of Excel's full height holds none of its compressed sheet; an entry's
 * inflated text is only ever streamed, except for the small parts asked for whole.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header in the package. */
  localOffset: number;
  versionMadeBy: number;
  versionNeeded: number;
  dosTime: number;
  dosDate: number;
  internalAttrs: number;
  externalAttrs: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Inflated pieces this large keep the number of parser calls low without holding much. */
const CHUNK = 1 << 16;
/** How far inflated bytes may run ahead of their consumer. */
const AHEAD = 1 << 20;

export class ZipError extends Error {}

/** Excel's grid: columns A to XFD, rows 1 to 1,048,576. */
export const MAX_COLS = 16384;
export const MAX_ROWS = 1048576;

/**
 * A part of the package that is damaged or hostile; `detail` is the Vietnamese words for it.
 * `refused`: the part is readable but not accepted (too large, a DOCTYPE, a name or cell outside
 * what a workbook may hold); otherwise it is damaged (CRC, sizes, compressed data).
 */
export class PartError extends ZipError {
  constructor(
    readonly part: string,
    readonly detail: string,
    readonly refused = false,
  ) {
    super(`${part}: ${detail}`);
  }
}

/** What a part is for, each with its own inflate limit (INFLATE_LIMITS). */
export type PartKind = 'sheet' | 'sharedStrings' | 'styles' | 'catalogue' | 'plan' | 'package' | 'other';

const MiB = 1024 * 1024;
/**
 * How large a part may inflate to, by kind. Reading stops at the limit (a deflate bomb of 1 GiB
 * in 1 MB never reaches memory or the clock). A 100,000-row list of 20 columns is about 60–150 MB of
 * sheet XML; shared strings and styles are held in memory whole, hence lower limits.
 */
export const INFLATE_LIMITS: Readonly<Record<PartKind, number>> = {
  sheet: 512 * MiB,
  sharedStrings: 64 * MiB,
  styles: 32 * MiB,
  catalogue: 64 * MiB,
  plan: 32 * MiB,
  package: 16 * MiB,
  other: 256 * MiB,
};

/** Vietnamese names of the kinds, for "part too large" messages. */
export const PART_KIND_VI: Readonly<Record<PartKind, string>> = {
  sheet: 'trang tính',
  sharedStrings: 'bảng chuỗi dùng chung',
  styles: 'bảng định dạng',
  catalogue: 'trang danh mục',
  plan: 'sổ kế hoạch',
  package: 'phần mô tả gói',
  other: 'phần của gói',
};

/** A part that inflates past its kind's limit. */
export class PartTooLarge extends PartError {
  constructor(
    part: string,
    readonly kind: PartKind,
    readonly limit: number,
  ) {
    super(part, `${PART_KIND_VI[kind]} quá lớn khi giải nén (giới hạn ${Math.round(limit / MiB)} MB)`, true);
  }
}

/** A name or value shown in a message: short, on one line. */
export function clip(s: string, max = 40): string {
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** The kind of a part by its name (the parts a workbook's relationships usually give it). */
export function partKind(name: string): PartKind {
  if (/(^|\/)worksheets\/[^/]*\.xml$/i.test(name)) return 'sheet';
  if (/sharedStrings[^/]*\.xml$/i.test(name)) return 'sharedStrings';
  if (/(^|\/)styles\.xml$/i.test(name)) return 'styles';
  if (/(^|\/)(workbook\.xml|\[Content_Types\]\.xml)$|\.rels$/i.test(name)) return 'package';
  return 'other';
}

/** Parts read as XML (a DOCTYPE is refused in them: no entity of any kind is ever declared by a workbook). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

const DOCTYPE = Buffer.from('<!DOCTYPE', 'latin1');
const DOCTYPE_LOWER = Buffer.from('<!doctype', 'latin1');

/** CRC-32 of `data` continuing from `crc`: Node's native one when it has it (20.15+), else a table. */
export const crc32: (data: Uint8Array, crc?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32: (d: Uint8Array, c?: number) => number }).crc32 : tableCrc32;

let table: Int32Array | undefined;
function tableCrc32(data: Uint8Array, crc = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The package's bytes: a buffer in memory, or an open file read where asked. */
interface ByteSource {
  readonly length: number;
  read(at: number, len: number): Buffer;
  close(): void;
}

function bufferSource(b: Buffer): ByteSource {
  return { length: b.length, read: (at, len) => b.subarray(at, at + len), close: () => undefined };
}

function fileSource(file: string): ByteSource {
  let fd: number | null = fs.openSync(file, 'r');
  let length: number;
  try {
    length = fs.fstatSync(fd).size;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return {
    length,
    read(at, len) {
      if (fd === null) throw new Error('the package was closed');
      const out = Buffer.allocUnsafe(Math.max(0, Math.min(len, length - at)));
      for (let got = 0; got < out.length; ) {
        const n = fs.readSync(fd, out, got, out.length - got, at + got);
        if (n === 0) throw new ZipError('Corrupted zip: the file ended early (was it changed while being read?)');
        got += n;
      }
      return out;
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}

export class ZipPackage {
  /** Entries in central-directory order. */
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();

  private constructor(private readonly src: ByteSource) {
    this.entries = readCentralDirectory(src);
    for (const e of this.entries) {
      // Two entries of one name (or of names OPC holds equal): which one a reader takes is anyone's guess.
      if (this.byLowerName.has(e.name.toLowerCase())) throw new PartError(e.name, 'tên phần bị trùng trong gói (hai mục cùng tên)', true);
      // A part name is a path inside the package: never "..", absolute, with backslashes or control characters.
      if (!e.name || /[\u0000-\u001f\\]/.test(e.name) || e.name.startsWith('/') || e.name.split('/').some((s, i, all) => s === '..' || s === '.' || (!s && i < all.length - 1))) {
        throw new PartError(e.name, 'tên phần không hợp lệ trong gói (đường dẫn ra ngoài gói hoặc ký tự lạ)', true);
      }
      this.byName.set(e.name, e);
      if (!this.byLowerName.has(e.name.toLowerCase())) this.byLowerName.set(e.name.toLowerCase(), e);
    }
  }

  /**
   * The package read from the file where asked, never held whole (close() when done): the
   * streaming check and the checked copy, whose input may be a list of Excel's full height.
   */
  static openFile(file: string): ZipPackage {
    const src = fileSource(file);
    try {
      return new ZipPackage(src);
    } catch (e) {
      src.close();
      throw e;
    }
  }

  static fromBuffer(bytes: Buffer): ZipPackage {
    return new ZipPackage(bufferSource(bytes));
  }

  /** Lets go of the file (a package in memory has nothing to let go of); again is harmless. */
  close(): void {
    this.src.close();
  }

  /** Part names are case-insensitive in OPC: the entry a part name means, if any. */
  entry(part: string): ZipEntry | undefined {
    const name = part.startsWith('/') ? part.slice(1) : part;
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  /** The entry's stored (compressed) bytes, as they sit in the package. */
  compressed(e: ZipEntry): Buffer {
    return this.src.read(this.dataStart(e), e.compressedSize);
  }

  /** Where the entry's stored bytes start (after its local header), checked to lie in the file. */
  private dataStart(e: ZipEntry): number {
    const at = e.localOffset;
    const head = at + 30 <= this.src.length ? this.src.read(at, 30) : null;
    if (!head || head.readUInt32LE(0) !== LOCAL) throw new ZipError(`Corrupted zip: no local header for ${e.name}`);
    const start = at + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (start + e.compressedSize > this.src.length) throw new ZipError(`Corrupted zip: ${e.name} runs past the end of the file`);
    return start;
  }

  /** The entry's stored bytes a piece at a time (read from the file as they are asked for). */
  *rawPieces(e: ZipEntry): Generator<Buffer> {
    const start = this.dataStart(e);
    for (let i = 0; i < e.compressedSize; i += CHUNK) yield this.src.read(start + i, Math.min(CHUNK, e.compressedSize - i));
  }

  /** A small part whole, as UTF-8 text (null when absent), at most its kind's limit. */
  text(part: string, kind: PartKind = 'package'): string | null {
    const e = this.entry(part);
    if (!e) return null;
    const limit = INFLATE_LIMITS[kind];
    if (e.size > limit) throw new PartTooLarge(e.name, kind, limit);
    const data = e.method === STORED ? this.compressed(e) : this.inflateWhole(e, limit, kind);
    check(e, data.length, crc32(data));
    if (isXmlPart(e.name)) refuseDoctype(e.name, data);
    return data.toString('utf8');
  }

  private inflateWhole(e: ZipEntry, limit: number, kind: PartKind): Buffer {
    if (e.method !== DEFLATED) throw new PartError(e.name, `kiểu nén ${e.method} không được hỗ trợ`);
    try {
      // One byte past the limit tells a part that is too large from one exactly at it.
      return zlib.inflateRawSync(this.compressed(e), { maxOutputLength: limit + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new PartTooLarge(e.name, kind, limit);
      if (err instanceof ZipError) throw err;
      throw new PartError(e.name, 'dữ liệu nén bị hỏng');
    }
  }

  /**
   * Inflates the entry to the end without keeping it, checking CRC, size, the limit and (for XML)
   * that no DOCTYPE is declared: what the checked copy asks of every entry it copies as stored.
   */
  async verify(e: ZipEntry, kind: PartKind = 'other'): Promise<void> {
    for await (const _ of this.stream(e, kind)) {
      // the stream checks as it goes
    }
  }

  /**
   * The entry's bytes inflated a piece at a time; the CRC and size are checked when the last piece
   * has gone by, so a damaged entry fails the read instead of giving wrong rows silently. A
   * consumer that stops early simply stops iterating (the inflater is then dropped).
   */
  async *stream(e: ZipEntry, kind: PartKind = 'sheet'): AsyncGenerator<Buffer> {
    const limit = INFLATE_LIMITS[kind];
    if (e.size > limit) throw new PartTooLarge(e.name, kind, limit);
    const xml = isXmlPart(e.name);
    if (e.method === STORED) {
      const raw = this.compressed(e);
      check(e, raw.length, crc32(raw));
      if (xml) refuseDoctype(e.name, raw);
      for (let i = 0; i < raw.length; i += CHUNK) yield raw.subarray(i, i + CHUNK);
      return;
    }
    if (e.method !== DEFLATED) throw new PartError(e.name, `kiểu nén ${e.method} không được hỗ trợ`);
    // Up to 1 MB may run ahead of the consumer, so inflating (on libuv's thread pool) overlaps with
    // parsing on the main thread instead of each waiting for the other every 16 KB.
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK, readableHighWaterMark: AHEAD } as zlib.ZlibOptions);
    let crc = 0;
    let size = 0;
    // Written in pieces so the output can be consumed as it comes (and, from a file, read as it goes).
    const pieces = this.rawPieces(e);
    const feed = (async () => {
      for (const piece of pieces) {
        if (inflater.destroyed) return;
        if (!inflater.write(piece)) await drainedOrClosed(inflater);
      }
      inflater.end();
    })();
    // The end of the previous piece, so that a DOCTYPE cut in two is still seen.
    let tail = Buffer.alloc(0);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        // The directory's size may lie: the limit holds for what actually comes out.
        if (size > limit) throw new PartTooLarge(e.name, kind, limit);
        if (xml) {
          refuseDoctype(e.name, tail.length ? Buffer.concat([tail, chunk.subarray(0, DOCTYPE.length)]) : chunk.subarray(0, 0));
          refuseDoctype(e.name, chunk);
          tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - DOCTYPE.length + 1)));
        }
        yield chunk;
      }
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new PartError(e.name, 'dữ liệu nén bị hỏng');
    } finally {
      inflater.destroy();
      await feed.catch(() => undefined);
    }
    check(e, size, crc);
  }
}

/**
 * A package read by a library that inflates whole (exceljs, for plan workbooks): every entry
 * inflated once first, without keeping it, under `kind`'s limit for each entry and for all of
 * them together; CRCs, sizes, names and DOCTYPEs checked as for any part. Throws a PartError.
 */
export async function verifyPackage(bytes: Buffer, kind: PartKind): Promise<ZipPackage> {
  const pkg = ZipPackage.fromBuffer(bytes);
  const limit = INFLATE_LIMITS[kind];
  let total = 0;
  for (const e of pkg.entries) {
    total += e.size;
    if (total > limit) throw new PartTooLarge(e.name, kind, limit);
    if (!e.name.endsWith('/')) await pkg.verify(e, kind);
  }
  return pkg;
}

/** Resolves when the stream can take more input or is gone, leaving no listener behind. */
function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function check(e: ZipEntry, size: number, crc: number): void {
  if (size !== e.size) throw new PartError(e.name, `kích thước sau giải nén (${size} byte) khác với mục lục của gói (${e.size} byte)`);
  if (crc !== e.crc) throw new PartError(e.name, 'mã kiểm tra CRC không khớp (dữ liệu bị hỏng)');
}

function refuseDoctype(name: string, data: Buffer): void {
  if (data.indexOf(DOCTYPE) >= 0 || data.indexOf(DOCTYPE_LOWER) >= 0) throw new PartError(name, 'có khai báo DOCTYPE (bảng tính Excel không bao giờ có; tệp có thể chứa mã độc)', true);
}

function readCentralDirectory(src: ByteSource): ZipEntry[] {
  // The end record is in the file's last 22 + 65,535 bytes (its comment at most that long), with
  // the ZIP64 locator's 20 bytes just before it.
  const tailAt = Math.max(0, src.length - 22 - 0xffff - 20);
  const t = src.read(tailAt, src.length - tailAt);
  let eocd = -1;
  for (let i = t.length - 22; i >= Math.max(0, t.length - 22 - 0xffff); i--) {
    if (t.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("Corrupted zip: can't find end of central directory");
  let count = t.readUInt16LE(eocd + 10);
  let cdSize = t.readUInt32LE(eocd + 12);
  let cdOffset = t.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && t.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = Number(t.readBigUInt64LE(eocd - 20 + 8));
    const z = at + 56 > src.length ? null : src.read(at, 56);
    if (!z || z.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('Corrupted zip: bad ZIP64 end of central directory');
    count = Number(z.readBigUInt64LE(32));
    cdSize = Number(z.readBigUInt64LE(40));
    cdOffset = Number(z.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > src.length) throw new ZipError('Corrupted zip: the central directory runs past the end of the file');
  // From the directory to the end (the directory and the end record), read once; positions below are within it.
  const b = src.read(cdOffset, src.length - cdOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CENTRAL) throw new ZipError('Corrupted zip: bad central directory entry');
    const flags = b.readUInt16LE(p + 8);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const e: ZipEntry = {
      name: b.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
      versionMadeBy: b.readUInt16LE(p + 4),
      versionNeeded: b.readUInt16LE(p + 6),
      flags,
      method: b.readUInt16LE(p + 10),
      dosTime: b.readUInt16LE(p + 12),
      dosDate: b.readUInt16LE(p + 14),
      crc: b.readUInt32LE(p + 16),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      internalAttrs: b.readUInt16LE(p + 36),
      externalAttrs: b.readUInt32LE(p + 38),
      localOffset: b.readUInt32LE(p + 42),
    };
    if (flags & 1) throw new ZipError(`${e.name}: the entry is encrypted`);
    readZip64Extra(b, p + 46 + nameLen, extraLen, e);
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Sizes and offset too large for 32 bits live in the ZIP64 extra field, in this order. */
function readZip64Extra(b: Buffer, start: number, len: number, e: ZipEntry): void {
  if (e.size !== 0xffffffff && e.compressedSize !== 0xffffffff && e.localOffset !== 0xffffffff) return;
  for (let q = start; q + 4 <= start + len; ) {
    const id = b.readUInt16LE(q);
    const size = b.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      if (e.size === 0xffffffff) (e.size = Number(b.readBigUInt64LE(r))), (r += 8);
      if (e.compressedSize === 0xffffffff) (e.compressedSize = Number(b.readBigUInt64LE(r))), (r += 8);
      if (e.localOffset === 0xffffffff) e.localOffset = Number(b.readBigUInt64LE(r));
      return;
    }
    q += 4 + size;
  }
}
