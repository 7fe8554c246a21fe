/**
 * `npm run bench`: the performance figures of the product, measured in one run and written to
 * .bench/results.json. Not part of `npm test`: numbers are reported, never asserted.
 *
 * - engine throughput per plan on 10,000 and 100,000 generated rows, parsing raw cells included;
 * - the same thach-ha criteria (communes, households) in json-rules-engine on the same rows;
 * - `ntm-awards check --out` on a 10,000-row workbook against a bare exceljs read + write;
 * - peak memory of a 100,000-row check with --out;
 * - NTM.CHECK on a 10,000-row table, and context.sync() calls of a pane check of 10,000 rows;
 * - functions and task-pane bundle sizes (minified, gzip).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { Engine } from 'json-rules-engine';
import type { Cell } from '../src/core/cell';
import { evaluate } from '../src/core/evaluate';
import { parseOrdinal, parseYear, parseYesNo } from '../src/core/values';
import { STANDARD_LEVEL_SCALE } from '../src/core/columns';
import { shippedPlan, PLAN_IDS } from '../src/plans';
import { benchAddin } from './bench-addin';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_DIR = path.join(ROOT, '.bench');
const CASES = path.join(ROOT, 'tests', 'cases');
const BIN = path.join(ROOT, 'bin', 'ntm-awards');

type Row = Map<string, Cell>;

interface CaseFile {
  plan: string;
  run: { round?: 'annual' | 'so-ket' | 'tong-ket'; year?: number };
  rows: { cells: Record<string, string | number> }[];
}

function loadCases(plan: string): CaseFile {
  return JSON.parse(fs.readFileSync(path.join(CASES, `${plan}.json`), 'utf8')) as CaseFile;
}

/** n rows cycling through a plan's visible cases, with names varied so no two rows are identical. */
function generateRows(plan: string, n: number): Row[] {
  const cases = loadCases(plan).rows;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const c = cases[i % cases.length].cells;
    const row: Row = new Map();
    for (const [k, v] of Object.entries(c)) row.set(k, { value: k === 'Tên tập thể, cá nhân' ? `${v} ${i}` : v });
    rows.push(row);
  }
  return rows;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

function engineThroughput(): Record<string, { rows: number; ms: number; rowsPerSec: number }[]> {
  const out: Record<string, { rows: number; ms: number; rowsPerSec: number }[]> = {};
  for (const id of PLAN_IDS) {
    const plan = shippedPlan(id)!;
    const run = loadCases(id).run;
    out[id] = [];
    for (const n of [10_000, 100_000]) {
      const rows = generateRows(id, n);
      for (const r of rows.slice(0, 2000)) evaluate(plan, r, run); // warm-up: JIT and the parse caches
      const { ms } = time(() => {
        for (const r of rows) evaluate(plan, r, run);
      });
      out[id].push({ rows: n, ms: round(ms), rowsPerSec: Math.round((n / ms) * 1000) });
    }
  }
  return out;
}

/**
 * The thach-ha criteria for communes (§V.1.b) and households (§V.1.f), with the general standard,
 * as json-rules-engine rules: the peer a developer would otherwise pick. Facts are parsed from the
 * same raw cells with the same parsers, inside the timing, so both sides do the same work.
 */
