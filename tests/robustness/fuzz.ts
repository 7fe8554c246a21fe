/**
 * A seeded fuzzer for the command line (issue 20): damaged and hostile variants of workbooks made
 * here (a case list, a plan workbook), run through the built `ntm-awards check`, each run judged
 * by what a user must always get. The same cases come out of the same seed, so a failure names
 * its seed and number and can be run again alone.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BIN } from '../helpers/cli';
import { ooxmlProblems } from '../helpers/ooxml';
import { crc32 } from '../../src/xlsx/zip-read';

// ---------------------------------------------------------------------------------------------
// Randomness

export type Rng = () => number;

/** mulberry32: small, fast, the same sequence for the same seed everywhere. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

// ---------------------------------------------------------------------------------------------
// Packages as lists of entries, written by hand so that anything can be got wrong on purpose

export interface Entry {
  name: string;
  data: Buffer;
  /** Compressed bytes to store instead of deflating `data` (a bomb made piece by piece). */
  packed?: Buffer;
  /** Sizes and CRC to declare instead of the true ones. */
  size?: number;
  crc?: number;
  stored?: boolean;
}

export async function entriesOf(bytes: Buffer): Promise<Entry[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Entry[] = [];
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) out.push({ name, data: await zip.files[name].async('nodebuffer') });
  return out;
}

