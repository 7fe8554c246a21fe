/**
 * Turning plan data into something the evaluator can use on every row without re-deriving it:
 * validated once, with the column registry, the criteria per subject type (general standard
 * joined in) and the columns each subject can need.
 */
import type { Cell, Parsed } from './cell';
import type { ColumnRegistry } from './columns';
import { validatePlan, type Citation, type Expr, type Plan, type PlanIssue, type Scope, type SubjectRule } from './plan-schema';
import { isBlankCell, labelKey, parseSubject, parseTier } from './values';
import {
  SUBJECT_IDS,
  SUBJECT_NAMES_VI,
  TIER_IDS,
  TIER_LABELS_VI,
  UNIT_SUBJECTS,
  isStandardSubject,
  isStandardTier,
  tierRank,
  type SubjectId,
  type TierId,
} from './vocabulary';

export interface SubjectCriteria {
  /** The subject whose bullet is applied (differs from the row's subject for "judgedAs"). */
  appliedAs: SubjectId;
  rule: Extract<SubjectRule, { criteria: Expr }>;
  /** Set when the row's subject is judged under another subject's bullet. */
  judgedAs?: Extract<SubjectRule, { judgedAs: SubjectId }>;
  /** The general standard (if any) and the subject's criteria, all of which must hold. */
  expr: Expr;
  /**
   * The criteria of each award form that states its own for this subject (FormCriteriaSchema):
   * `expr` with the form's criteria added or standing in for a named part. Other forms use `expr`.
   */
  forms: ReadonlyMap<TierId, Expr>;
}

export interface CompiledPlan {
  plan: Plan;
  registry: ColumnRegistry;
  /** Where the plan came from, for messages ("src/plans/x.json", a user's file path). */
  origin: string;
  criteria: ReadonlyMap<SubjectId, SubjectCriteria>;
  /** Every column some criterion of this plan reads, in first-use order (template, pane preview). */
  criterionColumns: readonly string[];
  /** "KH Thạch Hà 2022, mục V.1.b•1": the citation text shown to users (spec §5b). */
  cite(c: Citation): string;
  /** "000_….txt §V.1.b•1": the same place in the plan's source file, for audits and JSON reports. */
  sourceCite(c: Citation): string;
  /** Every award form of the plan, shared and its own, lowest rank first. */
  tierOrder: readonly TierId[];
  tierRank(tier: TierId): number;
  /** A tier's name for users (the shared label, or the plan's own form's label). */
  tierName(tier: TierId): string;
  /** A subject type's name for users (the shared name, or the plan's own type's label). */
  subjectName(subject: SubjectId): string;
  /** Đối tượng read with the plan's own subject types first, then the shared vocabulary. */
  parseSubject(cell: Cell): Parsed<SubjectId>;
  /** Hình thức đề nghị read with the plan's own award forms first, then the shared vocabulary. */
  parseTier(cell: Cell): Parsed<TierId>;
  /** Whether a row (its subject type and its Đối tượng text) is within a criterion's scope. */
  inScope(scope: Scope, subject: SubjectId, subjectText: string): boolean;
  /** Subject types whose rows name a person or household (need Chức vụ, đơn vị công tác). */
  individualSubjects: ReadonlySet<SubjectId>;
}