async function peerComparison(n: number) {
  const plan = shippedPlan('thach-ha-2022')!;
  const all = generateRows('thach-ha-2022', n * 4);
  const rows = all.filter((r) => ['Xã', 'Hộ gia đình'].includes(String(r.get('Đối tượng')?.value))).slice(0, n);
  const yes = (r: Row, k: string) => {
    const p = parseYesNo(r.get(k) ?? { value: null });
    return p.kind === 'value' ? p.value : null;
  };
  const num = (r: Row, k: string) => {
    const p = parseYear(r.get(k) ?? { value: null });
    return p.kind === 'value' ? p.value : null;
  };
  const level = (r: Row) => {
    const p = parseOrdinal(r.get('Mức đạt chuẩn') ?? { value: null }, STANDARD_LEVEL_SCALE);
    return p.kind === 'value' ? p.value.rank : null;
  };
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    name: 'xa',
    conditions: {
      all: [
        { fact: 'subject', operator: 'equal', value: 'Xã' },
        { fact: 'lawAbiding', operator: 'equal', value: true },
        {
          any: [
            { all: [{ fact: 'standard', operator: 'greaterThanInclusive', value: 2 }, { fact: 'reachedNotLate', operator: 'equal', value: true }] },
            { fact: 'exemplary', operator: 'equal', value: true },
            { all: [{ fact: 'difficult', operator: 'equal', value: true }, { fact: 'achievement', operator: 'equal', value: true }] },
          ],
        },
      ],
    },
    event: { type: 'eligible' },
  });
  engine.addRule({
    name: 'ho-gia-dinh',
    conditions: {
      all: [
        { fact: 'subject', operator: 'equal', value: 'Hộ gia đình' },
        { fact: 'lawAbiding', operator: 'equal', value: true },
        { any: [{ fact: 'garden', operator: 'equal', value: true }, { fact: 'landLabour', operator: 'equal', value: true }] },
      ],
    },
    event: { type: 'eligible' },
  });
  const runPeer = async () => {
    let eligible = 0;
    for (const r of rows) {
      const reached = num(r, 'Năm đạt chuẩn');
      const planned = num(r, 'Năm kế hoạch');
      const facts = {
        subject: String(r.get('Đối tượng')?.value ?? ''),
        lawAbiding: yes(r, 'Chấp hành tốt chủ trương, chính sách, pháp luật'),
        standard: level(r),
        reachedNotLate: reached !== null && planned !== null ? reached <= planned : null,
        exemplary: yes(r, 'Tiêu biểu trong phong trào'),
        difficult: yes(r, 'Xã khó khăn'),
        achievement: yes(r, 'Có thành tích tiêu biểu'),
        garden: yes(r, 'Chỉnh trang nhà cửa, vườn hộ tiêu biểu'),
        landLabour: yes(r, 'Đóng góp đất đai, tài sản, ngày công'),
      };
      const { events } = await engine.run(facts);
      if (events.length) eligible++;
    }
    return eligible;
  };
  const runOurs = () => {
    let eligible = 0;
    for (const r of rows) if (evaluate(plan, r, { year: 2023 }).status === 'eligible') eligible++;
    return eligible;
  };
  // Both sides get one untimed pass (JIT warm-up), then the median of three timed passes.
  await runPeer();
  runOurs();
  const peerRuns: { ms: number; result: number }[] = [];
  const ourRuns: { ms: number; result: number }[] = [];
  for (let i = 0; i < 3; i++) {
    peerRuns.push(await timeAsync(runPeer));
    ourRuns.push(time(runOurs));
  }
  const mid = (xs: { ms: number; result: number }[]) => [...xs].sort((a, b) => a.ms - b.ms)[1];
  const peer = mid(peerRuns);
  const ours = mid(ourRuns);
  return {
    rows: rows.length,
    ntmAwardsMs: round(ours.ms),
    jsonRulesEngineMs: round(peer.ms),
    ratio: round(peer.ms / ours.ms),
    eligible: { ntmAwards: ours.result, jsonRulesEngine: peer.result },
  };
}

/** A 10,000-row (or larger) list in the layout offices use: title block, header, dates as dates. */
async function writeWorkbook(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  const cases = loadCases('thach-ha-2022').rows;
  const headers = ['STT', ...new Set(cases.flatMap((c) => Object.keys(c.cells)))];
  ws.addRow(['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023']).commit();
  ws.addRow([]).commit();
  ws.addRow(headers).commit();
  for (let i = 0; i < n; i++) {
    const c = cases[i % cases.length].cells;
    ws.addRow(headers.map((h) => (h === 'STT' ? i + 1 : h === 'Tên tập thể, cá nhân' ? `${c[h]} ${i}` : (c[h] ?? null)))).commit();
  }
  await wb.commit();
}

