// Lead-funnel metrics: the leads' journeys through the lifecycle stages of the window, fed to the
// domain's formulas per period.
import { LIFECYCLE_STAGES, metrics } from '#domain';
import { JourneyIndex } from './journey-index.js';
import { FILTERS, type MetricDefinition } from './metric-definition.js';

/** Journeys of leads with an entry in any of these stages can pass `sql` (a skip counts as a passage). */
const AT_OR_AFTER_SQL = LIFECYCLE_STAGES.slice(LIFECYCLE_STAGES.indexOf('sql'));

export const funnelMetric: MetricDefinition = {
  name: 'funnel',
  summary: 'Leads per lifecycle stage (reached it or a later one), each consecutive conversion, and overall lead → won',
  options: ['mode', ...FILTERS],
  prepare: async ({ snapshot, window, filter, options }) => {
    const stages = options.mode === 'cohort' ? ['lead' as const] : LIFECYCLE_STAGES;
    const journeys = new JourneyIndex(await snapshot.journeys({ kind: 'entered', stages }, window, filter));
    return { compute: (period) => ({ ...metrics.funnel(journeys.touching(period), period, options.mode) }) };
  },
};

export const timeInStageMetric: MetricDefinition = {
  name: 'time-in-stage',
  summary: 'Per stage: mean, median and p90 days of the stays that ended in the period; and the leads stalled now past a threshold',
  options: [...FILTERS, 'stalledAfterDays', 'stalledLimit'],
  prepare: async ({ snapshot, window, filter, options, now }) => {
    const journeys = new JourneyIndex(await snapshot.journeys({ kind: 'exited' }, window, filter));
    const cutoff = new Date(Date.parse(now) - options.stalledAfterDays * 86_400_000).toISOString();
    const current = await snapshot.currentStays(metrics.STALLABLE_STAGES, cutoff, options.stalledLimit + 1, filter);
    const stalled = metrics.stalledLeads(current, { now, thresholdDays: options.stalledAfterDays });
    return {
      compute: (period) => ({ stages: metrics.timeInStage(journeys.touching(period), period) }),
      extra: {
        stalled: {
          asOf: now, thresholdDays: options.stalledAfterDays,
          leads: stalled.slice(0, options.stalledLimit),
          /** More stalled leads exist than were listed. */
          more: stalled.length > options.stalledLimit,
        },
      },
    };
  },
};

export const pipelineConversionMetric: MetricDefinition = {
  name: 'pipeline-conversion',
  summary: 'Opportunities won / opportunities that entered the pipeline (sql) in the period',
  options: ['mode', ...FILTERS],
  prepare: async ({ snapshot, window, filter, options }) => {
    const entered = await snapshot.journeys({ kind: 'entered', stages: AT_OR_AFTER_SQL }, window, filter);
    const won = options.mode === 'period' ? await snapshot.journeys({ kind: 'won' }, window, filter) : [];
    const journeys = new JourneyIndex([...new Map([...entered, ...won].map((journey) => [journey.leadId, journey])).values()]);
    return { compute: (period) => ({ ...metrics.pipelineConversion(journeys.touching(period), period, options.mode) }) };
  },
};

export const leadsBySourceMetric: MetricDefinition = {
  name: 'leads-by-source',
  summary: 'Leads captured in the period per source with their conversion to won, and where those leads stood at the period\'s end',
  options: FILTERS,
  prepare: async ({ snapshot, window, filter }) => {
    const journeys = new JourneyIndex(await snapshot.journeys({ kind: 'entered', stages: ['lead'] }, window, filter));
    return {
      compute: (period) => {
        const touching = journeys.touching(period);
        return {
          sources: metrics.leadsBySource(touching, period),
          stagesAtEnd: metrics.leadsByStage(touching.filter((j) => metrics.firstPassageIn(j, 'lead', period) !== undefined), period.to),
        };
      },
    };
  },
};

export const nurtureTracksMetric: MetricDefinition = {
  name: 'nurture-tracks',
  summary: 'Per nurture track: leads that started on it in the period (entering nurturing on it or moved onto it) and the share of them that reached mql or later',
  options: FILTERS,
  prepare: async ({ snapshot, window, filter }) => {
    // `track` picks the row of that track, not leads by their latest track: a lead counts on every track it started on.
    const { track, ...leadFilter } = filter;
    const journeys = new JourneyIndex(await snapshot.journeys({ kind: 'nurtured' }, window, leadFilter));
    return {
      compute: (period) => ({
        tracks: metrics.conversionsByNurtureTrack(journeys.touching(period), period).filter((row) => track === undefined || row.track === track),
      }),
    };
  },
};
