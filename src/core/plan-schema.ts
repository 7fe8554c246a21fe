/**
 * The plan file format. A plan is data: every subject type, criterion, award form, round rule,
 * deadline and hand-over the plan states, each with its citation (section + bullet + the plan's
 * own words). Validation errors are data `{ path, message }`; the edge words them for people.
 */
import { z } from 'zod';
import './zod-setup'; // first: before any schema below is built
import { buildRegistry, type ColumnDef, type ColumnRegistry } from './columns';
import { guardPlanData } from './plan-guard';
import { planTraps } from './plan-traps';
import { fold } from './text';
import {
  LEVEL_IDS,
  ROUND_IDS,
  TIER_IDS,
  isStandardSubject,
  isStandardTier,
  type LevelId,
  type RoundId,
  type StandardTierId,
  type SubjectId,
  type TierId,
} from './vocabulary';

/**
 * Where in the plan a rule comes from, in the author's own words ("Điều 27.3.a", "mục IV.1.a•2",
 * "V.1.b•1"; the older "§V.1.b•1" still reads as "mục V.1.b•1"), and the quoted words.
 */
export const CitationSchema = z.object({
  ref: z.string().trim().min(1, 'name the section, e.g. "V.1.b•1" or "Điều 27.3.a"'),
  quote: z.string().min(1, 'quote the plan\'s own words'),
});
export type Citation = z.infer<typeof CitationSchema>;

export const NoticeSchema = z.object({
  text: z.string().min(1),
  cite: CitationSchema,
});
export type Notice = z.infer<typeof NoticeSchema>;

const RoundSchema = z.enum(ROUND_IDS);
const LevelSchema = z.enum(LEVEL_IDS);
const vocabIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"');
/** A shared tier id (spec §3) or one of the plan's own `awardForms` (checked after parsing). */
const TierSchema = vocabIdSchema;
/** A shared subject id (spec §3) or one of the plan's own `subjectTypes` (checked after parsing). */
const SubjectSchema = vocabIdSchema;

/**
 * Which rows a criterion or group applies to, inside the subject whose criteria hold it (spec §5b:
 * "a bullet that names its own subject applies only to rows of that subject"). A row is in scope
 * when its subject type is one of `subjects` or its Đối tượng cell is one of `labels` (any case,
 * with or without diacritics). Out-of-scope rows see the criterion as n/a — never a pass: it is
 * left out of its group, and a group left with no member is left out of its own parent.
 */
export const ScopeSchema = z
  .object({
    /** Subject type ids, e.g. ["ngan-hang"]. */
    subjects: z.array(SubjectSchema).min(1).optional(),
    /** Đối tượng labels as officials write them, e.g. ["Tổ dân phố"]; list the variants you accept. */
    labels: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((s) => s.subjects !== undefined || s.labels !== undefined, 'name "subjects" or "labels"');
export type Scope = z.infer<typeof ScopeSchema>;

export const TestSchema = z.discriminatedUnion('op', [
  /** The yes/no column must be yes. */
  z.object({ op: z.literal('yes') }),
  /** The yes/no column must be no ("không nợ đọng": Có fails). */
  z.object({ op: z.literal('no') }),
  /** Ordinal column at or above a value of its scale (a label of that value). */
  z.object({ op: z.literal('atLeast'), value: z.string().min(1) }),
  /** Number (money, percent, year) at or above a constant ("từ … trở lên"). */
  z.object({ op: z.literal('min'), value: z.number() }),
  /** Number strictly above a constant ("cao hơn", "trên"). */
  z.object({ op: z.literal('more'), value: z.number() }),
  /** Number strictly below a constant ("dưới", "thấp hơn"). */
  z.object({ op: z.literal('less'), value: z.number() }),
  /** Number at or below a constant ("không quá", "tối đa"). */
  z.object({ op: z.literal('max'), value: z.number() }),
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
  /** Only rows in this scope see the criterion (see ScopeSchema). */
  appliesTo?: Scope;
}
export interface Group {
  id: string;
  label?: string;
  all?: Expr[];
  any?: Expr[];
  cite?: Citation;
  reading?: string;
  /** Only rows in this scope see the group (see ScopeSchema). */
  appliesTo?: Scope;
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
  appliesTo: ScopeSchema.optional(),
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
        appliesTo: ScopeSchema.optional(),
      })
      .strict()
      .refine((g) => (g.all === undefined) !== (g.any === undefined), 'a group has exactly one of "all" or "any"'),
  ]),
);

