/**
 * Several plans judging one list (issue 18): a commune's list proposes Giấy khen under the
 * district's plan, Bằng khen tỉnh under the province's decision, Bằng khen Thủ tướng under
 * QĐ 587/QĐ-TTg. Each row is judged, whole and unchanged, by the one plan that governs the award
 * form it proposes; this layer only picks that plan, so the single-plan engine stays as it is.
 *
 * The governing plan of a row, its Đối tượng and Hình thức read with each plan's own vocabulary:
 * 1. the plan that evaluates the proposed form for the row's subject type (at most one: two would
 *    be refused when the set is made);
 * 2. failing that, the first plan that evaluates the form at all (it says the subject is not its);
 * 3. failing that, the plan a hand-over names, when that plan is given, followed from plan to plan
 *    (a plan's hand-over names another by its document number, e.g. "587/QĐ-TTg", or — a document
 *    with no number — by the plan's id or exact short name);
 * 4. failing that, the first plan given (the list's own plan): a hand-over stays "Ngoài phạm vi kế
 *    hoạch" and cites the document it hands over to.
 */
import type { Cell } from './cell';
import { rowInput } from './check';
import { COL, type ColumnRegistry } from './columns';
import type { CompiledPlan } from './compile';
import { evaluate, evaluateExplained, type Decision, type RowInput, type RunContext } from './evaluate';
import type { HeaderMatch } from './headers';
import { documentNumbers, identityLine, numberKey, planIdentity, type PlanIdentity } from './plan-identity';
import { dataRows } from './rows';
import type { SubjectId, TierId } from './vocabulary';

export interface PlanSet {
  /** The plans in the order given; the first is the list's own plan. */
  readonly plans: readonly CompiledPlan[];
  /** Every column any of the plans reads (the header finder's registry), the first plan's definition first. */
  readonly registry: ColumnRegistry;
  /** The plan that judges this row. */
  governing(row: RowInput): CompiledPlan;
  /** Where each plan hands a form over to, when that plan is given (plan → form → plan). */
  handOverTarget(plan: CompiledPlan, tier: TierId): CompiledPlan | undefined;
}

/** Two given plans evaluate the same award form for the same subject type: which one judges is unclear. */
export class PlanConflictError extends Error {
  constructor(
    readonly first: CompiledPlan,
    readonly second: CompiledPlan,
    readonly clashes: readonly { tier: TierId; subjects: SubjectId[] }[],
  ) {
    super(conflictMessage(first, second, clashes));
  }
}

function conflictMessage(a: CompiledPlan, b: CompiledPlan, clashes: readonly { tier: TierId; subjects: SubjectId[] }[]): string {
  const name = (p: CompiledPlan) => `${planIdentity(p).shortName} (${p.origin})`;
  if (planIdentity(a).fingerprint === planIdentity(b).fingerprint) {
    return `Kế hoạch ${name(a)} được ghi hai lần (${b.origin}) — the same plan was given twice`;
  }
  if (a.plan.id === b.plan.id) {
    return `Hai kế hoạch khác nhau cùng mã “${a.plan.id}”: ${name(a)} và ${name(b)}; mỗi kết quả ghi mã kế hoạch đã xét, nên đổi “Mã kế hoạch” (sheet “Thông tin”) của kế hoạch đơn vị viết — two different plans share one id`;
  }
  const what = clashes.map((c) => `“${a.tierName(c.tier)}” cho ${c.subjects.map((s) => `“${a.subjectName(s)}”`).join(', ')}`).join('; ');
  return `Hai kế hoạch cùng xét ${what}: ${name(a)} và ${name(b)}; mỗi hình thức, mỗi loại đối tượng chỉ do một kế hoạch xét — two plans judge the same award form for the same subject type`;
}

const evaluates = (p: CompiledPlan, tier: TierId | null): boolean => tier !== null && p.plan.tiers[tier]?.kind === 'evaluated';

function valueOf<T>(parsed: { kind: string; value?: T }): T | null {
  return parsed.kind === 'value' ? (parsed.value as T) : null;
}

/** Forms and subject types that two plans both evaluate. */
function clashes(a: CompiledPlan, b: CompiledPlan): { tier: TierId; subjects: SubjectId[] }[] {
  const out: { tier: TierId; subjects: SubjectId[] }[] = [];
  for (const tier of Object.keys(a.plan.tiers)) {
    if (!evaluates(a, tier) || !evaluates(b, tier)) continue;
    const subjects = [...a.criteria.keys()].filter((s) => b.criteria.has(s));
    if (subjects.length) out.push({ tier, subjects });
  }
  return out;
}

/**
 * The given plan a hand-over's document names: by document number ("587/QĐ-TTg" = "587/QD-TTG");
 * a document that gives no number, by the plan's id ("ha-tinh-3351-2021") or its exact short name
 * ("KH Thạch Hà 2022"), case and spacing aside, as whole words. Nothing looser: "Hướng dẫn của
 * Trung ương" names no plan, and a text that two plans' names fit names neither.
 */
export function namedPlan(document: string, plans: readonly CompiledPlan[]): CompiledPlan | undefined {
  const named = new Set(documentNumbers(document).map(numberKey));
  if (named.size) {
    return plans.find((p) => {
      const own = planIdentity(p).number;
      return own !== null && named.has(numberKey(own));
    });
  }
  const text = nameKey(document);
  const hits = plans.filter((p) => [p.plan.id, p.plan.shortName].some((name) => name !== undefined && namesWhole(text, nameKey(name))));
  return hits.length === 1 ? hits[0] : undefined;
}

