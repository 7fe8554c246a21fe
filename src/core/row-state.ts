/**
 * The state one row's judgement reads and records, allocated once per plan and reused row after
 * row (the engine is synchronous), and the row itself as the evaluator sees it: by standard header,
 * or by position when the row is a RowView over a sheet row.
 */
import { EMPTY_CELL, type Cell, type Parsed } from './cell';
import { COL } from './columns';
import type { CompiledPlan } from './compile';
import type { RowInput, UnreadableValue } from './decision';
import { programOf, type Program } from './program';
import { cellText, parseCell } from './values';

/**
 * A sheet row seen by standard header: the row's cells and the 1-based sheet column of each header
 * (core/check rowInput). The evaluator recognises it and reads its cells by position.
 */
export class RowView implements RowInput {
  constructor(
    readonly cells: readonly Cell[],
    readonly columns: Readonly<Record<string, number>>,
  ) {}

  get(header: string): Cell | undefined {
    const col = this.columns[header];
    return col === undefined ? undefined : this.cells[col - 1];
  }
}

/** The general columns every row is read for, by position in a program's header list. */
export const GENERAL = [COL.name, COL.subject, COL.proposed, COL.unit, COL.round, COL.submitted, COL.year, COL.level] as const;
export const H_NAME = 0;
export const H_SUBJECT = 1;
export const H_PROPOSED = 2;
export const H_UNIT = 3;
export const H_ROUND = 4;
export const H_SUBMITTED = 5;
export const H_YEAR = 6;
export const H_LEVEL = 7;

const BLANK_IS_NO = { blankIsNo: true } as const;
const BLANK_IS_BLANK = { blankIsNo: false } as const;

/**
 * What one row's evaluation reads and records. Every run reuses its plan's one state (the engine is
 * synchronous), stamping parsed slots with the run's number instead of clearing them; a decision
 * keeps only its own missing and unreadable lists, which each run makes anew.
 */
export class RowState {
  // Fields start with values of the kinds they will hold (a RowView, an object), so that the first
  // row does not change their representation and throw away code already optimised for them.
  row: RowInput = EMPTY_VIEW;
  /** Whether `row` is a RowView: its cells are then gathered by position. */
  positional = false;
  blankIsNo = false;
  missing: string[] = [];
  unreadable: UnreadableValue[] = [];
  gen = 0;
  /** General headers, then each slot's header. */
  readonly headers: readonly string[];
  readonly parsed: Parsed<unknown>[];
  readonly stamp: Int32Array;
  readonly results: Int8Array;
  /** Per form tree (Program.formTrees): the run that evaluated it on this row, and its verdict. */
  readonly formStamp: Int32Array;
  readonly formResult: Int8Array;
  /** 0-based sheet column of each header for the last RowView's layout (-1: not in the sheet). */
  private readonly at: Int32Array;
  /**
   * The RowView's cell of each header, gathered when the row starts. Readers' rows come packed or
   * holey (and one reader's rows turn holey once its code is optimised); reading them only here
   * keeps the judgement's own loads on one array shape, so it is not thrown away and recompiled.
   */
  private readonly gathered: (Cell | undefined)[];
  private layout: Readonly<Record<string, number>> = EMPTY_VIEW.columns;

  constructor(
    readonly plan: CompiledPlan,
    readonly program: Program,
  ) {
    this.headers = [...GENERAL, ...program.slots.map((s) => s.header)];
    this.parsed = new Array<Parsed<unknown>>(program.slots.length);
    this.stamp = new Int32Array(program.slots.length);
    this.results = new Int8Array(program.nodes);
    this.formStamp = new Int32Array(program.formTrees);
    this.formResult = new Int8Array(program.formTrees);
    this.at = new Int32Array(this.headers.length);
    this.gathered = new Array<Cell | undefined>(this.headers.length).fill(undefined);
  }

  start(row: RowInput, blankIsNo: boolean): void {
    this.row = row;
    if (row instanceof RowView) {
      this.positional = true;
      if (row.columns !== this.layout) {
        // A list's rows share one header match: the positions are worked out once per list.
        this.layout = row.columns;
        for (let h = 0; h < this.headers.length; h++) {
          const col = row.columns[this.headers[h]];
          this.at[h] = col === undefined ? -1 : col - 1;
        }
      }
      const cells = row.cells;
      for (let h = 0; h < this.gathered.length; h++) {
        const col = this.at[h];
        this.gathered[h] = col < 0 || col >= cells.length ? undefined : cells[col];
      }
    } else this.positional = false;
    this.blankIsNo = blankIsNo;
    this.missing = [];
    this.unreadable = [];
    // Wrapping after 2³¹ rows only needs the stamps cleared once.
    if (++this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.formStamp.fill(0);
      this.gen = 1;
    }
  }

  cell(h: number): Cell | undefined {
    return this.positional ? this.gathered[h] : this.row.get(this.headers[h]);
  }

  /** Parse a general column; remembers unreadable values once, whatever asks for them. */
  read<T>(h: number, parse: (c: Cell) => Parsed<T>): Parsed<T> {
    // Every parser reads a blank cell as blank, never unreadable: no separate blank test first.
    const parsed = parse(this.cell(h) ?? EMPTY_CELL);
    return parsed.kind === 'unreadable' ? this.noted(this.headers[h], parsed) : parsed;
  }

  private noted<T>(column: string, parsed: Parsed<T>): Parsed<T> {
    if (parsed.kind === 'unreadable' && !this.unreadable.some((u) => u.column === column)) {
      this.unreadable.push({ column, raw: parsed.raw, expected: parsed.expected });
    }
    return parsed;
  }

  /** A criterion column, parsed once per row however many criteria read it. */
  slot(i: number): Parsed<unknown> {
    if (this.stamp[i] === this.gen) return this.parsed[i];
    const { header, def } = this.program.slots[i];
    const p = parseCell(this.cell(GENERAL.length + i) ?? EMPTY_CELL, def, this.blankIsNo ? BLANK_IS_NO : BLANK_IS_BLANK);
    if (p.kind === 'unreadable') this.noted(header, p);
    this.parsed[i] = p;
    this.stamp[i] = this.gen;
    return p;
  }

  text(h: number): string {
    const cell = this.cell(h);
    return cell ? cellText(cell) : '';
  }

  slotText(i: number): string {
    return this.text(GENERAL.length + i);
  }

  need(column: string): void {
    if (!this.missing.includes(column)) this.missing.push(column);
  }
}

const EMPTY_VIEW = new RowView([EMPTY_CELL], {});

const states = new WeakMap<CompiledPlan, RowState>();

export function stateFor(compiled: CompiledPlan): RowState {
  let st = states.get(compiled);
  if (!st) {
    st = new RowState(compiled, programOf(compiled));
    states.set(compiled, st);
  }
  return st;
}

