/**
 * The report model shared by the command line, the task pane and the custom functions: the JSON
 * report of spec §6, the five result columns with their texts and fills, and the summary tables.
 * Renderers (exceljs, Office.js, HTML) only lay these out.
 */
import { PRODUCT_VERSION } from './version';
import { COL, type ColumnRegistry } from './columns';
import { headerKey, type HeaderMatch } from './headers';
import { formatDateVi } from './dates';
import { STATUS_LABELS_VI, type Decision, type Status, type Step } from './decision';
import { SUBJECT_NAMES_VI, TIER_IDS, TIER_LABELS_VI, isStandardSubject, isStandardTier, type SubjectId, type TierId } from './vocabulary';
import { widenToLongestLine } from './text';
import type { CompiledPlan } from './compile';
import { identityLine, planIdentity, type PlanIdentity } from './plan-identity';

export interface ReportReason {
  criterion: string;
  result: Step['result'];
  text: string;
  citation: string;
}

export interface ReportRow {
  row: number;
  /** The id of the plan that judged the row (issue 18: several plans may judge one list). */
  plan?: string;
  name: string | null;
  subject: SubjectId | null;
  proposed: TierId | null;
  status: Status;
  awardTier: TierId | null;
  missing: string[];
  unreadable: Decision['unreadable'];
  deadline: Decision['deadline'];
  reasons: ReportReason[];
}

export interface Summary {
  rows: number;
  eligible: number;
  ineligible: number;
  incomplete: number;
  notCovered: number;
  late: number;
}

export interface FileReport {
  /** The list's own plan (the first given), kept for readers of earlier reports. */
  plan: string;
  /** Every plan given: short name, document number and date, period, fingerprint, product version. */
  plans?: PlanIdentity[];
  file: string;
  sheet: string;
  headerRow: number;
  rows: ReportRow[];
  summary: Summary;
}

/**
 * Columns the sheet names by a former header (a renamed column, e.g. "Giá trị đóng góp (đồng)"):
 * standard header → the sheet's name for it, so reports speak of the column the user sees.
 */
export function sheetNames(match: Pick<HeaderMatch, 'sheetColumns'>, registry: ColumnRegistry): ReadonlyMap<string, string> {
  // A custom function asks once per cell of a fill-down, with the same match each time.
  const hit = namesByMatch.get(match);
  if (hit && hit.registry === registry) return hit.names;
  const names = new Map<string, string>();
  namesByMatch.set(match, { registry, names });
  for (const c of match.sheetColumns) {
    // Under a two-row header the text is "group sub" ("Tiêu chí Giá trị đóng góp (đồng)").
    const text = headerKey(c.text);
    const former = c.header ? registry.get(c.header)?.formerHeaders?.find((h) => text === headerKey(h) || text.endsWith(` ${headerKey(h)}`)) : undefined;
    if (c.header && former) names.set(c.header, former);
  }
  return names;
}

const namesByMatch = new WeakMap<object, { registry: ColumnRegistry; names: Map<string, string> }>();

export function reportRow(row: number, d: Decision, names?: ReadonlyMap<string, string>, plan?: string): ReportRow {
  return {
    row,
    ...(plan === undefined ? {} : { plan }),
    name: d.name,
    subject: d.subject,
    proposed: d.proposed,
    status: d.status,
    awardTier: d.awardTier,
    missing: names?.size ? d.missing.map((h) => names.get(h) ?? h) : d.missing,
    unreadable: d.unreadable,
    deadline: d.deadline,
    reasons: d.reasons.map((s) => ({ criterion: s.id, result: s.result, text: s.text, citation: s.citation })),
  };
}

export function summarize(rows: readonly Pick<ReportRow, 'status' | 'deadline'>[]): Summary {
  const s: Summary = { rows: rows.length, eligible: 0, ineligible: 0, incomplete: 0, notCovered: 0, late: 0 };
  for (const r of rows) {
    if (r.status === 'not-covered') s.notCovered++;
    else s[r.status]++;
    if (r.deadline.status === 'late') s.late++;
  }
  return s;
}

/** The five result columns written beside the table (spec §6), in this order. */
export const RESULT_HEADERS = ['Kết quả', 'Hình thức cao nhất đủ điều kiện', 'Thiếu thông tin', 'Hạn nộp', 'Lý do'] as const;