/**
 * Criteria of one award form, beside the subject's own ("Giấy khen của Chủ tịch UBND huyện: đóng
 * góp từ 40 triệu đồng trở lên"). They are added to the criteria of the subjects named (every
 * subject the plan judges when none is named), or, with `replaces`, stand in for the criterion or
 * group of that id in those subjects' criteria, for this form only.
 */
export const FormCriteriaSchema = z
  .object({
    subjects: z.array(SubjectSchema).min(1).optional(),
    replaces: z.string().min(1).optional(),
    criteria: ExprSchema,
  })
  .strict();
export type FormCriteria = z.infer<typeof FormCriteriaSchema>;

export const TierRuleSchema = z.discriminatedUnion('kind', [
  /** The plan does not provide this form for nominations ("—" in spec §5a). */
  z
    .object({
      kind: z.literal('none'),
      note: z.string().optional(),
      /** Where the plan lists the forms it awards (cited with "kế hoạch không có hình thức này"). */
      cite: CitationSchema.optional(),
    })
    .strict(),
  /** The plan's own criteria decide this form. */
  z
    .object({
      kind: z.literal('evaluated'),
      label: z.string().min(1),
      rounds: z.array(RoundSchema).min(1),
      /** A minimum achievement level, only where the plan states one (spec §3: no default). */
      minLevel: LevelSchema.optional(),
      /** Where the plan states that level (the form's own citation when left out). */
      levelCite: CitationSchema.optional(),
      cite: CitationSchema,
      roundCite: CitationSchema.optional(),
      /** How the form's rule is read, where the text needs reading (Cách hiểu). */
      reading: z.string().min(1).optional(),
      /** A note shown with every row proposed for the form (Lưu ý). */
      notice: z.string().min(1).optional(),
      notices: z.array(NoticeSchema.extend({ rounds: z.array(RoundSchema).min(1).optional() })).optional(),
      /** This form's own criteria (see FormCriteriaSchema). */
      criteria: z.array(FormCriteriaSchema).min(1).optional(),
      /** The award form's exact name in a management system's catalogue, when its label does not match it (issue 21). */
      catalogueName: z.string().min(1).optional(),
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
      reading: z.string().min(1).optional(),
      notice: z.string().min(1).optional(),
      /** As for 'evaluated' (issue 21). */
      catalogueName: z.string().min(1).optional(),
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

const OrdinalValueSchema = z
  .object({
    /** Higher is better; values may share a rank. */
    rank: z.number(),
    /** The first label is the one templates offer; the others are accepted spellings. */
    labels: z.array(z.string().min(1)).min(1),
    /** Recognised but not a step of the scale: fails every "atLeast" test, with this reason. */
    offScale: z.string().min(1).optional(),
  })
  .strict();

/**
 * The plan's own ordinal scale for a column (spec §5b: scales are per plan). Replaces the shared
 * scale of that column for this plan only, e.g. hong-linh puts "Đô thị văn minh" level with NTM.
 */
const ScaleSchema = z
  .object({
    /** Header of an ordinal column (standard or declared in `columns`). */
    column: z.string().min(1),
    values: z.array(OrdinalValueSchema).min(1),
    /** Where the plan states the scale, when it does. */
    cite: CitationSchema.optional(),
    /** Why the plan's scale reads this way, shown with criteria on this column. */
    reading: z.string().min(1).optional(),
  })
  .strict();
export type PlanScale = z.infer<typeof ScaleSchema>;

/** A subject type of the plan's own, beyond the shared vocabulary (e.g. "Đặc khu"). */
const SubjectTypeSchema = z
  .object({
    /** Id used as key in `subjects`, e.g. "dac-khu". Must not be a shared id. */
    id: vocabIdSchema,
    /** The name shown to users and offered in templates. */
    label: z.string().min(1),
    /** Other spellings accepted in the Đối tượng column (any case, with or without diacritics). */
    variants: z.array(z.string().min(1)).default([]),
    /** Counts as an individual (needs Chức vụ, đơn vị công tác) rather than a collective. */
    individual: z.boolean().default(false),
  })
  .strict();

/** An award form of the plan's own, beyond the shared tiers (e.g. "Cờ thi đua"). */
const AwardFormSchema = z
  .object({
    /** Id used as key in `tiers`, e.g. "co-thi-dua". Must not be a shared id. */
    id: vocabIdSchema,
    label: z.string().min(1),
    /** Other spellings accepted in the Hình thức đề nghị column; they win over the shared reading. */
    variants: z.array(z.string().min(1)).default([]),
    /**
     * Place among the shared tiers (1 giấy khen xã … 5 huân chương); fractions sit between, e.g. 3.5
     * is above Bằng khen tỉnh and below Bằng khen Thủ tướng. The award tier is the highest rank passed.
     */
    rank: z.number().positive(),
  })
  .strict();

/** The years the plan covers ("giai đoạn 2021 - 2025"); a row of another year is ineligible. */
const PeriodSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    cite: CitationSchema,
  })
  .strict()
  .refine((p) => p.from <= p.to, '"from" must not be after "to"');

const ColumnDefSchema = z
  .object({
    header: z.string().min(1),
    variants: z.array(z.string()).default([]),
    type: z.enum(['text', 'subject', 'tier', 'round', 'year', 'date', 'level', 'yesno', 'ordinal', 'money', 'percent']),
    scale: z.array(OrdinalValueSchema).optional(),
    hint: z.string().optional(),
  })
  .strict();

export const PlanSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'plan id: lower-case letters, digits and "-"'),
    title: z.string().min(1),
    issuer: z.string().min(1),
    document: z.string().min(1),
    /**
     * Short name of the document, used in every citation users see: "KH Thạch Hà 2022, mục
     * V.1.b•1" (spec §5b). Without it citations use `document`.
     */
    shortName: z.string().min(1).optional(),
    /** The plan's source text file (kept for audits; reports may carry it, users see `shortName`). */
    source: z.object({ file: z.string().min(1) }).strict(),
    /** Where the plan lists its subjects: cited when a row names a subject type the plan lacks. */
    subjectsCite: CitationSchema.optional(),
    /** Where the plan lists its award forms: cited when a row proposes a form the plan lacks. */
    formsCite: CitationSchema.optional(),
    /** The years the plan covers; a row whose year is outside is ineligible with that reason. */
    period: PeriodSchema.optional(),
    /**
     * The years of this plan's sơ kết and tổng kết (2021–2025 plans: 2023, 2025; 2026–2030: 2028,
     * 2030). Only a plan that awards in those rounds needs them.
     */
    // Each round's year is needed only if the plan awards in that round (a plan may hold tổng kết alone).
    roundYears: z.object({ 'so-ket': z.number().int().optional(), 'tong-ket': z.number().int().optional(), cite: CitationSchema }).strict().optional(),
    /** The plan's own ordinal scales (replace the shared scale of the column for this plan). */
    scales: z.array(ScaleSchema).default([]),
    /** Subject types of the plan's own, beyond spec §3 (key them in `subjects`). */
    subjectTypes: z.array(SubjectTypeSchema).default([]),
    /** Award forms of the plan's own, beyond spec §3 (give each a rule in `tiers`). */
    awardForms: z.array(AwardFormSchema).default([]),
    general: ExprSchema.optional(),
    notices: z.array(NoticeSchema).default([]),
    /**
     * The rule for each award form: the five shared tiers (a tier left out is "none": the plan does
     * not provide it) and each of the plan's own `awardForms`.
     */
    tiers: z
      .object(
        Object.fromEntries(TIER_IDS.map((t) => [t, TierRuleSchema.default({ kind: 'none' })])) as Record<
          StandardTierId,
          z.ZodDefault<typeof TierRuleSchema>
        >,
      )
      .catchall(TierRuleSchema),
    deadlines: z.array(DeadlineSchema).default([]),
    /** Criteria per subject type: shared ids (spec §3) or the plan's own `subjectTypes`. */
    subjects: z.record(SubjectSchema, SubjectRuleSchema),
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

interface RawIssue {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: RawIssue[][];
}

/**
 * A union (leaf or group; own criteria or judgedAs) that fails reports "Invalid input" at its top:
 * say instead what is wrong in the branch the author most likely meant (the one with fewest issues).
 */
function plainIssues(issue: RawIssue, base: PropertyKey[]): PlanIssue[] {
  const here = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    if (best.length) return best.flatMap((i) => plainIssues(i, here));
  }
  return [{ path: here.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }];
}