/** A name compared as written, but for case, Unicode form and spacing. */
function nameKey(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** `name` occurs in `text` with no letter, digit or joining mark ("-", "/") right before or after it. */
function namesWhole(text: string, name: string): boolean {
  if (!name) return false;
  const edge = /[\p{L}\p{N}\-/]/u;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + name.length] ?? '';
    if (!edge.test(before) && !edge.test(after)) return true;
  }
  return false;
}

/** The plans judging one list together; throws PlanConflictError when two of them judge the same thing. */
export function planSet(plans: readonly CompiledPlan[]): PlanSet {
  if (!plans.length) throw new Error('a plan set needs a plan');
  for (let i = 0; i < plans.length; i++) {
    for (let j = i + 1; j < plans.length; j++) {
      const c = clashes(plans[i], plans[j]);
      // The same plan twice, or two plans under one id (every result names its plan by id).
      const same = planIdentity(plans[i]).fingerprint === planIdentity(plans[j]).fingerprint || plans[i].plan.id === plans[j].plan.id;
      if (c.length || same) throw new PlanConflictError(plans[i], plans[j], c);
    }
  }
  const registry = new Map<string, ReturnType<ColumnRegistry['get']> & object>();
  for (const p of plans) for (const [k, def] of p.registry) if (!registry.has(k)) registry.set(k, def);
  const targets = new Map<CompiledPlan, Map<TierId, CompiledPlan | undefined>>();
  const handOverTarget = (plan: CompiledPlan, tier: TierId): CompiledPlan | undefined => {
    let byTier = targets.get(plan);
    if (!byTier) targets.set(plan, (byTier = new Map()));
    if (byTier.has(tier)) return byTier.get(tier);
    const rule = plan.plan.tiers[tier];
    const target = rule?.kind === 'hand-over' ? namedPlan(rule.document, plans.filter((p) => p !== plan)) : undefined;
    byTier.set(tier, target);
    return target;
  };
  if (plans.length === 1) {
    const only = plans[0];
    return { plans, registry: only.registry, governing: () => only, handOverTarget };
  }
  const blank: Cell = { value: null };
  return {
    plans,
    registry,
    handOverTarget,
    governing(row) {
      const subjectCell = row.get(COL.subject) ?? blank;
      const proposedCell = row.get(COL.proposed) ?? blank;
      const forms = plans.map((p) => valueOf(p.parseTier(proposedCell)));
      let evaluating: CompiledPlan | undefined;
      for (let i = 0; i < plans.length; i++) {
        const p = plans[i];
        if (!evaluates(p, forms[i])) continue;
        const subject = valueOf(p.parseSubject(subjectCell));
        if (subject !== null && p.criteria.has(subject)) return p;
        evaluating ??= p;
      }
      if (evaluating) return evaluating;
      // No plan evaluates the form: follow hand-overs from the first plan that makes one to a given plan.
      for (let i = 0; i < plans.length; i++) {
        const form = forms[i];
        if (form === null) continue;
        let at = plans[i];
        let next = handOverTarget(at, form);
        if (!next) continue;
        const seen = new Set([at]);
        while (next && !seen.has(next)) {
          seen.add(next);
          at = next;
          const f = valueOf(at.parseTier(proposedCell));
          next = f === null ? undefined : handOverTarget(at, f);
        }
        return at;
      }
      return plans[0];
    },
  };
}

export interface JudgedRow {
  plan: CompiledPlan;
  decision: Decision;
}

/** One row judged by its governing plan, explained in the same run (a checked copy, a report). */
export function judgeExplained(set: PlanSet, row: RowInput, ctx: RunContext = {}): JudgedRow {
  const plan = set.governing(row);
  return { plan, decision: evaluateExplained(plan, row, ctx) };
}

/** One row judged by its governing plan, its explanation made only if asked for. */
export function judge(set: PlanSet, row: RowInput, ctx: RunContext = {}): JudgedRow {
  const plan = set.governing(row);
  return { plan, decision: evaluate(plan, row, ctx) };
}

export function setIdentities(set: PlanSet): PlanIdentity[] {
  return set.plans.map(planIdentity);
}

/** A plan set of one plan is the plan itself; callers given either take both. */
export function asPlanSet(plans: CompiledPlan | PlanSet): PlanSet {
  if ('governing' in plans) return plans;
  let set = singles.get(plans);
  if (!set) singles.set(plans, (set = planSet([plans])));
  return set;
}

const singles = new WeakMap<CompiledPlan, PlanSet>();

export interface SetCheckedRow {
  row: number;
  cells: Cell[];
  decision: Decision;
  /** The plan that judged the row. */
  plan: CompiledPlan;
}

/** Every data row of a table judged (and explained) by its governing plan: one plan or several. */
export function* checkRowsInSet(
  plans: CompiledPlan | PlanSet,
  match: HeaderMatch,
  rows: Iterable<{ row: number; cells: Cell[] }>,
  ctx: RunContext,
): Generator<SetCheckedRow> {
  const set = asPlanSet(plans);
  for (const { row, cells } of dataRows(rows, match)) {
    const input = rowInput(cells, match);
    const plan = set.governing(input);
    yield { row, cells, decision: evaluateExplained(plan, input, ctx), plan };
  }
}

/**
 * What a row of a check says about its plan: the plan that names its own forms, and — when several
 * plans judged the list — the plan's id for the report and its identity line for the summary.
 */
export function rowPlanFields(set: PlanSet, plan: CompiledPlan): { namer: CompiledPlan; planLine?: string; planName?: string } {
  if (set.plans.length < 2) return { namer: plan };
  let fields = planFields.get(plan);
  if (!fields) planFields.set(plan, (fields = { namer: plan, planLine: identityLine(planIdentity(plan)), planName: planIdentity(plan).shortName }));
  return fields;
}

const planFields = new WeakMap<CompiledPlan, { namer: CompiledPlan; planLine: string; planName: string }>();
