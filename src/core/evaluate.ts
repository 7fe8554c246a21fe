/**
 * evaluate(plan, row, context) → Decision: the whole judgement of one nominee row (spec §5).
 * Synchronous and pure; the trace (`reasons`) records every step with the value read, the result
 * and the plan's citation, so each interface can explain itself in the plan's own words.
 */
import type { Parsed } from './cell';
import type { DeadlineResult, Decision, RowInput, RunContext, Status, Step, UnreadableValue } from './decision';
import { COL } from './columns';
import type { CompiledPlan } from './compile';
import { collectMissing, evalNode, formVerdict, verdict } from './criteria-tree';
import { evalDeadline } from './deadline';
import { describe, LEVEL_MET, LEVEL_MISSING, LEVEL_NOT_ASKED, LEVEL_SHORT, TIER_HAND_OVER, TIER_JUDGED, TIER_MISSING, TIER_NONE, TIER_OTHER_ROUND, type Facts } from './describe';
import { FAIL, MISSING, PASS } from './program';
import { H_LEVEL, H_NAME, H_PROPOSED, H_ROUND, H_SUBJECT, H_SUBMITTED, H_UNIT, H_YEAR, RowState, stateFor } from './row-state';
import { parseDate, parseLevel, parseRound, parseText, parseYear } from './values';
import {
  levelRank,
  type LevelId,
  type RoundId,
  type SubjectId,
  type TierId,
} from './vocabulary';

export { RowView } from './row-state';
export { formatNumberVi } from './criteria-tree';

export type { DeadlineResult, Decision, Outcome, RowInput, RunContext, Status, Step, StepKind, UnreadableValue } from './decision';

const valueOf = <T>(p: Parsed<T>): T | null => (p.kind === 'value' ? p.value : null);

export function evaluate(compiled: CompiledPlan, row: RowInput, ctx: RunContext = {}): Decision {
  const st = stateFor(compiled);
  st.start(row, ctx.blankIsNo ?? false);
  return judge(st, ctx, null);
}

/**
 * The decision with its explanation made in the same run: for callers that always show the
 * reasons (a checked copy's "Lý do", the JSON report), which would otherwise judge each row twice.
 */
export function evaluateExplained(compiled: CompiledPlan, row: RowInput, ctx: RunContext = {}): Decision {
  const st = stateFor(compiled);
  st.start(row, ctx.blankIsNo ?? false);
  return judge(st, ctx, []);
}

/**
 * The whole judgement of one row. With `out`, the same run also writes every step of the
 * explanation into it (describe.ts words what this decides); without, no text is made at all (a
 * fill-down of NTM.ELIGIBLE, status counts).
 */