function wall(cmd: string, args: string[]): number {
  const t = process.hrtime.bigint();
  spawnSync(cmd, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function commandLine(tmp: string) {
  const file = path.join(tmp, 'list-10k.xlsx');
  await writeWorkbook(file, 10_000);
  const bare = path.join(tmp, 'bare.js');
  fs.writeFileSync(
    bare,
    `const E=require(${JSON.stringify(require.resolve('exceljs'))});(async()=>{const w=new E.Workbook();await w.xlsx.readFile(process.argv[2]);await w.xlsx.writeFile(process.argv[3]);})();`,
  );
  const runs = 3;
  const bareMs: number[] = [];
  const cliMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareMs.push(wall(process.execPath, [bare, file, path.join(tmp, 'bare-out.xlsx')]));
    cliMs.push(
      wall(BIN, ['check', file, '--plan', 'thach-ha-2022', '--year', '2023', '--out', path.join(tmp, 'checked.xlsx'), '--force']),
    );
  }
  return { rows: 10_000, bareExceljsReadWriteMs: round(median(bareMs)), checkOutMs: round(median(cliMs)), ratio: round(median(cliMs) / median(bareMs)) };
}

/** Peak resident memory of the real command on 100,000 rows with --out (read back from the child). */
async function peakMemory(tmp: string) {
  const file = path.join(tmp, 'list-100k.xlsx');
  await writeWorkbook(file, 100_000);
  const probe = path.join(tmp, 'rss.js');
  fs.writeFileSync(
    probe,
    `process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'));require(${JSON.stringify(path.join(ROOT, 'build', 'src', 'cli', 'main.js'))}).main(process.argv.slice(2)).then(c=>{process.exitCode=c});`,
  );
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [probe, 'check', file, '--plan', 'thach-ha-2022', '--year', '2023', '--out', path.join(tmp, 'checked-100k.xlsx'), '--force'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { rows: 100_000, peakMB: m ? Math.round(Number(m[1]) / 1024) : null, ms: round(ms), exitCode: r.status, error: m ? undefined : r.stderr.slice(0, 300) };
}

function bundleSizes() {
  const out: Record<string, { minKB: number; gzipKB: number } | null> = {};
  for (const name of ['functions.js', 'taskpane.js']) {
    const f = path.join(ROOT, 'dist', name);
    if (!fs.existsSync(f)) {
      out[name] = null;
      continue;
    }
    const buf = fs.readFileSync(f);
    out[name] = { minKB: round(buf.length / 1024), gzipKB: round(zlib.gzipSync(buf, { level: 9 }).length / 1024) };
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-bench-'));
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length };
  process.stderr.write('engine…\n');
  results.engine = engineThroughput();
  process.stderr.write('json-rules-engine…\n');
  results.peer = await peerComparison(10_000);
  process.stderr.write('command line, 10,000 rows…\n');
  results.commandLine = await commandLine(tmp);
  process.stderr.write('memory, 100,000 rows…\n');
  results.memory = await peakMemory(tmp);
  process.stderr.write('functions and pane…\n');
  results.addin = await benchAddin();
  results.bundles = bundleSizes();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.rmSync(tmp, { recursive: true, force: true });
  printTable(results);
}

function printTable(r: Record<string, any>): void {
  const lines: string[] = [];
  lines.push('measure                                          value');
  for (const [plan, runs] of Object.entries(r.engine as Record<string, { rows: number; rowsPerSec: number }[]>)) {
    for (const x of runs) lines.push(`engine ${plan} ${x.rows} rows`.padEnd(48) + ` ${x.rowsPerSec.toLocaleString('en')} rows/s`);
  }
  lines.push(`json-rules-engine vs engine (${r.peer.rows} rows)`.padEnd(48) + ` ${r.peer.ratio}× (${r.peer.jsonRulesEngineMs} ms vs ${r.peer.ntmAwardsMs} ms)`);
  lines.push(
    `check --out vs bare exceljs read+write (10k)`.padEnd(48) + ` ${r.commandLine.ratio}× (${r.commandLine.checkOutMs} ms vs ${r.commandLine.bareExceljsReadWriteMs} ms)`,
  );
  lines.push(`peak memory, check --out, 100k rows`.padEnd(48) + ` ${r.memory.peakMB} MB (${r.memory.ms} ms)`);
  if (r.addin) for (const [k, v] of Object.entries(r.addin)) lines.push(k.padEnd(48) + ` ${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(r.bundles as Record<string, { minKB: number; gzipKB: number } | null>)) {
    lines.push(`bundle ${k}`.padEnd(48) + (v ? ` ${v.minKB} KB min, ${v.gzipKB} KB gzip` : ' (not built)'));
  }
  process.stdout.write(lines.join('\n') + `\nwritten: .bench/results.json\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack}\n`);
  process.exitCode = 1;
});
