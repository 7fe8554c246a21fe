/**
 * evaluate(plan, row, context) → Decision: the whole judgement of one nominee row (spec §5).
 * Synchronous and pure; the trace (`reasons`) records every step with the value read, the result
 * and the plan's citation, so each interface can explain itself in the plan's own words.
 */
import { EMPTY_CELL, type Cell, type IsoDate, type Parsed } from './cell';
import { COL, type ColumnDef } from './columns';
import type { CompiledPlan } from './compile';
import { addDays, daysBetween, formatDateVi } from './dates';
import type { Expr, Leaf, Test, TierRule } from './plan-schema';
import { fold } from './text';
import { cellText, isBlankCell, parseCell, parseDate, parseLevel, parseRound, parseText, parseYear, type OrdinalReading } from './values';
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
type Tri = 'pass' | 'fail' | 'missing';

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

export const STATUS_LABELS_VI: Record<Status, string> = {
  eligible: 'Đủ điều kiện',
  ineligible: 'Không đủ điều kiện',
  incomplete: 'Thiếu thông tin',
  'not-covered': 'Ngoài phạm vi kế hoạch',
};

const BLANK_IS_NO = { blankIsNo: true } as const;
const BLANK_IS_BLANK = { blankIsNo: false } as const;

class RowReader {
  readonly missing: string[] = [];
  readonly unreadable: UnreadableValue[] = [];

  constructor(
    private readonly row: RowInput,
    readonly plan: CompiledPlan,
    private readonly blankIsNo: boolean,
  ) {}

  cell(column: string): Cell | undefined {
    return this.row.get(column);
  }

  /** Parse a column; remembers unreadable values once, whatever asks for them. */
  read<T>(column: string, parse: (c: Cell) => Parsed<T>): Parsed<T> {
    const cell = this.row.get(column);
    if (!cell || isBlankCell(cell)) return parse(EMPTY_CELL);
    return this.noted(column, parse(cell));
  }

  private noted<T>(column: string, parsed: Parsed<T>): Parsed<T> {
    if (parsed.kind === 'unreadable' && !this.unreadable.some((u) => u.column === column)) {
      this.unreadable.push({ column, raw: parsed.raw, expected: parsed.expected });
    }
    return parsed;
  }

  private readonly parsed = new Map<string, Parsed<unknown>>();

  /** Criterion columns are read by several criteria (and by collectMissing): parse each once. */
  readColumn(column: string): Parsed<unknown> {
    let p = this.parsed.get(column);
    if (!p) {
      // Hot path (every criterion of every row): no closure, no options object per call.
      const def = this.plan.registry.get(column) as ColumnDef;
      const cell = this.row.get(column);
      const opts = this.blankIsNo ? BLANK_IS_NO : BLANK_IS_BLANK;
      p = !cell || isBlankCell(cell) ? parseCell(EMPTY_CELL, def, opts) : this.noted(column, parseCell(cell, def, opts));
      this.parsed.set(column, p);
    }
    return p;
  }

  text(column: string): string {
    const cell = this.row.get(column);
    return cell ? cellText(cell) : '';
  }

  need(column: string): void {
    if (!this.missing.includes(column)) this.missing.push(column);
  }
}

const valueOf = <T>(p: Parsed<T>): T | null => (p.kind === 'value' ? p.value : null);