export { STATUS_LABELS_VI };

/**
 * Names of award forms and subject types for users: the plan that judged the row (a CompiledPlan)
 * knows its own forms' and types' labels; without it, the shared labels (an own form shows its id).
 */
export interface Namer {
  tierName(tier: TierId): string;
  subjectName(subject: SubjectId): string;
}

export const SHARED_NAMES: Namer = {
  tierName: (t) => (isStandardTier(t) ? TIER_LABELS_VI[t] : t),
  subjectName: (s) => (isStandardSubject(s) ? SUBJECT_NAMES_VI[s] : s),
};

export function tierLabel(tier: TierId | null, namer: Namer = SHARED_NAMES): string {
  return tier ? namer.tierName(tier) : '';
}

/** "Đúng hạn", "Trễ N ngày (hạn trước dd/mm/yyyy)", "Thiếu ngày trình", "" (spec §6 NTM.DEADLINE). */
export function deadlineText(d: Decision['deadline']): string {
  switch (d.status) {
    case 'on-time':
      return 'Đúng hạn';
    case 'late':
      return `Trễ ${d.daysLate} ngày (hạn trước ${d.before ? formatDateVi(d.before) : ''})`;
    case 'missing':
      return 'Thiếu ngày trình';
    case 'none':
      return '';
  }
}

const RESULT_MARK: Record<Step['result'], string> = { pass: '✓', fail: '✗', missing: '?', 'n/a': '–' };

/** One step as a line: mark, text, citation — what NTM.REASONS and the "Lý do" column show. */
function reasonLine(s: Pick<Step, 'result' | 'text' | 'citation'>): string {
  return s.citation ? `${RESULT_MARK[s.result]} ${s.text} [${s.citation}]` : `${RESULT_MARK[s.result]} ${s.text}`;
}

/** One line per step: mark, text, citation — what NTM.REASONS and the "Lý do" column show. */
export function reasonLines(reasons: readonly Pick<Step, 'result' | 'text' | 'citation'>[]): string[] {
  return reasons.map(reasonLine);
}

/**
 * Whether a step is worth a line in "Lý do" for a row of this status, and in which place: 0 for
 * the reason that decided the row (a failed step of an ineligible row — a subject the plan lacks
 * included —, a missing one of an incomplete row, the hand-over of a not-covered one, the passes
 * of an eligible one), 1 for what else is worth saying (a missed or unjudged deadline, the highest
 * form a row meets), -1 for the rest. Deciding reasons come first, so the first line is the verdict.
 */
function keyRank(s: Step, status: Status): number {
  if (s.kind === 'group' || s.kind === 'context') return -1;
  if (s.kind === 'subject' && s.result === 'pass') return -1;
  if (s.id === 'highest-form') return 1;
  switch (status) {
    case 'eligible':
      if (s.result === 'pass') return 0;
      break;
    case 'not-covered':
      if (s.result === 'n/a' && s.kind === 'tier') return 0;
      if (s.result === 'n/a' && s.kind !== 'deadline') return 1;
      break;
    case 'ineligible':
      if (s.result === 'fail') return 0;
      if (s.result === 'missing') return 1;
      break;
    default:
      if (s.result === 'missing') return 0;
      if (s.result === 'fail') return 1;
  }
  if (s.kind === 'deadline' && s.result !== 'pass') return 1;
  return -1;
}

/** The decisive reasons (deciding ones first), or every step but groups when none is: short enough for a cell. */
export function keyReasons(d: Pick<Decision, 'status'> & Partial<Pick<Decision, 'reasons'>>): Step[] {
  const reasons = d.reasons ?? [];
  const first = reasons.filter((s) => keyRank(s, d.status) === 0);
  const then = reasons.filter((s) => keyRank(s, d.status) === 1);
  return first.length || then.length ? [...first, ...then] : reasons.filter((s) => s.kind !== 'group' && s.kind !== 'context');
}

