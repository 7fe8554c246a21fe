/**
 * The deadline of a row (spec §5): the run's own date or the plan's for the row's round and form,
 * anchored on the row's year; reported beside the status, never folded into it.
 */
import type { IsoDate, Parsed } from './cell';
import { COL } from './columns';
import type { CompiledPlan } from './compile';
import { daysBetween, formatDateVi, isoDate } from './dates';
import type { DeadlineResult, RunContext, Step } from './decision';
import type { RowState } from './row-state';
import type { RoundId, TierId } from './vocabulary';

export function evalDeadline(
  compiled: CompiledPlan,
  ctx: RunContext,
  round: RoundId | null,
  proposed: TierId | null,
  year: number | null,
  submitted: IsoDate | null,
  submittedP: Parsed<IsoDate>,
  r: RowState,
  out: Step[] | null,
): DeadlineResult {
  const planDeadline =
    round && proposed ? compiled.plan.deadlines.find((d) => d.rounds.includes(round) && d.tiers.includes(proposed)) : undefined;
  if (!ctx.deadline && !planDeadline) return { status: 'none', before: null, daysLate: 0 };
  const before: IsoDate | null = ctx.deadline
    ? ctx.deadline
    : year !== null && planDeadline
      ? isoDate(year, planDeadline.month, planDeadline.day)
      : null;
  const label = planDeadline && !ctx.deadline ? planDeadline.text : 'Hạn nộp do người kiểm tra đặt';
  if (submitted === null) {
    r.need(COL.submitted);
    out?.push({
      kind: 'deadline',
      id: 'deadline',
      label: COL.submitted,
      result: 'missing',
      value: submittedP.kind === 'unreadable' ? submittedP.raw : undefined,
      text: `${label}: ${submittedP.kind === 'unreadable' ? `không đọc được ngày trình “${submittedP.raw}”` : 'chưa có ngày trình'}`,
      citation: planDeadline && !ctx.deadline ? compiled.cite(planDeadline.cite) : '',
      depth: 0,
    });
    return { status: 'missing', before, daysLate: 0 };
  }
  if (before === null) {
    // A plan deadline with no year to anchor it: the submission date itself gives the year.
    return evalDeadline(compiled, ctx, round, proposed, Number(submitted.slice(0, 4)), submitted, submittedP, r, out);
  }
  // Days after the eve of the deadline ("trước ngày 05/12": the 4th is the last day on time).
  const late = daysBetween(before, submitted) + 1;
  const onTime = late <= 0;
  if (out) {
    const submittedVi = formatDateVi(submitted);
    out.push({
      kind: 'deadline',
      id: 'deadline',
      label: COL.submitted,
      result: onTime ? 'pass' : 'fail',
      value: submittedVi,
      text: onTime
        ? `${label}: trình ngày ${submittedVi}, đúng hạn (trước ${formatDateVi(before)})`
        : `${label}: trình ngày ${submittedVi}, trễ ${late} ngày (hạn trước ${formatDateVi(before)})`,
      citation: planDeadline && !ctx.deadline ? compiled.cite(planDeadline.cite) : '',
      depth: 0,
    });
  }
  return { status: onTime ? 'on-time' : 'late', before, daysLate: onTime ? 0 : late };
}
