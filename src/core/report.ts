/**
 * The report model shared by the command line, the task pane and the custom functions: the JSON
 * report of spec §6, the five result columns with their texts and fills, and the summary tables.
 * Renderers (exceljs, Office.js, HTML) only lay these out.
 */
import { COL } from './columns';
import { formatDateVi } from './dates';
import { STATUS_LABELS_VI, type Decision, type Status, type Step } from './evaluate';
import { SUBJECT_NAMES_VI, TIER_IDS, TIER_LABELS_VI, type SubjectId, type TierId } from './vocabulary';

export interface ReportReason {
  criterion: string;
  result: Step['result'];
  text: string;
  citation: string;
}

export interface ReportRow {
  row: number;
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
  plan: string;
  file: string;
  sheet: string;
  headerRow: number;
  rows: ReportRow[];
  summary: Summary;
}

export function reportRow(row: number, d: Decision): ReportRow {
  return {
    row,
    name: d.name,
    subject: d.subject,
    proposed: d.proposed,
    status: d.status,
    awardTier: d.awardTier,
    missing: d.missing,
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

export function tierLabel(tier: TierId | null): string {
  return tier ? TIER_LABELS_VI[tier] : '';
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

/** One line per step: mark, text, citation — what NTM.REASONS and the "Lý do" column show. */
export function reasonLines(reasons: readonly Pick<Step, 'result' | 'text' | 'citation'>[]): string[] {
  return reasons.map((s) => `${RESULT_MARK[s.result]} ${s.text}${s.citation ? ` [${s.citation}]` : ''}`);
}

/** The decisive reasons only (failed, missing), or all passes when eligible: short enough for a cell. */
export function keyReasons(d: Pick<Decision, 'status' | 'reasons'>): Step[] {
  const wanted: Step['result'][] = d.status === 'eligible' ? ['pass'] : d.status === 'not-covered' ? ['n/a'] : ['fail', 'missing'];
  const picked = d.reasons.filter((s) => wanted.includes(s.result) && s.kind !== 'group' && s.kind !== 'subject');
  return picked.length ? picked : d.reasons.filter((s) => s.kind !== 'group');
}

export function missingText(missing: readonly string[]): string {
  return missing.join('; ');
}

/** The five result cells of a row, as text. */
export function resultCells(d: Decision): [string, string, string, string, string] {
  return [
    STATUS_LABELS_VI[d.status],
    tierLabel(d.awardTier),
    missingText(d.missing),
    deadlineText(d.deadline),
    reasonLines(keyReasons(d)).join('\n'),
  ];
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

export interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  /** Columns (0-based) that hold counts, for data bars. */
  countColumns: number[];
}

const STATUSES: Status[] = ['eligible', 'ineligible', 'incomplete', 'not-covered'];

export interface SummaryInput {
  row: number;
  decision: Decision;
  /** The unit (Chức vụ, đơn vị công tác) or, when absent, the nominee's commune as written. */
  unit: string | null;
}

/** The summary sheet of spec §6, as tables. */
export function summaryTables(items: readonly SummaryInput[]): Table[] {
  const byStatus = countBy(items, () => 'all');
  const statusTable: Table = {
    title: 'Số lượng theo kết quả',
    headers: ['Kết quả', 'Số lượng'],
    rows: STATUSES.map((s) => [STATUS_LABELS_VI[s], byStatus.get('all')?.[s] ?? 0]),
    countColumns: [1],
  };
  statusTable.rows.push(['Tổng cộng', items.length]);

  const tierStatus: Table = {
    title: 'Hình thức đề nghị × kết quả',
    headers: ['Hình thức đề nghị', ...STATUSES.map((s) => STATUS_LABELS_VI[s]), 'Tổng'],
    rows: [],
    countColumns: [1, 2, 3, 4, 5],
  };
  const byTier = countBy(items, (i) => i.decision.proposed ?? '');
  for (const t of [...TIER_IDS, ''] as const) {
    const c = byTier.get(t);
    if (!c) continue;
    tierStatus.rows.push([t ? TIER_LABELS_VI[t] : '(không đọc được)', ...STATUSES.map((s) => c[s]), c.total]);
  }

  const bySubject = countBy(items, (i) => i.decision.subject ?? '');
  const subjectTable: Table = {
    title: 'Theo loại đối tượng',
    headers: [COL.subject, ...STATUSES.map((s) => STATUS_LABELS_VI[s]), 'Tổng'],
    rows: [...bySubject.entries()].map(([k, c]) => [k ? SUBJECT_NAMES_VI[k as SubjectId] : '(không đọc được)', ...STATUSES.map((s) => c[s]), c.total]),
    countColumns: [1, 2, 3, 4, 5],
  };

  const byUnit = countBy(items, (i) => i.unit ?? '');
  const unitTable: Table = {
    title: 'Theo đơn vị',
    headers: ['Đơn vị', ...STATUSES.map((s) => STATUS_LABELS_VI[s]), 'Tổng'],
    rows: [...byUnit.entries()].map(([k, c]) => [k || '(không ghi)', ...STATUSES.map((s) => c[s]), c.total]),
    countColumns: [1, 2, 3, 4, 5],
  };

  const lateTable: Table = {
    title: 'Hồ sơ trễ hạn',
    headers: ['Dòng', COL.name, COL.submitted, 'Hạn nộp'],
    rows: items
      .filter((i) => i.decision.deadline.status === 'late')
      .map((i) => [i.row, i.decision.name ?? '', i.decision.deadline.daysLate, deadlineText(i.decision.deadline)]),
    countColumns: [],
  };
  lateTable.headers[2] = 'Số ngày trễ';

  const attention: Table = {
    title: 'Cần xem lại',
    headers: ['Dòng', COL.name, 'Kết quả', 'Thiếu thông tin', 'Lý do'],
    rows: items
      .filter((i) => i.decision.status !== 'eligible' || i.decision.deadline.status === 'late' || i.decision.deadline.status === 'missing')
      .map((i) => [
        i.row,
        i.decision.name ?? '',
        STATUS_LABELS_VI[i.decision.status],
        missingText(i.decision.missing),
        reasonLines(keyReasons(i.decision)).join('\n'),
      ]),
    countColumns: [],
  };
  return [statusTable, tierStatus, subjectTable, unitTable, lateTable, attention];
}

type Counts = Record<Status, number> & { total: number };

function countBy(items: readonly SummaryInput[], key: (i: SummaryInput) => string): Map<string, Counts> {
  const map = new Map<string, Counts>();
  for (const i of items) {
    const k = key(i);
    let c = map.get(k);
    if (!c) {
      c = { eligible: 0, ineligible: 0, incomplete: 0, 'not-covered': 0, total: 0 };
      map.set(k, c);
    }
    c[i.decision.status]++;
    c.total++;
  }
  return map;
}