function judge(r: RowState, ctx: RunContext, out: Step[] | null): Decision {
  const compiled = r.plan;
  const { plan } = compiled;

  // General columns (spec §4): Tên, Đối tượng and Hình thức đề nghị are always required.
  const name = valueOf(r.read(H_NAME, parseText));
  if (name === null) r.need(COL.name);
  const subjectP = r.read(H_SUBJECT, compiled.parseSubject);
  const subject = valueOf(subjectP);
  if (subject === null) r.need(COL.subject);
  const proposedP = r.read(H_PROPOSED, compiled.parseTier);
  const proposed = valueOf(proposedP);
  if (proposed === null) r.need(COL.proposed);
  const unitP = r.read(H_UNIT, parseText);
  const unit = valueOf(unitP);
  if (subject && compiled.individualSubjects.has(subject) && unit === null) r.need(COL.unit);

  const roundP = r.read(H_ROUND, parseRound);
  const round: RoundId | null = roundP.kind === 'value' ? roundP.value : roundP.kind === 'blank' ? (ctx.round ?? 'annual') : null;
  if (roundP.kind === 'unreadable') r.need(COL.round);
  const submittedP = r.read(H_SUBMITTED, parseDate);
  const submitted = valueOf(submittedP);
  const yearP = r.read(H_YEAR, parseYear);
  if (yearP.kind === 'unreadable') r.need(COL.year);
  const statedYear =
    yearP.kind === 'value' ? yearP.value : yearP.kind === 'unreadable' ? null : (ctx.year ?? (submitted ? Number(submitted.slice(0, 4)) : null));
  // The day of the check is only a default: it never rules a row out of the plan's period.
  const year = statedYear ?? (yearP.kind === 'blank' && ctx.asOf ? Number(ctx.asOf.slice(0, 4)) : null);
  const levelP = r.read(H_LEVEL, parseLevel);
  const level = valueOf(levelP);

  // Status is the all-of of these components; a failing one decides (spec §5).
  let failed = false;
  let undecided = false;

  // --- Subject type and its bullet.
  const applied = subject ? compiled.criteria.get(subject) : undefined;
  if (subject === null) undecided = true;
  else if (!applied) failed = true;

  // --- The plan's period ("giai đoạn 2021 - 2025"): a row of another year is not this plan's.
  let roundYearOk = round !== null;
  let outOfPeriod: number | null = null;
  const period = plan.period;
  if (period && statedYear !== null && (statedYear < period.from || statedYear > period.to)) {
    roundYearOk = false;
    failed = true;
    outOfPeriod = statedYear;
  }

  // --- Round and its year (the plan's own: sơ kết 2023, tổng kết 2025 for 2021–2025 plans).
  let wrongRoundYear = false;
  if (round === null) undecided = true;
  else if (round !== 'annual' && year !== null && roundYearOk && plan.roundYears?.[round] !== undefined && year !== plan.roundYears[round]) {
    roundYearOk = false;
    failed = true;
    wrongRoundYear = true;
  }

  // --- Criteria of the subject (general standard included), and of each form stating its own.
  let criteria = -1;
  const trees = subject && applied ? r.program.trees.get(subject) : undefined;
  let subjectText = '';
  if (trees) {
    subjectText = r.text(H_SUBJECT);
    criteria = verdict(evalNode(trees.base, r, subject as SubjectId, subjectText));
  }

  // --- Highest tier the plan itself evaluates for this row (spec §5: award tier).
  const levelForTier: LevelId = level ?? 'xuat-sac';
  let awardTier: TierId | null = null;
  if (trees && roundYearOk && round) {
    for (const tier of compiled.tierOrder) {
      const rule = plan.tiers[tier];
      if (rule.kind !== 'evaluated' || !rule.rounds.includes(round)) continue;
      // A level condition only where the plan states one (spec §3: no default).
      if (rule.minLevel && levelRank(levelForTier) < levelRank(rule.minLevel)) continue;
      if (formVerdict(r, trees, tier, criteria, subject as SubjectId, subjectText) === PASS) awardTier = tier;
    }
  }

  // --- The proposed tier.
  let handedOver = false;
  let tierCase = TIER_MISSING;
  let levelCase = LEVEL_NOT_ASKED;
  // The criteria explained and whose blanks are listed: the proposed form's own, else the subject's.
  const shown = trees && proposed !== null ? trees.forms.get(proposed) : undefined;
  if (trees && shown) formVerdict(r, trees, proposed as TierId, criteria, subject as SubjectId, subjectText);
  if (proposed === null) undecided = true;
  else {
    const rule = plan.tiers[proposed];
    if (rule.kind === 'none') {
      failed = true;
      tierCase = TIER_NONE;
    } else if (round && !rule.rounds.includes(round)) {
      failed = true;
      tierCase = TIER_OTHER_ROUND;
    } else if (rule.kind === 'hand-over') {
      handedOver = true;
      tierCase = TIER_HAND_OVER;
    } else {
      tierCase = TIER_JUDGED;
      // Level (spec §3): only where the plan states one; a level above Xuất sắc must be recorded.
      const needed = rule.minLevel;
      if (needed && levelRank(needed) > 1) {
        if (level === null) {
          undecided = true;
          r.need(COL.level);
          levelCase = LEVEL_MISSING;
        } else if (levelRank(level) >= levelRank(needed)) levelCase = LEVEL_MET;
        else {
          failed = true;
          levelCase = LEVEL_SHORT;
        }
      }
      const c = trees ? formVerdict(r, trees, proposed, criteria, subject as SubjectId, subjectText) : criteria;
      if (c === FAIL) failed = true;
      if (c === MISSING) undecided = true;
    }
  }
  if (trees) collectMissing(shown ? shown.node : trees.base, r);

  // Name and unit are required data whatever the criteria say.
  if (r.missing.includes(COL.name) || r.missing.includes(COL.unit)) undecided = true;

  const status: Status = failed ? 'ineligible' : undecided ? 'incomplete' : handedOver ? 'not-covered' : 'eligible';

  if (out) {
    const facts: Facts = {
      subjectP,
      subject,
      applied,
      outOfPeriod,
      round,
      roundBlank: roundP.kind === 'blank',
      wrongRoundYear,
      roundYearOk,
      year,
      yearBlank: yearP.kind === 'blank',
      submitted,
      proposedP,
      proposed,
      tierCase,
      level,
      levelCase,
      trees,
      shown,
      awardTier,
      levelForTier,
      criteria,
      subjectText,
    };
    describe(r, ctx, facts, out);
  }

  // --- Deadline (spec §5): reported separately, never folded into status.
  const deadline = evalDeadline(compiled, ctx, round, proposed, year, submitted, submittedP, r, out);
  const d = out ? new ExplainedDecision(out) : new LazyDecision({ compiled, row: r.row, ctx });
  d.status = status;
  d.awardTier = awardTier;
  d.name = name;
  d.subject = subject;
  d.proposed = proposed;
  d.round = round;
  d.year = year;
  d.unit = unit;
  d.level = level;
  d.missing = orderMissing(r.missing, compiled);
  d.unreadable = r.unreadable;
  d.deadline = deadline;
  return d;
}

