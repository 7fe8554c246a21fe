/**
 * Plan → the tables of the plan workbook: one table per block, rows of cell values in the order of
 * the block's columns. Pure; the xlsx writer and the add-in's "insert a plan sheet" lay them out.
 */
import type { Citation, Expr, Plan, SubjectRule, TierRule } from '../plan-schema';
import { TIER_IDS, type SubjectId, type TierId } from '../vocabulary';
import {
  BLOCKS,
  COLUMN_TYPE_CHOICES,
  GENERAL_SUBJECT,
  INFO_FIELDS,
  KIND_CHOICES,
  LEVEL_CHOICES,
  LIST_SEPARATOR,
  OP_CHOICES,
  ROUND_CHOICES,
  SUBJECT_CHOICES,
  TIER_CHOICES,
  TIER_KIND_CHOICES,
  labelOf,
  ownVocabulary,
  type BlockKey,
  type BlockSpec,
  type BookValue,
  type InfoKey,
} from './format';

export interface BookTable {
  block: BlockSpec;
  rows: BookValue[][];
  /** Per row, the nesting depth shown as indentation of the "Nội dung" cell (criteria only). */
  depth?: number[];
}

type Row = Partial<Record<string, BookValue>>;

const rounds = (ids: readonly string[] | undefined): BookValue => (ids ? ids.map((r) => labelOf(ROUND_CHOICES, r)).join(LIST_SEPARATOR) : null);
const cite = (c: Citation | undefined): Row => (c ? { ref: c.ref, quote: c.quote } : {});