/** Validate a parsed plan file: shape first, then references (columns, scale values, judgedAs). */
export function validatePlan(data: unknown): PlanResult {
  // Reserved keys and runaway nesting are refused before zod (and its recursion) sees the data.
  const guarded = guardPlanData(data);
  if (guarded.length) return { ok: false, issues: guarded };
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((i) => plainIssues(i, [])) };
  }
  const plan = parsed.data;
  const issues: PlanIssue[] = [];
  checkVocabulary(plan, issues);
  issues.push(...planTraps(plan));
  const registry = planRegistry(plan, issues);
  const knownSubject = (id: string): boolean => isStandardSubject(id) || plan.subjectTypes.some((t) => t.id === id);
  const checkScope = (scope: Scope | undefined, path: (string | number)[]): void => {
    scope?.subjects?.forEach((id, i) => {
      if (!knownSubject(id)) issues.push({ path: [...path, 'appliesTo', 'subjects', i], message: `unknown subject type "${id}"` });
    });
  };
  const checkExpr = (e: Expr, path: (string | number)[]): void => {
    checkScope(e.appliesTo, path);
    if ('column' in e) checkLeaf(e, path, registry, issues);
    else {
      const key = e.all ? 'all' : 'any';
      (e.all ?? e.any ?? []).forEach((c, i) => checkExpr(c, [...path, key, i]));
    }
  };
  if (plan.general) checkExpr(plan.general, ['general']);
  for (const [subject, rule] of Object.entries(plan.subjects)) {
    if (!knownSubject(subject)) {
      issues.push({ path: ['subjects', subject], message: `unknown subject type "${subject}": use a shared id or declare it in "subjectTypes"` });
    }
    if ('criteria' in rule) checkExpr(rule.criteria, ['subjects', subject, 'criteria']);
    else {
      const target = plan.subjects[rule.judgedAs];
      if (!target || !('criteria' in target)) {
        issues.push({ path: ['subjects', subject, 'judgedAs'], message: `"${rule.judgedAs}" has no criteria of its own in this plan` });
      }
    }
  }
  plan.deadlines.forEach((d, i) =>
    d.tiers.forEach((t, j) => {
      if (!(t in plan.tiers)) issues.push({ path: ['deadlines', i, 'tiers', j], message: `unknown award form "${t}"` });
    }),
  );
  checkFormCriteria(plan, knownSubject, checkExpr, issues);
  checkUniqueIds(plan, issues);
  return issues.length ? { ok: false, issues } : { ok: true, plan, registry };
}

