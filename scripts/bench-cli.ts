/**
 * Goals 2–4 of `npm run bench`: the real command against exceljs on the same file, its peak memory,
 * and a folder checked by the command (its own scheduling) against the same files checked one after
 * another in one process. Every figure is a wall time of a fresh process; runs alternate between the
 * contenders so that a load spike on a shared machine hits all of them alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_PLAN, writeBenchWorkbook } from './bench-data';

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'ntm-awards');
const MAIN = path.join(ROOT, 'build', 'src', 'cli', 'main.js');
const CHECK = path.join(ROOT, 'build', 'src', 'cli', 'check.js');
const EXCELJS = require.resolve('exceljs');

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length };
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

/** A process run without blocking this one, so that two can run at once. */
function runAsync(args: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`${label} failed (exit ${code}): ${err.slice(0, 400)}`))));
  });
}

const checkArgs = (file: string, ...more: string[]) => [BIN, 'check', file, '--plan', BENCH_PLAN, '--year', '2023', ...more];

/** exceljs's in-memory read + write, and its streaming read + write of every row, as small scripts. */
function writePeers(tmp: string): { memory: string; streaming: string } {
  const memory = path.join(tmp, 'exceljs-memory.js');
  fs.writeFileSync(
    memory,
    `const E=require(${JSON.stringify(EXCELJS)});(async()=>{const w=new E.Workbook();await w.xlsx.readFile(process.argv[2]);await w.xlsx.writeFile(process.argv[3]);})().catch(e=>{console.error(e);process.exit(3)});`,
  );
  const streaming = path.join(tmp, 'exceljs-streaming.js');
  fs.writeFileSync(
    streaming,
    `const E=require(${JSON.stringify(EXCELJS)});(async()=>{
const out=new E.stream.xlsx.WorkbookWriter({filename:process.argv[3],useStyles:true,useSharedStrings:true});
const reader=new E.stream.xlsx.WorkbookReader(process.argv[2],{sharedStrings:'cache',styles:'cache',worksheets:'emit',hyperlinks:'ignore'});
for await (const ws of reader){const o=out.addWorksheet(ws.name||'Sheet');for await (const row of ws){const r=o.getRow(row.number);r.values=row.values;r.commit();}o.commit();}
await out.commit();})().catch(e=>{console.error(e);process.exit(3)});`,
  );
  return { memory, streaming };
}

export interface CommandLineFigures {
  rows: number;
  exceljsMemory: Spread;
  exceljsStreaming: Spread;
  checkOut: Spread;
  /** check --out median / exceljs median. */
  vsMemory: number;
  vsStreaming: number;
}

export async function commandLine(tmp: string, rows: number, runs: number): Promise<CommandLineFigures> {
  const file = path.join(tmp, `list-${rows}.xlsx`);
  if (!fs.existsSync(file)) await writeBenchWorkbook(file, rows);
  const peers = writePeers(tmp);
  const mem: number[] = [];
  const str: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the order too, so none of the three always runs right after another's writes.
    const order = i % 2 ? [2, 1, 0] : [0, 1, 2];
    for (const k of order) {
      if (k === 0) mem.push(wall([peers.memory, file, path.join(tmp, 'mem-out.xlsx')], 'exceljs in-memory'));
      if (k === 1) str.push(wall([peers.streaming, file, path.join(tmp, 'stream-out.xlsx')], 'exceljs streaming'));
      if (k === 2) cli.push(wall(checkArgs(file, '--out', path.join(tmp, 'checked.xlsx'), '--force'), 'check --out'));
    }
  }
  const [m, s, c] = [spread(mem), spread(str), spread(cli)];
  return { rows, exceljsMemory: m, exceljsStreaming: s, checkOut: c, vsMemory: round(c.median / m.median), vsStreaming: round(c.median / s.median) };
}

/** Peak resident memory of the real command with --out and --json (read back from the child). */
export async function peakMemory(tmp: string, rows: number): Promise<{ rows: number; peakMB: number; ms: number }> {
  const file = path.join(tmp, `list-${rows}.xlsx`);
  if (!fs.existsSync(file)) await writeBenchWorkbook(file, rows);
  const probe = path.join(tmp, 'rss.js');
  fs.writeFileSync(
    probe,
    `process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'));require(${JSON.stringify(MAIN)}).main(process.argv.slice(2)).then(c=>{process.exitCode=c});`,
  );
  const t = process.hrtime.bigint();
  const args = ['check', file, '--plan', BENCH_PLAN, '--year', '2023', '--out', path.join(tmp, 'peak.xlsx'), '--json', path.join(tmp, 'peak.json'), '--force'];
  const r = spawnSync(process.execPath, [probe, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`peak memory run failed (exit ${r.status}): ${r.stderr.slice(0, 400)}`);
  return { rows, peakMB: Math.round(Number(m[1]) / 1024), ms: round(ms) };
}

export interface FolderFigures {
  files: number;
  rowsPerFile: number;
  command: Spread;
  oneAfterAnother: Spread;
  ratio: number;
  /**
   * The machine's own ceiling: the same files split in two halves, each half checked one after
   * another by its own process, both processes at once (no threads, nothing shared), against the
   * one-process run. No scheduling of ours can beat what two independent processes get.
   */
  twoProcesses: Spread;
  ceiling: number;
}

/**
 * A folder of workbooks: `check <folder> --out <folder>` as the command schedules it, against the
 * same files checked one after another in one process through the library (runCheck per file).
 */
export async function folder(tmp: string, files: number, rowsPerFile: number, runs: number): Promise<FolderFigures> {
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
  const halves = [path.join(tmp, `folder-${files}x${rowsPerFile}-a`), path.join(tmp, `folder-${files}x${rowsPerFile}-b`)];
  for (const [h, half] of halves.entries()) {
    fs.rmSync(half, { recursive: true, force: true });
    fs.mkdirSync(half);
    fs.readdirSync(dir)
      .sort()
      .forEach((f, i) => i % 2 === h && fs.copyFileSync(path.join(dir, f), path.join(half, f)));
  }
  const cmd: number[] = [];
  const one: number[] = [];
  const two: number[] = [];
  for (let i = 0; i < runs; i++) {
    const runs3: (() => void | Promise<void>)[] = [
      () => void cmd.push(wall(checkArgs(dir, '--out', path.join(tmp, 'folder-out-cmd'), '--force'), 'check <folder>')),
      () => void one.push(wall([seq, dir, path.join(tmp, 'folder-out-seq')], 'one after another')),
      async () => {
        const t = process.hrtime.bigint();
        await Promise.all(halves.map((h, k) => runAsync([seq, h, path.join(tmp, `folder-out-half-${k}`)], 'half')));
        two.push(Number(process.hrtime.bigint() - t) / 1e6);
      },
    ];
    if (i % 2) runs3.reverse();
    for (const f of runs3) await f();
  }
  const [c, o, t] = [spread(cmd), spread(one), spread(two)];
  return { files, rowsPerFile, command: c, oneAfterAnother: o, ratio: round(c.median / o.median), twoProcesses: t, ceiling: round(t.median / o.median) };
}