export function planToTables(plan: Plan): BookTable[] {
  const own = ownVocabulary(plan);
  const subjectLabel = (id: string): string => labelOf([...SUBJECT_CHOICES, ...own.subjects], id);
  const tierLabel = (id: string): string => labelOf([...TIER_CHOICES, ...own.tiers], id);
  const list = (xs: readonly string[] | undefined): BookValue => (xs && xs.length ? xs.join(LIST_SEPARATOR) : null);
  const tables = new Map<BlockKey, { rows: Row[]; depth?: number[] }>(BLOCKS.map((b) => [b.key, { rows: [] }]));
  const add = (key: BlockKey, row: Row) => (tables.get(key) as { rows: Row[] }).rows.push(row);

  const info: Record<InfoKey, BookValue> = {
    id: plan.id,
    title: plan.title,
    issuer: plan.issuer,
    document: plan.document,
    shortName: plan.shortName ?? null,
    source: plan.source.file,
    periodFrom: plan.period?.from ?? null,
    periodTo: plan.period?.to ?? null,
    periodRef: plan.period?.cite.ref ?? null,
    periodQuote: plan.period?.cite.quote ?? null,
    subjectsRef: plan.subjectsCite?.ref ?? null,
    subjectsQuote: plan.subjectsCite?.quote ?? null,
    formsRef: plan.formsCite?.ref ?? null,
    formsQuote: plan.formsCite?.quote ?? null,
    soKet: plan.roundYears?.['so-ket'] ?? null,
    tongKet: plan.roundYears?.['tong-ket'] ?? null,
    roundRef: plan.roundYears?.cite.ref ?? null,
    roundQuote: plan.roundYears?.cite.quote ?? null,
  };
  for (const f of INFO_FIELDS) add('info', { field: f.label, value: info[f.key] });
  for (const t of plan.subjectTypes) add('subjectTypes', { id: t.id, label: t.label, variants: list(t.variants), individual: t.individual ? 'Có' : 'Không' });
  for (const f of plan.awardForms) add('awardForms', { id: f.id, label: f.label, variants: list(f.variants), rank: f.rank });

  for (const [subject, rule] of Object.entries(plan.subjects) as [SubjectId, SubjectRule][]) {
    if ('criteria' in rule) add('subjects', { subject: subjectLabel(subject), letter: rule.letter, label: rule.label, ...cite(rule.cite) });
    else add('subjects', { subject: subjectLabel(subject), judgedAs: subjectLabel(rule.judgedAs), reading: rule.reading, ...cite(rule.cite) });
  }

  const criteria = tables.get('criteria') as { rows: Row[]; depth: number[] };
  criteria.depth = [];
  const visit = (e: Expr, parent: string | null, subject: string | null, depth: number, form: Row = {}): void => {
    const base: Row = {
      ...form,
      id: e.id,
      parent,
      subject,
      label: e.label ?? null,
      reading: e.reading ?? null,
      ...cite(e.cite),
      scopeSubjects: e.appliesTo?.subjects ? e.appliesTo.subjects.map(subjectLabel).join(LIST_SEPARATOR) : null,
      scopeLabels: list(e.appliesTo?.labels),
    };
    if ('column' in e) {
      const t = e.test;
      const value = 'value' in t ? t.value : 'column' in t ? t.column : null;
      criteria.rows.push({ ...base, kind: labelOf(KIND_CHOICES, 'leaf'), column: e.column, op: labelOf(OP_CHOICES, t.op), value, notice: e.notice ?? null });
      criteria.depth.push(depth);
      return;
    }
    const key = e.all ? 'all' : 'any';
    criteria.rows.push({ ...base, kind: labelOf(KIND_CHOICES, key) });
    criteria.depth.push(depth);
    for (const m of e.all ?? e.any ?? []) visit(m, e.id, null, depth + 1);
  };
  if (plan.general) visit(plan.general, null, GENERAL_SUBJECT, 0);
  for (const [subject, rule] of Object.entries(plan.subjects) as [SubjectId, SubjectRule][]) {
    if ('criteria' in rule) visit(rule.criteria, null, subjectLabel(subject), 0);
  }
  // Each form's own criteria: a root row naming the form (and what it replaces), after the subjects'.
  for (const [tier, rule] of Object.entries(plan.tiers) as [TierId, TierRule][]) {
    if (rule.kind !== 'evaluated') continue;
    for (const fc of rule.criteria ?? []) {
      visit(fc.criteria, null, fc.subjects ? fc.subjects.map(subjectLabel).join(LIST_SEPARATOR) : null, 0, { tier: tierLabel(tier), replaces: fc.replaces ?? null });
    }
  }

  const tierIds = [...TIER_IDS, ...Object.keys(plan.tiers).filter((t) => !(TIER_IDS as readonly string[]).includes(t))];
  for (const tier of tierIds) {
    const rule = plan.tiers[tier] as TierRule;
    const row: Row = { tier: tierLabel(tier), kind: labelOf(TIER_KIND_CHOICES, rule.kind) };
    if (rule.kind === 'none') add('tiers', { ...row, note: rule.note ?? null, ...cite(rule.cite) });
    else {
      add('tiers', {
        ...row,
        label: rule.label,
        document: rule.kind === 'hand-over' ? rule.document : null,
        rounds: rounds(rule.rounds),
        minLevel: rule.kind === 'evaluated' && rule.minLevel ? labelOf(LEVEL_CHOICES, rule.minLevel) : null,
        ...cite(rule.cite),
        roundRef: rule.roundCite?.ref ?? null,
        roundQuote: rule.roundCite?.quote ?? null,
        levelRef: rule.kind === 'evaluated' ? (rule.levelCite?.ref ?? null) : null,
        levelQuote: rule.kind === 'evaluated' ? (rule.levelCite?.quote ?? null) : null,
        reading: rule.reading ?? null,
        notice: rule.notice ?? null,
        catalogueName: rule.catalogueName ?? null,
      });
      if (rule.kind === 'evaluated') {
        for (const n of rule.notices ?? []) add('notices', { tier: tierLabel(tier), rounds: rounds(n.rounds), text: n.text, ...cite(n.cite) });
      }
    }
  }

  for (const d of plan.deadlines) {
    add('deadlines', {
      rounds: rounds(d.rounds),
      tiers: d.tiers.map((t: TierId) => tierLabel(t)).join(LIST_SEPARATOR),
      date: `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}`,
      text: d.text,
      ...cite(d.cite),
    });
  }

  for (const n of plan.notices) add('notices', { text: n.text, ...cite(n.cite) });
  for (const [subject, rule] of Object.entries(plan.subjects) as [SubjectId, SubjectRule][]) {
    if ('criteria' in rule) for (const n of rule.notices ?? []) add('notices', { subject: subjectLabel(subject), text: n.text, ...cite(n.cite) });
  }

  for (const c of plan.columns) {
    add('columns', { header: c.header, variants: list(c.variants), type: labelOf(COLUMN_TYPE_CHOICES, c.type), hint: c.hint ?? null });
    for (const v of c.scale ?? []) add('scales', { column: c.header, rank: v.rank, labels: v.labels.join(LIST_SEPARATOR), offScale: v.offScale ?? null });
  }
  for (const sc of plan.scales) {
    sc.values.forEach((v, i) =>
      add('scales', {
        column: sc.column,
        rank: v.rank,
        labels: v.labels.join(LIST_SEPARATOR),
        offScale: v.offScale ?? null,
        ...(i === 0 ? { reading: sc.reading ?? null, ...cite(sc.cite) } : {}),
      }),
    );
  }

  return BLOCKS.map((block) => {
    const t = tables.get(block.key) as { rows: Row[]; depth?: number[] };
    return { block, rows: t.rows.map((r) => block.columns.map((c) => r[c.key] ?? null)), depth: t.depth };
  });
}