/** `reasonLines(keyReasons(d)).join('\n')`, made in few passes: it is written for every row. */
export function keyReasonText(d: Pick<Decision, 'status' | 'reasons'>): string {
  const reasons = d.reasons;
  let text = '';
  let lines = 0;
  for (let rank = 0; rank < 2; rank++) {
    for (let i = 0; i < reasons.length; i++) {
      const s = reasons[i];
      if (keyRank(s, d.status) !== rank) continue;
      text = lines++ === 0 ? reasonLine(s) : `${text}\n${reasonLine(s)}`;
    }
  }
  if (lines > 0) return text;
  for (let i = 0; i < reasons.length; i++) {
    const s = reasons[i];
    if (s.kind === 'group' || s.kind === 'context') continue;
    text = lines++ === 0 ? reasonLine(s) : `${text}\n${reasonLine(s)}`;
  }
  return text;
}

export function missingText(missing: readonly string[]): string {
  return missing.join('; ');
}

/** The five result cells of a row, as text. */
export function resultCells(d: Decision, names?: ReadonlyMap<string, string>, namer?: Namer): [string, string, string, string, string] {
  return [
    STATUS_LABELS_VI[d.status],
    tierLabel(d.awardTier, namer),
    missingText(names?.size ? d.missing.map((h) => names.get(h) ?? h) : d.missing),
    deadlineText(d.deadline),
    keyReasonText(d),
  ];
}

/**
 * What the checked copy's "Lý do" cell shows: the first decisive reason, and how many more there
 * are, so that the cell stays two or three lines tall; the whole text is on the explanation sheet
 * the row's "Kết quả" cell links to.
 */
export function shortReason(full: string): string {
  const lines = full.split('\n').filter((l) => l.trim());
  if (lines.length <= 1) return full;
  return `${lines[0]}\n(+${lines.length - 1} lý do khác — bấm vào ô Kết quả để xem đủ)`;
}

/** Fills (ARGB) used by every renderer, so the pane and the checked copy look alike. */
export const FILLS = {
  missingCell: 'FFFFF2CC',
  lateRow: 'FFFCE4D6',
  status: {
    eligible: 'FFE2EFDA',
    ineligible: 'FFF8CBAD',
    incomplete: 'FFFFF2CC',
    'not-covered': 'FFDDEBF7',
  } satisfies Record<Status, string>,
  header: 'FFD9E1F2',
} as const;

export type TableRow = (string | number)[];

/**
 * A table's rows in order, readable more than once: an array, or a long list kept outside memory
 * (the command line keeps a 100,000-row list's review rows, with their reasons, in a file).
 */
export interface TableRows extends Iterable<TableRow> {
  readonly length: number;
}

/** Where a summary's review rows are kept while a list is checked: an array unless told. */
export interface RowStore extends TableRows {
  push(row: TableRow): unknown;
  /**
   * False for a store that only counts the rows (no one will read them): none is then made nor
   * measured, and the table's `longest` is left empty.
   */
  readonly kept?: boolean;
}

export interface Table<R extends TableRows = TableRow[]> {
  title: string;
  headers: string[];
  rows: R;
  /**
   * Each column's longest line (code points), when the table's maker counted it as rows came: a
   * writer then sizes the columns without reading a long table's rows again.
   */
  longest?: number[];
  /** Columns (0-based) that hold counts, for data bars. */
  countColumns: number[];
}

/** The tier × status table, which the summary's chart draws. */
export const TIER_TABLE_TITLE = 'Hình thức đề nghị × kết quả';
/** Total rows of the summary tables: left out of data bars, which compare the rows above them. */
export const TOTAL_LABEL = 'Tổng cộng';

/** The four results in the order every table lists them. */
export const STATUSES: Status[] = ['eligible', 'ineligible', 'incomplete', 'not-covered'];

export interface SummaryInput {
  row: number;
  decision: SummaryDecision;
  /** The unit (Chức vụ, đơn vị công tác) or, when absent, the nominee's commune as written. */
  unit: string | null;
  /** The "Lý do" text when already made (a streaming check keeps text, not decisions). */
  reasonText?: string;
  /** The plan that judged the row: names its own forms and types; counted per plan when named. */
  namer?: Namer;
  /** The judging plan's line in the per-plan table (plan-identity identityLine), when several plans judged. */
  planLine?: string;
  /** The judging plan's short name, listed with each row to look at, when several plans judged. */
  planName?: string;
}

/** The summary sheet of spec §6, as tables. */
/** What the summary needs of a decision; a streaming check keeps only this much per row. */
export type SummaryDecision = Pick<Decision, 'status' | 'name' | 'subject' | 'proposed' | 'missing' | 'deadline'> & Partial<Pick<Decision, 'reasons'>>;

