/**
 * What a judgement is made of and gives back — the row it reads, the run's context, the decision
 * and its explanation steps — in a module of its own, so that the evaluator and the modules it is
 * built from (steps, criteria tree, deadline, row state) share them without importing each other.
 */
import type { Cell, IsoDate } from './cell';
import type { LevelId, RoundId, SubjectId, TierId } from './vocabulary';

export type Status = 'eligible' | 'ineligible' | 'incomplete' | 'not-covered';

/** A status as the product writes it (cells, sheets, terminal). Here, not in the evaluator, so that writers load without the engine. */
export const STATUS_LABELS_VI: Record<Status, string> = {
  eligible: 'Đủ điều kiện',
  ineligible: 'Không đủ điều kiện',
  incomplete: 'Thiếu thông tin',
  'not-covered': 'Ngoài phạm vi kế hoạch',
};
export type Outcome = 'pass' | 'fail' | 'missing' | 'n/a';

/** "context": where the engine took a value the row does not state (the run's round, Ngày trình's year). */
export type StepKind = 'subject' | 'round' | 'tier' | 'level' | 'group' | 'criterion' | 'column' | 'deadline' | 'notice' | 'context';

export interface Step {
  kind: StepKind;
  /** Criterion id from the plan data, or a fixed id for the engine's own steps ("tier", "round"…). */
  id: string;
  label: string;
  result: Outcome;
  /** What was read from the sheet, as the user typed it. */
  value?: string;
  /** Vietnamese explanation shown to the user. */
  text: string;
  citation: string;
  /** Nesting in the criteria tree, for indentation. */
  depth: number;
}

export interface DeadlineResult {
  status: 'on-time' | 'late' | 'none' | 'missing';
  before: IsoDate | null;
  daysLate: number;
}

export interface UnreadableValue {
  column: string;
  raw: string;
  expected: string;
}

export interface Decision {
  status: Status;
  awardTier: TierId | null;
  name: string | null;
  subject: SubjectId | null;
  proposed: TierId | null;
  round: RoundId | null;
  year: number | null;
  unit: string | null;
  level: LevelId | null;
  missing: string[];
  unreadable: UnreadableValue[];
  deadline: DeadlineResult;
  reasons: Step[];
}

export interface RunContext {
  round?: RoundId;
  year?: number;
  /** A user-given deadline (--deadline, pane setting): applies to every row. */
  deadline?: IsoDate;
  /** Sheets that mark yes with "x" and leave no blank (--blank-is-no). */
  blankIsNo?: boolean;
  /** The day of the check: the default year when neither the run, the row nor Ngày trình gives one. */
  asOf?: IsoDate;
}

/**
 * A row's cells by standard header; a column absent from the sheet is simply not there (= blank).
 * Only `get` is needed, so a view over the sheet row (core/check rowInput) serves without copying.
 */
export type RowInput = Pick<ReadonlyMap<string, Cell>, 'get'>;