/** The plan's own subject types and award forms: new ids, each award form with its rule. */
function checkVocabulary(plan: Plan, issues: PlanIssue[]): void {
  const seen = new Set<string>();
  plan.subjectTypes.forEach((t, i) => {
    if (isStandardSubject(t.id) || seen.has(t.id)) issues.push({ path: ['subjectTypes', i, 'id'], message: `subject type id "${t.id}" is already used` });
    seen.add(t.id);
  });
  plan.awardForms.forEach((f, i) => {
    if (isStandardTier(f.id) || seen.has(f.id)) issues.push({ path: ['awardForms', i, 'id'], message: `award form id "${f.id}" is already used` });
    seen.add(f.id);
    if (!(f.id in plan.tiers)) issues.push({ path: ['tiers', f.id], message: `award form "${f.id}" has no rule in "tiers"` });
  });
  for (const key of Object.keys(plan.tiers)) {
    if (!isStandardTier(key) && !plan.awardForms.some((f) => f.id === key)) {
      issues.push({ path: ['tiers', key], message: `unknown award form "${key}": declare it in "awardForms"` });
    }
  }
  // Round years outside the period: plan-traps.ts.
  const ry = plan.roundYears;
  // A plan that awards only yearly needs no sơ kết or tổng kết year; one that names a round needs its year.
  for (const round of ['so-ket', 'tong-ket'] as const) {
    const used = ry?.[round] === undefined ? roundsUsed(plan).find(([, r]) => r === round) : undefined;
    if (used) issues.push({ path: used[0], message: `the plan awards at ${round}: give that round's year ("roundYears")` });
  }
}