type Counts = Record<Status, number> & { total: number };

/** The per-plan table's title, present when the rows name their plan (several plans judged). */
export const PLAN_TABLE_TITLE = 'Theo kế hoạch';
/** The review list's column naming the plan that judged each row (several plans only). */
export const PLAN_COLUMN = 'Kế hoạch xét';

/** Titles of the summary's row lists; the command line's terminal list is read from the same tables. */
export const LATE_TABLE = 'Hồ sơ trễ hạn';
export const ATTENTION_TABLE = 'Cần xem lại';

/** What a store that only counts is handed for each review row. */
const UNKEPT: TableRow = Object.freeze([]) as unknown as TableRow;

const needsAttention = (d: SummaryDecision): boolean =>
  d.status !== 'eligible' || d.deadline.status === 'late' || d.deadline.status === 'missing';

/**
 * The summary sheet of spec §6, built row by row: counts are kept as counts, and only the rows
 * listed on the sheet (late rows, rows needing attention) are kept as text — so a 100,000-row
 * check holds no decision in memory.
 */
export class SummaryBuilder<A extends RowStore = TableRow[]> {
  private readonly byStatus = counts();
  private readonly byTier = new Map<string, Counts>();
  private readonly bySubject = new Map<string, Counts>();
  private readonly byUnit = new Map<string, Counts>();
  private readonly byPlan = new Map<string, Counts>();
  /** Each form's and type's name, from the plan that judged the first row naming it. */
  private readonly names = new Map<string, string>();
  private readonly attentionLongest: number[] = [];

  constructor(
    /** Where the review rows go (each carries its whole "Lý do"). */
    private readonly attention: A = [] as unknown as A,
    /** Where the late rows go (a long list may have hundreds of thousands). */
    private readonly late: A = [] as unknown as A,
  ) {}

  add(i: SummaryInput): void {
    const d = i.decision;
    bump(this.byStatus, d.status);
    const namer = i.namer ?? SHARED_NAMES;
    if (d.proposed !== null && !this.byTier.has(d.proposed)) this.names.set(`t:${d.proposed}`, namer.tierName(d.proposed));
    if (d.subject !== null && !this.bySubject.has(d.subject)) this.names.set(`s:${d.subject}`, namer.subjectName(d.subject));
    bump(entry(this.byTier, d.proposed ?? ''), d.status);
    bump(entry(this.bySubject, d.subject ?? ''), d.status);
    if (i.planLine !== undefined) bump(entry(this.byPlan, i.planLine), d.status);
    bump(entry(this.byUnit, i.unit ?? ''), d.status);
    if (d.deadline.status === 'late') this.late.push(this.late.kept === false ? UNKEPT : [i.row, d.name ?? '', d.deadline.daysLate, deadlineText(d.deadline)]);
    if (!needsAttention(d)) return;
    if (this.attention.kept === false) this.attention.push(UNKEPT);
    else {
      const row: TableRow = [i.row, d.name ?? '', STATUS_LABELS_VI[d.status], missingText(d.missing), i.reasonText ?? reasonLines(keyReasons(d)).join('\n')];
      if (i.planName !== undefined) row.push(i.planName);
      for (let c = 0; c < row.length; c++) widenToLongestLine(this.attentionLongest, c, String(row[c]));
      this.attention.push(row);
    }
  }

