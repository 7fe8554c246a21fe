/**
 * Goal 1 of `npm run bench`: the engine against json-rules-engine, like with like.
 *
 * Each side runs in a fresh process (`node bench-engine.js <side> <rows> <passes>`), so its first
 * pass is truly cold: no JIT, and no parse cache warmed by the other side (both parse cells with
 * the product's parsers). Sides:
 *  - `peer`: json-rules-engine as its documentation intends: one engine per subject type, rules
 *    built once from the plan's criteria plus the same form checks (name, unit, proposed tier and
 *    round, round year), facts passed as `new Fact(id, value, { cache: false })`;
 *  - `decision`: the product's decision only (evaluate, status read);
 *  - `whole`: the whole job a user gets: the decision and the five result cells, Lý do included
 *    (evaluateExplained, as the command line, the pane and the page call it).
 * Every side reports the rows it found eligible; the parent fails the bench if they differ.
 */
import { Engine, Fact, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { Cell } from '../src/core/cell';
import { rowInput } from '../src/core/check';
import { COL, type ColumnDef } from '../src/core/columns';
import type { CompiledPlan } from '../src/core/compile';
import { evaluate, evaluateExplained, type RunContext } from '../src/core/evaluate';
import type { HeaderMatch } from '../src/core/headers';
import type { Expr } from '../src/core/plan-schema';
import { resultCells } from '../src/core/report';
import { fold } from '../src/core/text';
import { parseCell, parseRound, parseSubject, parseText, parseTier, parseYear } from '../src/core/values';
import { TIER_IDS, levelRank, type SubjectId } from '../src/core/vocabulary';
import { shippedPlan } from '../src/plans';
import { BENCH_PLAN, benchColumns, generateRows, toCells } from './bench-data';

export type Side = 'peer' | 'decision' | 'whole';
export const RUN: RunContext = { year: 2023 };

export interface SideResult {
  side: Side;
  rows: number;
  /** Wall milliseconds per pass; the first is the cold one. */
  passes: number[];
  /**
   * CPU milliseconds (user + system) per pass: on a machine shared with other jobs this is the
   * steadier figure, and for a single-threaded loop it is what the wall time is when idle.
   */
  cpu: number[];
  /** Indexes of the rows found eligible (the same on every pass). */
  eligible: number[];
}

const INDIVIDUALS: readonly SubjectId[] = ['can-bo', 'nguoi-lao-dong', 'ho-gia-dinh'];

function benchMatch(): HeaderMatch {
  const columns = benchColumns();
  return { headerRow: 3, headerRows: 1, firstDataRow: 4, columns, sheetColumns: [] };
}

// ---------------------------------------------------------------------------------------------
// The peer

/** A plan criterion as a json-rules-engine condition over facts named by column header. */
function toCondition(e: Expr, plan: CompiledPlan, columns: Set<string>): NestedCondition {
  if ('column' in e) {
    columns.add(e.column);
    const t = e.test;
    switch (t.op) {
      case 'yes':
        return { fact: e.column, operator: 'equal', value: true };
      case 'no':
        return { fact: e.column, operator: 'equal', value: false };
      case 'min':
        return { fact: e.column, operator: 'greaterThanInclusive', value: t.value };
      case 'more':
        return { fact: e.column, operator: 'greaterThan', value: t.value };
      case 'less':
        return { fact: e.column, operator: 'lessThan', value: t.value };
      case 'max':
        return { fact: e.column, operator: 'lessThanInclusive', value: t.value };
      case 'atLeast': {
        const scale = plan.registry.get(e.column)?.scale ?? [];
        const rank = scale.find((v) => v.labels.some((l) => fold(l) === fold(t.value)))?.rank;
        if (rank === undefined) throw new Error(`bench: no rank for “${t.value}” in ${e.column}`);
        return { fact: e.column, operator: 'greaterThanInclusive', value: rank };
      }
      case 'notAfter':
      case 'atLeastColumn':
        columns.add(t.column);
        return { fact: e.column, operator: t.op === 'notAfter' ? 'lessThanInclusive' : 'greaterThanInclusive', value: { fact: t.column } };
    }
  }
  const members = (e.all ?? e.any ?? []).map((m) => toCondition(m, plan, columns));
  return e.all ? { all: members } : { any: members };
}

interface PeerSubject {
  engine: Engine;
  /** Criterion columns whose facts this subject's rule reads. */
  columns: { header: string; def: ColumnDef }[];
}

/** One engine per subject type, built once (untimed: a service builds its engines at start-up). */
export function buildPeer(plan: CompiledPlan): Map<SubjectId, PeerSubject> {
  const peers = new Map<SubjectId, PeerSubject>();
  // The tiers the plan itself judges, per round ("the same form check" as the product's).
  const allowed: string[] = [];
  for (const tier of TIER_IDS) {
    const rule = plan.plan.tiers[tier];
    if (rule.kind !== 'evaluated') continue;
    // A tier needing a recorded level would need a level fact too; the bench's plan has none.
    if (rule.minLevel && levelRank(rule.minLevel) > 1) throw new Error(`bench: ${tier} needs a level; the peer does not model it`);
    for (const round of rule.rounds) allowed.push(`${tier}@${round}`);
  }
  for (const [subject, applied] of plan.criteria) {
    const columns = new Set<string>();
    const criteria = toCondition(applied.expr, plan, columns);
    const conditions: TopLevelCondition = {
      all: [
        { fact: 'named', operator: 'equal', value: true },
        { fact: 'unitGiven', operator: 'equal', value: true },
        { fact: 'tierRound', operator: 'in', value: allowed },
        { fact: 'roundYearOk', operator: 'equal', value: true },
        criteria,
      ],
    };
    const engine = new Engine([], { allowUndefinedFacts: true });
    engine.addRule({ name: subject, conditions, event: { type: 'eligible' } });
    peers.set(subject, {
      engine,
      columns: [...columns].map((header) => ({ header, def: plan.registry.get(header)! })),
    });
  }
  return peers;
}

function factValue(v: unknown): unknown {
  // Ordinal values are compared by rank.
  return v !== null && typeof v === 'object' && 'rank' in v ? (v as { rank: number }).rank : v;
}

/** The peer's decision for one row: parse what the subject's rule reads, run its engine. */
export async function peerEligible(peers: Map<SubjectId, PeerSubject>, plan: CompiledPlan, cells: readonly Cell[], columns: Record<string, number>): Promise<boolean> {
  const at = (h: string): Cell => cells[columns[h] - 1] ?? { value: null };
  const subject = parseSubject(at(COL.subject));
  if (subject.kind !== 'value') return false;
  const peer = peers.get(subject.value);
  if (!peer) return false;
  const name = parseText(at(COL.name));
  const unit = parseText(at(COL.unit));
  const tier = parseTier(at(COL.proposed));
  const roundP = parseRound(at(COL.round));
  const round = roundP.kind === 'value' ? roundP.value : roundP.kind === 'blank' ? (RUN.round ?? 'annual') : null;
  const yearP = parseYear(at(COL.year));
  const year = yearP.kind === 'value' ? yearP.value : yearP.kind === 'unreadable' ? null : (RUN.year ?? null);
  const facts: Record<string, Fact> = {
    named: new Fact('named', name.kind === 'value', { cache: false }),
    unitGiven: new Fact('unitGiven', !INDIVIDUALS.includes(subject.value) || unit.kind === 'value', { cache: false }),
    tierRound: new Fact('tierRound', tier.kind === 'value' && round ? `${tier.value}@${round}` : '', { cache: false }),
    roundYearOk: new Fact('roundYearOk', round !== null && (round === 'annual' || year === null || year === plan.plan.roundYears?.[round]), { cache: false }),
  };
  for (const { header, def } of peer.columns) {
    const p = parseCell(at(header), def);
    if (p.kind === 'value') facts[header] = new Fact(header, factValue(p.value), { cache: false });
  }
  const { events } = await peer.engine.run(facts);
  return events.length > 0;
}

// ---------------------------------------------------------------------------------------------
// One side, timed

function now(): bigint {
  return process.hrtime.bigint();
}

export async function runSide(side: Side, n: number, passes: number): Promise<SideResult> {
  const plan = shippedPlan(BENCH_PLAN)!;
  const rows = generateRows(n).map(toCells);
  const match = benchMatch();
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
      for (let i = 0; i < rows.length; i++) if (await peerEligible(peers, plan, rows[i], match.columns)) found.push(i);
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
  return { side, rows: n, passes: times, cpu, eligible };
}

if (require.main === module) {
  const [side, n, passes] = process.argv.slice(2);
  runSide(side as Side, Number(n), Number(passes))
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((e: unknown) => {
      process.stderr.write(`bench-engine: ${(e as Error).stack}\n`);
      process.exitCode = 1;
    });
}
