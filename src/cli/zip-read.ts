/**
 * Reading an .xlsx package (a zip) for the command line: entries located from the central
 * directory, inflated with Node's native zlib, every inflated byte checked against the stored CRC
 * and size. The compressed package is held in memory (it is small next to its inflated sheet);
 * an entry's inflated text is only ever streamed, except for the small parts asked for whole.
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

export class ZipPackage {
  /** Entries in central-directory order. */
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();

  private constructor(readonly bytes: Buffer) {
    this.entries = readCentralDirectory(bytes);
    for (const e of this.entries) {
      this.byName.set(e.name, e);
      if (!this.byLowerName.has(e.name.toLowerCase())) this.byLowerName.set(e.name.toLowerCase(), e);
    }
  }

  static open(file: string): ZipPackage {
    return new ZipPackage(fs.readFileSync(file));
  }

  static fromBuffer(bytes: Buffer): ZipPackage {
    return new ZipPackage(bytes);
  }

  /** Part names are case-insensitive in OPC: the entry a part name means, if any. */
  entry(part: string): ZipEntry | undefined {
    const name = part.startsWith('/') ? part.slice(1) : part;
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  /** The entry's stored (compressed) bytes, as they sit in the package. */
  compressed(e: ZipEntry): Buffer {
    const at = e.localOffset;
    if (at + 30 > this.bytes.length || this.bytes.readUInt32LE(at) !== LOCAL) throw new ZipError(`Corrupted zip: no local header for ${e.name}`);
    const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
    if (start + e.compressedSize > this.bytes.length) throw new ZipError(`Corrupted zip: ${e.name} runs past the end of the file`);
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  /** A small part whole, as UTF-8 text (null when absent). */
  text(part: string): string | null {
    const e = this.entry(part);
    if (!e) return null;
    const data = e.method === STORED ? this.compressed(e) : this.inflateWhole(e);
    check(e, data.length, crc32(data));
    return data.toString('utf8');
  }

  private inflateWhole(e: ZipEntry): Buffer {
    if (e.method !== DEFLATED) throw new ZipError(`${e.name}: compression method ${e.method} is not supported`);
    try {
      return zlib.inflateRawSync(this.compressed(e));
    } catch (err) {
      throw new ZipError(`${e.name}: ${(err as Error).message}`);
    }
  }

  /**
   * The entry's bytes inflated a piece at a time; the CRC and size are checked when the last piece
   * has gone by, so a damaged entry fails the read instead of giving wrong rows silently. A
   * consumer that stops early simply stops iterating (the inflater is then dropped).
   */
  async *stream(e: ZipEntry): AsyncGenerator<Buffer> {
    const raw = this.compressed(e);
    if (e.method === STORED) {
      check(e, raw.length, crc32(raw));
      for (let i = 0; i < raw.length; i += CHUNK) yield raw.subarray(i, i + CHUNK);
      return;
    }
    if (e.method !== DEFLATED) throw new ZipError(`${e.name}: compression method ${e.method} is not supported`);
    // Up to 1 MB may run ahead of the consumer, so inflating (on libuv's thread pool) overlaps with
    // parsing on the main thread instead of each waiting for the other every 16 KB.
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK, readableHighWaterMark: AHEAD } as zlib.ZlibOptions);
    let crc = 0;
    let size = 0;
    // The input is already in memory: write it in pieces so the output can be consumed as it comes.
    const feed = (async () => {
      for (let i = 0; i < raw.length; i += CHUNK) {
        if (inflater.destroyed) return;
        if (!inflater.write(raw.subarray(i, i + CHUNK))) await drainedOrClosed(inflater);
      }
      inflater.end();
    })();
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    } catch (err) {
      throw new ZipError(`${e.name}: ${(err as Error).message}`);
    } finally {
      inflater.destroy();
      await feed.catch(() => undefined);
    }
    check(e, size, crc);
  }
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
  if (size !== e.size) throw new ZipError(`Corrupted zip: ${e.name} inflates to ${size} bytes, the directory says ${e.size}`);
  if (crc !== e.crc) throw new ZipError(`Corrupted zip: CRC32 mismatch in ${e.name}`);
}

function readCentralDirectory(b: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("Corrupted zip: can't find end of central directory");
  let count = b.readUInt16LE(eocd + 10);
  let cdSize = b.readUInt32LE(eocd + 12);
  let cdOffset = b.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && b.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = Number(b.readBigUInt64LE(eocd - 20 + 8));
    if (at + 56 > b.length || b.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipError('Corrupted zip: bad ZIP64 end of central directory');
    count = Number(b.readBigUInt64LE(at + 32));
    cdSize = Number(b.readBigUInt64LE(at + 40));
    cdOffset = Number(b.readBigUInt64LE(at + 48));
  }
  if (cdOffset + cdSize > b.length) throw new ZipError('Corrupted zip: the central directory runs past the end of the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
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
