/**
 * The explanation steps of a row's general columns — subject, period, round, proposed tier, level,
 * notices — in the plan's words. The judgement (evaluate.ts) decides; these only say what it
 * decided, and only when a caller asks for the explanation. Each is its own small function, out of
 * the judgement's code: that code is then a fraction of its size, so V8 has it optimised long
 * before a list's first pass is over (it was compiled too late to serve most of a 10,000-row pass).
 */
import type { Parsed } from './cell';
import { COL } from './columns';
import type { CompiledPlan, SubjectCriteria } from './compile';
import type { Step } from './decision';
import type { TierRule } from './plan-schema';
import { H_LEVEL, H_PROPOSED, H_ROUND, H_SUBJECT, type RowState } from './row-state';
import { LEVEL_LABELS_VI, ROUND_LABELS_VI, type LevelId, type RoundId, type SubjectId, type TierId } from './vocabulary';

type Evaluated = Extract<TierRule, { kind: 'evaluated' }>;
type Offered = Exclude<TierRule, { kind: 'none' }>;

/** Đối tượng or Hình thức đề nghị left blank, or not understood. */
function unreadStep(kind: 'subject' | 'tier', label: string, r: RowState, h: number, p: Parsed<unknown>, unknown: (raw: string) => string, blank: string): Step {
  return { kind, id: kind, label, result: 'missing', value: r.text(h) || undefined, text: p.kind === 'unreadable' ? unknown(p.raw) : blank, citation: '', depth: 0 };
}

export function subjectMissingStep(r: RowState, subjectP: Parsed<SubjectId>): Step {
  return unreadStep('subject', COL.subject, r, H_SUBJECT, subjectP, (raw) => `Không nhận ra loại đối tượng “${raw}”`, 'Chưa ghi loại đối tượng');
}

/** A subject the plan has no standard for. */
export function subjectUncoveredStep(compiled: CompiledPlan, r: RowState, subject: SubjectId): Step {
  const judged = [...compiled.criteria.keys()].map((s) => compiled.subjectName(s)).join(', ');
  const { plan } = compiled;
  return {
    kind: 'subject',
    id: 'subject',
    label: COL.subject,
    result: 'fail',
    value: r.text(H_SUBJECT),
    text: `Kế hoạch không có tiêu chuẩn cho đối tượng “${compiled.subjectName(subject)}”; kế hoạch chỉ xét: ${judged}`,
    citation: plan.subjectsCite ? compiled.cite(plan.subjectsCite) : '',
    depth: 0,
  };
}

/** A subject's step says the same on every row of that subject: worded once per plan and subject. */
const subjectWording = new WeakMap<SubjectCriteria, { text: string; citation: string }>();

export function subjectStep(compiled: CompiledPlan, r: RowState, subject: SubjectId, applied: SubjectCriteria): Step {
  let w = subjectWording.get(applied);
  if (w === undefined) {
    const judged = applied.judgedAs;
    w = {
      text: judged
        ? `${compiled.subjectName(subject)}: kế hoạch không có mục riêng, xét theo tiêu chuẩn “${applied.rule.label}” (mục ${applied.rule.letter}). ${judged.reading}`
        : `Đối tượng ${compiled.subjectName(subject)}: tiêu chuẩn mục ${applied.rule.letter} (${applied.rule.label})`,
      citation: compiled.cite(judged ? judged.cite : applied.rule.cite),
    };
    subjectWording.set(applied, w);
  }
  return { kind: 'subject', id: 'subject', label: COL.subject, result: 'pass', value: r.text(H_SUBJECT), text: w.text, citation: w.citation, depth: 0 };
}

/** A year outside the plan's period ("giai đoạn 2021 - 2025"). */
export function periodStep(compiled: CompiledPlan, statedYear: number): Step {
  const period = compiled.plan.period!;
  return {
    kind: 'round',
    id: 'period',
    label: COL.year,
    result: 'fail',
    value: String(statedYear),
    text: `Năm ${statedYear} nằm ngoài giai đoạn của kế hoạch (${period.from}–${period.to}); hãy kiểm tra theo kế hoạch của giai đoạn có năm ${statedYear}`,
    citation: compiled.cite(period.cite),
    depth: 0,
  };
}

export function roundMissingStep(r: RowState): Step {
  return { kind: 'round', id: 'round', label: COL.round, result: 'missing', value: r.text(H_ROUND), text: 'Không đọc được đợt khen thưởng', citation: '', depth: 0 };
}

