/**
 * evaluate(plan, row, context) → Decision: the whole judgement of one nominee row (spec §5).
 * Synchronous and pure; the trace (`reasons`) records every step with the value read, the result
 * and the plan's citation, so each interface can explain itself in the plan's own words.
 */
import { EMPTY_CELL, type Cell, type IsoDate, type Parsed } from './cell';
import { COL } from './columns';
import type { CompiledPlan } from './compile';
import { daysBetween, formatDateVi } from './dates';
import type { Expr, Leaf, TierRule } from './plan-schema';
import { FAIL, MISSING, NA, OP_AT_LEAST, OP_MIN, OP_NO, OP_NOT_AFTER, OP_YES, PASS, programOf, type FlatNode, type Program } from './program';
import { cellText, parseCell, parseDate, parseLevel, parseRound, parseText, parseYear, type OrdinalReading } from './values';
import {
  DEFAULT_MIN_LEVEL,
  LEVEL_LABELS_VI,
  ROUND_LABELS_VI,
  isStandardTier,
  levelRank,
  type LevelId,
  type RoundId,
  type SubjectId,
  type TierId,
} from './vocabulary';

export type Status = 'eligible' | 'ineligible' | 'incomplete' | 'not-covered';
export type Outcome = 'pass' | 'fail' | 'missing' | 'n/a';

export type StepKind = 'subject' | 'round' | 'tier' | 'level' | 'group' | 'criterion' | 'column' | 'deadline' | 'notice';

export interface Step {
  kind: StepKind;
  /** Criterion id from the plan data, or a fixed id for the engine's own steps ("tier", "round"…). */
  id: string;
  label: string;
  result: Outcome;
  /** What was read from the sheet, as the user typed it. */
  value?: string;
  /** Vietnamese explanation shown to the user. */
  text: string;
  citation: string;
  /** Nesting in the criteria tree, for indentation. */
  depth: number;
}

export interface DeadlineResult {
  status: 'on-time' | 'late' | 'none' | 'missing';
  before: IsoDate | null;
  daysLate: number;
}

export interface UnreadableValue {
  column: string;
  raw: string;
  expected: string;
}

export interface Decision {
  status: Status;
  awardTier: TierId | null;
  name: string | null;
  subject: SubjectId | null;
  proposed: TierId | null;
  round: RoundId | null;
  year: number | null;
  unit: string | null;
  level: LevelId | null;
  missing: string[];
  unreadable: UnreadableValue[];
  deadline: DeadlineResult;
  reasons: Step[];
}

export interface RunContext {
  round?: RoundId;
  year?: number;
  /** A user-given deadline (--deadline, pane setting): applies to every row. */
  deadline?: IsoDate;
  /** Sheets that mark yes with "x" and leave no blank (--blank-is-no). */
  blankIsNo?: boolean;
  /** The day of the check: the default year when neither the run, the row nor Ngày trình gives one. */
  asOf?: IsoDate;
}

/**
 * A row's cells by standard header; a column absent from the sheet is simply not there (= blank).
 * Only `get` is needed, so a view over the sheet row (core/check rowInput) serves without copying.
 */
export type RowInput = Pick<ReadonlyMap<string, Cell>, 'get'>;

/**
 * A sheet row seen by standard header: the row's cells and the 1-based sheet column of each header
 * (core/check rowInput). The evaluator recognises it and reads its cells by position.
 */
export class RowView implements RowInput {
  constructor(
    readonly cells: readonly Cell[],
    readonly columns: Readonly<Record<string, number>>,
  ) {}

  get(header: string): Cell | undefined {
    const col = this.columns[header];
    return col === undefined ? undefined : this.cells[col - 1];
  }
}

/** The general columns every row is read for, by position in a program's header list. */
const GENERAL = [COL.name, COL.subject, COL.proposed, COL.unit, COL.round, COL.submitted, COL.year, COL.level] as const;
const H_NAME = 0;
const H_SUBJECT = 1;
const H_PROPOSED = 2;
const H_UNIT = 3;
const H_ROUND = 4;
const H_SUBMITTED = 5;
const H_YEAR = 6;
const H_LEVEL = 7;

