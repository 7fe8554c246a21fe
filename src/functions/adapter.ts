/**
 * What the NTM.* custom functions compute, without Office: functions.ts only forwards Excel's
 * arguments here and turns a FunctionError into a CustomFunctions.Error. Office access (settings,
 * reading a sheet's top rows) comes in through `FunctionsHost`, so tests pass a fake.
 *
 * Caching, so that filling a formula down 10,000 rows costs one sheet read and one detection:
 * - plans are compiled once by `shippedPlan`;
 * - a sheet's first rows are read once per sheet (the promise is shared, so a burst of calls waits
 *   for one read); the header match is kept per sheet, plan and saved mapping — a mapping saved by
 *   the pane changes the key, so it takes effect on the next calculation;
 * - an edit in the header zone of a sheet (reported by the host) drops that sheet's entries; a
 *   failed read or a sheet with no header is never kept, so typing the header in later works;
 * - explicit `headers` ranges are matched once per header text.
 */
import type { Cell } from '../core/cell';
import { rowInput } from '../core/check';
import type { ColumnRegistry } from '../core/columns';
import { COL } from '../core/columns';
import type { CompiledPlan } from '../core/compile';
import { checkRowsInSet, rowPlanFields, type PlanSet } from '../core/plan-set';
import type { BookSheet } from '../core/plan-book/blocks';
import { lookupOf, planArgument, planKey, planSetOf, savedNames, sheetNameOf, shippedByName } from './plan-choice';

/** What header matching reads of the plan(s): their columns, and the first plan's id for cache keys. */
type PlanLookup = Pick<CompiledPlan, 'registry' | 'plan'>;
import { evaluate, type Decision, type RunContext } from '../core/evaluate';
import { detectHeader, type HeaderMatch, type SheetSample } from '../core/headers';
import { remember } from '../core/memo';
import { deadlineText, keyReasons, missingText, PLAN_COLUMN, reasonLines, RESULT_HEADERS, resultCells, sheetNames, tierLabel } from '../core/report';
import { parseRound } from '../core/values';
import { ROUND_IDS, type RoundId } from '../core/vocabulary';
import { SINGLE_SHEET, type BookValue } from '../core/plan-book/format';
import { formatBookError, readPlanBook } from '../core/plan-book/from-tables';
import { PLAN_IDS, shippedPlans } from '../plans';
import { argumentCell, bookValue, matrix, optionalText, parseAddress, type CellAddress } from './arguments';
import type { AddinSettings } from './settings';

