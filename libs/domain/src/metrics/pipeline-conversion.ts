// Pipeline conversion: opportunities won / opportunities that entered the pipeline (`sql`).
import { firstPassageIn, type LeadJourney } from './journey.js';
import { instant, isWithin, type Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';
import type { CountingMode } from './stage-conversion.js';

export interface PipelineConversion {
  readonly mode: CountingMode;
  readonly entered: number;
  readonly won: number;
  readonly conversion: Ratio;
}

/**
 * cohort: of the leads that entered `sql` in the period, those won at any time since.
 * period: leads won in the period / leads that entered `sql` in the period (different leads; may exceed 1).
 */
export const pipelineConversion = (
  journeys: readonly LeadJourney[], period: Period, mode: CountingMode,
): PipelineConversion => {
  let entered = 0;
  let won = 0;
  for (const journey of journeys) {
    const qualifiedAt = firstPassageIn(journey, 'sql', period);
    if (qualifiedAt !== undefined) entered += 1;
    const wonAt = journey.wonAt;
    if (wonAt === undefined) continue;
    if (mode === 'period' ? isWithin(wonAt, period) : qualifiedAt !== undefined && instant(wonAt) >= instant(qualifiedAt)) won += 1;
  }
  return { mode, entered, won, conversion: ratio(won, entered, 'no opportunity entered the pipeline in the period') };
};
