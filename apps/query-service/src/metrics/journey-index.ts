// Journeys of a window, handed to the domain's formulas one period at a time: a formula over a
// period only ever counts a lead with a stage entry, a nurture-track change or a win inside it, so
// each period gets just those journeys, found by comparing pre-parsed instants (the formulas parse ISO strings each time).
import type { metrics } from '#domain';

export class JourneyIndex {
  private readonly times: { readonly journey: metrics.LeadJourney; readonly instants: readonly number[] }[];

  constructor(readonly all: readonly metrics.LeadJourney[]) {
    this.times = all.map((journey) => ({
      journey,
      instants: [
        ...journey.entries.map((entry) => Date.parse(entry.at)),
        ...(journey.trackChanges ?? []).map((change) => Date.parse(change.at)),
        ...(journey.wonAt === undefined ? [] : [Date.parse(journey.wonAt)]),
      ],
    }));
  }

  /** The journeys with a stage entry, a track change or a win in [from, to). */
  touching(period: metrics.Period): metrics.LeadJourney[] {
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    return this.times.filter(({ instants }) => instants.some((at) => at >= from && at < to)).map(({ journey }) => journey);
  }
}
