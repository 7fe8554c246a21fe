/**
 * Which catalogue entry a nominee's subject and award form are written as, in a management
 * system's import template (issue 21). An entry is written only when
 *  - it is the list's own name (case, diacritics, punctuation and abbreviations aside), or
 *  - the plan determines it: the award form the plan's rule names (its `catalogueName`, else its
 *    label matched by catalogue-match), or
 *  - the office's mapping chooses it (one choice per distinct value of the lists).
 * Anything else is blocked with the value, the catalogue's candidates and why: never guessed.
 * A mapping choice that is not an entry of this catalogue (a newer template) is stale: reported,
 * never used. Pure: the command line and the pane share it.
 */
import { catalogueKey, entryNamed, matchCatalogue } from './catalogue-match';
import type { Plan, TierRule } from './plan-schema';

export type MappingKind = 'subject' | 'award';

export const MAPPING_KIND_LABELS: Record<MappingKind, string> = {
  subject: 'Phân loại đối tượng',
  award: 'Hình thức khen thưởng',
};

/** One choice of the office: a value as the lists write it → the catalogue entry it goes under. */
export interface MappingChoice {
  kind: MappingKind;
  value: string;
  choice: string;
}

export type Resolution =
  | { name: string; by: 'list' | 'plan' | 'mapping' }
  | { blocked: true; kind: MappingKind; value: string; candidates: string[]; why: string };

export interface Catalogues {
  subject: readonly string[];
  award: readonly string[];
}

/** The office's choices, by kind and value; stale ones (not in this catalogue) set apart. */
export interface MappingIndex {
  get(kind: MappingKind, value: string): string | undefined;
  stale: MappingChoice[];
  /** Choices used, with the rows each carried (filled in by `resolve…`). */
  used: Map<string, { choice: MappingChoice; rows: number }>;
}

function mapKey(kind: MappingKind, value: string): string {
  return `${kind}\u0000${catalogueKey(value)}`;
}

export function indexMapping(choices: readonly MappingChoice[], catalogues: Catalogues): MappingIndex {
  const ok = new Map<string, MappingChoice>();
  const stale: MappingChoice[] = [];
  for (const c of choices) {
    if (!c.choice.trim() || !c.value.trim()) continue;
    const entry = catalogues[c.kind].find((e) => e === c.choice.trim()) ?? entryNamed(c.choice, catalogues[c.kind]);
    if (entry === undefined) stale.push(c);
    else ok.set(mapKey(c.kind, c.value), { ...c, choice: entry });
  }
  const used = new Map<string, { choice: MappingChoice; rows: number }>();
  return {
    get(kind, value) {
      const key = mapKey(kind, value);
      const c = ok.get(key);
      if (!c) return undefined;
      const u = used.get(key) ?? { choice: c, rows: 0 };
      u.rows++;
      used.set(key, u);
      return c.choice;
    },
    stale,
    used,
  };
}

export const NO_MAPPING: MappingIndex = { get: () => undefined, stale: [], used: new Map() };

/** The plan's rule for an award form, when it names one (not "none"). */
export function tierRuleOf(plan: Plan, tier: string | null): Extract<TierRule, { label: string }> | undefined {
  if (tier === null) return undefined;
  const rule = (plan.tiers as Record<string, TierRule | undefined>)[tier];
  return rule && rule.kind !== 'none' ? rule : undefined;
}

/** What the plan makes of an award form against the catalogue (also the table of the plans' test). */
export function planAward(plan: Plan, tier: string | null, entries: readonly string[]): { name: string; how: string } | { problem: string; candidates: string[]; label?: string } {
  const rule = tierRuleOf(plan, tier);
  if (!rule) return { problem: 'kế hoạch không có quy định cho hình thức này', candidates: [] };
  if (rule.catalogueName) {
    const name = entryNamed(rule.catalogueName, entries);
    return name !== undefined
      ? { name, how: 'catalogueName' }
      : { problem: `tên trong danh mục kế hoạch ghi (“${rule.catalogueName}”) không có trong danh mục của mẫu nhập`, candidates: [], label: rule.label };
  }
  const m = matchCatalogue(rule.label, entries);
  if ('name' in m) return { name: m.name, how: m.how };
  return {
    problem:
      m.problem === 'several'
        ? `hình thức kế hoạch ghi “${rule.label}” ứng với nhiều mục của danh mục`
        : `hình thức kế hoạch ghi “${rule.label}” không có mục nào trong danh mục ứng đúng (cấp, hạng, người ký)`,
    candidates: m.candidates,
    label: rule.label,
  };
}

/** The award form's entry: the list's own name, else the plan's, else the office's choice. */
export function resolveAward(plan: Plan, written: string, tier: string | null, entries: readonly string[], mapping: MappingIndex): Resolution {
  const own = written ? entryNamed(written, entries) : undefined;
  if (own !== undefined) return { name: own, by: 'list' };
  const byPlan = planAward(plan, tier, entries);
  if ('name' in byPlan) return { name: byPlan.name, by: 'plan' };
  const value = written || byPlan.label || '';
  const chosen = value ? mapping.get('award', value) : undefined;
  if (chosen !== undefined) return { name: chosen, by: 'mapping' };
  const candidates = byPlan.candidates.length ? byPlan.candidates : matchCandidates(value, entries);
  return { blocked: true, kind: 'award', value, candidates, why: `${byPlan.problem}; chọn một lần trong tệp đối chiếu danh mục` };
}

/** The subject's entry: the list's own name, else the office's choice (the plan does not decide it). */
export function resolveSubject(written: string, entries: readonly string[], mapping: MappingIndex): Resolution {
  const own = written ? entryNamed(written, entries) : undefined;
  if (own !== undefined) return { name: own, by: 'list' };
  const chosen = written ? mapping.get('subject', written) : undefined;
  if (chosen !== undefined) return { name: chosen, by: 'mapping' };
  return {
    blocked: true,
    kind: 'subject',
    value: written,
    candidates: [...entries],
    why: written ? 'danh mục của mẫu nhập không có tên này; mục nào dùng cho nó là lựa chọn của đơn vị: chọn một lần trong tệp đối chiếu danh mục' : 'danh sách không ghi đối tượng',
  };
}

function matchCandidates(value: string, entries: readonly string[]): string[] {
  const m = matchCatalogue(value, entries);
  return 'candidates' in m ? m.candidates : [];
}

/** One row of the mapping file: a distinct unresolved value, the entries to choose from, the rows it blocked. */
export interface MappingRow {
  kind: MappingKind;
  value: string;
  choice: string;
  candidates: string[];
  rows: string[];
}

/** Collects blocked values, one row per distinct value (by kind), in first-seen order. */
export class MappingRows {
  private readonly rows = new Map<string, MappingRow>();

  add(kind: MappingKind, value: string, candidates: readonly string[], where: string, choice = ''): void {
    if (!value) return;
    const key = mapKey(kind, value);
    const row = this.rows.get(key) ?? { kind, value, choice, candidates: [...candidates], rows: [] };
    if (where) row.rows.push(where);
    this.rows.set(key, row);
  }

  has(kind: MappingKind, value: string): boolean {
    return this.rows.has(mapKey(kind, value));
  }

  list(): MappingRow[] {
    return [...this.rows.values()];
  }
}
