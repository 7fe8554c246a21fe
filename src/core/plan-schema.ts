/**
 * The plan file format. A plan is data: every subject type, criterion, award form, round rule,
 * deadline and hand-over the plan states, each with its citation (section + bullet + the plan's
 * own words). Validation errors are data `{ path, message }`; the edge words them for people.
 */
import { z } from 'zod';
import { buildRegistry, type ColumnDef, type ColumnRegistry } from './columns';
import { fold } from './text';
import { LEVEL_IDS, ROUND_IDS, SUBJECT_IDS, TIER_IDS, type LevelId, type RoundId, type SubjectId, type TierId } from './vocabulary';

/** Where in the plan a rule comes from: "§V.1.b•1" (section, bullet) and the quoted words. */
export const CitationSchema = z.object({
  ref: z.string().regex(/^§\S/, 'must start with "§" followed by the section, e.g. "§V.1.b•1"'),
  quote: z.string().min(1, 'quote the plan\'s own words'),
});
export type Citation = z.infer<typeof CitationSchema>;

export const NoticeSchema = z.object({
  text: z.string().min(1),
  cite: CitationSchema,
});
export type Notice = z.infer<typeof NoticeSchema>;

const RoundSchema = z.enum(ROUND_IDS);
const TierSchema = z.enum(TIER_IDS);
const LevelSchema = z.enum(LEVEL_IDS);
const SubjectSchema = z.enum(SUBJECT_IDS);

export const TestSchema = z.discriminatedUnion('op', [
  /** The yes/no column must be yes. */
  z.object({ op: z.literal('yes') }),
  /** The yes/no column must be no ("không nợ đọng": Có fails). */
  z.object({ op: z.literal('no') }),
  /** Ordinal column at or above a value of its scale (a label of that value). */
  z.object({ op: z.literal('atLeast'), value: z.string().min(1) }),
  /** Number (money, percent, year) at or above a constant. */
  z.object({ op: z.literal('min'), value: z.number() }),
  /** Year not after another column's year ("theo đúng kế hoạch"). */
  z.object({ op: z.literal('notAfter'), column: z.string().min(1) }),
  /** Number at or above another column's number (rate ≥ target). */
  z.object({ op: z.literal('atLeastColumn'), column: z.string().min(1) }),
]);
export type Test = z.infer<typeof TestSchema>;

export interface Leaf {
  id: string;
  label: string;
  column: string;
  test: Test;
  cite: Citation;
  reading?: string;
  notice?: string;
}
export interface Group {
  id: string;
  label?: string;
  all?: Expr[];
  any?: Expr[];
  cite?: Citation;
  reading?: string;
}
export type Expr = Leaf | Group;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'use lower-case letters, digits, "." and "-"');

export const LeafSchema = z.object({
  id: idSchema,
  label: z.string().min(1),
  column: z.string().min(1),
  test: TestSchema,
  cite: CitationSchema,
  reading: z.string().min(1).optional(),
  notice: z.string().min(1).optional(),
});

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    LeafSchema.strict(),
    z
      .object({
        id: idSchema,
        label: z.string().min(1).optional(),
        all: z.array(ExprSchema).min(1).optional(),
        any: z.array(ExprSchema).min(1).optional(),
        cite: CitationSchema.optional(),
        reading: z.string().min(1).optional(),
      })
      .strict()
      .refine((g) => (g.all === undefined) !== (g.any === undefined), 'a group has exactly one of "all" or "any"'),
  ]),
);

export const TierRuleSchema = z.discriminatedUnion('kind', [
  /** The plan does not provide this form for nominations ("—" in spec §5a). */
  z.object({ kind: z.literal('none'), note: z.string().optional() }).strict(),
  /** The plan's own criteria decide this form. */
  z
    .object({
      kind: z.literal('evaluated'),
      label: z.string().min(1),
      rounds: z.array(RoundSchema).min(1),
      minLevel: LevelSchema.optional(),
      cite: CitationSchema,
      roundCite: CitationSchema.optional(),
      notices: z.array(NoticeSchema.extend({ rounds: z.array(RoundSchema).min(1).optional() })).optional(),
    })
    .strict(),
  /** The plan hands the standards over to another document; only its round rules still apply. */
  z
    .object({
      kind: z.literal('hand-over'),
      label: z.string().min(1),
      document: z.string().min(1),
      rounds: z.array(RoundSchema).min(1),
      cite: CitationSchema,
      roundCite: CitationSchema.optional(),
    })
    .strict(),
]);
export type TierRule = z.infer<typeof TierRuleSchema>;

export const DeadlineSchema = z
  .object({
    rounds: z.array(RoundSchema).min(1),
    tiers: z.array(TierSchema).min(1),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    text: z.string().min(1),
    cite: CitationSchema,
  })
  .strict();
export type Deadline = z.infer<typeof DeadlineSchema>;

export const SubjectRuleSchema = z.union([
  z
    .object({
      letter: z.string().min(1),
      label: z.string().min(1),
      cite: CitationSchema,
      criteria: ExprSchema,
      notices: z.array(NoticeSchema).optional(),
    })
    .strict(),
  /** No bullet of its own: judged under another subject's criteria (spec §5a, "đối tượng khác"). */
  z.object({ judgedAs: SubjectSchema, reading: z.string().min(1), cite: CitationSchema }).strict(),
]);
export type SubjectRule = z.infer<typeof SubjectRuleSchema>;

