/**
 * Goals 2–4 of `npm run bench`: the real command against its floor (the same workbook read, an
 * output of the same size written, no judgement) and against exceljs's streaming read + write on
 * the same file; its peak memory and time at 100,000 rows and at Excel's last row; and a folder
 * checked by the command (its own scheduling) against the same files checked one after another in
 * one process. Every figure is a wall time of a fresh process; runs alternate between the
 * contenders so that a load spike on a shared machine hits all of them alike. Every sample is kept.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ZipPackage } from '../src/xlsx/zip-read';
import { BENCH_PLAN, writeBenchWorkbook } from './bench-data';
import { childrenCpuMs } from './bench-machine';

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'ntm-awards');
const MAIN = path.join(ROOT, 'build', 'cli', 'main.js');
const CHECK = path.join(ROOT, 'build', 'src', 'cli', 'check.js');
const ZIP_READ = path.join(ROOT, 'build', 'src', 'xlsx', 'zip-read.js');
const ZIP_WRITE = path.join(ROOT, 'build', 'src', 'xlsx', 'zip-write.js');
const SAXES = require.resolve('saxes');
const EXCELJS = require.resolve('exceljs');

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Every sample, in the order measured. */
  samples: number[];
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length, samples: xs.map(round) };
}

/** Ratios of paired samples, round by round (a/b). */
export function perRound(a: number[], b: number[]): number[] {
  return a.map((x, i) => round(x / b[i]));
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Wall time of a child process; a failed run stops the bench (a figure of a crash means nothing). */
function wall(args: string[], label: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // check exits 1 when some rows are ineligible: that is a result, not a failure.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (exit ${r.status}): ${String(r.stderr).slice(0, 400)}`);
  return ms;
}

const checkArgs = (file: string, ...more: string[]) => [BIN, 'check', file, '--plan', BENCH_PLAN, '--year', '2023', ...more];

/** exceljs's streaming read + write of every row, as a small script. */
function writePeer(tmp: string): string {
  const streaming = path.join(tmp, 'exceljs-streaming.js');
  fs.writeFileSync(
    streaming,
    `const E=require(${JSON.stringify(EXCELJS)});(async()=>{
const out=new E.stream.xlsx.WorkbookWriter({filename:process.argv[3],useStyles:true,useSharedStrings:true});
const reader=new E.stream.xlsx.WorkbookReader(process.argv[2],{sharedStrings:'cache',styles:'cache',worksheets:'emit',hyperlinks:'ignore'});
for await (const ws of reader){const o=out.addWorksheet(ws.name||'Sheet');for await (const row of ws){const r=o.getRow(row.number);r.values=row.values;r.commit();}o.commit();}
await out.commit();})().catch(e=>{console.error(e);process.exit(3)});`,
  );
  return streaming;
}

/**
 * The floor of `check --out`: every XML part of the input inflated and parsed by saxes (the
 * product's zip reader, no handler doing anything), then the checked copy's own parts written:
 * those the copy takes unchanged from the input copied as stored (as the product does), the others
 * deflated from their text (prepared beforehand, untimed). No judgement, no layout, one read.
 */
function writeFloor(tmp: string): string {
  const floor = path.join(tmp, 'floor.js');
  fs.writeFileSync(
    floor,
    `const {ZipPackage}=require(${JSON.stringify(ZIP_READ)});const {ZipWriter}=require(${JSON.stringify(ZIP_WRITE)});
const {SaxesParser}=require(${JSON.stringify(SAXES)});const fs=require('fs'),path=require('path');
async function* text(file){const d=new TextDecoder('utf-8');for await(const b of fs.createReadStream(file,{highWaterMark:1<<16})){const s=d.decode(b,{stream:true});if(s)yield s;}const t=d.decode();if(t)yield t;}
(async()=>{const [input,raw,out]=process.argv.slice(2);const pkg=ZipPackage.openFile(input);let tags=0;
for(const e of pkg.entries){if(!/\\.(xml|rels)$/.test(e.name))continue;const p=new SaxesParser({xmlns:false,position:true});p.on('opentag',()=>{tags++});
const d=new TextDecoder('utf-8');for await(const c of pkg.stream(e)){const s=d.decode(c,{stream:true});if(s)p.write(s);}p.write(d.decode());p.close();}
const plan=JSON.parse(fs.readFileSync(path.join(raw,'parts.json'),'utf8'));const w=new ZipWriter(out);
for(const part of plan){if(part.file===null)w.copy(pkg,pkg.entry(part.name));else await w.addStream(part.name,text(path.join(raw,part.file)),part.meta);}
w.finish();w.close();if(tags<0)console.log(tags);})().catch(e=>{console.error(e);process.exit(3)});`,
  );
  return floor;
}

/**
 * The floor's list of parts: the checked copy's entries in order, each either taken unchanged from
 * the input (same name and CRC) or written out as its text for the floor to deflate.
 */
async function prepareFloor(input: string, checked: string, dir: string): Promise<{ bytes: number; written: number }> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  const src = ZipPackage.openFile(input);
  const copy = ZipPackage.openFile(checked);
  const parts: { name: string; file: string | null; meta?: object }[] = [];
  let bytes = 0;
  let written = 0;
  try {
    for (const [i, e] of copy.entries.entries()) {
      bytes += e.size;
      const same = src.entry(e.name);
      if (same && same.crc === e.crc && same.size === e.size) {
        parts.push({ name: e.name, file: null });
        continue;
      }
      const file = `part-${i}`;
      const out = fs.createWriteStream(path.join(dir, file));
      for await (const chunk of copy.stream(e)) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      written += e.size;
      parts.push({ name: e.name, file, meta: { dosTime: e.dosTime, dosDate: e.dosDate, versionMadeBy: e.versionMadeBy, externalAttrs: e.externalAttrs, internalAttrs: e.internalAttrs } });
    }
  } finally {
    src.close();
    copy.close();
  }
  fs.writeFileSync(path.join(dir, 'parts.json'), JSON.stringify(parts));
  return { bytes, written };
}