/** The explanation of a row: the same judgement run again, writing its steps. */
function explain(compiled: CompiledPlan, row: RowInput, ctx: RunContext): Step[] {
  // The engine is synchronous and an explanation never asks for another: the plan's one state serves.
  const st = stateFor(compiled);
  st.start(row, ctx.blankIsNo ?? false);
  const steps: Step[] = [];
  judge(st, ctx, steps);
  return steps;
}

/** What every decision holds besides its explanation (judge fills it). */
abstract class DecisionFields {
  status!: Status;
  awardTier!: TierId | null;
  name!: string | null;
  subject!: SubjectId | null;
  proposed!: TierId | null;
  round!: RoundId | null;
  year!: number | null;
  unit!: string | null;
  level!: LevelId | null;
  missing!: string[];
  unreadable!: UnreadableValue[];
  deadline!: DeadlineResult;
}

/**
 * A decision made with its explanation (evaluateExplained): the steps are plain data of its own, so
 * it is made with ordinary stores, where a hidden property would cost a runtime call per row.
 */
class ExplainedDecision extends DecisionFields implements Decision {
  constructor(readonly reasons: Step[]) {
    super();
  }
}

/** A decision whose explanation is made on first access to `reasons` (and then kept). */
class LazyDecision extends DecisionFields implements Decision {
  constructor(explanation: Source) {
    super();
    // A non-enumerable symbol keeps the decision plain data when compared or serialised; a WeakMap
    // did the same but cost more than the whole evaluation (ephemeron bookkeeping per row).
    Object.defineProperty(this, EXPLANATION, { value: explanation, writable: true });
  }

  get reasons(): Step[] {
    const self = this as unknown as Record<typeof EXPLANATION, Source | Step[]>;
    const made = self[EXPLANATION];
    if (Array.isArray(made)) return made;
    const steps = explain(made.compiled, made.row, made.ctx);
    self[EXPLANATION] = steps;
    return steps;
  }
}

interface Source {
  compiled: CompiledPlan;
  row: RowInput;
  ctx: RunContext;
}

const EXPLANATION = Symbol('explanation');

/** General columns first (template order), then criterion columns in plan order. */
const columnOrder = new WeakMap<CompiledPlan, Map<string, number>>();

function orderMissing(missing: string[], compiled: CompiledPlan): string[] {
  if (missing.length < 2) return missing;
  let order = columnOrder.get(compiled);
  if (!order) {
    order = new Map([...Object.values(COL), ...compiled.criterionColumns].map((h, i) => [h, i]));
    columnOrder.set(compiled, order);
  }
  // A handful of columns at most: an insertion sort, stable like Array#sort, without a closure.
  const rank = new Array<number>(missing.length);
  for (let i = 0; i < missing.length; i++) rank[i] = order.get(missing[i]) ?? order.size;
  const out = missing.slice();
  for (let i = 1; i < out.length; i++) {
    const h = out[i];
    const k = rank[i];
    let j = i - 1;
    while (j >= 0 && rank[j] > k) {
      out[j + 1] = out[j];
      rank[j + 1] = rank[j];
      j--;
    }
    out[j + 1] = h;
    rank[j + 1] = k;
  }
  return out;
}