export const STATUS_LABELS_VI: Record<Status, string> = {
  eligible: 'Đủ điều kiện',
  ineligible: 'Không đủ điều kiện',
  incomplete: 'Thiếu thông tin',
  'not-covered': 'Ngoài phạm vi kế hoạch',
};

const BLANK_IS_NO = { blankIsNo: true } as const;
const BLANK_IS_BLANK = { blankIsNo: false } as const;

const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'missing', 'n/a', 'n/a'];
/** A node cut by its own scope: n/a to its parent, and explained as "không áp dụng". */
const OUT = 4;
const asParent = (x: number): number => (x === OUT ? NA : x);

/**
 * What one row's evaluation reads and records. Every run reuses its plan's one state (the engine is
 * synchronous), stamping parsed slots with the run's number instead of clearing them; a decision
 * keeps only its own missing and unreadable lists, which each run makes anew.
 */
class RowState {
  // Fields start with values of the kinds they will hold (a RowView, an object), so that the first
  // row does not change their representation and throw away code already optimised for them.
  row: RowInput = EMPTY_VIEW;
  /** Whether `row` is a RowView: its cells are then read by position. */
  positional = false;
  /** The RowView's cells (any elements kind: packed or holey rows both come). */
  cells: readonly Cell[] = EMPTY_VIEW.cells;
  blankIsNo = false;
  missing: string[] = [];
  unreadable: UnreadableValue[] = [];
  gen = 0;
  /** General headers, then each slot's header. */
  readonly headers: readonly string[];
  readonly parsed: Parsed<unknown>[];
  readonly stamp: Int32Array;
  readonly results: Int8Array;
  /** 0-based sheet column of each header for the last RowView's layout (-1: not in the sheet). */
  private readonly at: Int32Array;
  private layout: Readonly<Record<string, number>> = EMPTY_VIEW.columns;

  constructor(
    readonly plan: CompiledPlan,
    readonly program: Program,
  ) {
    this.headers = [...GENERAL, ...program.slots.map((s) => s.header)];
    this.parsed = new Array<Parsed<unknown>>(program.slots.length);
    this.stamp = new Int32Array(program.slots.length);
    this.results = new Int8Array(program.nodes);
    this.at = new Int32Array(this.headers.length);
  }

