// Conversions by nurture track: of the leads nurtured on a track, those that reached mql or later.
import { instant, isWithin, type Period } from './period.js';
import { reachedSince, type LeadJourney, type NurtureTrackChange } from './journey.js';
import { ratio, type Ratio } from './ratio.js';

export interface TrackConversion {
  readonly track: string;
  readonly entered: number;
  readonly reachedMql: number;
  readonly conversion: Ratio;
}

/**
 * Every start of a track: an entry into `nurturing` on it (a first nurturing, or a return after a
 * rejection or a recycle onto the track the lead had), and every move onto it inside a stay.
 */
const trackStarts = (journey: LeadJourney): NurtureTrackChange[] => [
  ...journey.entries.flatMap((entry) => (entry.stage === 'nurturing' && entry.track !== undefined ? [{ track: entry.track, at: entry.at }] : [])),
  ...(journey.trackChanges ?? []),
];

/**
 * Cohort: per track, the leads that started on it in the period (once per lead and track, at the
 * first such start in the period), and of them those at mql or later at any time since that start.
 * A lead moved from one track to another counts as entered on each track it started on in the
 * period, and as reaching mql on each of those it was on before (or when) it got to mql: both
 * tracks had their chance. A track taken up after the lead's last mql does not count as reached.
 */
export const conversionsByNurtureTrack = (journeys: readonly LeadJourney[], period: Period): TrackConversion[] => {
  const rows = new Map<string, { entered: number; reachedMql: number }>();
  for (const journey of journeys) {
    const startedOn = new Map<string, string>();
    for (const start of trackStarts(journey)) {
      if (!isWithin(start.at, period)) continue;
      const first = startedOn.get(start.track);
      if (first === undefined || instant(start.at) < instant(first)) startedOn.set(start.track, start.at);
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