export class PlanInvalidError extends Error {
  constructor(
    readonly origin: string,
    readonly issues: PlanIssue[],
  ) {
    super(`${origin}: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

export type LoadResult = { ok: true; plan: CompiledPlan } | { ok: false; origin: string; issues: PlanIssue[] };

export function loadPlan(data: unknown, origin: string): LoadResult {
  const result = validatePlan(data);
  if (!result.ok) return { ok: false, origin, issues: result.issues };
  const { plan, registry } = result;
  const docName = plan.shortName ?? plan.document;
  const cited = new WeakMap<Citation, string>();
  const criteria = new Map<SubjectId, SubjectCriteria>();
  const subjectIds: SubjectId[] = [...SUBJECT_IDS, ...plan.subjectTypes.map((t) => t.id)];
  for (const subject of subjectIds) {
    const rule = plan.subjects[subject];
    if (!rule) continue;
    const own = 'criteria' in rule ? rule : undefined;
    const target = own ?? (plan.subjects[(rule as { judgedAs: SubjectId }).judgedAs] as SubjectCriteria['rule']);
    const appliedAs = own ? subject : (rule as { judgedAs: SubjectId }).judgedAs;
    const expr: Expr = plan.general ? join(`${appliedAs}.all`, [plan.general, target.criteria]) : target.criteria;
    criteria.set(subject, {
      appliedAs,
      rule: target,
      judgedAs: own ? undefined : (rule as SubjectCriteria['judgedAs']),
      expr,
      forms: formExprs(plan, expr, subject, appliedAs),
    });
  }
  const columns: string[] = [];
  const visit = (e: Expr): void => {
    if ('column' in e) {
      for (const c of [e.column, ...('column' in e.test ? [e.test.column] : [])]) if (!columns.includes(c)) columns.push(c);
    } else for (const m of e.all ?? e.any ?? []) visit(m);
  };
  if (plan.general) visit(plan.general);
  for (const rule of Object.values(plan.subjects)) if (rule && 'criteria' in rule) visit(rule.criteria);
  for (const rule of Object.values(plan.tiers)) if (rule.kind === 'evaluated') for (const fc of rule.criteria ?? []) visit(fc.criteria);
  return {
    ok: true,
    plan: {
      plan,
      registry,
      origin,
      criteria,
      criterionColumns: columns,
      cite: (c) => {
        // Every step of every explanation cites: word each citation once.
        let text = cited.get(c);
        if (text === undefined) {
          text = `${docName}, ${sectionText(c.ref)}`;
          cited.set(c, text);
        }
        return text;
      },
      sourceCite: (c) => `${plan.source.file} ${c.ref}`,
      ...vocabulary(plan),
    },
  };
}

/**
 * A citation's place as users read it, in the author's own words: "Điều 27.3.a" and "mục IV.1.a•2"
 * stay as written; a bare section number ("V.1.b•1") and the older "§V.1.b•1" read "mục V.1.b•1".
 */
const NAMED_PART = /^(?:mục|điều|khoản|điểm|phần|chương|phụ lục|tiết)\s/i;

export function sectionText(ref: string): string {
  const r = ref.trim();
  // "§" is the section sign: "mục", unless the author already names the kind of part ("§Điều 27").
  if (r.startsWith('§')) {
    const rest = r.replace(/^§\s*/, '');
    return NAMED_PART.test(rest) ? rest : `mục ${rest}`;
  }
  return /^(?:[IVXLC]+|\d+)(?:[.,•)\s]|$)/.test(r) ? `mục ${r}` : r;
}

/** The groups the engine makes to join criteria (see FlatNode.strict); never a plan's own group. */
const JOINS = new WeakSet<Expr>();

export function isJoin(e: Expr): boolean {
  return JOINS.has(e);
}

function join(id: string, members: Expr[]): Expr {
  const e: Expr = { id, all: members };
  JOINS.add(e);
  return e;
}

/**
 * Each award form's own criteria for a subject, joined to the subject's: added (all must hold), or
 * standing in for the criterion or group they name. Forms without criteria of their own are absent.
 */
function formExprs(plan: Plan, base: Expr, subject: SubjectId, appliedAs: SubjectId): Map<TierId, Expr> {
  const forms = new Map<TierId, Expr>();
  for (const [tier, rule] of Object.entries(plan.tiers)) {
    if (rule.kind !== 'evaluated' || !rule.criteria) continue;
    let expr = base;
    for (const fc of rule.criteria) {
      if (fc.subjects && !fc.subjects.includes(appliedAs) && !fc.subjects.includes(subject)) continue;
      expr = fc.replaces === undefined ? join(`${appliedAs}.${tier}.all`, [expr, fc.criteria]) : replaceExpr(expr, fc.replaces, fc.criteria);
    }
    if (expr !== base) forms.set(tier, expr);
  }
  return forms;
}

/** A copy of the tree with the node of that id replaced (the tree itself is shared data). */
function replaceExpr(e: Expr, id: string, by: Expr): Expr {
  // The replacement reaches the rows the replaced criterion reached, no others.
  if (e.id === id) return e.appliesTo && !by.appliesTo ? { ...by, appliesTo: e.appliesTo } : by;
  if ('column' in e) return e;
  const key = e.all ? 'all' : 'any';
  const members = (e.all ?? e.any ?? []) as Expr[];
  const next = members.map((m) => replaceExpr(m, id, by));
  return next.every((m, i) => m === members[i]) ? e : { ...e, [key]: next };
}

/** The plan's own subject types and award forms joined to the shared vocabulary. */
function vocabulary(plan: Plan): Pick<CompiledPlan, 'tierOrder' | 'tierRank' | 'tierName' | 'subjectName' | 'parseSubject' | 'parseTier' | 'inScope' | 'individualSubjects'> {
  const ownRank = new Map(plan.awardForms.map((f) => [f.id, f.rank]));
  const rankOf = (t: TierId): number => ownRank.get(t) ?? (isStandardTier(t) ? tierRank(t) : 0);
  const tierOrder = [...TIER_IDS, ...plan.awardForms.map((f) => f.id)].sort((a, b) => rankOf(a) - rankOf(b));
  const ownSubjects = new Map<string, SubjectId>();
  for (const t of plan.subjectTypes) for (const l of [t.id, t.label, ...t.variants]) ownSubjects.set(labelKey(l), t.id);
  const ownTiers = new Map<string, TierId>();
  for (const f of plan.awardForms) for (const l of [f.id, f.label, ...f.variants]) ownTiers.set(labelKey(l), f.id);
  const own = <T>(map: Map<string, T>, shared: (c: Cell) => Parsed<T>) =>
    map.size === 0
      ? shared
      : (cell: Cell): Parsed<T> => {
          if (!isBlankCell(cell) && typeof cell.value === 'string') {
            const hit = map.get(labelKey(cell.value));
            if (hit !== undefined) return { kind: 'value', value: hit };
          }
          return shared(cell);
        };
  const scopeLabels = new WeakMap<Scope, Set<string>>();
  return {
    tierOrder,
    tierRank: rankOf,
    tierName: (t) => plan.awardForms.find((f) => f.id === t)?.label ?? (isStandardTier(t) ? TIER_LABELS_VI[t] : t),
    subjectName: (s) => plan.subjectTypes.find((t) => t.id === s)?.label ?? (isStandardSubject(s) ? SUBJECT_NAMES_VI[s] : s),
    parseSubject: own(ownSubjects, parseSubject),
    parseTier: own(ownTiers, parseTier),
    inScope: (scope, subject, text) => {
      if (scope.subjects?.includes(subject)) return true;
      if (!scope.labels) return false;
      let keys = scopeLabels.get(scope);
      if (!keys) {
        keys = new Set(scope.labels.map(labelKey));
        scopeLabels.set(scope, keys);
      }
      if (keys.has(labelKey(text))) return true;
      // "Thôn/Xóm" reads as one subject (values.parseSubject): it is in scope when every part is.
      const parts = text.split(/[/;]/).map(labelKey).filter((p) => p !== '');
      return parts.length > 1 && parts.every((p) => keys.has(p));
    },
    individualSubjects: new Set<SubjectId>([...UNIT_SUBJECTS, ...plan.subjectTypes.filter((t) => t.individual).map((t) => t.id)]),
  };
}

/** For shipped plans, which tests guarantee valid: an invalid one is a programming error. */
export function compilePlan(data: unknown, origin: string): CompiledPlan {
  const result = loadPlan(data, origin);
  if (!result.ok) throw new PlanInvalidError(result.origin, result.issues);
  return result.plan;
}