const ColumnDefSchema = z
  .object({
    header: z.string().min(1),
    variants: z.array(z.string()).default([]),
    type: z.enum(['text', 'subject', 'tier', 'round', 'year', 'date', 'level', 'yesno', 'ordinal', 'money', 'percent']),
    scale: z.array(z.object({ rank: z.number(), labels: z.array(z.string().min(1)).min(1) })).optional(),
    hint: z.string().optional(),
  })
  .strict();

export const PlanSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'plan id: lower-case letters, digits and "-"'),
    title: z.string().min(1),
    issuer: z.string().min(1),
    document: z.string().min(1),
    source: z.object({ file: z.string().min(1) }).strict(),
    roundYears: z.object({ 'so-ket': z.number().int(), 'tong-ket': z.number().int(), cite: CitationSchema }).strict(),
    general: ExprSchema.optional(),
    notices: z.array(NoticeSchema).default([]),
    tiers: z.object(Object.fromEntries(TIER_IDS.map((t) => [t, TierRuleSchema])) as Record<TierId, typeof TierRuleSchema>).strict(),
    deadlines: z.array(DeadlineSchema).default([]),
    subjects: z.partialRecord(SubjectSchema, SubjectRuleSchema),
    columns: z.array(ColumnDefSchema).default([]),
  })
  .strict();

export type Plan = z.infer<typeof PlanSchema>;

export interface PlanIssue {
  /** Path inside the plan file, e.g. ["subjects", "xa", "criteria", "any", 0, "column"]. */
  path: (string | number)[];
  message: string;
}

export type PlanResult = { ok: true; plan: Plan; registry: ColumnRegistry } | { ok: false; issues: PlanIssue[] };

/** Validate a parsed plan file: shape first, then references (columns, scale values, judgedAs). */
export function validatePlan(data: unknown): PlanResult {
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    };
  }
  const plan = parsed.data;
  const registry = buildRegistry(plan.columns as ColumnDef[]);
  const issues: PlanIssue[] = [];
  const checkExpr = (e: Expr, path: (string | number)[]): void => {
    if ('column' in e) checkLeaf(e, path, registry, issues);
    else {
      const key = e.all ? 'all' : 'any';
      (e.all ?? e.any ?? []).forEach((c, i) => checkExpr(c, [...path, key, i]));
    }
  };
  if (plan.general) checkExpr(plan.general, ['general']);
  for (const [subject, rule] of Object.entries(plan.subjects) as [SubjectId, SubjectRule][]) {
    if ('criteria' in rule) checkExpr(rule.criteria, ['subjects', subject, 'criteria']);
    else {
      const target = plan.subjects[rule.judgedAs];
      if (!target || !('criteria' in target)) {
        issues.push({ path: ['subjects', subject, 'judgedAs'], message: `"${rule.judgedAs}" has no criteria of its own in this plan` });
      }
    }
  }
  checkUniqueIds(plan, issues);
  return issues.length ? { ok: false, issues } : { ok: true, plan, registry };
}

function checkLeaf(leaf: Leaf, path: (string | number)[], registry: ColumnRegistry, issues: PlanIssue[]): void {
  const def = registry.get(leaf.column);
  if (!def) {
    issues.push({ path: [...path, 'column'], message: `unknown column "${leaf.column}": use a standard header or declare it in "columns"` });
    return;
  }
  const allowed: Record<Test['op'], readonly string[]> = {
    yes: ['yesno'],
    no: ['yesno'],
    atLeast: ['ordinal', 'level'],
    min: ['money', 'percent', 'year'],
    notAfter: ['year'],
    atLeastColumn: ['money', 'percent', 'year'],
  };
  if (!allowed[leaf.test.op].includes(def.type)) {
    issues.push({ path: [...path, 'test', 'op'], message: `"${leaf.test.op}" does not apply to ${def.type} column "${leaf.column}"` });
  }
  if (leaf.test.op === 'atLeast' && def.type === 'ordinal') {
    const wanted = fold(leaf.test.value);
    if (!def.scale?.some((v) => v.labels.some((l) => fold(l) === wanted))) {
      issues.push({ path: [...path, 'test', 'value'], message: `"${leaf.test.value}" is not a value of "${leaf.column}"` });
    }
  }
  if (leaf.test.op === 'notAfter' || leaf.test.op === 'atLeastColumn') {
    if (!registry.has(leaf.test.column)) issues.push({ path: [...path, 'test', 'column'], message: `unknown column "${leaf.test.column}"` });
  }
}

function checkUniqueIds(plan: Plan, issues: PlanIssue[]): void {
  // Ids name criteria in reasons and tests, so each must mean one thing within a plan.
  const seen = new Set<string>();
  const visit = (e: Expr, path: (string | number)[]): void => {
    if (seen.has(e.id)) issues.push({ path: [...path, 'id'], message: `criterion id "${e.id}" is used twice` });
    seen.add(e.id);
    if (!('column' in e)) {
      const key = e.all ? 'all' : 'any';
      (e.all ?? e.any ?? []).forEach((c, i) => visit(c, [...path, key, i]));
    }
  };
  if (plan.general) visit(plan.general, ['general']);
  for (const [subject, rule] of Object.entries(plan.subjects)) if (rule && 'criteria' in rule) visit(rule.criteria, ['subjects', subject, 'criteria']);
}

export type { LevelId, RoundId, SubjectId, TierId };