export function evaluate(compiled: CompiledPlan, row: RowInput, ctx: RunContext = {}): Decision {
  const { plan } = compiled;
  const r = new RowReader(row, compiled, ctx.blankIsNo ?? false);
  // Explanations cost more than decisions, and most callers (a fill-down of NTM.ELIGIBLE, status
  // counts) never read them: steps are kept as thunks and built on first access to `reasons`.
  const pending: (() => Step | Step[])[] = [];
  const step = (make: () => Omit<Step, 'depth'> & { depth?: number }): void => {
    pending.push(make as () => Step);
  };

  // General columns (spec §4): Tên, Đối tượng and Hình thức đề nghị are always required.
  const name = valueOf(r.read(COL.name, parseText));
  if (name === null) r.need(COL.name);
  const subjectP = r.read(COL.subject, compiled.parseSubject);
  const subject = valueOf(subjectP);
  if (subject === null) r.need(COL.subject);
  const proposedP = r.read(COL.proposed, compiled.parseTier);
  const proposed = valueOf(proposedP);
  if (proposed === null) r.need(COL.proposed);
  const unitP = r.read(COL.unit, parseText);
  const unit = valueOf(unitP);
  if (subject && compiled.individualSubjects.has(subject) && unit === null) r.need(COL.unit);

  const roundP = r.read(COL.round, parseRound);
  const round: RoundId | null = roundP.kind === 'value' ? roundP.value : roundP.kind === 'blank' ? (ctx.round ?? 'annual') : null;
  if (roundP.kind === 'unreadable') r.need(COL.round);
  const submittedP = r.read(COL.submitted, parseDate);
  const submitted = valueOf(submittedP);
  const yearP = r.read(COL.year, parseYear);
  if (yearP.kind === 'unreadable') r.need(COL.year);
  const statedYear =
    yearP.kind === 'value' ? yearP.value : yearP.kind === 'unreadable' ? null : (ctx.year ?? (submitted ? Number(submitted.slice(0, 4)) : null));
  // The day of the check is only a default: it never rules a row out of the plan's period.
  const year = statedYear ?? (yearP.kind === 'blank' && ctx.asOf ? Number(ctx.asOf.slice(0, 4)) : null);
  const levelP = r.read(COL.level, parseLevel);
  const level = valueOf(levelP);

  // Status is the all-of of these components; a failing one decides (spec §5).
  const fails: string[] = [];
  let undecided = false;

  // --- Subject type and its bullet.
  const applied = subject ? compiled.criteria.get(subject) : undefined;
  if (subject === null) {
    undecided = true;
    step(() => ({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'missing',
      value: r.text(COL.subject) || undefined,
      text: subjectP.kind === 'unreadable' ? `Không nhận ra loại đối tượng “${subjectP.raw}”` : 'Chưa ghi loại đối tượng',
      citation: '',
    }));
  } else if (!applied) {
    fails.push('subject');
    step(() => ({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'fail',
      value: r.text(COL.subject),
      text: `Kế hoạch không có tiêu chuẩn cho đối tượng “${compiled.subjectName(subject)}”; kế hoạch chỉ xét: ${[...compiled.criteria.keys()].map((s) => compiled.subjectName(s)).join(', ')}`,
      citation: plan.subjectsCite ? compiled.cite(plan.subjectsCite) : '',
    }));
  } else {
    const judged = applied.judgedAs;
    step(() => ({
      kind: 'subject',
      id: 'subject',
      label: COL.subject,
      result: 'pass',
      value: r.text(COL.subject),
      text: judged
        ? `${compiled.subjectName(subject)}: kế hoạch không có mục riêng, xét theo tiêu chuẩn “${applied.rule.label}” (mục ${applied.rule.letter}). ${judged.reading}`
        : `Đối tượng ${compiled.subjectName(subject)}: tiêu chuẩn mục ${applied.rule.letter} (${applied.rule.label})`,
      citation: compiled.cite(judged ? judged.cite : applied.rule.cite),
    }));
  }

  // --- The plan's period ("giai đoạn 2021 - 2025"): a row of another year is not this plan's.
  let roundYearOk = round !== null;
  const period = plan.period;
  if (period && statedYear !== null && (statedYear < period.from || statedYear > period.to)) {
    roundYearOk = false;
    fails.push('period');
    step(() => ({
      kind: 'round',
      id: 'period',
      label: COL.year,
      result: 'fail',
      value: String(statedYear),
      text: `Năm ${statedYear} nằm ngoài giai đoạn của kế hoạch (${period.from}–${period.to}); hãy kiểm tra theo kế hoạch của giai đoạn có năm ${statedYear}`,
      citation: compiled.cite(period.cite),
    }));
  }

  // --- Round and its year (the plan's own: sơ kết 2023, tổng kết 2025 for 2021–2025 plans).
  if (round === null) {
    undecided = true;
    step(() => ({ kind: 'round', id: 'round', label: COL.round, result: 'missing', value: r.text(COL.round), text: 'Không đọc được đợt khen thưởng', citation: '' }));
  } else if (round !== 'annual' && year !== null && roundYearOk && year !== plan.roundYears[round]) {
    roundYearOk = false;
    fails.push('round-year');
    step(() => ({
      kind: 'round',
      id: 'round-year',
      label: COL.round,
      result: 'fail',
      value: `${ROUND_LABELS_VI[round]} ${year}`,
      text: `Đợt ${ROUND_LABELS_VI[round].toLowerCase()} tổ chức năm ${plan.roundYears[round]}, không phải năm ${year}`,
      citation: compiled.cite(plan.roundYears.cite),
    }));
  }

  // --- Criteria of the subject (general standard included).
  let criteria: Tri | null = null;
  let tree: Node | null = null;
  if (applied) {
    tree = evalNode(applied.expr, r, { subject: subject as SubjectId, text: r.text(COL.subject) });
    // Every bullet out of scope: nothing of the plan applies to this row, which is no pass.
    criteria = tree.result === 'n/a' ? 'fail' : tree.result;
    collectMissing(tree, r);
  }

  // --- Highest tier the plan itself evaluates for this row (spec §5: award tier).
  const levelForTier: LevelId = level ?? 'xuat-sac';
  let awardTier: TierId | null = null;
  if (criteria === 'pass' && roundYearOk && round) {
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
    step(() => ({
      kind: 'tier',
      id: 'tier',
      label: COL.proposed,
      result: 'missing',
      value: r.text(COL.proposed) || undefined,
      text: proposedP.kind === 'unreadable' ? `Không nhận ra hình thức khen thưởng “${proposedP.raw}”` : 'Chưa ghi hình thức đề nghị',
      citation: '',
    }));
  } else {
    const rule = plan.tiers[proposed];
    const value = r.text(COL.proposed);
    if (rule.kind === 'none') {
      fails.push('tier');
      step(() => ({
        kind: 'tier',
        id: 'tier',
        label: COL.proposed,
        result: 'fail',
        value,
        text: `Kế hoạch không có hình thức này (${compiled.tierName(proposed)})${rule.note ? `. ${rule.note}` : ''}`,
        citation: '',
      }));
    } else if (round && !rule.rounds.includes(round)) {
      fails.push('tier-round');
      step(() => ({
        kind: 'tier',
        id: 'tier-round',
        label: COL.proposed,
        result: 'fail',
        value,
        text: `${rule.label} không xét trong đợt ${ROUND_LABELS_VI[round].toLowerCase()}; chỉ xét: ${rule.rounds.map((x) => ROUND_LABELS_VI[x].toLowerCase()).join(', ')}`,
        citation: compiled.cite(rule.roundCite ?? rule.cite),
      }));
    } else if (rule.kind === 'hand-over') {
      handedOver = true;
      step(() => ({
        kind: 'tier',
        id: 'tier',
        label: COL.proposed,
        result: 'n/a',
        value,
        text: `Tiêu chuẩn ${rule.label} thực hiện theo ${rule.document}; kế hoạch này không quy định`,
        citation: compiled.cite(rule.cite),
      }));
    } else {
      step(() => ({ kind: 'tier', id: 'tier', label: COL.proposed, result: 'pass', value, text: `${rule.label}`, citation: compiled.cite(rule.cite) }));
      for (const n of rule.notices ?? []) {
        if (!n.rounds || (round && n.rounds.includes(round))) {
          step(() => ({ kind: 'notice', id: 'tier-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite) }));
        }
      }
      // Level (spec §3): a tier needing more than Xuất sắc needs a recorded level.
      const needed = minLevel(proposed, rule);
      if (levelRank(needed) > 1) {
        if (level === null) {
          undecided = true;
          r.need(COL.level);
          step(() => ({
            kind: 'level',
            id: 'level',
            label: COL.level,
            result: 'missing',
            value: r.text(COL.level) || undefined,
            text: `${rule.label} cần mức thành tích “${LEVEL_LABELS_VI[needed]}” trở lên; chưa ghi hoặc không đọc được mức thành tích`,
            citation: compiled.cite(rule.cite),
          }));
        } else {
          const ok = levelRank(level) >= levelRank(needed);
          if (!ok) fails.push('level');
          step(() => ({
            kind: 'level',
            id: 'level',
            label: COL.level,
            result: ok ? 'pass' : 'fail',
            value: r.text(COL.level),
            text: `${rule.label} cần mức “${LEVEL_LABELS_VI[needed]}” trở lên; đạt mức “${LEVEL_LABELS_VI[level]}”`,
            citation: compiled.cite(rule.cite),
          }));
        }
      }
      if (criteria === 'fail') fails.push('criteria');
      if (criteria === 'missing') undecided = true;
    }
  }
  if (tree) {
    const t = tree;
    pending.push(() => {
      const steps: Step[] = [];
      traceNode(t, compiled, steps, 0, true, r);
      return steps;
    });
  }
  for (const n of plan.notices) step(() => ({ kind: 'notice', id: 'plan-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite) }));

  // Name and unit are required data whatever the criteria say.
  if (r.missing.includes(COL.name) || r.missing.includes(COL.unit)) undecided = true;

  const status: Status = fails.length ? 'ineligible' : undecided ? 'incomplete' : handedOver ? 'not-covered' : 'eligible';

  // --- Deadline (spec §5): reported separately, never folded into status.
  const deadline = evalDeadline(compiled, ctx, round, proposed, year, submitted, submittedP, r, step);

  const d = new LazyDecision(pending);
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

/** A decision whose explanation is built on first access (and then kept). */
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

  constructor(pending: (() => Step | Step[])[]) {
    // A non-enumerable symbol keeps the decision plain data when compared or serialised; a WeakMap
    // did the same but cost more than the whole evaluation (ephemeron bookkeeping per row).
    Object.defineProperty(this, EXPLANATION, { value: pending, writable: true });
  }

  get reasons(): Step[] {
    const self = this as unknown as Record<typeof EXPLANATION, (() => Step | Step[])[] | Step[]>;
    const made = self[EXPLANATION];
    if (made.length && typeof made[0] === 'function') {
      // Engine steps sit at the top level (depth 0); criteria steps carry their own depth.
      const steps = (made as (() => Step | Step[])[]).flatMap((make) => make()).map((st) => (st.depth === undefined ? { ...st, depth: 0 } : st));
      self[EXPLANATION] = steps;
      return steps;
    }
    return made as Step[];
  }
}

const EXPLANATION = Symbol('explanation');

function minLevel(tier: TierId, rule: TierRule): LevelId {
  // A plan's own award form states its level or asks for none beyond Xuất sắc.
  return (rule.kind === 'evaluated' && rule.minLevel) || (isStandardTier(tier) ? DEFAULT_MIN_LEVEL[tier] : 'xuat-sac');
}

interface Node {
  expr: Expr;
  /** 'n/a': the row is outside the criterion's scope (`appliesTo`); it takes no part in its group. */
  result: Tri | 'n/a';
  children: Node[];
}

const NO_CHILDREN: Node[] = [];

interface RowSubject {
  subject: SubjectId;
  text: string;
}

/** Three-valued evaluation (spec §5) of the whole tree, once per row. */
function evalNode(e: Expr, r: RowReader, who: RowSubject): Node {
  if (e.appliesTo && !r.plan.inScope(e.appliesTo, who.subject, who.text)) return { expr: e, result: 'n/a', children: NO_CHILDREN };
  if ('column' in e) {
    const parsed = r.readColumn(e.column);
    return { expr: e, result: parsed.kind === 'value' ? applyTest(e.test, parsed.value, e.column, r) : 'missing', children: NO_CHILDREN };
  }
  const children = (e.all ?? e.any ?? []).map((m) => evalNode(m, r, who));
  const inScope = children.filter((c) => c.result !== 'n/a').map((c) => c.result as Tri);
  return { expr: e, result: inScope.length ? combine(inScope, e.all !== undefined) : 'n/a', children };
}

function combine(results: Tri[], isAll: boolean): Tri {
  if (isAll) {
    if (results.includes('fail')) return 'fail';
    return results.every((x) => x === 'pass') ? 'pass' : 'missing';
  }
  if (results.includes('pass')) return 'pass';
  return results.every((x) => x === 'fail') ? 'fail' : 'missing';
}

/** The trace of a tree; members that cannot change a decided group are shown as "n/a" (not needed). */
function traceNode(n: Node, compiled: CompiledPlan, out: Step[], depth: number, needed: boolean, r: RowReader): void {
  const e = n.expr;
  if (n.result === 'n/a' && e.appliesTo && !n.children.length) {
    out.push({
      kind: 'column' in e ? 'criterion' : 'group',
      id: e.id,
      label: e.label ?? '',
      result: 'n/a',
      text: `${e.label ?? ''}: không áp dụng cho đối tượng “${r.text(COL.subject)}” (chỉ áp dụng cho ${scopeText(e.appliesTo, compiled)})${e.reading ? `. Cách hiểu: ${e.reading}` : ''}`,
      citation: e.cite ? compiled.cite(e.cite) : '',
      depth,
    });
    return;
  }
  if ('column' in e) {
    out.push({
      kind: 'criterion',
      id: e.id,
      label: e.label,
      result: needed ? n.result : 'n/a',
      value: r.text(e.column) || undefined,
      text: `${e.label}: ${leafDetail(e, r)}${e.reading ? `. Cách hiểu: ${e.reading}` : ''}${e.notice ? `. Lưu ý: ${e.notice}` : ''}`,
      citation: compiled.cite(e.cite),
      depth,
    });
    return;
  }
  const shown = Boolean(e.label || e.cite);
  if (shown) {
    out.push({
      kind: 'group',
      id: e.id,
      label: e.label ?? '',
      result: needed ? n.result : 'n/a',
      text: `${e.label ?? ''} (${e.all ? 'đạt tất cả các điều kiện' : 'đạt một trong các điều kiện'})${e.reading ? `. Cách hiểu: ${e.reading}` : ''}`,
      citation: e.cite ? compiled.cite(e.cite) : '',
      depth,
    });
  }
  const decidedBy = n.result === 'missing' ? null : n.result;
  for (const c of n.children) {
    traceNode(c, compiled, out, shown ? depth + 1 : depth, needed && (decidedBy === null || c.result === decidedBy), r);
  }
}

/** The test alone, on every row; its wording is made only when the reasons are read. */
function applyTest(test: Test, v: unknown, column: string, r: RowReader): Tri {
  switch (test.op) {
    case 'yes':
      return v === true ? 'pass' : 'fail';
    case 'no':
      return v === false ? 'pass' : 'fail';
    case 'atLeast': {
      const got = v as OrdinalReading;
      return !got.offScale && got.rank >= rankOfLabel(test.value, column, r) ? 'pass' : 'fail';
    }
    case 'min':
      return (v as number) >= test.value ? 'pass' : 'fail';
    case 'notAfter':
    case 'atLeastColumn': {
      const other = r.readColumn(test.column);
      if (other.kind !== 'value') return 'missing';
      const a = v as number;
      const b = other.value as number;
      return (test.op === 'notAfter' ? a <= b : a >= b) ? 'pass' : 'fail';
    }
  }
}

/** What a leaf read and how it compared, in words. */
function leafDetail(e: Leaf, r: RowReader): string {
  const parsed = r.readColumn(e.column);
  if (parsed.kind === 'blank') return `chưa có “${e.column}”`;
  if (parsed.kind === 'unreadable') return `không đọc được “${parsed.raw}” (cần ${parsed.expected})`;
  const v = parsed.value;
  const test = e.test;
  const pass = applyTest(test, v, e.column, r) === 'pass';
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
    case 'min': {
      const n = v as number;
      return `${formatNumberVi(n)} ${pass ? '≥' : '<'} ${formatNumberVi(test.value)}`;
    }
    case 'notAfter':
    case 'atLeastColumn': {
      const other = r.readColumn(test.column);
      if (other.kind !== 'value') return `chưa có “${test.column}” để so sánh`;
      const a = v as number;
      const b = other.value as number;
      if (test.op === 'notAfter') return pass ? `${a} ≤ ${b} (${test.column})` : `${a} muộn hơn ${b} (${test.column})`;
      return `${formatNumberVi(a)} ${pass ? '≥' : '<'} ${formatNumberVi(b)} (${test.column})`;
    }
  }
}

// Per registry: a plan may declare a column of its own with a scale of its own.
const scaleRanks = new WeakMap<object, Map<string, number>>();

function rankOfLabel(label: string, column: string, r: RowReader): number {
  let ranks = scaleRanks.get(r.plan.registry);
  if (!ranks) {
    ranks = new Map();
    scaleRanks.set(r.plan.registry, ranks);
  }
  const key = `${column}\u0000${label}`;
  let rank = ranks.get(key);
  if (rank === undefined) {
    const wanted = fold(label);
    rank = r.plan.registry.get(column)?.scale?.find((v) => v.labels.some((l) => fold(l) === wanted))?.rank ?? Number.POSITIVE_INFINITY;
    ranks.set(key, rank);
  }
  return rank;
}

function scopeText(scope: NonNullable<Expr['appliesTo']>, compiled: CompiledPlan): string {
  return [...(scope.subjects ?? []).map((s) => compiled.subjectName(s)), ...(scope.labels ?? []).map((l) => `“${l}”`)].join(', ');
}

function formatNumberVi(n: number): string {
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });
}

/** Columns left undecided in undecided groups (spec §5 `missing`), never those of decided alternatives. */
function collectMissing(n: Node, r: RowReader): void {
  if (n.result !== 'missing') return;
  const e = n.expr;
  if ('column' in e) {
    if (r.readColumn(e.column).kind !== 'value') r.need(e.column);
    else if ('column' in e.test && r.readColumn(e.test.column).kind !== 'value') r.need(e.test.column);
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
  const at = (x: string) => order.get(x) ?? order.size;
  return [...missing].sort((a, b) => at(a) - at(b));
}

function evalDeadline(
  compiled: CompiledPlan,
  ctx: RunContext,
  round: RoundId | null,
  proposed: TierId | null,
  year: number | null,
  submitted: IsoDate | null,
  submittedP: Parsed<IsoDate>,
  r: RowReader,
  step: (make: () => Omit<Step, 'depth'>) => void,
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
  const citation = planDeadline && !ctx.deadline ? compiled.cite(planDeadline.cite) : '';
  if (submitted === null) {
    r.need(COL.submitted);
    step(() => ({
      kind: 'deadline',
      id: 'deadline',
      label: COL.submitted,
      result: 'missing',
      value: submittedP.kind === 'unreadable' ? submittedP.raw : undefined,
      text: `${label}: ${submittedP.kind === 'unreadable' ? `không đọc được ngày trình “${submittedP.raw}”` : 'chưa có ngày trình'}`,
      citation,
    }));
    return { status: 'missing', before, daysLate: 0 };
  }
  if (before === null) {
    // A plan deadline with no year to anchor it: the submission date itself gives the year.
    return evalDeadline(compiled, ctx, round, proposed, Number(submitted.slice(0, 4)), submitted, submittedP, r, step);
  }
  const late = daysBetween(addDays(before, -1), submitted);
  const onTime = late <= 0;
  step(() => ({
    kind: 'deadline',
    id: 'deadline',
    label: COL.submitted,
    result: onTime ? 'pass' : 'fail',
    value: formatDateVi(submitted),
    text: onTime
      ? `${label}: trình ngày ${formatDateVi(submitted)}, đúng hạn (trước ${formatDateVi(before)})`
      : `${label}: trình ngày ${formatDateVi(submitted)}, trễ ${late} ngày (hạn trước ${formatDateVi(before)})`,
    citation,
  }));
  return { status: onTime ? 'on-time' : 'late', before, daysLate: onTime ? 0 : late };
}