  start(row: RowInput, blankIsNo: boolean): void {
    this.row = row;
    if (row instanceof RowView) {
      this.positional = true;
      this.cells = row.cells;
      if (row.columns !== this.layout) {
        // A list's rows share one header match: the positions are worked out once per list.
        this.layout = row.columns;
        for (let h = 0; h < this.headers.length; h++) {
          const col = row.columns[this.headers[h]];
          this.at[h] = col === undefined ? -1 : col - 1;
        }
      }
    } else this.positional = false;
    this.blankIsNo = blankIsNo;
    this.missing = [];
    this.unreadable = [];
    // Wrapping after 2³¹ rows only needs the stamps cleared once.
    if (++this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  cell(h: number): Cell | undefined {
    if (this.positional) {
      const col = this.at[h];
      return col < 0 ? undefined : this.cells[col];
    }
    return this.row.get(this.headers[h]);
  }

  /** Parse a general column; remembers unreadable values once, whatever asks for them. */
  read<T>(h: number, parse: (c: Cell) => Parsed<T>): Parsed<T> {
    // Every parser reads a blank cell as blank, never unreadable: no separate blank test first.
    const parsed = parse(this.cell(h) ?? EMPTY_CELL);
    return parsed.kind === 'unreadable' ? this.noted(this.headers[h], parsed) : parsed;
  }

  private noted<T>(column: string, parsed: Parsed<T>): Parsed<T> {
    if (parsed.kind === 'unreadable' && !this.unreadable.some((u) => u.column === column)) {
      this.unreadable.push({ column, raw: parsed.raw, expected: parsed.expected });
    }
    return parsed;
  }

  /** A criterion column, parsed once per row however many criteria read it. */
  slot(i: number): Parsed<unknown> {
    if (this.stamp[i] === this.gen) return this.parsed[i];
    const { header, def } = this.program.slots[i];
    const p = parseCell(this.cell(GENERAL.length + i) ?? EMPTY_CELL, def, this.blankIsNo ? BLANK_IS_NO : BLANK_IS_BLANK);
    if (p.kind === 'unreadable') this.noted(header, p);
    this.parsed[i] = p;
    this.stamp[i] = this.gen;
    return p;
  }

  text(h: number): string {
    const cell = this.cell(h);
    return cell ? cellText(cell) : '';
  }

  slotText(i: number): string {
    return this.text(GENERAL.length + i);
  }

  need(column: string): void {
    if (!this.missing.includes(column)) this.missing.push(column);
  }
}

const EMPTY_VIEW = new RowView([EMPTY_CELL], {});

const states = new WeakMap<CompiledPlan, RowState>();

function stateFor(compiled: CompiledPlan): RowState {
  let st = states.get(compiled);
  if (!st) {
    st = new RowState(compiled, programOf(compiled));
    states.set(compiled, st);
  }
  return st;
}

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
 * explanation into it; without, no text is made at all (a fill-down of NTM.ELIGIBLE, status counts).
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
  if (subject === null) {
    undecided = true;
    out?.push({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'missing',
      value: r.text(H_SUBJECT) || undefined,
      text: subjectP.kind === 'unreadable' ? `Không nhận ra loại đối tượng “${subjectP.raw}”` : 'Chưa ghi loại đối tượng',
      citation: '',
      depth: 0,
    });
  } else if (!applied) {
    failed = true;
    out?.push({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'fail',
      value: r.text(H_SUBJECT),
      text: `Kế hoạch không có tiêu chuẩn cho đối tượng “${compiled.subjectName(subject)}”; kế hoạch chỉ xét: ${[...compiled.criteria.keys()].map((s) => compiled.subjectName(s)).join(', ')}`,
      citation: plan.subjectsCite ? compiled.cite(plan.subjectsCite) : '',
      depth: 0,
    });
  } else if (out) {
    const judged = applied.judgedAs;
    out.push({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'pass',
      value: r.text(H_SUBJECT),
      text: judged
        ? `${compiled.subjectName(subject)}: kế hoạch không có mục riêng, xét theo tiêu chuẩn “${applied.rule.label}” (mục ${applied.rule.letter}). ${judged.reading}`
        : `Đối tượng ${compiled.subjectName(subject)}: tiêu chuẩn mục ${applied.rule.letter} (${applied.rule.label})`,
      citation: compiled.cite(judged ? judged.cite : applied.rule.cite),
      depth: 0,
    });
  }

  // --- The plan's period ("giai đoạn 2021 - 2025"): a row of another year is not this plan's.
  let roundYearOk = round !== null;
  const period = plan.period;
  if (period && statedYear !== null && (statedYear < period.from || statedYear > period.to)) {
    roundYearOk = false;
    failed = true;
    out?.push({
      kind: 'round',
      id: 'period',
      label: COL.year,
      result: 'fail',
      value: String(statedYear),
      text: `Năm ${statedYear} nằm ngoài giai đoạn của kế hoạch (${period.from}–${period.to}); hãy kiểm tra theo kế hoạch của giai đoạn có năm ${statedYear}`,
      citation: compiled.cite(period.cite),
      depth: 0,
    });
  }

  // --- Round and its year (the plan's own: sơ kết 2023, tổng kết 2025 for 2021–2025 plans).
  if (round === null) {
    undecided = true;
    out?.push({ kind: 'round', id: 'round', label: COL.round, result: 'missing', value: r.text(H_ROUND), text: 'Không đọc được đợt khen thưởng', citation: '', depth: 0 });
  } else if (round !== 'annual' && year !== null && roundYearOk && year !== plan.roundYears[round]) {
    roundYearOk = false;
    failed = true;
    out?.push({
      kind: 'round',
      id: 'round-year',
      label: COL.round,
      result: 'fail',
      value: `${ROUND_LABELS_VI[round]} ${year}`,
      text: `Đợt ${ROUND_LABELS_VI[round].toLowerCase()} tổ chức năm ${plan.roundYears[round]}, không phải năm ${year}`,
      citation: compiled.cite(plan.roundYears.cite),
      depth: 0,
    });
  }

  // --- Criteria of the subject (general standard included).
  let criteria = -1;
  const tree = subject && applied ? r.program.trees.get(subject) : undefined;
  let subjectText = '';
  if (tree) {
    subjectText = r.text(H_SUBJECT);
    const result = evalNode(tree, r, subject as SubjectId, subjectText);
    // Every bullet out of scope: nothing of the plan applies to this row, which is no pass.
    criteria = result === NA || result === OUT ? FAIL : result;
    collectMissing(tree, r);
  }

  // --- Highest tier the plan itself evaluates for this row (spec §5: award tier).
  const levelForTier: LevelId = level ?? 'xuat-sac';
  let awardTier: TierId | null = null;
  if (criteria === PASS && roundYearOk && round) {
    for (const tier of compiled.tierOrder) {
      const rule = plan.tiers[tier];
      if (rule.kind !== 'evaluated' || !rule.rounds.includes(round)) continue;
      if (levelRank(levelForTier) >= levelRank(minLevel(tier, rule))) awardTier = tier;
    }
  }

  // --- The proposed tier.
  let handedOver = false;
  if (proposed === null) {
    undecided = true;
    out?.push({
      kind: 'tier',
      id: 'tier',
      label: COL.proposed,
      result: 'missing',
      value: r.text(H_PROPOSED) || undefined,
      text: proposedP.kind === 'unreadable' ? `Không nhận ra hình thức khen thưởng “${proposedP.raw}”` : 'Chưa ghi hình thức đề nghị',
      citation: '',
      depth: 0,
    });
  } else {
    const rule = plan.tiers[proposed];
    const value = out ? r.text(H_PROPOSED) : '';
    if (rule.kind === 'none') {
      failed = true;
      out?.push({
        kind: 'tier',
        id: 'tier',
        label: COL.proposed,
        result: 'fail',
        value,
        text: `Kế hoạch không có hình thức này (${compiled.tierName(proposed)})${rule.note ? `. ${rule.note}` : ''}`,
        citation: '',
        depth: 0,
      });
    } else if (round && !rule.rounds.includes(round)) {
      failed = true;
      out?.push({
        kind: 'tier',
        id: 'tier-round',
        label: COL.proposed,
        result: 'fail',
        value,
        text: `${rule.label} không xét trong đợt ${ROUND_LABELS_VI[round].toLowerCase()}; chỉ xét: ${rule.rounds.map((x) => ROUND_LABELS_VI[x].toLowerCase()).join(', ')}`,
        citation: compiled.cite(rule.roundCite ?? rule.cite),
        depth: 0,
      });
    } else if (rule.kind === 'hand-over') {
      handedOver = true;
      out?.push({
        kind: 'tier',
        id: 'tier',
        label: COL.proposed,
        result: 'n/a',
        value,
        text: `Tiêu chuẩn ${rule.label} thực hiện theo ${rule.document}; kế hoạch này không quy định`,
        citation: compiled.cite(rule.cite),
        depth: 0,
      });
    } else {
      if (out) {
        out.push({ kind: 'tier', id: 'tier', label: COL.proposed, result: 'pass', value, text: `${rule.label}`, citation: compiled.cite(rule.cite), depth: 0 });
        for (const n of rule.notices ?? []) {
          if (!n.rounds || (round && n.rounds.includes(round))) {
            out.push({ kind: 'notice', id: 'tier-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite), depth: 0 });
          }
        }
      }
      // Level (spec §3): a tier needing more than Xuất sắc needs a recorded level.
      const needed = minLevel(proposed, rule);
      if (levelRank(needed) > 1) {
        if (level === null) {
          undecided = true;
          r.need(COL.level);
          out?.push({
            kind: 'level',
            id: 'level',
            label: COL.level,
            result: 'missing',
            value: r.text(H_LEVEL) || undefined,
            text: `${rule.label} cần mức thành tích “${LEVEL_LABELS_VI[needed]}” trở lên; chưa ghi hoặc không đọc được mức thành tích`,
            citation: compiled.cite(rule.cite),
            depth: 0,
          });
        } else {
          const ok = levelRank(level) >= levelRank(needed);
          if (!ok) failed = true;
          out?.push({
            kind: 'level',
            id: 'level',
            label: COL.level,
            result: ok ? 'pass' : 'fail',
            value: r.text(H_LEVEL),
            text: `${rule.label} cần mức “${LEVEL_LABELS_VI[needed]}” trở lên; đạt mức “${LEVEL_LABELS_VI[level]}”`,
            citation: compiled.cite(rule.cite),
            depth: 0,
          });
        }
      }
      if (criteria === FAIL) failed = true;
      if (criteria === MISSING) undecided = true;
    }
  }
  if (tree && out) traceNode(tree, r, out, 0, true, subjectText);
  if (out) for (const n of plan.notices) out.push({ kind: 'notice', id: 'plan-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite), depth: 0 });

  // Name and unit are required data whatever the criteria say.
  if (r.missing.includes(COL.name) || r.missing.includes(COL.unit)) undecided = true;

  const status: Status = failed ? 'ineligible' : undecided ? 'incomplete' : handedOver ? 'not-covered' : 'eligible';

  // --- Deadline (spec §5): reported separately, never folded into status.
  const deadline = evalDeadline(compiled, ctx, round, proposed, year, submitted, submittedP, r, out);
  const d = new LazyDecision(out ?? { compiled, row: r.row, ctx });
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

/** A decision whose explanation is made on first access to `reasons` (and then kept). */
class LazyDecision implements Decision {
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

  constructor(explanation: Source | Step[]) {
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

function minLevel(tier: TierId, rule: TierRule): LevelId {
  // A plan's own award form states its level or asks for none beyond Xuất sắc.
  return (rule.kind === 'evaluated' && rule.minLevel) || (isStandardTier(tier) ? DEFAULT_MIN_LEVEL[tier] : 'xuat-sac');
}

/**
 * Three-valued evaluation (spec §5) of a subject's tree, once per row; every member of a group is
 * evaluated (no short cut), so each unreadable value is noted and each criterion can be explained.
 */
function evalNode(n: FlatNode, r: RowState, subject: SubjectId, subjectText: string): number {
  let res: number;
  if (n.scope !== undefined && !r.plan.inScope(n.scope, subject, subjectText)) res = OUT;
  else if (n.slot >= 0) {
    const parsed = r.slot(n.slot);
    res = parsed.kind === 'value' ? applyTest(n, parsed.value, r) : MISSING;
  } else {
    let inScope = 0;
    let passes = 0;
    let fails = 0;
    const children = n.children;
    for (let i = 0; i < children.length; i++) {
      const c = evalNode(children[i], r, subject, subjectText);
      if (c === NA || c === OUT) continue;
      inScope++;
      if (c === PASS) passes++;
      else if (c === FAIL) fails++;
    }
    if (inScope === 0) res = NA;
    else if (n.isAll) res = fails > 0 ? FAIL : passes === inScope ? PASS : MISSING;
    else res = passes > 0 ? PASS : fails === inScope ? FAIL : MISSING;
  }
  r.results[n.index] = res;
  return res;
}

/** The test alone, on every row; its wording is made only when the reasons are read. */
function applyTest(n: FlatNode, v: unknown, r: RowState): number {
  switch (n.op) {
    case OP_YES:
      return v === true ? PASS : FAIL;
    case OP_NO:
      return v === false ? PASS : FAIL;
    case OP_AT_LEAST: {
      const got = v as OrdinalReading;
      return !got.offScale && got.rank >= n.threshold ? PASS : FAIL;
    }
    case OP_MIN:
      return (v as number) >= n.threshold ? PASS : FAIL;
    default: {
      const other = r.slot(n.otherSlot);
      if (other.kind !== 'value') return MISSING;
      const a = v as number;
      const b = other.value as number;
      return (n.op === OP_NOT_AFTER ? a <= b : a >= b) ? PASS : FAIL;
    }
  }
}

/** The trace of a tree; members that cannot change a decided group are shown as "n/a" (not needed). */
function traceNode(n: FlatNode, r: RowState, out: Step[], depth: number, needed: boolean, subjectText: string): void {
  const e = n.expr;
  const res = r.results[n.index];
  if (res === OUT) {
    out.push({
      kind: 'column' in e ? 'criterion' : 'group',
      id: e.id,
      label: e.label ?? '',
      result: 'n/a',
      text: `${e.label ?? ''}: không áp dụng cho đối tượng “${subjectText}” (chỉ áp dụng cho ${scopeText(n.scope!, r.plan)})${n.reading}`,
      citation: n.citation,
      depth,
    });
    return;
  }
  if ('column' in e) {
    out.push({
      kind: 'criterion',
      id: e.id,
      label: e.label,
      result: needed ? OUTCOMES[res] : 'n/a',
      value: r.slotText(n.slot) || undefined,
      text: `${n.prefix}${leafDetail(n, r)}${n.suffix}`,
      citation: n.citation,
      depth,
    });
    return;
  }
  const shown = Boolean(e.label || e.cite);
  if (shown) {
    out.push({ kind: 'group', id: e.id, label: e.label ?? '', result: needed ? OUTCOMES[res] : 'n/a', text: n.groupText, citation: n.citation, depth });
  }
  const decidedBy = res === MISSING ? -1 : res;
  for (const c of n.children) {
    traceNode(c, r, out, shown ? depth + 1 : depth, needed && (decidedBy === -1 || asParent(r.results[c.index]) === decidedBy), subjectText);
  }
}

/** What a leaf read and how it compared, in words. */
function leafDetail(n: FlatNode, r: RowState): string {
  const e = n.expr as Leaf;
  const parsed = r.slot(n.slot);
  if (parsed.kind === 'blank') return `chưa có “${e.column}”`;
  if (parsed.kind === 'unreadable') return `không đọc được “${parsed.raw}” (cần ${parsed.expected})`;
  const v = parsed.value;
  const test = e.test;
  const pass = r.results[n.index] === PASS;
  switch (test.op) {
    case 'yes':
      return v === true ? 'có' : 'không';
    case 'no':
      return v === false ? 'không' : 'có';
    case 'atLeast': {
      const got = v as OrdinalReading;
      if (got.offScale) return `${got.label}, không đạt ${test.value}: ${got.offScale}`;
      return pass ? `${got.label} (cần ${test.value} trở lên)` : `${got.label}, chưa đạt ${test.value}`;
    }
    case 'min':
      return `${formatNumberVi(v as number)} ${pass ? '≥' : '<'} ${formatNumberVi(test.value)}`;
    case 'notAfter':
    case 'atLeastColumn': {
      const other = r.slot(n.otherSlot);
      if (other.kind !== 'value') return `chưa có “${test.column}” để so sánh`;
      const a = v as number;
      const b = other.value as number;
      if (test.op === 'notAfter') return pass ? `${a} ≤ ${b} (${test.column})` : `${a} muộn hơn ${b} (${test.column})`;
      return `${formatNumberVi(a)} ${pass ? '≥' : '<'} ${formatNumberVi(b)} (${test.column})`;
    }
  }
}

function scopeText(scope: NonNullable<Expr['appliesTo']>, compiled: CompiledPlan): string {
  return [...(scope.subjects ?? []).map((s) => compiled.subjectName(s)), ...(scope.labels ?? []).map((l) => `“${l}”`)].join(', ');
}

/**
 * Numbers as Vietnamese write them ("1.234.567", "0,5"). Whole numbers, by far the most common
 * (amounts in đồng, years, counts), are grouped here: ICU formatting costs more than the rest of an
 * explanation. Anything else goes to ICU; a property test holds the two to the same output.
 */
export function formatNumberVi(n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) {
    const digits = String(n < 0 ? -n : n);
    let s = '';
    let i = digits.length % 3 || 3;
    s = digits.slice(0, i);
    for (; i < digits.length; i += 3) s += `.${digits.slice(i, i + 3)}`;
    return n < 0 ? `-${s}` : s;
  }
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });
}

/** Columns left undecided in undecided groups (spec §5 `missing`), never those of decided alternatives. */
function collectMissing(n: FlatNode, r: RowState): void {
  if (r.results[n.index] !== MISSING) return;
  if (n.slot >= 0) {
    if (r.slot(n.slot).kind !== 'value') r.need(r.program.slots[n.slot].header);
    else if (n.otherSlot >= 0 && r.slot(n.otherSlot).kind !== 'value') r.need(r.program.slots[n.otherSlot].header);
    return;
  }
  for (const c of n.children) collectMissing(c, r);
}

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

function evalDeadline(
  compiled: CompiledPlan,
  ctx: RunContext,
  round: RoundId | null,
  proposed: TierId | null,
  year: number | null,
  submitted: IsoDate | null,
  submittedP: Parsed<IsoDate>,
  r: RowState,
  out: Step[] | null,
): DeadlineResult {
  const planDeadline =
    round && proposed ? compiled.plan.deadlines.find((d) => d.rounds.includes(round) && d.tiers.includes(proposed)) : undefined;
  if (!ctx.deadline && !planDeadline) return { status: 'none', before: null, daysLate: 0 };
  const before: IsoDate | null = ctx.deadline
    ? ctx.deadline
    : year !== null && planDeadline
      ? `${String(year).padStart(4, '0')}-${String(planDeadline.month).padStart(2, '0')}-${String(planDeadline.day).padStart(2, '0')}`
      : null;
  const label = planDeadline && !ctx.deadline ? planDeadline.text : 'Hạn nộp do người kiểm tra đặt';
  if (submitted === null) {
    r.need(COL.submitted);
    out?.push({
      kind: 'deadline',
      id: 'deadline',
      label: COL.submitted,
      result: 'missing',
      value: submittedP.kind === 'unreadable' ? submittedP.raw : undefined,
      text: `${label}: ${submittedP.kind === 'unreadable' ? `không đọc được ngày trình “${submittedP.raw}”` : 'chưa có ngày trình'}`,
      citation: planDeadline && !ctx.deadline ? compiled.cite(planDeadline.cite) : '',
      depth: 0,
    });
    return { status: 'missing', before, daysLate: 0 };
  }
  if (before === null) {
    // A plan deadline with no year to anchor it: the submission date itself gives the year.
    return evalDeadline(compiled, ctx, round, proposed, Number(submitted.slice(0, 4)), submitted, submittedP, r, out);
  }
  // Days after the eve of the deadline ("trước ngày 05/12": the 4th is the last day on time).
  const late = daysBetween(before, submitted) + 1;
  const onTime = late <= 0;
  out?.push({
    kind: 'deadline',
    id: 'deadline',
    label: COL.submitted,
    result: onTime ? 'pass' : 'fail',
    value: formatDateVi(submitted),
    text: onTime
      ? `${label}: trình ngày ${formatDateVi(submitted)}, đúng hạn (trước ${formatDateVi(before)})`
      : `${label}: trình ngày ${formatDateVi(submitted)}, trễ ${late} ngày (hạn trước ${formatDateVi(before)})`,
    citation: planDeadline && !ctx.deadline ? compiled.cite(planDeadline.cite) : '',
    depth: 0,
  });
  return { status: onTime ? 'on-time' : 'late', before, daysLate: onTime ? 0 : late };
}
