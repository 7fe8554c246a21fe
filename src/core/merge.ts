/**
 * Consolidation (issue 10 §2, "Gộp danh sách"): the nominees of many lists as one submission list —
 * collectives first, then individuals, by unit — with the same nominee proposed twice for the same
 * round and year flagged. Pure, so that the command line and the pane share it.
 */
import type { Cell } from './cell';
import { INDIVIDUAL_SUBJECTS } from './check';
import type { CompiledPlan } from './compile';
import { COL } from './columns';
import type { Decision } from './evaluate';
import { fold } from './text';
import type { SubjectId } from './vocabulary';

/** One nominee of one source list, its cells keyed by standard header. */
export interface MergeItem {
  /** Source file as shown to the user (its name), sheet and Excel row. */
  file: string;
  sheet: string;
  row: number;
  /** The unit the summary counts it under (unitOf). */
  unit: string | null;
  cells: ReadonlyMap<string, Cell>;
  decision: Pick<Decision, 'name' | 'subject' | 'round' | 'year'>;
  /** The plan that judged the row: its own subject types say which are persons (a plan's "Đoàn viên"). */
  plan?: Pick<CompiledPlan, 'individualSubjects'>;
}

/** Headers of the columns the merged list adds, none of them a standard header or variant. */
export const MERGE_HEADERS = {
  file: 'Tệp nguồn',
  sheet: 'Trang tính nguồn',
  row: 'Dòng nguồn',
  unit: 'Thuộc đơn vị',
  duplicate: 'Trùng lặp',
} as const;

export type Group = 'collective' | 'individual' | 'unknown';

/** Collective or individual: the shared types, and a plan's own types it marks as persons. */
export function groupOf(subject: SubjectId | null, plan?: Pick<CompiledPlan, 'individualSubjects'>): Group {
  if (subject === null) return 'unknown';
  return INDIVIDUAL_SUBJECTS.includes(subject) || plan?.individualSubjects.has(subject) ? 'individual' : 'collective';
}

const GROUP_ORDER: Record<Group, number> = { collective: 0, individual: 1, unknown: 2 };

/** Section titles of a submission list; rows read them as sections, not nominees. */
export const GROUP_TITLES: Record<Group, [string, string]> = {
  collective: ['I', 'TẬP THỂ'],
  individual: ['II', 'CÁ NHÂN'],
  unknown: ['III', 'CHƯA XÁC ĐỊNH ĐỐI TƯỢNG'],
};