export function writeZip(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = e.packed ?? (e.stored ? e.data : zlib.deflateRawSync(e.data));
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(size >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** `head`, then `unit` repeated until about `total` bytes, then `tail`: deflated as it is made. */
export function bomb(head: string, unit: string, total: number, tail: string): Promise<{ packed: Buffer; size: number; crc: number }> {
  const piece = Buffer.from(unit.repeat(Math.ceil((1 << 20) / unit.length)));
  const z = zlib.createDeflateRaw({ level: 1, chunkSize: 1 << 16 });
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => z.on('end', resolve).on('error', reject));
  return (async () => {
    const take = async (b: Buffer) => {
      crc = crc32(b, crc);
      size += b.length;
      if (!z.write(b)) await new Promise((r) => z.once('drain', r));
    };
    await take(Buffer.from(head));
    while (size < total) await take(piece);
    await take(Buffer.from(tail));
    z.end();
    await done;
    return { packed: Buffer.concat(out), size, crc };
  })();
}

// ---------------------------------------------------------------------------------------------
// Mutations

export interface Base {
  /** What the base is, and how the command runs on it: a list checked, or a plan workbook used. */
  kind: 'list' | 'plan';
  bytes: Buffer;
  entries: Entry[];
}

export interface Mutant {
  /** "crc xl/styles.xml", … : what was done, for the failure's message. */
  what: string;
  bytes: Buffer;
  /** The part a refusal must name, when the damage is certain to refuse the run (with --out). */
  part?: string;
}

/** The bombs' compressed bytes, made once per kind and size (a second each at most). */
const bombs = new Map<string, Promise<{ packed: Buffer; size: number; crc: number }>>();

const MiB = 1024 * 1024;
/** The limits the command line documents (src/xlsx/zip-read.ts INFLATE_LIMITS), by part. */
export const LIMITS = { sheet: 256 * MiB, sharedStrings: 64 * MiB, styles: 32 * MiB, plan: 32 * MiB };

const XML = (e: Entry) => /\.(xml|rels)$/i.test(e.name);
const text = (e: Entry) => e.data.toString('utf8');
const withText = (entries: Entry[], name: string, t: string): Entry[] => entries.map((e) => (e.name === name ? { name, data: Buffer.from(t, 'utf8') } : e));
const sheetOf = (b: Base) => b.entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && /<sheetData>[^]*<row/.test(text(e))) ?? b.entries.find((e) => /^xl\/worksheets\//.test(e.name))!;
const sstOf = (b: Base) => b.entries.find((e) => e.name === 'xl/sharedStrings.xml');

type Mutator = (r: Rng, b: Base, long: boolean) => Promise<Mutant> | Mutant;

function changeStrings(b: Base, r: Rng, fn: (s: string, i: number) => string, what: string): Mutant {
  const sst = sstOf(b);
  if (!sst) return { what: `${what} (no shared strings)`, bytes: b.bytes };
  let i = 0;
  let k = 0;
  // The title and header texts come first: they are left alone, so the list is still found.
  const t = text(sst).replace(/<t(\s[^>]*)?>([^<]*)<\/t>/g, (m, a: string | undefined, s: string) => (k++ >= SKIP_STRINGS && r() < 0.3 ? `<t${a ?? ''}>${fn(s, i++)}</t>` : m));
  return { what, bytes: writeZip(withText(b.entries, sst.name, t)) };
}

/** Shared strings kept as they are (a list's title and headers are its first strings). */
const SKIP_STRINGS = 45;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export const MUTATORS: Record<string, Mutator> = {
  // --- zip level ---
  flip: (r, b) => {
    const bytes = Buffer.from(b.bytes);
    const n = 1 + int(r, 4);
    for (let i = 0; i < n; i++) bytes[int(r, bytes.length)] ^= 1 << int(r, 8);
    return { what: `flip ${n} bits`, bytes };
  },
  truncate: (r, b) => {
    const at = 4 + int(r, b.bytes.length - 4);
    return { what: `truncate at ${at}`, bytes: b.bytes.subarray(0, at) };
  },
  crc: (r, b) => {
    const e = pick(r, b.entries);
    return { what: `crc ${e.name}`, part: e.name, bytes: writeZip(b.entries.map((x) => (x === e ? { ...x, crc: (crc32(x.data) ^ (1 + int(r, 255))) >>> 0 } : x))) };
  },
  size: (r, b) => {
    const e = pick(r, b.entries);
    const size = Math.max(0, e.data.length + pick(r, [-1, 1, 1000, -e.data.length]));
    return { what: `size ${e.name} ${size}`, part: e.name, bytes: writeZip(b.entries.map((x) => (x === e ? { ...x, size: size === e.data.length ? size + 1 : size } : x))) };
  },
  duplicate: (r, b) => {
    const e = pick(r, [...b.entries.filter((x) => x.name === '[Content_Types].xml'), pick(r, b.entries)]);
    const copy: Entry = { name: e.name, data: Buffer.from(pick(r, ['not xml at all', text(e)])) };
    const entries = [...b.entries];
    entries.splice(int(r, entries.length + 1), 0, copy);
    return { what: `duplicate ${e.name}`, part: e.name, bytes: writeZip(entries) };
  },
  traversal: (r, b) => {
    const name = pick(r, ['../../evil.xml', 'xl/../../evil.xml', '/etc/evil.xml', 'xl\\worksheets\\evil.xml', 'xl//evil.xml']);
    return { what: `name ${name}`, part: name, bytes: writeZip([...b.entries, { name, data: Buffer.from('<x/>') }]) };
  },
  bomb: async (r, b, long) => {
    // Styles in every run (the limit is small); the sheet and shared strings in long runs only.
    const kinds = long ? ['styles', 'sheet', 'sharedStrings'] : ['styles'];
    const kind = pick(r, kinds) as 'styles' | 'sheet' | 'sharedStrings';
    const limit = b.kind === 'plan' ? LIMITS.plan : LIMITS[kind];
    const target = kind === 'styles' ? 'xl/styles.xml' : kind === 'sheet' ? sheetOf(b).name : 'xl/sharedStrings.xml';
    const key = `${kind}:${limit}`;
    if (!bombs.has(key)) {
      const made =
        kind === 'sheet'
          ? bomb('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">', '<c/>', limit + MiB, '</row></sheetData></worksheet>')
          : kind === 'styles'
            ? bomb('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1">', '<xf numFmtId="0"/>', limit + MiB, '</cellXfs></styleSheet>')
            : bomb('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>a</t></si>', limit + MiB, '</sst>');
      bombs.set(key, made);
    }
    const made = await bombs.get(key)!;
    // The directory tells the truth, or claims a small part (the limit must hold on what comes out).
    const lie = r() < 0.5;
    const entries = b.entries.map((e) => (e.name === target ? { name: target, data: Buffer.alloc(0), packed: made.packed, crc: made.crc, size: lie ? 1000 : made.size } : e));
    return { what: `bomb ${kind} ${target}${lie ? ' (declared 1000 bytes)' : ''}`, part: target, bytes: writeZip(entries) };
  },

  // --- XML level ---
  'broken-tag': (r, b) => {
    const e = pick(r, b.entries.filter(XML));
    const t = text(e);
    const at = int(r, t.length);
    const broken = pick(r, [t.slice(0, at) + '<' + t.slice(at), t.slice(0, at) + t.slice(at + 1), t.slice(0, at), t.replace(/<\/(\w+:)?row>/, '')]);
    return { what: `broken tag ${e.name} at ${at}`, bytes: writeZip(withText(b.entries, e.name, broken)) };
  },
  doctype: (r, b) => {
    const e = pick(r, b.entries.filter(XML));
    const dtd = pick(r, [
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
      '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
      '<!doctype x>',
    ]);
    const t = text(e);
    const decl = /^<\?xml[^>]*\?>/.exec(t)?.[0] ?? '';
    return { what: `doctype ${e.name}`, part: e.name, bytes: writeZip(withText(b.entries, e.name, decl + dtd + t.slice(decl.length))) };
  },
  'deep-nesting': (r, b) => {
    const e = sheetOf(b);
    const n = pick(r, [1000, 20000, 100000]);
    const t = text(e).replace(/<sheetData>/, `<sheetData>${'<x>'.repeat(n)}${'</x>'.repeat(n)}`);
    return { what: `nesting ${n} in ${e.name}`, bytes: writeZip(withText(b.entries, e.name, t)) };
  },
  'huge-string': (r, b) => {
    const n = pick(r, [40000, 1 << 20, 8 << 20]);
    return changeStrings(b, r, (s, i) => (i === 0 ? 'x'.repeat(n) : s), `huge string ${n}`);
  },
  'far-right': (r, b) => {
    const e = sheetOf(b);
    const col = pick(r, ['XFD', 'XFD', 'XFA', 'ZZZZZZ', 'AAAAAAAAAAAAAAAAAAAAAAA']);
    const t = text(e).replace(/<\/row>/g, (m, off: number, all: string) => {
      const row = /<row[^>]*\sr="(\d+)"/.exec(all.slice(all.lastIndexOf('<row', off)))?.[1] ?? '1';
      return `<c r="${col}${row}" t="inlineStr"><is><t>x</t></is></c>${m}`;
    });
    return { what: `far-right ${col} in ${e.name}`, bytes: writeZip(withText(b.entries, e.name, t)) };
  },
  'out-of-order': (r, b) => {
    const e = sheetOf(b);
    const t = text(e);
    const rows = [...t.matchAll(/<row\b[^>]*>[^]*?<\/row>/g)].map((m) => m[0]);
    const shuffled = r() < 0.5 ? [...rows].reverse() : rows.map((row) => row.replace(/(<row\b[^>]*>)([^]*)(<\/row>)/, (_, a: string, cells: string, z: string) => a + [...cells.matchAll(/<c\b[^>]*?(?:\/>|>[^]*?<\/c>)/g)].map((m) => m[0]).reverse().join('') + z));
    let k = 0;
    return { what: `out of order ${e.name}`, bytes: writeZip(withText(b.entries, e.name, t.replace(/<row\b[^>]*>[^]*?<\/row>/g, () => shuffled[k++]))) };
  },

  // --- content ---
  'formula-text': (r, b) => changeStrings(b, r, () => escapeXml(pick(r, ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd', '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0"])), 'formula-like text'),
  'control-chars': (r, b) => changeStrings(b, r, (s) => s + pick(r, ['_x0001_', '_x0008_', '_xFFFE_', '_x001F_', '\u0001', '\uFFFE']), 'control characters'),
  'huge-name': (r, b) => changeStrings(b, r, (s, i) => (i < 3 ? escapeXml(`Thôn ${'Thượng '.repeat(4000)}`) : s), 'huge names'),
  'impossible-dates': (r, b) => {
    const e = sheetOf(b);
    // Numbers only (cells without t=): a shared-string index changed would only lose the header.
    const t = text(e).replace(/(<c\b(?![^>]*\st=)[^>]*>)<v>(\d+(\.\d+)?)<\/v>/g, (m, c: string) => (r() < 0.3 ? `${c}<v>${pick(r, ['-5', '1e308', '99999999', '2958466', '0.5', 'NaN', ''])}</v>` : m));
    const m = changeStrings({ ...b, entries: withText(b.entries, e.name, t) }, r, () => pick(r, ['31/02/2023', '00/00/0000', 'ngày 99 tháng 13 năm 2023', '29/02/2023', '9999-99-99']), 'impossible dates');
    return m.what.includes('no shared') ? { what: 'impossible dates', bytes: writeZip(withText(b.entries, e.name, t)) } : m;
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

// ---------------------------------------------------------------------------------------------
// Running one case and judging it

/** Killed past this, whatever the sheet's width (a bound on hangs, not a timing of the checker). */
export const KILL_MS = 60_000;
/** Peak resident memory a run may reach (the bound is 1 GB; this leaves room under it). */
export const RSS_LIMIT_KB = 800 * 1024;

const RSS_HOOK = `process.on('exit', () => { try { require('fs').writeFileSync(process.env.NTM_FUZZ_RSS, String(process.resourceUsage().maxRSS)); } catch {} });`;

export interface CaseRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  stderr: string;
  stdout: string;
  rssKb: number;
}

/** Runs the built command line in `dir` with its own TMPDIR, killed after KILL_MS. */
export function runCase(args: readonly string[], dir: string, tmp: string): Promise<CaseRun> {
  const hook = path.join(tmp, '..', 'rss-hook.js');
  if (!fs.existsSync(hook)) fs.writeFileSync(hook, RSS_HOOK);
  const rssFile = path.join(tmp, '..', 'rss');
  fs.rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, [...args], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1', FORCE_COLOR: '0', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(), NTM_FUZZ_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout.length < 1 << 20 ? (stdout += d.toString('utf8')) : undefined));
    child.stderr.on('data', (d: Buffer) => (stderr.length < 1 << 20 ? (stderr += d.toString('utf8')) : undefined));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_MS);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      let rssKb = 0;
      try {
        rssKb = Number(fs.readFileSync(rssFile, 'utf8'));
      } catch {
        rssKb = 0;
      }
      resolve({ exitCode, signal, killed, stderr, stdout, rssKb });
    });
  });
}

