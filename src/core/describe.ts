/**
 * The explanation of a judged row: what judge() decided, worded step by step in the plan's own
 * words. judge() decides and records its cases (Facts); this only says them, in a fixed order, and
 * runs only when a caller asks for the reasons. The rules that decide stay in judge() alone: this
 * maps each recorded case to its step and never changes the decision.
 */
import type { Parsed } from './cell';
import { COL } from './columns';
import type { SubjectCriteria } from './compile';
import type { TierRule } from './plan-schema';
import { decidingLeaf, formVerdict, OUT, traceNode } from './criteria-tree';
import type { RunContext, Step } from './decision';
import type { FormTree, SubjectTrees } from './program';
import { NA, PASS } from './program';
import type { RowState } from './row-state';
import {
  columnMissingStep,
  contextSteps,
  handOverStep,
  highestFormStep,
  levelMissingStep,
  levelStep,
  nothingAppliesStep,
  periodStep,
  planNoticeSteps,
  roundMissingStep,
  roundYearStep,
  subjectMissingStep,
  subjectStep,
  subjectUncoveredStep,
  tierMissingStep,
  tierNoneStep,
  tierRoundStep,
  tierSteps,
  type NextForm,
} from './steps';
import { levelRank, type LevelId, type RoundId, type SubjectId, type TierId } from './vocabulary';

/** How judge() found the proposed form (numbers, not an enum: the engine's hot fields stay small integers). */
export const TIER_MISSING = 0;
/** A form the plan does not provide. */
export const TIER_NONE = 1;
/** A form not considered in the row's round. */
export const TIER_OTHER_ROUND = 2;
/** A form whose standards another document sets. */
export const TIER_HAND_OVER = 3;
/** A form the plan judges. */
export const TIER_JUDGED = 4;

/** How judge() found the level a judged form asks for: none asked above Xuất sắc, blank, met, short. */
export const LEVEL_NOT_ASKED = 0;
export const LEVEL_MISSING = 1;
export const LEVEL_MET = 2;
export const LEVEL_SHORT = 3;

/** What judge() read and decided, for the words. */
export interface Facts {
  subjectP: Parsed<SubjectId>;
  subject: SubjectId | null;
  applied: SubjectCriteria | undefined;
  /** The row's own year when it lies outside the plan's period, else null. */
  outOfPeriod: number | null;
  round: RoundId | null;
  roundBlank: boolean;
  /** The row's round is held in another year than the row's. */
  wrongRoundYear: boolean;
  roundYearOk: boolean;
  year: number | null;
  yearBlank: boolean;
  submitted: string | null;
  proposedP: Parsed<TierId>;
  proposed: TierId | null;
  tierCase: number;
  level: LevelId | null;
  levelCase: number;
  trees: SubjectTrees | undefined;
  /** The proposed form's own criteria tree, when it states one. */
  shown: FormTree | undefined;
  awardTier: TierId | null;
  levelForTier: LevelId;
  criteria: number;
  subjectText: string;
}

/** Every step of a judged row but its deadline's (evalDeadline words those), in order. */
export function describe(r: RowState, ctx: RunContext, f: Facts, out: Step[]): void {
  const compiled = r.plan;
  const { plan } = compiled;
  const { subject, round, proposed, trees } = f;

  if (subject === null) out.push(subjectMissingStep(r, f.subjectP));
  else if (!f.applied) out.push(subjectUncoveredStep(compiled, r, subject));
  else out.push(subjectStep(compiled, r, subject, f.applied));

  if (f.outOfPeriod !== null) out.push(periodStep(compiled, f.outOfPeriod));
  if (round === null) out.push(roundMissingStep(r));
  else if (f.wrongRoundYear) out.push(roundYearStep(compiled, round as Exclude<RoundId, 'annual'>, f.year as number));
  // Where a value came from elsewhere than the row, the explanation says so (nothing hidden).
  contextSteps(ctx, f.roundBlank ? round : null, f.yearBlank ? f.year : null, f.submitted, out);

  const rule = proposed === null ? undefined : plan.tiers[proposed];
  switch (f.tierCase) {
    case TIER_MISSING:
      out.push(tierMissingStep(r, f.proposedP));
      break;
    case TIER_NONE:
      out.push(tierNoneStep(compiled, r, proposed as TierId, rule as Extract<TierRule, { kind: 'none' }>));
      break;
    case TIER_OTHER_ROUND:
      out.push(tierRoundStep(compiled, r, rule as Exclude<TierRule, { kind: 'none' }>, round as RoundId));
      break;
    case TIER_HAND_OVER:
      out.push(handOverStep(compiled, r, rule as Extract<TierRule, { kind: 'hand-over' }>));
      break;
    default: {
      const judged = rule as Extract<TierRule, { kind: 'evaluated' }>;
      tierSteps(compiled, r, judged, round, out);
      const needed = judged.minLevel as LevelId;
      if (f.levelCase === LEVEL_MISSING) out.push(levelMissingStep(compiled, r, judged, needed));
      else if (f.levelCase !== LEVEL_NOT_ASKED) out.push(levelStep(compiled, r, judged, needed, f.level as LevelId, f.levelCase === LEVEL_MET));
    }
  }

  if (trees && subject !== null) {
    const tree = f.shown ? f.shown.node : trees.base;
    const own = f.shown ? f.shown.own : trees.own;
    if (own >= 0 && (r.results[own] === NA || r.results[own] === OUT)) out.push(nothingAppliesStep(compiled, f.applied as SubjectCriteria, f.subjectText));
    traceNode(tree, r, out, 0, true, f.subjectText);
    if (trees.forms.size > 0 && round && f.roundYearOk) {
      out.push(highestFormStep(compiled, f.awardTier, nextForm(r, trees, f.awardTier, round, f.levelForTier, f.criteria, subject, f.subjectText)));
    }
  }
  planNoticeSteps(compiled, out);

  // Name and unit are required data whatever the criteria say.
  for (const column of [COL.name, COL.unit]) if (r.missing.includes(column)) out.push(columnMissingStep(compiled, column, subject));
}

/**
 * The form just above the highest one the row meets (the lowest, when it meets none), among those
 * the plan judges in the row's round, with the criterion that keeps the row from it.
 */
function nextForm(r: RowState, trees: SubjectTrees, awardTier: TierId | null, round: RoundId, level: LevelId, base: number, subject: SubjectId, subjectText: string): NextForm | null {
  const { plan, tierOrder } = r.plan;
  const from = awardTier === null ? 0 : tierOrder.indexOf(awardTier) + 1;
  for (let i = from; i < tierOrder.length; i++) {
    const tier = tierOrder[i];
    const rule = plan.tiers[tier];
    if (rule.kind !== 'evaluated' || !rule.rounds.includes(round)) continue;
    if (formVerdict(r, trees, tier, base, subject, subjectText) !== PASS) {
      // No failed criterion to name: none of the row's own criteria apply to it.
      return { rule, why: decidingLeaf(trees.forms.get(tier)?.node ?? trees.base, r) ?? { text: `không tiêu chí nào áp dụng cho đối tượng “${subjectText}”`, citation: '' } };
    }
    if (rule.minLevel && levelRank(level) < levelRank(rule.minLevel)) return { rule, level: rule.minLevel };
  }
  return null;
}

