/**
 * `npm run bench`: the performance goals of issue 22, measured fairly and written to
 * .bench/results.json with every sample, the per-round ratios and how idle the machine was. Not
 * part of `npm test`: figures are reported, never asserted — except that the bench fails (exit 1)
 * when json-rules-engine and the product disagree on any row's eligibility in any plan, because
 * then the comparison would not be of like with like.
 *
 *   npm run bench -- [--scale 0.05] [--runs N] [--plans a,b] [--skip-engine] [--skip-cli]
 *                    [--skip-big] [--skip-folder] [--skip-addin]
 *
 * --scale (or NTM_BENCH_SCALE) multiplies every row count, to develop on a busy machine; the goals
 * are stated at scale 1 only, and a scaled run says so on every goal line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PLAN_IDS } from '../src/plans';
import { benchAddin } from './bench-addin';
import { commandLine, folder, peakMemory, perRound, ROOT, round, spread, type CommandLineFigures, type FolderFigures, type PeakFigures, type Spread } from './bench-cli';
import { SIDES, type Side, type SideResult } from './bench-engine';
import { IDLE_NEEDED, measured, verdict, type IdleFigure, type Verdict } from './bench-machine';

const OUT_DIR = path.join(ROOT, '.bench');
/** Excel's last row is 1,048,576: a header on row 1 and this many rows fill the sheet. */
const EXCEL_ROWS = 1_048_575;

interface Options {
  scale: number;
  runs: number;
  plans: string[];
  /** Row counts of goal 1 and goal 2 (the goals' 10k and 100k). */
  sizes: [number, number];
  big: number;
  folder: [number, number];
  skip: { engine: boolean; cli: boolean; big: boolean; folder: boolean; addin: boolean };
}