export interface CommandLineFigures {
  rows: number;
  floor: Spread;
  exceljsStreaming: Spread;
  checkOut: Spread;
  /** Uncompressed bytes of the checked copy, and of them those the copy writes anew. */
  outputBytes: number;
  writtenBytes: number;
  /** check --out median / floor median, and / exceljs streaming median. */
  vsFloor: number;
  vsStreaming: number;
  perRound: { vsFloor: number[]; vsStreaming: number[] };
}

export async function commandLine(tmp: string, rows: number, runs: number): Promise<CommandLineFigures> {
  const file = path.join(tmp, `list-${rows}.xlsx`);
  if (!fs.existsSync(file)) await writeBenchWorkbook(file, rows);
  const streaming = writePeer(tmp);
  const floorScript = writeFloor(tmp);
  const checked = path.join(tmp, 'checked.xlsx');
  // One check first (untimed) gives the copy whose parts the floor writes.
  wall(checkArgs(file, '--out', checked, '--force'), 'check --out');
  const raw = path.join(tmp, `floor-${rows}`);
  const sizes = await prepareFloor(file, checked, raw);
  const flo: number[] = [];
  const str: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the order too, so none of the three always runs right after another's writes.
    const order = i % 2 ? [2, 1, 0] : [0, 1, 2];
    for (const k of order) {
      if (k === 0) flo.push(wall([floorScript, file, raw, path.join(tmp, 'floor-out.xlsx')], 'floor'));
      if (k === 1) str.push(wall([streaming, file, path.join(tmp, 'stream-out.xlsx')], 'exceljs streaming'));
      if (k === 2) cli.push(wall(checkArgs(file, '--out', checked, '--force'), 'check --out'));
    }
  }
  fs.rmSync(raw, { recursive: true, force: true });
  const [f, s, c] = [spread(flo), spread(str), spread(cli)];
  return {
    rows,
    floor: f,
    exceljsStreaming: s,
    checkOut: c,
    outputBytes: sizes.bytes,
    writtenBytes: sizes.written,
    vsFloor: round(c.median / f.median),
    vsStreaming: round(c.median / s.median),
    perRound: { vsFloor: perRound(cli, flo), vsStreaming: perRound(cli, str) },
  };
}

export interface PeakFigures {
  rows: number;
  peakMB: number;
  ms: number;
}

/**
 * Peak resident memory and wall time of the real command with --out and --json (read back from the
 * child). `titled: false` lays the list out with its header on row 1, so 1,048,575 rows reach
 * Excel's last row. `remove`: the list and the outputs are deleted afterwards (they are large).
 */
