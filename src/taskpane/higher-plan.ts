/**
 * "Kế hoạch cấp trên" (issue 18): the pane and the page judge a list with its own plan and, when
 * one is chosen, a higher plan — a shipped plan, a plan file, or (in Excel) the workbook's sheet
 * "Kế hoạch cấp trên" — each row by the plan governing its award form (core/plan-set).
 */
import type { CompiledPlan } from '../core/compile';
import { identityLine, planIdentity } from '../core/plan-identity';
import { planSet, PlanConflictError, type PlanSet } from '../core/plan-set';

/** The higher-plan picker's values for a plan file and for the workbook's higher-plan sheet. */
export const HIGHER_FILE = '@higher-file';
export const HIGHER_SHEET = '@higher-sheet';
/** The sheet a workbook's higher plan is read from, laid out as the one-sheet plan book. */
export { HIGHER_SHEET_NAME } from '../functions/settings';

/** The list's plan and the higher plan together; a conflict is said in Vietnamese, naming both. */
export function withHigher(plan: CompiledPlan, higher: CompiledPlan | undefined): { ok: true; plans: PlanSet } | { ok: false; message: string } {
  try {
    return { ok: true, plans: planSet(higher ? [plan, higher] : [plan]) };
  } catch (e) {
    if (e instanceof PlanConflictError) return { ok: false, message: e.message.replace(/ — (?:two|the same) .*$/, '.') };
    throw e;
  }
}

/** "Xét theo: …" — what the pane says after a check, so the user sees exactly which texts judged. */
export function judgedByText(plans: PlanSet): string {
  return `Xét theo: ${plans.plans.map((p) => identityLine(planIdentity(p))).join(' | ')}.`;
}