function options(argv: string[]): Options {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const scale = Number(value('--scale') ?? process.env.NTM_BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const rows = (n: number) => Math.max(50, Math.round(n * scale));
  const runs = Number(value('--runs') ?? 5);
  if (!(runs >= 1)) throw new Error('--runs must be at least 1');
  const plans = value('--plans')?.split(',') ?? [...PLAN_IDS];
  for (const p of plans) if (!PLAN_IDS.includes(p)) throw new Error(`unknown plan ${p}`);
  return {
    scale,
    runs,
    plans,
    sizes: [rows(10_000), rows(100_000)],
    big: rows(EXCEL_ROWS),
    folder: [40, rows(2_500)],
    skip: {
      engine: argv.includes('--skip-engine'),
      cli: argv.includes('--skip-cli'),
      big: argv.includes('--skip-big'),
      folder: argv.includes('--skip-folder'),
      addin: argv.includes('--skip-addin'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Goal 1

/** One engine side in a fresh process: its first pass is cold for it alone. */
function side(s: Side, plan: string, rows: number, passes: number): SideResult {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'bench-engine.js'), s, plan, String(rows), String(passes)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`engine side ${s} (${plan}) failed: ${r.stderr.slice(0, 400)}`);
  return JSON.parse(r.stdout) as SideResult;
}

interface SideFigures {
  /** Cold: the first pass of each fresh process; warm: its later passes (when there are any). */
  cold: Spread;
  coldCpu: Spread;
  warm?: Spread;
}

interface PlanFigures {
  plan: string;
  eligible: number;
  sides: Record<Side, SideFigures>;
  /** peer median ÷ side median, cold wall; `ceiling` is the parse-only side's. */
  ratios: { decision: number; whole: number; ceiling: number };
  perRound: { decision: number[]; whole: number[]; ceiling: number[] };
}

interface EngineFigures {
  rows: number;
  plans: PlanFigures[];
  /** The five lists together: sum of the peer's medians ÷ sum of the side's medians. */
  together: { decision: number; whole: number; ceiling: number };
  idle: IdleFigure | null;
}

function engine(rows: number, plans: string[], processes: number, passes: number): Omit<EngineFigures, 'idle'> {
  const got = new Map<string, Record<Side, SideResult[]>>(plans.map((p) => [p, { parse: [], peer: [], decision: [], whole: [] }]));
  for (let i = 0; i < processes; i++) {
    for (const plan of plans) {
      // Alternate the order of the sides, so none always runs right after another.
      const order = i % 2 ? [...SIDES].reverse() : SIDES;
      for (const s of order) got.get(plan)![s].push(side(s, plan, rows, passes));
    }
  }
  const figures: PlanFigures[] = [];
  for (const plan of plans) {
    const g = got.get(plan)!;
    // Like with like: every judging side must find the same rows eligible, in every process.
    const reference = g.peer[0].eligible;
    const key = reference.join(',');
    for (const s of ['peer', 'decision', 'whole'] as Side[]) {
      for (const r of g[s]) {
        if (r.eligible.join(',') !== key) {
          const theirs = new Set(r.eligible);
          const ours = new Set(reference);
          const row = [...reference.filter((x) => !theirs.has(x)), ...r.eligible.filter((x) => !ours.has(x))][0];
          throw new Error(`${plan}: eligible sets differ: json-rules-engine ${reference.length} rows, ${s} ${r.eligible.length} rows; first difference at generated row ${row}`);
        }
      }
    }
    const fig = (s: Side): SideFigures => ({
      cold: spread(g[s].map((r) => r.passes[0])),
      coldCpu: spread(g[s].map((r) => r.cpu[0])),
      ...(passes > 1 ? { warm: spread(g[s].flatMap((r) => r.passes.slice(1))) } : {}),
    });
    const sides = Object.fromEntries(SIDES.map((s) => [s, fig(s)])) as Record<Side, SideFigures>;
    const cold = (s: Side) => g[s].map((r) => r.passes[0]);
    const ratio = (s: Side) => round(sides.peer.cold.median / sides[s].cold.median);
    figures.push({
      plan,
      eligible: reference.length,
      sides,
      ratios: { decision: ratio('decision'), whole: ratio('whole'), ceiling: ratio('parse') },
      perRound: { decision: perRound(cold('peer'), cold('decision')), whole: perRound(cold('peer'), cold('whole')), ceiling: perRound(cold('peer'), cold('parse')) },
    });
  }
  const sum = (s: Side) => figures.reduce((a, f) => a + f.sides[s].cold.median, 0);
  return {
    rows,
    plans: figures,
    together: { decision: round(sum('peer') / sum('decision')), whole: round(sum('peer') / sum('whole')), ceiling: round(sum('peer') / sum('parse')) },
  };
}

// ---------------------------------------------------------------------------------------------
// Goal lines

interface Goal {
  goal: string;
  figure: string;
  ratio: number;
  target: string;
  verdict: Verdict;
  idle: IdleFigure | null;
}

const ms = (s: Spread) => `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)}, n=${s.runs})`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

function goals(r: Results): Goal[] {
  const out: Goal[] = [];
  const scaled = r.options.scale !== 1 ? ` [scale ${r.options.scale}: not the goal's size]` : '';
  const targets = [
    { decision: 5, whole: 3 },
    { decision: 6, whole: 4.5 },
  ];
  (r.engine ?? []).forEach((e, k) => {
    for (const kind of ['decision', 'whole'] as const) {
      const target = targets[k][kind];
      // Met only when every plan meets it: the lowest plan's ratio decides.
      const worst = [...e.plans].sort((a, b) => a.ratios[kind] - b.ratios[kind])[0];
      out.push({
        goal: `1. ${kind === 'decision' ? 'decision only' : 'whole job'} vs json-rules-engine, ${e.rows} rows, cold, wall${scaled}`,
        figure:
          `lowest of ${e.plans.length} plans ${worst.ratios[kind]}× (${worst.plan}: ${ms(worst.sides[kind].cold)} vs ${ms(worst.sides.peer.cold)}); ` +
          `all plans together ${e.together[kind]}×; ceiling (parse only) ${worst.ratios.ceiling}× for ${worst.plan}, ${e.together.ceiling}× together → at ${pct(worst.ratios[kind] / worst.ratios.ceiling)} of it`,
        ratio: worst.ratios[kind],
        target: `≥ ${target}×`,
        verdict: verdict(worst.ratios[kind] >= target, e.idle),
        idle: e.idle,
      });
    }
  });
  (r.commandLine ?? []).forEach((c, k) => {
    if (k === 1 || r.commandLine!.length === 1) {
      out.push({
        goal: `2. check --out vs the floor (read + same-size write, no judgement), ${c.rows} rows${scaled}`,
        figure: `${ms(c.checkOut)} vs ${ms(c.floor)}; per round ${c.perRound.vsFloor.join(', ')}`,
        ratio: c.vsFloor,
        target: '≤ 1.5×',
        verdict: verdict(c.vsFloor <= 1.5, c.idle),
        idle: c.idle,
      });
    }
    out.push({
      goal: `2. check --out vs exceljs streaming read + write, ${c.rows} rows${scaled}`,
      figure: `${ms(c.checkOut)} vs ${ms(c.exceljsStreaming)}; per round ${c.perRound.vsStreaming.join(', ')}`,
      ratio: c.vsStreaming,
      target: '≤ 1.0×',
      verdict: verdict(c.vsStreaming <= 1, c.idle),
      idle: c.idle,
    });
  });
  if (r.big) {
    const b = r.big;
    out.push({
      goal: `3. peak RSS, check --out --json, ${b.big.rows} rows${scaled}`,
      figure: `${b.big.peakMB} MB (the ${b.base.rows}-row run: ${b.base.peakMB} MB)`,
      ratio: round(b.big.peakMB / 256),
      target: '≤ 256 MB',
      // Memory is not a matter of other jobs' load: no idle condition.
      verdict: b.big.peakMB <= 256 ? 'met' : 'not met',
      idle: b.idle,
    });
    out.push({
      goal: `3. time, check --out --json, ${b.big.rows} rows vs ${b.base.rows} rows${scaled}`,
      figure: `${Math.round(b.big.ms)} ms vs ${Math.round(b.base.ms)} ms`,
      ratio: b.timeRatio,
      target: '≤ 11×',
      verdict: verdict(b.timeRatio <= 11, b.idle),
      idle: b.idle,
    });
  }
  if (r.folder) {
    const f = r.folder;
    out.push({
      goal: `4. folder of ${f.files} × ${f.rowsPerFile} rows vs one after another${scaled}`,
      figure: `${ms(f.command)} vs ${ms(f.oneAfterAnother)}; per round ${f.perRound.join(', ')}; reference (one-after-another CPU ${Math.round(f.oneAfterAnotherCpu.median)} ms ÷ ${f.cores} cores ÷ its wall) ${f.reference}×`,
      ratio: f.ratio,
      target: '≤ 0.75×',
      verdict: verdict(f.ratio <= 0.75, f.idle),
      idle: f.idle,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

interface BigFigures {
  base: PeakFigures;
  big: PeakFigures;
  timeRatio: number;
  /** Generating the big list (untimed for the goal, reported). */
  generateMs: number;
  idle: IdleFigure | null;
}

interface Results {
  date: string;
  node: string;
  cpus: number;
  options: Options;
  loadavg: number[];
  loadavgAfter?: number[];
  engine?: EngineFigures[];
  commandLine?: (CommandLineFigures & { idle: IdleFigure | null })[];
  big?: BigFigures;
  folder?: FolderFigures & { idle: IdleFigure | null };
  addin?: Record<string, unknown>;
  bundles?: Record<string, { minKB: number; gzipKB: number } | null>;
  goals?: Goal[];
  idleNeeded: number;
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

const say = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-bench-'));
  const results: Results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, options: o, loadavg: os.loadavg().map(round), idleNeeded: IDLE_NEEDED };
  const save = () => {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  };
  try {
    if (!o.skip.engine) {
      results.engine = [];
      for (const [k, rows] of o.sizes.entries()) {
        say(`engine: ${o.plans.length} plans × 4 sides × ${o.runs} processes, ${rows} rows…`);
        // Warm passes tell where the cold time goes; at the larger size the cold pass alone is kept.
        const { value, idle } = await measured(() => engine(rows, o.plans, o.runs, k === 0 ? 2 : 1));
        results.engine.push({ ...value, idle });
        save();
      }
    }
    if (!o.skip.cli) {
      results.commandLine = [];
      for (const rows of o.sizes) {
        say(`command line: floor, exceljs streaming and check --out, ${rows} rows, ${o.runs} rounds…`);
        const { value, idle } = await measured(() => commandLine(tmp, rows, o.runs));
        results.commandLine.push({ ...value, idle });
        save();
      }
    }
    if (!o.skip.big) {
      say(`a list of ${o.big} rows (generated, never kept)…`);
      const file = path.join(tmp, `list-${o.big}-untitled.xlsx`);
      const t = process.hrtime.bigint();
      const { writeBenchWorkbook } = await import('./bench-data');
      await writeBenchWorkbook(file, o.big, undefined, false);
      const generateMs = Number(process.hrtime.bigint() - t) / 1e6;
      say(`check --out --json: ${o.sizes[1]} rows, then ${o.big} rows…`);
      const { value, idle } = await measured(async () => {
        const base = await peakMemory(tmp, o.sizes[1]);
        const big = await peakMemory(tmp, o.big, false, true);
        return { base, big };
      });
      results.big = { ...value, timeRatio: round(value.big.ms / value.base.ms), generateMs: round(generateMs), idle };
      save();
    }
    if (!o.skip.folder) {
      const [files, per] = o.folder;
      say(`folder of ${files} × ${per} rows, ${o.runs} rounds…`);
      const { value, idle } = await measured(() => folder(tmp, files, per, o.runs, os.cpus().length));
      results.folder = { ...value, idle };
      save();
    }
    if (!o.skip.addin) {
      say('functions and pane…');
      results.addin = await benchAddin();
    }
    results.bundles = bundleSizes();
    results.loadavgAfter = os.loadavg().map(round);
    results.goals = goals(results);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  save();
  print(results);
  return 0;
}

const idleText = (i: IdleFigure | null) => (i ? `machine ${pct(i.othersIdle)} idle apart from the bench (raw ${pct(i.idle)}, ${i.seconds} s)` : 'idle not measured');

function print(r: Results): void {
  const lines: string[] = [];
  for (const e of r.engine ?? []) {
    lines.push(`engine, ${e.rows} varied rows per plan, cold wall (CPU) medians; ${idleText(e.idle)}:`);
    for (const p of e.plans) {
      const side = (s: Side) => `${Math.round(p.sides[s].cold.median)} (${Math.round(p.sides[s].coldCpu.median)})`;
      lines.push(
        `  ${p.plan} (${p.eligible} eligible on every side): parse only ${side('parse')}, json-rules-engine ${side('peer')}, decision ${side('decision')}, whole ${side('whole')} ms` +
          ` → decision ${p.ratios.decision}×, whole ${p.ratios.whole}×, ceiling ${p.ratios.ceiling}×`,
      );
    }
    lines.push(`  parse-only line (the ceiling): all plans together ${e.together.ceiling}×; decision ${e.together.decision}×, whole ${e.together.whole}×`);
  }
  for (const c of r.commandLine ?? []) {
    lines.push(
      `command line, ${c.rows} rows: floor line ${ms(c.floor)} (output ${Math.round(c.outputBytes / 1e6)} MB uncompressed, ${Math.round(c.writtenBytes / 1e6)} MB of it deflated); ` +
        `exceljs streaming ${ms(c.exceljsStreaming)}; check --out ${ms(c.checkOut)}; ${idleText(c.idle)}`,
    );
  }
  if (r.big) lines.push(`list of ${r.big.big.rows} rows generated in ${Math.round(r.big.generateMs)} ms; ${idleText(r.big.idle)}`);
  if (r.folder) lines.push(`folder: ${idleText(r.folder.idle)}`);
  if (r.addin) for (const [k, v] of Object.entries(r.addin)) lines.push(`${k}: ${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(r.bundles ?? {})) lines.push(`bundle ${k}: ${v ? `${v.minKB} KB min, ${v.gzipKB} KB gzip` : '(not built)'}`);
  lines.push(`load average ${r.loadavg.join(' ')} → ${(r.loadavgAfter ?? []).join(' ')} on ${r.cpus} CPUs; a goal needs the machine ≥ ${pct(IDLE_NEEDED)} idle apart from the bench`);
  lines.push('goals:');
  for (const g of r.goals ?? []) lines.push(`  ${g.goal}: ${g.figure}; ratio ${g.ratio}× (target ${g.target}): ${g.verdict} [${idleText(g.idle)}]`);
  process.stdout.write(lines.join('\n') + `\nwritten: .bench/results.json\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
