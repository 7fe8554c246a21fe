/**
 * Goal 1 of `npm run bench`: the engine against json-rules-engine, like with like, on one plan.
 *
 * Each side runs in a fresh process (`node bench-engine.js <side> <plan> <rows> <passes>`), so its
 * first pass is truly cold: no JIT, and no parse cache warmed by another side (every side parses
 * cells with the product's parsers). Sides:
 *  - `parse`: the product's parsers on the cells the product reads, no judgement: the ceiling;
 *  - `peer`: json-rules-engine as its documentation intends (scripts/bench-plans.ts);
 *  - `decision`: the product's decision only (evaluate, status read);
 *  - `whole`: the whole job a user gets: the decision and the five result cells, Lý do included
 *    (evaluateExplained, as the command line, the pane and the page call it).
 * Every judging side reports the rows it found eligible; the parent fails the bench if they differ.
 */
import { rowInput } from '../src/core/check';
import { evaluate, evaluateExplained } from '../src/core/evaluate';
import type { HeaderMatch } from '../src/core/headers';
import { resultCells } from '../src/core/report';
import { shippedPlan } from '../src/plans';
import { RUN, buildPeer, parseOnly, peerEligible, planCells, planRows, planSheet, subjectColumns } from './bench-plans';
import { SEED } from './bench-data';

export type Side = 'parse' | 'peer' | 'decision' | 'whole';
export const SIDES: readonly Side[] = ['parse', 'peer', 'decision', 'whole'];

export interface SideResult {
  side: Side;
  plan: string;
  rows: number;
  /** Wall milliseconds per pass; the first is the cold one. */
  passes: number[];
  /** CPU milliseconds (user + system) per pass, V8's background threads included. */
  cpu: number[];
  /** Indexes of the rows found eligible (the same on every pass); empty for `parse`. */
  eligible: number[];
}

// ---------------------------------------------------------------------------------------------
// One side, timed

function now(): bigint {
  return process.hrtime.bigint();
}

export async function runSide(side: Side, planId: string, n: number, passes: number): Promise<SideResult> {
  const plan = shippedPlan(planId);
  if (!plan) throw new Error(`no shipped plan ${planId}`);
  const sheet = planSheet(plan);
  const rows = [...planRows(plan, n, SEED)].map((v) => planCells(sheet, v));
  const match: HeaderMatch = { headerRow: 1, headerRows: 1, firstDataRow: 2, columns: sheet.columns, sheetColumns: [] };
  const own = side === 'parse' ? subjectColumns(plan) : undefined;
  const times: number[] = [];
  const cpu: number[] = [];
  let eligible: number[] = [];
  const peers = side === 'peer' ? buildPeer(plan) : undefined;
  let sink = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let p = 0; p < passes; p++) {
    const found: number[] = [];
    // The generated input is garbage-collector work of the bench, not of either side: settle it.
    gc?.();
    const t = now();
    const c = process.cpuUsage();
    if (peers) {
      for (let i = 0; i < rows.length; i++) if (await peerEligible(peers, rows[i], match.columns)) found.push(i);
    } else if (own) {
      for (let i = 0; i < rows.length; i++) sink += parseOnly(plan, rows[i], match.columns, own);
    } else if (side === 'decision') {
      for (let i = 0; i < rows.length; i++) if (evaluate(plan, rowInput(rows[i], match), RUN).status === 'eligible') found.push(i);
    } else {
      for (let i = 0; i < rows.length; i++) {
        const d = evaluateExplained(plan, rowInput(rows[i], match), RUN);
        const cells = resultCells(d);
        sink += cells[4].length;
        if (d.status === 'eligible') found.push(i);
      }
    }
    const used = process.cpuUsage(c);
    times.push(Number(now() - t) / 1e6);
    cpu.push((used.user + used.system) / 1000);
    eligible = found;
  }
  if (sink < 0) process.stderr.write('');
  return { side, plan: planId, rows: n, passes: times, cpu, eligible };
}

if (require.main === module) {
  const [side, plan, n, passes] = process.argv.slice(2);
  runSide(side as Side, plan, Number(n), Number(passes))
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((e: unknown) => {
      process.stderr.write(`bench-engine: ${(e as Error).stack}\n`);
      process.exitCode = 1;
    });
}