/** Names and units compared without case, diacritics, punctuation or spacing. */
export function identityText(s: string | null | undefined): string {
  return fold(s ?? '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function textOf(cell: Cell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return '';
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Who a nominee is, for duplicates: a person or household by name and unit (two people of the same
 * name in different units are different people); a collective by its name alone. Null without a name.
 */
export function identityKey(item: MergeItem): string | null {
  const name = identityText(item.decision.name ?? textOf(item.cells.get(COL.name)));
  if (!name) return null;
  const group = groupOf(item.decision.subject, item.plan);
  const unit = group === 'collective' ? '' : identityText(textOf(item.cells.get(COL.unit)));
  const { round, year } = item.decision;
  return `${round ?? ''}|${year ?? ''}|${group === 'collective' ? 'C' : 'P'}|${name}|${unit}`;
}

/** "b.xlsx, dòng 7" — with the sheet when both are in one file on different sheets (the pane's case). */
export function occurrenceText(item: Pick<MergeItem, 'file' | 'sheet' | 'row'>, from?: Pick<MergeItem, 'file' | 'sheet'>): string {
  const sheet = from && from.file === item.file && from.sheet !== item.sheet ? `, trang ${item.sheet}` : '';
  return `${item.file}${sheet}, dòng ${item.row}`;
}

/** Other occurrences named in one "Trùng lặp" cell; the rest are counted ("và N nơi khác"). */
export const DUPLICATES_NAMED = 3;

/**
 * "Trùng với a.xlsx, dòng 5; b.xlsx, dòng 7; … và 12 nơi khác": the first few other occurrences in
 * list order, then a count, so a nominee proposed by every unit stays one readable cell (and under
 * Excel's 32,767 characters per cell) in the command line's list and the pane's sheet alike.
 */
export function duplicateText(others: readonly string[], total = others.length): string {
  const named = others.slice(0, DUPLICATES_NAMED);
  const rest = total - named.length;
  return `Trùng với ${named.join('; ')}${rest > 0 ? ` và ${rest} nơi khác` : ''}`;
}

/** For each item (same index), the other occurrences of the same nominee in the same round and year. */
export function findDuplicates(items: readonly MergeItem[]): string[] {
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = identityKey(item);
    if (key === null) return;
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  const out = items.map(() => '');
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    for (const i of list) {
      // Only the named ones are built: linear in the group, not quadratic, however many units repeat a name.
      const named: string[] = [];
      for (const j of list) {
        if (named.length === DUPLICATES_NAMED) break;
        if (j !== i) named.push(occurrenceText(items[j], items[i]));
      }
      out[i] = duplicateText(named, list.length - 1);
    }
  }
  return out;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Submission order: collectives, then individuals (then rows whose subject is unknown); by unit, file, row. */
export function submissionOrder(a: MergeItem, b: MergeItem): number {
  const g = GROUP_ORDER[groupOf(a.decision.subject, a.plan)] - GROUP_ORDER[groupOf(b.decision.subject, b.plan)];
  if (g) return g;
  // A nominee without a unit goes after those with one.
  const ua = a.unit ?? '';
  const ub = b.unit ?? '';
  if (!ua !== !ub) return ua ? -1 : 1;
  return collator.compare(ua, ub) || collator.compare(a.file, b.file) || a.row - b.row;
}

/** The merged list as a table, whichever writer lays it out (exceljs file, Office.js range). */
export interface MergedTable {
  header: string[];
  /** Section rows ("I" / "TẬP THỂ") and nominee rows, in order; null = empty cell. */
  rows: (Cell | null)[][];
  /** The nominees in submission order, with rows[rowOf[i]] holding items[i]. */
  items: MergeItem[];
  rowOf: number[];
  /** "Trùng với …" per item, '' when none. */
  duplicates: string[];
}

/**
 * Every nominee of the given lists as one table: STT, the standard columns used by any list (in
 * the given order), the source columns and "Trùng lặp"; collectives then individuals, by unit.
 */
export function mergedTable(given: readonly MergeItem[], headers: readonly string[]): MergedTable {
  const items = [...given].sort(submissionOrder);
  const duplicates = findDuplicates(items);
  const header = ['STT', ...headers, MERGE_HEADERS.file, MERGE_HEADERS.sheet, MERGE_HEADERS.row, MERGE_HEADERS.unit, MERGE_HEADERS.duplicate];
  const nameAt = header.indexOf(COL.name);
  const text = (v: string | number | null): Cell | null => (v === null || v === '' ? null : { value: v });
  const rows: (Cell | null)[][] = [];
  const rowOf: number[] = [];
  let group: Group | undefined;
  items.forEach((item, i) => {
    const g = groupOf(item.decision.subject, item.plan);
    if (g !== group) {
      group = g;
      const section: (Cell | null)[] = header.map(() => null);
      section[0] = { value: GROUP_TITLES[g][0] };
      if (nameAt > 0) section[nameAt] = { value: GROUP_TITLES[g][1] };
      rows.push(section);
    }
    const cells = headers.map((h) => {
      const c = item.cells.get(h);
      return c && c.value !== null ? c : null;
    });
    rowOf[i] = rows.length;
    rows.push([{ value: rowOf.length }, ...cells, text(item.file), text(item.sheet), text(item.row), text(item.unit), text(duplicates[i])]);
  });
  return { header, rows, items, rowOf, duplicates };
}
