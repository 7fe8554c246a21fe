/**
 * A table row as the engine reads it, shared by the command line, the task pane and the page outside
 * Excel: the row's cells by standard header, its unit, and which subjects are persons. Rows are
 * judged as they stream past by core/plan-set's checkRowsInSet, so a 100,000-row list is never held.
 */
import type { Cell } from './cell';
import type { RowInput } from './evaluate';
import { RowView } from './row-state';
import type { HeaderMatch } from './headers';
import { COL } from './columns';
import { cellText, parseSubject } from './values';
import type { SubjectId } from './vocabulary';

/**
 * The row's cells keyed by the standard header they were mapped to: a view over the sheet row, not
 * a copy (a Map per row cost more than the decision itself on a 10,000-row list).
 */
export function rowInput(cells: readonly Cell[], match: HeaderMatch): RowInput {
  return new RowView(cells, match.columns);
}

export const INDIVIDUAL_SUBJECTS: readonly SubjectId[] = ['can-bo', 'nguoi-lao-dong', 'ho-gia-dinh', 'khac'];

function textAt(cells: readonly Cell[], col: number | undefined): string {
  return col ? cellText(cells[col - 1] ?? { value: null }).trim() : '';
}

/**
 * The unit a row belongs to in the summary (spec §6 "by unit"): its unit column; a commune,
 * village or agency without one is its own unit; an individual without one has none.
 */
export function unitOf(cells: readonly Cell[], match: HeaderMatch): string | null {
  const unit = textAt(cells, match.columns[COL.unit]);
  if (unit) return unit;
  const subjectCol = match.columns[COL.subject];
  const subject = subjectCol ? parseSubject(cells[subjectCol - 1] ?? { value: null }) : undefined;
  if (subject?.kind === 'value' && !INDIVIDUAL_SUBJECTS.includes(subject.value)) return textAt(cells, match.columns[COL.name]) || null;
  return null;
}
