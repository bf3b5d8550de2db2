// The deal-stage funnel inside `sql`: how far opportunities got through the pipeline's stages
// ("40% agree to a demo, 8% buy").
import type { DealOutcome } from '../lifecycle.js';
import type { Pipeline } from '../pipelines.js';
import { isWithin, type Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export interface OpportunityPath {
  readonly leadId: string;
  /** When it entered the pipeline (SalesQualified). */
  readonly enteredAt: string;
  /** Deal stages in the order visited, the first one included; moves back are kept. */
  readonly dealStages: readonly string[];
  readonly outcome?: DealOutcome;
}

export interface DealStageRow {
  readonly dealStage: string;
  /** Opportunities that reached this stage or a later one (skips count as passed). */
  readonly reached: number;
  /** To the next stage; for the last stage, to won. */
  readonly conversionToNext: Ratio;
  /** Lost while in this stage (the last stage visited). */
  readonly lost: number;
}

export interface DealStageFunnel {
  readonly pipeline: string;
  readonly opportunities: number;
  readonly stages: readonly DealStageRow[];
  readonly won: number;
  /** won / opportunities. */
  readonly overall: Ratio;
}

/**
 * The cohort of opportunities that entered the pipeline in the period, followed to today. A won
 * deal has passed every stage, as a lead that skipped a lifecycle stage has passed it. Stages not in
 * the pipeline (renamed since) are ignored.
 */
export const dealStageFunnel = (
  opportunities: readonly OpportunityPath[], pipeline: Pipeline, period: Period,
): DealStageFunnel => {
  const names = pipeline.stages.map((stage) => stage.name);
  const cohort = opportunities.filter((opp) => isWithin(opp.enteredAt, period));
  const furthest = cohort.map((opp) =>
    opp.outcome === 'won' ? names.length - 1 : Math.max(-1, ...opp.dealStages.map((s) => names.indexOf(s))));
  const reached = names.map((_, i) => furthest.filter((level) => level >= i).length);
  const won = cohort.filter((opp) => opp.outcome === 'won').length;
  const stages = names.map((dealStage, i): DealStageRow => ({
    dealStage,
    reached: reached[i],
    conversionToNext: ratio(i + 1 < names.length ? reached[i + 1] : won, reached[i], `no opportunity reached ${dealStage}`),
    lost: cohort.filter((opp) => opp.outcome === 'lost' && opp.dealStages[opp.dealStages.length - 1] === dealStage).length,
  }));
  return {
    pipeline: pipeline.id, opportunities: cohort.length, stages, won,
    overall: ratio(won, cohort.length, 'no opportunity entered the pipeline in the period'),
  };
};
