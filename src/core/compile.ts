/**
 * Turning plan data into something the evaluator can use on every row without re-deriving it:
 * validated once, with the column registry, the criteria per subject type (general standard
 * joined in) and the columns each subject can need.
 */
import type { ColumnRegistry } from './columns';
import { validatePlan, type Citation, type Expr, type Plan, type PlanIssue, type SubjectRule } from './plan-schema';
import { SUBJECT_IDS, type SubjectId } from './vocabulary';

export interface SubjectCriteria {
  /** The subject whose bullet is applied (differs from the row's subject for "judgedAs"). */
  appliedAs: SubjectId;
  rule: Extract<SubjectRule, { criteria: Expr }>;
  /** Set when the row's subject is judged under another subject's bullet. */
  judgedAs?: Extract<SubjectRule, { judgedAs: SubjectId }>;
  /** The general standard (if any) and the subject's criteria, all of which must hold. */
  expr: Expr;
}

export interface CompiledPlan {
  plan: Plan;
  registry: ColumnRegistry;
  /** Where the plan came from, for messages ("src/plans/x.json", a user's file path). */
  origin: string;
  criteria: ReadonlyMap<SubjectId, SubjectCriteria>;
  /** Every column some criterion of this plan reads, in first-use order (template, pane preview). */
  criterionColumns: readonly string[];
  /** "000_….txt §V.1.b•1": the citation text shown to users. */
  cite(c: Citation): string;
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
  const criteria = new Map<SubjectId, SubjectCriteria>();
  for (const subject of SUBJECT_IDS) {
    const rule = plan.subjects[subject];
    if (!rule) continue;
    const own = 'criteria' in rule ? rule : undefined;
    const target = own ?? (plan.subjects[(rule as { judgedAs: SubjectId }).judgedAs] as SubjectCriteria['rule']);
    const appliedAs = own ? subject : (rule as { judgedAs: SubjectId }).judgedAs;
    const expr: Expr = plan.general ? { id: `${appliedAs}.all`, all: [plan.general, target.criteria] } : target.criteria;
    criteria.set(subject, {
      appliedAs,
      rule: target,
      judgedAs: own ? undefined : (rule as SubjectCriteria['judgedAs']),
      expr,
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
  return {
    ok: true,
    plan: {
      plan,
      registry,
      origin,
      criteria,
      criterionColumns: columns,
      cite: (c) => `${plan.source.file} ${c.ref}`,
    },
  };
}

/** For shipped plans, which tests guarantee valid: an invalid one is a programming error. */
export function compilePlan(data: unknown, origin: string): CompiledPlan {
  const result = loadPlan(data, origin);
  if (!result.ok) throw new PlanInvalidError(result.origin, result.issues);
  return result.plan;
}