/** A round held in another year than the row's (sơ kết 2023, tổng kết 2025 for 2021–2025 plans). */
export function roundYearStep(compiled: CompiledPlan, round: Exclude<RoundId, 'annual'>, year: number): Step {
  // Only reached for a plan that states its round years (a row's sơ kết year is checked against them).
  const roundYears = compiled.plan.roundYears!;
  return {
    kind: 'round',
    id: 'round-year',
    label: COL.round,
    result: 'fail',
    value: `${ROUND_LABELS_VI[round]} ${year}`,
    text: `Đợt ${ROUND_LABELS_VI[round].toLowerCase()} tổ chức năm ${roundYears[round]}, không phải năm ${year}`,
    citation: compiled.cite(roundYears.cite),
    depth: 0,
  };
}

export function tierMissingStep(r: RowState, proposedP: Parsed<TierId>): Step {
  return unreadStep('tier', COL.proposed, r, H_PROPOSED, proposedP, (raw) => `Không nhận ra hình thức khen thưởng “${raw}”`, 'Chưa ghi hình thức đề nghị');
}

/** A form the plan does not provide. */
export function tierNoneStep(compiled: CompiledPlan, r: RowState, proposed: TierId, rule: Extract<TierRule, { kind: 'none' }>): Step {
  return {
    kind: 'tier',
    id: 'tier',
    label: COL.proposed,
    result: 'fail',
    value: r.text(H_PROPOSED),
    text: `Kế hoạch không có hình thức này (${compiled.tierName(proposed)})${rule.note ? `. ${rule.note}` : ''}`,
    // The engine decides this; it cites where the plan lists the forms it does award.
    citation: rule.cite ? compiled.cite(rule.cite) : compiled.plan.formsCite ? compiled.cite(compiled.plan.formsCite) : '',
    depth: 0,
  };
}

/** A form not considered in the row's round. */
export function tierRoundStep(compiled: CompiledPlan, r: RowState, rule: Offered, round: RoundId): Step {
  return {
    kind: 'tier',
    id: 'tier-round',
    label: COL.proposed,
    result: 'fail',
    value: r.text(H_PROPOSED),
    text: `${rule.label} không xét trong đợt ${ROUND_LABELS_VI[round].toLowerCase()}; chỉ xét: ${rule.rounds.map((x) => ROUND_LABELS_VI[x].toLowerCase()).join(', ')}`,
    citation: compiled.cite(rule.roundCite ?? rule.cite),
    depth: 0,
  };
}

/** A form whose standards another document sets. */
export function handOverStep(compiled: CompiledPlan, r: RowState, rule: Extract<TierRule, { kind: 'hand-over' }>): Step {
  return {
    kind: 'tier',
    id: 'tier',
    label: COL.proposed,
    result: 'n/a',
    value: r.text(H_PROPOSED),
    text: `Tiêu chuẩn ${rule.label} thực hiện theo ${rule.document}; kế hoạch này không quy định${rule.reading ? `. Cách hiểu: ${rule.reading}` : ''}${rule.notice ? `. Lưu ý: ${rule.notice}` : ''}`,
    citation: compiled.cite(rule.cite),
    depth: 0,
  };
}