/** An Excel error with a message for the cell's error indicator; functions.ts converts it. */
export class FunctionError extends Error {
  constructor(
    readonly code: '#N/A' | '#VALUE!',
    message: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

export interface FunctionsHost {
  /** What the pane saved in this workbook ({} when nothing, or outside Excel). */
  settings(): AddinSettings | Promise<AddinSettings>;
  /**
   * The sheet's first rows (at least the first 60), for header detection. `changed` is to be
   * called with the top row of any later edit on that sheet, so the cache can drop stale headers.
   */
  readSheetTop(sheet: string, changed: (topRow: number) => void): Promise<SheetSample>;
  /**
   * A plan sheet's used range (issue 18: a plan named by its sheet), null when the workbook has no
   * sheet of that name; `watched` when its later edits will reach `changed`.
   */
  readPlanSheet(sheet: string, changed: (topRow: number) => void): Promise<{ sheet: BookSheet; watched: boolean } | null>;
}

/** A sheet named as a plan spans far more cells than any plan could (workbook.ts refuses to read it). */
export class PlanSheetTooLarge extends Error {
  constructor(
    readonly sheet: string,
    readonly rows: number,
    readonly columns: number,
  ) {
    super(`Trang "${sheet}" có ${rows} dòng × ${columns} cột: quá lớn cho một trang kế hoạch; ghi đúng tên trang kế hoạch.`);
    this.name = 'PlanSheetTooLarge';
  }
}

/** How long a plan sheet read where Excel reports no edits (before ExcelApi 1.7) is trusted. */
const UNWATCHED_MS = 2000;

/** Argument addresses as `invocation.parameterAddresses` gives them, one per parameter. */
export type Addresses = readonly (string | null | undefined)[] | undefined;

const EXAMPLE_PLAN = PLAN_IDS[0] ?? 'thach-ha-2022';
/** Custom error messages are cut by Excel; keep them to one readable line. */
const MAX_MESSAGE = 250;

export const MESSAGES = {
  noPlan: `Chưa chọn kế hoạch: chọn trong ngăn NTM (nút "Kiểm tra khen thưởng" trên thẻ Trang đầu/Home), hoặc ghi mã kế hoạch vào công thức, ví dụ =NTM.ELIGIBLE(A7:T7;;"${EXAMPLE_PLAN}"); danh sách mã: =NTM.PLANS().`,
  unknownPlan: (id: string) =>
    `Không có kế hoạch "${id}": không phải mã kế hoạch có sẵn (${PLAN_IDS.join(', ')}; =NTM.PLANS()), cũng không phải tên một trang kế hoạch trong sổ này.`,
  noHeaders:
    'Không biết dòng tiêu đề của dòng này: ghi vùng tiêu đề làm đối số thứ hai, ví dụ =NTM.ELIGIBLE(A7:T7;A$6:T$6).',
  headerNotFound: (where: string) =>
    `Không tìm thấy dòng tiêu đề ${where} (cần cột "${COL.name}" và "${COL.subject}" hoặc "${COL.proposed}"). Ghi vùng tiêu đề làm đối số thứ hai, hoặc ánh xạ cột trong ngăn NTM.`,
  notOneRow: (rows: number) => `Đối số dòng có ${rows} dòng: chọn đúng một dòng của danh sách, ví dụ A7:T7.`,
  aboveData: (row: number, headerRow: number) =>
    `Dòng ${row} là tiêu đề hoặc nằm trên dòng tiêu đề (dòng ${headerRow}): chọn một dòng dữ liệu.`,
  unreadableSheet: (sheet: string, why: string) => `Không đọc được trang "${sheet}": ${why}`,
  badRound: (v: string) => `Đợt khen thưởng "${v}" không hợp lệ: ghi "Hằng năm", "Sơ kết" hoặc "Tổng kết" (annual, so-ket, tong-ket).`,
  badYear: (v: string) => `Năm "${v}" không hợp lệ: ghi năm bốn chữ số, ví dụ 2023.`,
  emptyTable: 'Vùng bảng trống: chọn cả bảng, gồm dòng tiêu đề và các dòng dữ liệu.',
  /** A plan given as a range with problems: the count, then the first one at its sheet!cell. */
  badPlanRange: (count: number, first: string) =>
    count > 1 ? `${first.length > 160 ? `${first.slice(0, 159)}…` : first} (1/${count} lỗi; xem hết trong ngăn NTM: "Kế hoạch trong sổ này")` : first,
};

function clip(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

export interface NtmFunctions {
  eligible(row: unknown, headers?: unknown, plan?: unknown, addresses?: Addresses): Promise<boolean>;
  awardTier(row: unknown, headers?: unknown, plan?: unknown, addresses?: Addresses): Promise<string>;
  missing(row: unknown, headers?: unknown, plan?: unknown, addresses?: Addresses): Promise<string>;
  deadline(row: unknown, headers?: unknown, plan?: unknown, addresses?: Addresses): Promise<string>;
  reasons(row: unknown, headers?: unknown, plan?: unknown, addresses?: Addresses): Promise<string>;
  check(table: unknown, plan?: unknown, round?: unknown, year?: unknown, addresses?: Addresses): Promise<string[][]>;
  plans(): string[][];
}

interface SheetEntry {
  sheet: string;
  match: Promise<HeaderMatch | null>;
  /** Last row above the data, once the match is known: edits at or above it make the match stale. */
  headerEnd?: number;
}

export function createFunctions(host: FunctionsHost): NtmFunctions {
  const samples = new Map<string, Promise<SheetSample>>();
  const sheetMatches = new Map<string, SheetEntry>();
  const headerMatches = new Map<string, HeaderMatch | null>();
  /** Plans read from sheets named in a `plan` argument, per sheet (Excel's names are case-blind). */
  const sheetPlans = new Map<string, { plan: Promise<CompiledPlan>; watched: boolean; until: number }>();
  const sheetKey = (sheet: string) => sheet.normalize('NFC').toLowerCase();

  async function settings(): Promise<AddinSettings> {
    try {
      return (await host.settings()) ?? {};
    } catch {
      return {};
    }
  }

  function forgetSheet(sheet: string): void {
    samples.delete(sheet);
    for (const [key, entry] of sheetMatches) if (entry.sheet === sheet) sheetMatches.delete(key);
  }

  /**
   * Any edit of a sheet read as a plan drops that plan; an edit at or above a list's header (anywhere,
   * while no match is known yet) drops the list's header cache.
   */
  function sheetChanged(sheet: string, topRow: number): void {
    sheetPlans.delete(sheetKey(sheet));
    let zone = 0;
    let pending = false;
    for (const entry of sheetMatches.values()) {
      if (entry.sheet !== sheet) continue;
      if (entry.headerEnd === undefined) pending = true;
      else zone = Math.max(zone, entry.headerEnd);
    }
    if (pending || topRow <= zone || zone === 0) forgetSheet(sheet);
  }

  function sample(sheet: string): Promise<SheetSample> {
    let p = samples.get(sheet);
    if (!p) {
      p = host.readSheetTop(sheet, (topRow) => sheetChanged(sheet, topRow));
      samples.set(sheet, p);
      const read = p;
      read.catch(() => {
        if (samples.get(sheet) === read) samples.delete(sheet);
      });
    }
    return p;
  }

  async function sheetMatch(address: CellAddress, plan: PlanLookup, manual: Record<string, string> | undefined): Promise<HeaderMatch> {
    const key = `${address.sheet}\u0000${planKey(plan)}\u0000${JSON.stringify(manual ?? {})}`;
    let entry = sheetMatches.get(key);
    if (!entry) {
      const created: SheetEntry = {
        sheet: address.sheet,
        match: sample(address.sheet).then((s) => detectHeader(s, plan.registry, manual)),
      };
      entry = created;
      sheetMatches.set(key, created);
      created.match.then(
        (m) => {
          if (m) created.headerEnd = m.firstDataRow - 1;
          else if (sheetMatches.get(key) === created) sheetMatches.delete(key);
        },
        () => {
          if (sheetMatches.get(key) === created) sheetMatches.delete(key);
        },
      );
    }
    let match: HeaderMatch | null;
    try {
      match = await entry.match;
    } catch (err) {
      throw new FunctionError('#VALUE!', clip(MESSAGES.unreadableSheet(address.sheet, err instanceof Error ? err.message : String(err))));
    }
    if (!match) throw new FunctionError('#VALUE!', clip(MESSAGES.headerNotFound(`trên trang "${address.sheet}"`)));
    return match;
  }

  /** The header match for explicit header cells, kept per text so a filled-down formula detects once. */
  function headersMatch(headers: unknown[][], at: CellAddress | undefined, plan: PlanLookup, manual: Record<string, string> | undefined): HeaderMatch {
    const pad = at ? at.col - 1 : 0;
    const rows = headers.slice(0, 4).map((r) => sheetRow(r, pad));
    const key = JSON.stringify([planKey(plan), pad, manual ?? {}, rows.map((r) => r.map((c) => c.value))]);
    let match = headerMatches.get(key);
    if (match === undefined) {
      match = detectHeader({ name: at?.sheet ?? '', rows, merges: [] }, plan.registry, manual);
      remember(headerMatches, 200, key, match);
    }
    if (!match) throw new FunctionError('#VALUE!', clip(MESSAGES.headerNotFound('trong vùng tiêu đề đã ghi')));
    return match;
  }

  /** The row's cells at their sheet columns, typed by the column each is mapped to. */
  async function locate(rowArg: unknown, headersArg: unknown, plan: PlanLookup, s: AddinSettings, addresses: Addresses) {
    const rows = matrix(rowArg);
    if (rows.length !== 1) throw new FunctionError('#VALUE!', MESSAGES.notOneRow(rows.length));
    const values = rows[0];
    const rowAt = parseAddress(addresses?.[0]);
    const headers = matrix(headersArg).filter((r) => r.some((v) => argumentCell(v).value !== null));
    let match: HeaderMatch;
    let startCol: number;
    if (headers.length > 0) {
      // With both addresses, columns count from column A of the sheet (so the pane's mapping by
      // letter applies); otherwise the row is taken to sit under the header cells, column for column.
      const headersAt = rowAt ? parseAddress(addresses?.[1]) : undefined;
      match = headersMatch(headers, headersAt, plan, manualFor(s, headersAt));
      startCol = headersAt && rowAt ? rowAt.col : 1;
    } else if (rowAt) {
      match = await sheetMatch(rowAt, plan, manualFor(s, rowAt));
      if (rowAt.row < match.firstDataRow) throw new FunctionError('#VALUE!', MESSAGES.aboveData(rowAt.row, match.headerRow));
      startCol = rowAt.col;
    } else {
      throw new FunctionError('#VALUE!', MESSAGES.noHeaders);
    }
    return { match, cells: typedCells(values, startCol - 1, match, plan.registry) };
  }

  async function decide(row: unknown, headers: unknown, planArg: unknown, addresses: Addresses): Promise<Decision> {
    return (await judged(row, headers, planArg, addresses)).d;
  }

  /** The row's decision and the plan that judged it (which names the plan's own forms). */
  async function judged(row: unknown, headers: unknown, planArg: unknown, addresses: Addresses): Promise<{ d: Decision; plan: CompiledPlan; set: PlanSet }> {
    const s = await settings();
    // Several plans ("a; b"): the row is judged by the plan governing its award form (issue 18).
    const set = await choosePlans(planArg, s, addresses?.[2]);
    const ctx = runContext(s);
    const { match, cells } = await locate(row, headers, lookupOf(set), s, addresses);
    const input = rowInput(cells, match);
    const plan = set.governing(input);
    const d = evaluate(plan, input, ctx);
    // A renamed column is named as the sheet names it (e.g. "Giá trị đóng góp (đồng)").
    const names = sheetNames(match, set.registry);
    if (names.size) d.missing = d.missing.map((h) => names.get(h) ?? h);
    return { d, plan, set };
  }

  /**
   * The plans a `plan` argument names (plan-choice.ts): a plan laid out in the range itself, or each
   * name a shipped plan's id or a plan sheet of this workbook, or the pane's saved choice. Several
   * plans judge together, each row by the plan governing its award form (core/plan-set).
   */
  async function choosePlans(arg: unknown, s: AddinSettings, address?: string | null): Promise<PlanSet> {
    const given = planArgument(arg);
    if (given.kind === 'range') return planSetOf([rangePlan(given.rows, parseAddress(address))], conflictError);
    const names = given.kind === 'names' ? given.names : savedNames(s);
    if (!names.length) throw new FunctionError('#VALUE!', MESSAGES.noPlan);
    const plans = await Promise.all(names.map((n) => shippedByName(n) ?? sheetPlan(n)));
    return planSetOf(plans, conflictError);
  }

  /** A plan sheet named in the argument, read once and kept until the sheet is edited. */
  function sheetPlan(name: string): Promise<CompiledPlan> {
    const sheet = sheetNameOf(name);
    const key = sheetKey(sheet);
    const hit = sheetPlans.get(key);
    if (hit && (hit.watched || Date.now() < hit.until)) return hit.plan;
    // Trusted while the read is under way (a long recalculation starts no second read), then for
    // UNWATCHED_MS unless Excel reports the sheet's edits.
    let watched = false;
    const plan = host.readPlanSheet(sheet, (topRow) => sheetChanged(sheet, topRow)).then(
      (read) => {
        // No such sheet: nothing watches it, so the entry lapses and a sheet added later is found.
        if (!read) throw new FunctionError('#VALUE!', clip(MESSAGES.unknownPlan(name)));
        watched = read.watched;
        const book = readPlanBook([read.sheet], read.sheet.name);
        if (book.ok) return book.plan;
        throw new FunctionError('#VALUE!', clip(MESSAGES.badPlanRange(book.errors.length, book.errors[0] ? formatBookError(book.errors[0]) : 'không đọc được kế hoạch')));
      },
      (err: unknown) => {
        if (err instanceof PlanSheetTooLarge) throw new FunctionError('#VALUE!', clip(err.message));
        throw new FunctionError('#VALUE!', clip(MESSAGES.unreadableSheet(sheet, err instanceof Error ? err.message : String(err))));
      },
    );
    const entry = { plan, watched: false, until: Infinity };
    const settled = () => {
      entry.watched = watched;
      entry.until = Date.now() + UNWATCHED_MS;
    };
    plan.then(settled, settled);
    remember(sheetPlans, 32, key, entry);
    return plan;
  }

  return {
    async eligible(row, headers, plan, addresses) {
      const d = await decide(row, headers, plan, addresses);
      if (d.status === 'incomplete') throw new FunctionError('#N/A', incompleteMessage(d));
      if (d.status === 'not-covered') throw new FunctionError('#N/A', notCoveredMessage(d));
      return d.status === 'eligible';
    },
    async awardTier(row, headers, plan, addresses) {
      const { d, plan: judge } = await judged(row, headers, plan, addresses);
      if (d.status === 'incomplete') throw new FunctionError('#N/A', incompleteMessage(d));
      return tierLabel(d.awardTier, judge);
    },
    async missing(row, headers, plan, addresses) {
      return missingText((await decide(row, headers, plan, addresses)).missing);
    },
    async deadline(row, headers, plan, addresses) {
      return deadlineText((await decide(row, headers, plan, addresses)).deadline);
    },
    async reasons(row, headers, plan, addresses) {
      const { d, plan: judge, set } = await judged(row, headers, plan, addresses);
      // Several plans: the first line names the one that judged the row (issue 18).
      const by = rowPlanFields(set, judge).planName;
      return by ? `${PLAN_COLUMN}: ${by}\n${reasonsText(d)}` : reasonsText(d);
    },
    async check(table, planArg, roundArg, yearArg, addresses) {
      const s = await settings();
      const plan = await choosePlans(planArg, s, addresses?.[1]);
      const ctx: RunContext = { ...runContext(s) };
      const round = roundArgument(roundArg);
      if (round) ctx.round = round;
      const year = yearArgument(yearArg);
      if (year !== undefined) ctx.year = year;
      return checkTable(matrix(table), plan, ctx, parseAddress(addresses?.[0]), s);
    },
    plans() {
      return shippedPlans().map((p) => [p.plan.id, p.plan.title]);
    },
  };
}

function manualFor(s: AddinSettings, at: CellAddress | undefined): Record<string, string> | undefined {
  if (!at) return undefined;
  const manual = s.mappings?.[at.sheet]?.manual;
  return manual && Object.keys(manual).length ? manual : undefined;
}

const conflictError = (message: string): FunctionError => new FunctionError('#VALUE!', clip(message));

/**
 * Plans read from ranges, by content: a formula filled down 10,000 rows passes the same values
 * each time and parses once; an edited cell changes the values, so Excel recalculates and the new
 * content is read. Failures are kept too (the same broken range is reported without re-reading).
 */
const rangePlans = new Map<string, CompiledPlan | FunctionError>();
const RANGE_PLANS_KEPT = 16;

function rangePlan(rows: unknown[][], at: CellAddress | undefined): CompiledPlan {
  const sheet = at?.sheet ?? SINGLE_SHEET;
  const values: BookValue[][] = rows.map((r) => r.map(bookValue));
  const key = JSON.stringify([sheet, at?.row ?? 1, at?.col ?? 1, values]);
  let hit = rangePlans.get(key);
  if (!hit) {
    const read = readPlanBook([{ name: sheet, rows: values, top: at?.row ?? 1, left: at?.col ?? 1 }], `${sheet} (vùng)`);
    if (read.ok) hit = read.plan;
    else {
      const first = read.errors[0] ? formatBookError(read.errors[0]) : 'không đọc được kế hoạch';
      hit = new FunctionError('#VALUE!', clip(MESSAGES.badPlanRange(read.errors.length, first)));
    }
    if (rangePlans.size >= RANGE_PLANS_KEPT) rangePlans.delete(rangePlans.keys().next().value as string);
    rangePlans.set(key, hit);
  }
  if (hit instanceof FunctionError) throw hit;
  return hit;
}

/** The pane's run options; anything malformed in the saved settings is ignored, not trusted. */
export function runContext(s: AddinSettings): RunContext {
  const ctx: RunContext = {};
  if (s.round && (ROUND_IDS as readonly string[]).includes(s.round)) ctx.round = s.round;
  if (typeof s.year === 'number' && Number.isInteger(s.year)) ctx.year = s.year;
  if (typeof s.deadline === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.deadline)) ctx.deadline = s.deadline;
  if (s.blankIsNo === true) ctx.blankIsNo = true;
  return ctx;
}

function roundArgument(v: unknown): RoundId | undefined {
  const text = optionalText(v);
  if (text === undefined) return undefined;
  if ((ROUND_IDS as readonly string[]).includes(text)) return text as RoundId;
  const parsed = parseRound({ value: text });
  if (parsed.kind !== 'value') throw new FunctionError('#VALUE!', clip(MESSAGES.badRound(text)));
  return parsed.value;
}

function yearArgument(v: unknown): number | undefined {
  const text = optionalText(v);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1900 || n > 2100) throw new FunctionError('#VALUE!', clip(MESSAGES.badYear(text)));
  return n;
}

/** A row of argument values placed at its sheet columns (`pad` empty cells to its left), untyped. */
function sheetRow(values: readonly unknown[], pad: number): Cell[] {
  const cells: Cell[] = new Array(pad).fill(null).map(() => ({ value: null }));
  for (const v of values) cells.push(argumentCell(v));
  return cells;
}

/** Only the mapped columns are typed; the rest matter for row classification alone. */
function typedCells(values: readonly unknown[], pad: number, match: HeaderMatch, registry: ColumnRegistry): Cell[] {
  const cells: Cell[] = [];
  for (const [header, col] of Object.entries(match.columns)) {
    const i = col - 1 - pad;
    if (i < 0 || i >= values.length) continue;
    cells[col - 1] = argumentCell(values[i], registry.get(header)?.type);
  }
  return cells;
}

function checkTable(rows: unknown[][], set: PlanSet, ctx: RunContext, at: CellAddress | undefined, s: AddinSettings): string[][] {
  const plan = lookupOf(set);
  if (rows.length === 0) throw new FunctionError('#VALUE!', MESSAGES.emptyTable);
  const pad = at ? at.col - 1 : 0;
  const manual = manualFor(s, at);
  // The header search looks at the first 60 rows only; a title block above the header is normal.
  const top = rows.slice(0, 62).map((r) => sheetRow(r, pad));
  const match = detectHeader({ name: at?.sheet ?? '', rows: top, merges: [] }, plan.registry, manual);
  if (!match) throw new FunctionError('#VALUE!', clip(MESSAGES.headerNotFound('trong vùng bảng')));

  const typeOf = new Map<number, ReturnType<ColumnRegistry['get']>>();
  for (const [header, col] of Object.entries(match.columns)) typeOf.set(col, plan.registry.get(header));
  const cellsOf = (values: unknown[]): Cell[] => {
    const cells: Cell[] = new Array(pad);
    for (let i = 0; i < values.length; i++) cells[pad + i] = argumentCell(values[i], typeOf.get(pad + i + 1)?.type);
    return cells;
  };

  // One output row per input row, so the spill lines up with the table beside it. Several plans:
  // a sixth column names the plan that judged each row (issue 18).
  const several = set.plans.length > 1;
  const blank = several ? ['', '', '', '', '', ''] : ['', '', '', '', ''];
  const out: string[][] = rows.map(() => [...blank]);
  out[match.headerRow - 1] = several ? [...RESULT_HEADERS, PLAN_COLUMN] : [...RESULT_HEADERS];
  const input = (function* () {
    for (let i = match.firstDataRow - 1; i < rows.length; i++) yield { row: i + 1, cells: cellsOf(rows[i]) };
  })();
  const names = sheetNames(match, plan.registry);
  for (const { row, decision, plan: judge } of checkRowsInSet(set, match, input, ctx)) {
    if (names.size) decision.missing = decision.missing.map((h) => names.get(h) ?? h);
    const cells: string[] = resultCells(decision, undefined, judge);
    out[row - 1] = several ? [...cells, rowPlanFields(set, judge).planName ?? ''] : cells;
  }
  return out;
}

function incompleteMessage(d: Decision): string {
  if (d.missing.length) return clip(`Thiếu: ${missingText(d.missing)}`);
  return clip(`Thiếu: ${keyReasons(d).map((s) => s.text)[0] ?? ''}`);
}

function notCoveredMessage(d: Decision): string {
  const step = d.reasons.find((s) => s.result === 'n/a' && s.kind === 'tier') ?? keyReasons(d)[0];
  return clip(`Ngoài phạm vi kế hoạch: ${step ? step.text : ''}`);
}

/** Every step of the trace, one line each (mark, text, citation), indented by its depth in the criteria. */
export function reasonsText(d: Decision): string {
  const lines = reasonLines(d.reasons);
  return d.reasons.map((s, i) => `${'  '.repeat(s.depth)}${lines[i]}`).join('\n');
}
