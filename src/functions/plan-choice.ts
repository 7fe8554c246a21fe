/**
 * What a function's `plan` argument names (issue 18). Officials judge one list by their own plan
 * and by the higher plans it hands awards over to, so the argument may name several plans:
 * "thach-ha-2022; Kế hoạch cấp trên" or a one-line range of such names. Each name is a shipped
 * plan's id or the name of a sheet of this workbook laid out as the one-sheet plan workbook (what
 * the pane's "Chèn trang kế hoạch" writes). A two-dimensional range is one plan laid out in place
 * ('Kế hoạch'!A1:K90). Nothing given: the plans chosen in the pane and saved in the workbook.
 *
 * This module only reads the argument; adapter.ts resolves the names (a sheet needs Excel).
 */
import type { CompiledPlan } from '../core/compile';
import { remember } from '../core/memo';
import { planSet, PlanConflictError, type PlanSet } from '../core/plan-set';
import { shippedPlan } from '../plans';
import { optionalText } from './arguments';
import type { AddinSettings } from './settings';

/**
 * ";" between names; "," and line breaks are accepted too (a list typed in one cell). A sheet whose
 * name holds one of them is written in single quotes, as Excel writes it: 'QĐ 3351, Hà Tĩnh'.
 */
const SEPARATORS = ';,\n';
/** More cells in one line than a list of plans would take: a plan book's row, read as a plan range. */
const MAX_NAME_CELLS = 6;

export type PlanArgument =
  /** Nothing given: the pane's saved choice. */
  | { kind: 'saved' }
  /** A range laid out as the one-sheet plan workbook. */
  | { kind: 'range'; rows: unknown[][] }
  /** Plan ids or plan sheet names, the list's own plan first. */
  | { kind: 'names'; names: string[] };

/** A cell's text; an empty cell (Excel passes "" or 0 for it) and an error cell name nothing. */
function cellText(v: unknown): string {
  return optionalText(v) ?? '';
}

function namesIn(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    let name = '';
    let quoted = false;
    for (const ch of t) {
      if (ch === "'") quoted = !quoted;
      if (!quoted && SEPARATORS.includes(ch)) {
        out.push(name);
        name = '';
      } else name += ch;
    }
    out.push(name);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

/** What the argument names; `rows` are the argument's cells (a matrix, or a scalar's one cell). */
export function planArgument(arg: unknown): PlanArgument {
  if (!Array.isArray(arg)) {
    const names = namesIn([cellText(arg)]);
    return names.length ? { kind: 'names', names } : { kind: 'saved' };
  }
  const rows = (arg as unknown[]).map((r) => (Array.isArray(r) ? (r as unknown[]) : [r]));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const cells = rows.flat();
  const oneLine = rows.length === 1 || width === 1;
  if (!oneLine || cells.length > MAX_NAME_CELLS) return { kind: 'range', rows };
  const names = namesIn(cells.map(cellText));
  return names.length ? { kind: 'names', names } : { kind: 'saved' };
}

/**
 * The pane's saved plans: the list's own, then the higher one. Without the list's own plan there is
 * none: a higher plan never stands in as the list's plan (the pane's own plan may be one the
 * functions cannot read, a plan file, and then the cell must say "choose a plan", not judge
 * Giấy khen by the province's plan).
 */
export function savedNames(s: AddinSettings): string[] {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const own = text(s.plan);
  if (!own) return [];
  const higher = text(s.higherPlan);
  return higher ? [own, higher] : [own];
}

/** The shipped plan a name is the id of (ids are matched case-blind), if any. */
export function shippedByName(name: string): CompiledPlan | undefined {
  return shippedPlan(name) ?? shippedPlan(name.toLowerCase());
}

/**
 * The sheet a name points at: "Kế hoạch cấp trên", "'Kế hoạch cấp trên'" or "'Kế hoạch'!A1:K90"
 * (as Excel writes a reference in text) all name their sheet.
 */
export function sheetNameOf(name: string): string {
  const t = name.trim();
  const quoted = /^'((?:[^']|'')+)'(?:!.*)?$/.exec(t);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bang = t.indexOf('!');
  return (bang > 0 ? t.slice(0, bang) : t).trim();
}

/**
 * Cache keys per plan: a shipped plan by its id; any other (read from a range or a sheet) by its
 * object, since an edited plan may keep its id while its columns change.
 */
const planKeys = new WeakMap<object, string>();
let otherPlans = 0;
export function planKey(plan: Pick<CompiledPlan, 'plan'>): string {
  if (shippedPlan(plan.plan.id) === plan) return plan.plan.id;
  let key = planKeys.get(plan);
  if (!key) planKeys.set(plan, (key = `\u0001plan${++otherPlans}`));
  return key;
}

const sets = new Map<string, PlanSet>();

/** The plans put together once per list of plans; a conflict (two plans judging one form) is the cell's error. */
export function planSetOf(plans: readonly CompiledPlan[], conflict: (message: string) => Error): PlanSet {
  const key = plans.map(planKey).join('\u0000');
  const hit = sets.get(key);
  if (hit) return hit;
  try {
    return remember(sets, 32, key, planSet(plans));
  } catch (e) {
    if (e instanceof PlanConflictError) throw conflict(e.message);
    throw e;
  }
}

const lookups = new WeakMap<PlanSet, Pick<CompiledPlan, 'registry' | 'plan'>>();

/** What header matching needs of a set: every plan's columns, under one stable object (a cache key). */
export function lookupOf(set: PlanSet): Pick<CompiledPlan, 'registry' | 'plan'> {
  if (set.plans.length === 1) return set.plans[0];
  let hit = lookups.get(set);
  if (!hit) lookups.set(set, (hit = { registry: set.registry, plan: set.plans[0].plan }));
  return hit;
}