  tables(): (Table | Table<A>)[] {
    const byStatus = this.byStatus;
    const statusRows: TableRow[] = STATUSES.map((s) => [STATUS_LABELS_VI[s], byStatus[s]]);
    statusRows.push([TOTAL_LABEL, byStatus.total]);
    const crossHeaders = STATUSES.map((s) => STATUS_LABELS_VI[s]);
    const crossRow = (label: string, c: Counts) => [label, ...STATUSES.map((s) => c[s]), c.total];
    const tierRows: TableRow[] = [];
    // Shared tiers in rank order, then a plan's own forms as met, unreadable last.
    const tierKeys = [...TIER_IDS, ...[...this.byTier.keys()].filter((k) => k !== '' && !(TIER_IDS as readonly string[]).includes(k)), ''];
    for (const t of tierKeys) {
      const c = this.byTier.get(t);
      if (c) tierRows.push(crossRow(t ? (this.names.get(`t:${t}`) ?? t) : '(không đọc được)', c));
    }
    return [
      { title: 'Số lượng theo kết quả', headers: ['Kết quả', 'Số lượng'], rows: statusRows, countColumns: [1] },
      { title: TIER_TABLE_TITLE, headers: ['Hình thức đề nghị', ...crossHeaders, 'Tổng'], rows: tierRows, countColumns: [1, 2, 3, 4, 5] },
      {
        title: 'Theo loại đối tượng',
        headers: [COL.subject, ...crossHeaders, 'Tổng'],
        rows: [...this.bySubject].map(([k, c]) => crossRow(k ? (this.names.get(`s:${k}`) ?? k) : '(không đọc được)', c)),
        countColumns: [1, 2, 3, 4, 5],
      },
      {
        title: 'Theo đơn vị',
        headers: ['Đơn vị', ...crossHeaders, 'Tổng'],
        rows: [...this.byUnit].map(([k, c]) => crossRow(k || '(không ghi)', c)),
        countColumns: [1, 2, 3, 4, 5],
      },
      // Several plans judged the list: how many rows each judged (issue 18).
      ...(this.byPlan.size
        ? [{ title: PLAN_TABLE_TITLE, headers: ['Kế hoạch đã xét', ...crossHeaders, 'Tổng'], rows: [...this.byPlan].map(([k, c]) => crossRow(k, c)), countColumns: [1, 2, 3, 4, 5] }]
        : []),
      { title: LATE_TABLE, headers: ['Dòng', COL.name, 'Số ngày trễ', 'Hạn nộp'], rows: this.late, countColumns: [] },
      {
        title: ATTENTION_TABLE,
        headers: ['Dòng', COL.name, 'Kết quả', 'Thiếu thông tin', 'Lý do', ...(this.byPlan.size ? [PLAN_COLUMN] : [])],
        rows: this.attention,
        longest: [...this.attentionLongest],
        countColumns: [],
      },
    ];
  }
}

export function summaryTables(items: readonly SummaryInput[], namer?: Namer): Table[] {
  const b = new SummaryBuilder<TableRow[]>();
  for (const i of items) b.add(namer && !i.namer ? { ...i, namer } : i);
  return b.tables();
}

function counts(): Counts {
  return { eligible: 0, ineligible: 0, incomplete: 0, 'not-covered': 0, total: 0 };
}

function entry(map: Map<string, Counts>, key: string): Counts {
  let c = map.get(key);
  if (!c) {
    c = counts();
    map.set(key, c);
  }
  return c;
}

function bump(c: Counts, status: Status): void {
  c[status]++;
  c.total++;
}

/**
 * The first words of every summary sheet's title: a later check recognises the product's own
 * "Tổng hợp" sheet by them, so the command line, the download and the pane all write them.
 */
/** What made an output, on every sheet and report that names it. */
export const MADE_BY = `kiểm tra bằng ntm-awards ${PRODUCT_VERSION}`;

export const SUMMARY_TITLE_PREFIX = 'Tổng hợp kết quả kiểm tra';

/** The explanation sheet's line under its header: each plan that judged the list, named exactly. */
export function explanationHeading(used: readonly CompiledPlan[]): string {
  return `Xét theo: ${used.map((p) => identityLine(planIdentity(p))).join(' | ')}`;
}

/**
 * The summary sheet's title and plan line (`detail` ends the line: the list's sheet, or the files
 * merged), then each plan that judged the list with its document, period, fingerprint and the
 * product version (issue 18: a copy printed next month says exactly which text judged it).
 */
export function summaryHeading(
  plan: { plan: { title: string; id: string; issuer: string } },
  detail: string,
  used: readonly CompiledPlan[] = 'registry' in plan ? [plan as CompiledPlan] : [],
): { title: string; subtitle: string } {
  const judgedBy = used.length ? `xét theo: ${used.map((p) => identityLine(planIdentity(p))).join(' | ')}; ` : '';
  return {
    title: `${SUMMARY_TITLE_PREFIX} — ${plan.plan.title}`,
    subtitle: `Kế hoạch: ${plan.plan.id} (${plan.plan.issuer}); ${judgedBy}${detail}; ${MADE_BY}`,
  };
}