/** A form the plan judges: its step, then its notices for the row's round. */
export function tierSteps(compiled: CompiledPlan, r: RowState, rule: Evaluated, round: RoundId | null, out: Step[]): void {
  const reading = rule.reading ? `. Cách hiểu: ${rule.reading}` : '';
  out.push({ kind: 'tier', id: 'tier', label: COL.proposed, result: 'pass', value: r.text(H_PROPOSED), text: `${rule.label}${reading}`, citation: compiled.cite(rule.cite), depth: 0 });
  if (rule.notice) out.push({ kind: 'notice', id: 'tier-notice', label: 'Lưu ý', result: 'n/a', text: rule.notice, citation: compiled.cite(rule.cite), depth: 0 });
  for (const n of rule.notices ?? []) {
    if (!n.rounds || (round && n.rounds.includes(round))) {
      out.push({ kind: 'notice', id: 'tier-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite), depth: 0 });
    }
  }
}

/** A form needing a recorded level (above Xuất sắc) on a row that has none. */
export function levelMissingStep(compiled: CompiledPlan, r: RowState, rule: Evaluated, needed: LevelId): Step {
  return {
    kind: 'level',
    id: 'level',
    label: COL.level,
    result: 'missing',
    value: r.text(H_LEVEL) || undefined,
    text: `${rule.label} cần mức thành tích “${LEVEL_LABELS_VI[needed]}” trở lên; chưa ghi hoặc không đọc được mức thành tích`,
    citation: compiled.cite(rule.levelCite ?? rule.cite),
    depth: 0,
  };
}

export function levelStep(compiled: CompiledPlan, r: RowState, rule: Evaluated, needed: LevelId, level: LevelId, ok: boolean): Step {
  return {
    kind: 'level',
    id: 'level',
    label: COL.level,
    result: ok ? 'pass' : 'fail',
    value: r.text(H_LEVEL),
    text: `${rule.label} cần mức “${LEVEL_LABELS_VI[needed]}” trở lên; đạt mức “${LEVEL_LABELS_VI[level]}”`,
    citation: compiled.cite(rule.levelCite ?? rule.cite),
    depth: 0,
  };
}

/** The plan's own notices, after the criteria. */
export function planNoticeSteps(compiled: CompiledPlan, out: Step[]): void {
  for (const n of compiled.plan.notices) out.push({ kind: 'notice', id: 'plan-notice', label: 'Lưu ý', result: 'n/a', text: n.text, citation: compiled.cite(n.cite), depth: 0 });
}

/** Why a row stops below a form: the criterion it fails there, or the level that form needs. */
export interface NextForm {
  rule: Evaluated;
  why?: { text: string; citation: string } | null;
  level?: LevelId;
}

/**
 * For plans whose forms state criteria of their own: the highest form the row meets and what it
 * misses for the next one up ("Đủ điều kiện Giấy khen của Chủ tịch UBND xã; chưa đủ Giấy khen của
 * Chủ tịch UBND huyện: …: 25.000.000 < 40.000.000").
 */
export function highestFormStep(compiled: CompiledPlan, awardTier: TierId | null, next: NextForm | null): Step {
  const met = awardTier === null ? null : compiled.plan.tiers[awardTier];
  const metName = met && met.kind === 'evaluated' ? met.label : awardTier ? compiled.tierName(awardTier) : '';
  const head = awardTier === null ? 'Chưa đủ điều kiện hình thức nào kế hoạch xét' : `Đủ điều kiện ${metName}`;
  let text = head;
  let citation = '';
  if (next) {
    const why = next.level ? `cần mức thành tích “${LEVEL_LABELS_VI[next.level]}” trở lên` : next.why ? next.why.text : 'còn thiếu thông tin';
    text = `${head}; chưa đủ ${next.rule.label}: ${why}`;
    citation = next.level ? compiled.cite(next.rule.levelCite ?? next.rule.cite) : next.why ? next.why.citation : compiled.cite(next.rule.cite);
  } else if (awardTier !== null) text = `${head} (hình thức cao nhất kế hoạch xét cho dòng này)`;
  return { kind: 'tier', id: 'highest-form', label: 'Hình thức cao nhất', result: 'n/a', text, citation, depth: 0 };
}

/**
 * Values the row does not state, taken from elsewhere: the round chosen for the run (or Hằng năm),
 * the year chosen for the run, of Ngày trình, or of the day of the check.
 */
export function contextSteps(ctx: { round?: RoundId; year?: number; asOf?: string }, round: RoundId | null, year: number | null, submitted: string | null, out: Step[]): void {
  if (round !== null) {
    const name = ROUND_LABELS_VI[round].toLowerCase();
    out.push({
      kind: 'context',
      id: 'round-source',
      label: COL.round,
      result: 'n/a',
      value: ROUND_LABELS_VI[round],
      text: ctx.round ? `Đợt ${name}: dòng không ghi “${COL.round}”, lấy theo đợt chọn khi kiểm tra` : `Đợt ${name}: dòng không ghi “${COL.round}” và khi kiểm tra không chọn đợt`,
      citation: '',
      depth: 0,
    });
  }
  if (year !== null) {
    const source =
      ctx.year !== undefined ? 'lấy theo năm chọn khi kiểm tra' : submitted && Number(submitted.slice(0, 4)) === year ? `lấy từ “${COL.submitted}”` : 'lấy theo ngày kiểm tra';
    out.push({ kind: 'context', id: 'year-source', label: COL.year, result: 'n/a', value: String(year), text: `Năm ${year}, ${source} (dòng không ghi “${COL.year}”)`, citation: '', depth: 0 });
  }
}

/** A row none of whose own criteria apply (every bullet scoped to other rows): why it fails. */
export function nothingAppliesStep(compiled: CompiledPlan, applied: SubjectCriteria, subjectText: string): Step {
  const rule = applied.rule;
  return {
    kind: 'criterion',
    id: 'nothing-applies',
    label: rule.label,
    result: 'fail',
    value: subjectText || undefined,
    text: `Không tiêu chí nào của mục ${rule.letter} (${rule.label}) áp dụng cho đối tượng “${subjectText}”`,
    citation: compiled.cite(rule.cite),
    depth: 0,
  };
}

/** Tên, or the unit an individual or household needs, left blank: the row cannot be decided. */
export function columnMissingStep(compiled: CompiledPlan, column: string, subject: SubjectId | null): Step {
  const who = column === COL.unit && subject ? ` (cần cho ${compiled.subjectName(subject)})` : '';
  return { kind: 'column', id: 'column', label: column, result: 'missing', text: `Chưa ghi “${column}”${who}`, citation: '', depth: 0 };
}