export async function peakMemory(tmp: string, rows: number, titled = true, remove = false): Promise<PeakFigures> {
  const file = path.join(tmp, titled ? `list-${rows}.xlsx` : `list-${rows}-untitled.xlsx`);
  if (!fs.existsSync(file)) await writeBenchWorkbook(file, rows, undefined, titled);
  const probe = path.join(tmp, 'rss.js');
  fs.writeFileSync(
    probe,
    // VmHWM is this process's own peak: ru_maxrss (resourceUsage) starts from the parent's peak
    // at exec on Linux, and the bench is large after writing a list of Excel's full height.
    `process.on('exit',()=>{let kb=process.resourceUsage().maxRSS;try{kb=Number(/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])}catch{}process.stderr.write('\\nMAXRSS '+kb+'\\n')});require(${JSON.stringify(MAIN)}).main(process.argv.slice(2)).then(c=>{process.exitCode=c});`,
  );
  const outs = [path.join(tmp, 'peak.xlsx'), path.join(tmp, 'peak.json')];
  const t = process.hrtime.bigint();
  const args = ['check', file, '--plan', BENCH_PLAN, '--year', '2023', '--out', outs[0], '--json', outs[1], '--force'];
  const r = spawnSync(process.execPath, [probe, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`peak memory run failed (exit ${r.status}): ${String(r.stderr).slice(0, 400)}`);
  for (const f of outs) fs.rmSync(f, { force: true });
  if (remove) fs.rmSync(file, { force: true });
  return { rows, peakMB: Math.round(Number(m[1]) / 1024), ms: round(ms) };
}

export interface FolderFigures {
  files: number;
  rowsPerFile: number;
  command: Spread;
  oneAfterAnother: Spread;
  /** CPU milliseconds (user + system, all threads) of each one-after-another run. */
  oneAfterAnotherCpu: Spread;
  ratio: number;
  /**
   * The machine's limit: the one-after-another run's CPU time spread perfectly over every core,
   * over its wall time (median CPU ÷ cores ÷ median wall). No scheduling can go below it.
   */
  reference: number;
  cores: number;
  perRound: number[];
}

/**
 * A folder of workbooks: `check <folder> --out <folder>` as the command schedules it, against the
 * same files checked one after another in one process through the library (runCheck per file).
 */
export async function folder(tmp: string, files: number, rowsPerFile: number, runs: number, cores: number): Promise<FolderFigures> {
  const dir = path.join(tmp, `folder-${files}x${rowsPerFile}`);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir);
    for (let i = 0; i < files; i++) await writeBenchWorkbook(path.join(dir, `list-${String(i + 1).padStart(2, '0')}.xlsx`), rowsPerFile, 1000 + i);
  }
  const seq = path.join(tmp, 'sequential.js');
  fs.writeFileSync(
    seq,
    `const {runCheck}=require(${JSON.stringify(CHECK)});const fs=require('fs'),path=require('path');(async()=>{
const [dir,out]=process.argv.slice(2);fs.mkdirSync(out,{recursive:true});
for(const f of fs.readdirSync(dir).filter(f=>f.endsWith('.xlsx')).sort()){
const r=await runCheck({command:'check',input:path.join(dir,f),plan:${JSON.stringify(BENCH_PLAN)},year:2023,map:{},blankIsNo:false,force:true,out:path.join(out,f.replace(/\\.xlsx$/,'.checked.xlsx'))},{write(){}});
if(r.exitCode===2)throw new Error(f+': '+r.errors.join('; '));}
})().catch(e=>{console.error(e);process.exit(3)});`,
  );
  const cmd: number[] = [];
  const one: number[] = [];
  const oneCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pair: (() => void)[] = [
      () => void cmd.push(wall(checkArgs(dir, '--out', path.join(tmp, 'folder-out-cmd'), '--force'), 'check <folder>')),
      () => {
        const before = childrenCpuMs();
        one.push(wall([seq, dir, path.join(tmp, 'folder-out-seq')], 'one after another'));
        const after = childrenCpuMs();
        if (before !== null && after !== null) oneCpu.push(after - before);
      },
    ];
    if (i % 2) pair.reverse();
    for (const f of pair) f();
  }
  const [c, o, u] = [spread(cmd), spread(one), spread(oneCpu.length ? oneCpu : [NaN])];
  return {
    files,
    rowsPerFile,
    command: c,
    oneAfterAnother: o,
    oneAfterAnotherCpu: u,
    ratio: round(c.median / o.median),
    reference: round(u.median / cores / o.median),
    cores,
    perRound: perRound(cmd, one),
  };
}