/** JavaScript's own words, which no message may carry. */
const ENGINE = /Cannot read propert|Cannot set propert|Invalid (string|array|typed array) length|is not a function|is not defined|is not iterable|Maximum call stack|heap out of memory|FATAL ERROR|undefined|\[object /;
const STACK = /^\s+at\s/m;
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** What is wrong with one case's run, as sentences (empty: the run behaved). */
export async function judge(m: Mutant, run: CaseRun, files: { input: string; out: string; json: string; dir: string; tmp: string; inputHash: string }): Promise<string[]> {
  const bad: string[] = [];
  if (run.killed) bad.push(`still running after ${KILL_MS / 1000} s (killed)`);
  if (run.signal && !run.killed) bad.push(`ended by signal ${run.signal}`);
  if (run.exitCode !== null && ![0, 1, 2].includes(run.exitCode)) bad.push(`exit code ${run.exitCode}`);
  if (STACK.test(run.stderr) || STACK.test(run.stdout)) bad.push('a stack trace was printed');
  if (ENGINE.test(run.stderr)) bad.push(`JavaScript's text in the message: ${run.stderr.trim()}`);
  if (/lỗi nội bộ|internal error/i.test(run.stderr)) bad.push(`"internal error" for a bad file: ${run.stderr.trim()}`);
  if (run.rssKb > RSS_LIMIT_KB) bad.push(`peak RSS ${Math.round(run.rssKb / 1024)} MB over ${RSS_LIMIT_KB / 1024} MB`);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(files.input)).digest('hex');
  if (hash !== files.inputHash) bad.push('the input file changed');
  const leftovers = [...fs.readdirSync(files.tmp), ...fs.readdirSync(files.dir).filter((n) => n.startsWith('.'))];
  if (leftovers.length) bad.push(`temporary files left: ${leftovers.join(', ')}`);
  if (run.exitCode === 2) {
    const lines = run.stderr.split('\n').filter(Boolean);
    if (lines.length !== 1) bad.push(`refused with ${lines.length} lines on stderr: ${JSON.stringify(run.stderr)}`);
    else if (!lines[0].startsWith('ntm-awards') || !VIETNAMESE.test(lines[0].split(' — ')[0]) || !lines[0].includes(' — ')) bad.push(`not a Vietnamese-first line: ${lines[0]}`);
    if (m.part !== undefined && !lines.join('\n').includes(m.part)) bad.push(`the refusal does not name ${m.part}: ${lines[0]}`);
    if (fs.existsSync(files.out)) bad.push('refused, yet the checked copy was written');
    if (fs.existsSync(files.json)) bad.push('refused, yet the report was written');
  } else if (run.exitCode === 0 || run.exitCode === 1) {
    if (m.part !== undefined) bad.push(`${m.what}: accepted (exit ${run.exitCode}) though the damage is certain`);
    if (fs.existsSync(files.out)) bad.push(...(await copyProblems(fs.readFileSync(files.input), fs.readFileSync(files.out))));
  }
  return bad;
}

/** A copy must add no OOXML problem to its input's, and open with exceljs when the input does. */
async function copyProblems(input: Buffer, copy: Buffer): Promise<string[]> {
  const before = new Set(await ooxmlProblems(input).catch(() => [] as string[]));
  const bad = (await ooxmlProblems(copy).catch((e: unknown) => [`the copy is no zip: ${(e as Error).message}`])).filter((p) => !before.has(p));
  const opens = async (b: Buffer) => {
    try {
      await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
      return true;
    } catch {
      return false;
    }
  };
  if ((await opens(input)) && !(await opens(copy))) bad.push('exceljs opens the input but not the copy');
  return bad.map((p) => `copy: ${p}`);
}

/** The n-th case of a seed: which base, which mutation, the mutant. */
export async function makeCase(seed: number, n: number, bases: readonly Base[], long: boolean): Promise<{ base: Base; name: string; mutant: Mutant }> {
  const r = rng(seed * 100003 + n);
  const base = bases[n % bases.length];
  const name = MUTATOR_NAMES[int(r, MUTATOR_NAMES.length)];
  return { base, name, mutant: await MUTATORS[name](r, base, long) };
}
