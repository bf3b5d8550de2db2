// Conversions by nurture track: of the leads nurtured on a track, those that reached mql or later.
import { instant, isWithin, type Period } from './period.js';
import { reachedSince, type LeadJourney } from './journey.js';
import { ratio, type Ratio } from './ratio.js';

export interface TrackConversion {
  readonly track: string;
  readonly entered: number;
  readonly reachedMql: number;
  readonly conversion: Ratio;
}

/**
 * Cohort: leads that started nurturing on a track in the period (once per lead and track, at the
 * first such start), and of them those at mql or later at any time since. A lead moved from one
 * track to another counts on both: each track had its chance.
 */
export const conversionsByNurtureTrack = (journeys: readonly LeadJourney[], period: Period): TrackConversion[] => {
  const rows = new Map<string, { entered: number; reachedMql: number }>();
  for (const journey of journeys) {
    const startedOn = new Map<string, string>();
    for (const entry of journey.entries) {
      if (entry.stage !== 'nurturing' || entry.track === undefined || !isWithin(entry.at, period)) continue;
      const first = startedOn.get(entry.track);
      if (first === undefined || instant(entry.at) < instant(first)) startedOn.set(entry.track, entry.at);
    }
    for (const [track, since] of startedOn) {
      const row = rows.get(track) ?? { entered: 0, reachedMql: 0 };
      rows.set(track, { entered: row.entered + 1, reachedMql: row.reachedMql + (reachedSince(journey, 'mql', since) ? 1 : 0) });
    }
  }
  return [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([track, { entered, reachedMql }]) => ({
    track, entered, reachedMql, conversion: ratio(reachedMql, entered, `no lead nurtured on ${track} in the period`),
  }));
};
