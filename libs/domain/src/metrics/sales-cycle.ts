// Sales cycle length: from the lead's start (or its qualification) to the won deal.
import { passagesOf, type LeadJourney } from './journey.js';
import { daysBetween, isWithin, type Period } from './period.js';
import { summarize, type Summary } from './statistics.js';

export type CycleStart = 'lead' | 'sql';

export interface SalesCycle extends Summary {
  readonly start: CycleStart; // mean, median and p90 are in days
}

/**
 * Over the leads won in the period: days from the first passage of `start` to the win. The first
 * passage, not the latest: a lead recycled and re-qualified took the whole time to buy.
 */
export const salesCycleLength = (
  journeys: readonly LeadJourney[], period: Period, start: CycleStart = 'lead',
): SalesCycle => {
  const lengths: number[] = [];
  for (const journey of journeys) {
    if (journey.wonAt === undefined || !isWithin(journey.wonAt, period)) continue;
    const startedAt = passagesOf(journey, start)[0];
    if (startedAt !== undefined) lengths.push(daysBetween(startedAt, journey.wonAt));
  }
  return { start, ...summarize(lengths, 'no deal won in the period') };
};