/** Every round the plan names, with where it names it. */
function roundsUsed(plan: Plan): [(string | number)[], RoundId][] {
  const out: [(string | number)[], RoundId][] = [];
  for (const [tier, rule] of Object.entries(plan.tiers)) {
    if (rule.kind === 'none') continue;
    rule.rounds.forEach((r, i) => out.push([['tiers', tier, 'rounds', i], r]));
    if (rule.kind === 'evaluated') rule.notices?.forEach((n, k) => n.rounds?.forEach((r, i) => out.push([['tiers', tier, 'notices', k, 'rounds', i], r])));
  }
  plan.deadlines.forEach((d, k) => d.rounds.forEach((r, i) => out.push([['deadlines', k, 'rounds', i], r])));
  return out;
}

/** Each form's own criteria: subjects the plan judges itself, a replaced id their criteria hold. */
function checkFormCriteria(
  plan: Plan,
  knownSubject: (id: string) => boolean,
  checkExpr: (e: Expr, path: (string | number)[]) => void,
  issues: PlanIssue[],
): void {
  for (const [tier, rule] of Object.entries(plan.tiers)) {
    if (rule.kind !== 'evaluated') continue;
    rule.criteria?.forEach((fc, k) => {
      const path = ['tiers', tier, 'criteria', k];
      const own = Object.entries(plan.subjects).filter(([, r]) => 'criteria' in r).map(([s]) => s);
      fc.subjects?.forEach((s, i) => {
        if (!knownSubject(s)) issues.push({ path: [...path, 'subjects', i], message: `unknown subject type "${s}"` });
        else if (!own.includes(s)) issues.push({ path: [...path, 'subjects', i], message: `"${s}" has no criteria of its own in this plan` });
      });
      if (fc.replaces !== undefined) {
        for (const s of fc.subjects ?? own) {
          const r = plan.subjects[s];
          const trees = [plan.general, r && 'criteria' in r ? r.criteria : undefined];
          if (r && 'criteria' in r && !trees.some((t) => t && findExpr(t, fc.replaces as string))) {
            issues.push({ path: [...path, 'replaces'], message: `criterion "${fc.replaces}" is not among the criteria of "${s}"` });
            break;
          }
        }
      }
      checkExpr(fc.criteria, [...path, 'criteria']);
    });
  }
}

/** The criterion or group of that id within a tree. */
export function findExpr(e: Expr, id: string): Expr | undefined {
  if (e.id === id) return e;
  if ('column' in e) return undefined;
  for (const m of e.all ?? e.any ?? []) {
    const hit = findExpr(m, id);
    if (hit) return hit;
  }
  return undefined;
}

/** Standard columns, the plan's own columns, then the plan's own scales over either. */
export function planRegistry(plan: Plan, issues: PlanIssue[] = []): ColumnRegistry {
  const base = buildRegistry(plan.columns as ColumnDef[]);
  if (!plan.scales.length) return base;
  const map = new Map(base);
  plan.scales.forEach((s, i) => {
    const def = map.get(s.column);
    if (!def) issues.push({ path: ['scales', i, 'column'], message: `unknown column "${s.column}"` });
    else if (def.type !== 'ordinal') issues.push({ path: ['scales', i, 'column'], message: `"${s.column}" is a ${def.type} column, not a scale` });
    else map.set(s.column, { ...def, scale: s.values });
  });
  return map;
}

/** The column types each test can answer (also what the guide sheet says a criterion means). */
export const OP_COLUMN_TYPES: Record<Test['op'], readonly ColumnDef['type'][]> = {
  yes: ['yesno'],
  no: ['yesno'],
  atLeast: ['ordinal', 'level'],
  min: ['money', 'percent', 'year'],
  more: ['money', 'percent', 'year'],
  less: ['money', 'percent', 'year'],
  max: ['money', 'percent', 'year'],
  notAfter: ['year'],
  atLeastColumn: ['money', 'percent', 'year'],
};

function checkLeaf(leaf: Leaf, path: (string | number)[], registry: ColumnRegistry, issues: PlanIssue[]): void {
  const def = registry.get(leaf.column);
  if (!def) {
    issues.push({ path: [...path, 'column'], message: `unknown column "${leaf.column}": use a standard header or declare it in "columns"` });
    return;
  }
  if (!OP_COLUMN_TYPES[leaf.test.op].includes(def.type)) {
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
  for (const [tier, rule] of Object.entries(plan.tiers)) {
    if (rule.kind === 'evaluated') rule.criteria?.forEach((fc, k) => visit(fc.criteria, ['tiers', tier, 'criteria', k, 'criteria']));
  }
}

export type { LevelId, RoundId, SubjectId, TierId };
