/**
 * The blank nomination list for a plan (spec §1, "Tạo mẫu"): which columns, in which order, and the
 * choices each enumerated column offers. Renderers (exceljs, Office.js) lay it out with dropdowns.
 */
import { COL, type ColumnDef } from './columns';
import type { CompiledPlan } from './compile';
import type { Expr } from './plan-schema';
import { labelKey } from './values';
import { LEVEL_LABELS_VI, LEVEL_IDS, ROUND_IDS, ROUND_LABELS_VI, SUBJECT_LABELS, isStandardSubject, type SubjectId, type TierId } from './vocabulary';

export interface TemplateColumn {
  header: string;
  type: ColumnDef['type'];
  /** Dropdown choices; absent for free columns. */
  options?: string[];
  width: number;
  /** How to fill the column when the header alone does not say (e.g. a yearly average at sơ kết). */
  note?: string;
}

export interface TemplateModel {
  title: string;
  subtitle: string;
  columns: TemplateColumn[];
}

const GENERAL = [COL.name, COL.subject, COL.unit, COL.proposed, COL.round, COL.year, COL.submitted, COL.level];

export function templateModel(compiled: CompiledPlan, subject?: SubjectId): TemplateModel {
  const { plan, registry } = compiled;
  const headers: string[] = [...GENERAL];
  const add = (h: string) => {
    if (!headers.includes(h)) headers.push(h);
  };
  const visit = (e: Expr): void => {
    if ('column' in e) {
      add(e.column);
      if ('column' in e.test) add(e.test.column);
    } else for (const m of e.all ?? e.any ?? []) visit(m);
  };
  if (subject) {
    const c = compiled.criteria.get(subject);
    // The subject's criteria, and each award form's own for it (a threshold per form).
    if (c) for (const e of [c.expr, ...c.forms.values()]) visit(e);
  } else {
    for (const h of compiled.criterionColumns) add(h);
  }
  add(COL.summary);
  const subjects = [...compiled.criteria.keys()].filter((s) => (subject ? s === subject : true));
  const tiers = compiled.tierOrder.filter((t) => plan.tiers[t].kind !== 'none');
  const columns = headers.map((header): TemplateColumn => {
    const def = registry.get(header) as ColumnDef;
    const column: TemplateColumn = { header, type: def.type, options: optionsFor(def, subjects, tiers, compiled), width: widthFor(def) };
    if (def.hint) column.note = def.hint;
    return column;
  });
  return {
    title: 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
    subtitle: `${plan.title} — ${plan.issuer}`,
    columns,
  };
}

function optionsFor(def: ColumnDef, subjects: readonly SubjectId[], tiers: readonly TierId[], compiled: CompiledPlan): string[] | undefined {
  switch (def.type) {
    case 'subject':
      return subjects.flatMap((s) => {
        const own = compiled.plan.subjectTypes.find((t) => t.id === s);
        const usual = own ? [own.label, ...own.variants].slice(0, 3) : isStandardSubject(s) ? SUBJECT_LABELS[s].slice(0, s === 'co-quan' ? 2 : 3) : [];
        // A criterion scoped to some labels (spec §5b) needs rows that can name them.
        const seen = new Set(usual.map(labelKey));
        const options = [...usual];
        for (const l of scopeLabels(compiled, s)) {
          if (seen.has(labelKey(l))) continue;
          seen.add(labelKey(l));
          options.push(l);
        }
        return options;
      });
    case 'tier':
      return tiers.map((t) => {
        const rule = compiled.plan.tiers[t];
        return rule.kind === 'none' ? compiled.tierName(t) : rule.label;
      });
    case 'round':
      return ROUND_IDS.map((r) => ROUND_LABELS_VI[r]);
    case 'level':
      return LEVEL_IDS.map((l) => LEVEL_LABELS_VI[l]);
    case 'yesno':
      return ['Có', 'Không'];
    case 'ordinal':
      // A value off the plan's scale is still read, but never offered: it can only fail.
      return def.scale?.filter((v) => !v.offScale).map((v) => v.labels[0]);
    default:
      return undefined;
  }
}

/** The scope labels of a subject's criteria that read as that subject, in the plan's order. */
function scopeLabels(compiled: CompiledPlan, subject: SubjectId): string[] {
  const c = compiled.criteria.get(subject);
  if (!c) return [];
  const out: string[] = [];
  const visit = (e: Expr): void => {
    for (const l of e.appliesTo?.labels ?? []) {
      const read = compiled.parseSubject({ value: l });
      if (read.kind === 'value' && read.value === subject) out.push(l);
    }
    if (!('column' in e)) for (const m of e.all ?? e.any ?? []) visit(m);
  };
  for (const e of [c.expr, ...c.forms.values()]) visit(e);
  return [...new Set(out)];
}

function widthFor(def: ColumnDef): number {
  if (def.header === COL.name || def.header === COL.unit || def.header === COL.summary) return 32;
  if (def.type === 'tier') return 30;
  return Math.min(Math.max(12, Math.ceil(def.header.length * 0.6)), 24);
}
