// Hundreds of seeded random leads through legal paths, appended to the event store; every metric
// of a monthly 2026 series must equal a straightforward computation over those raw events, written
// here from the events alone (no read model, no domain formula).
import { LIFECYCLE_STAGES, leadStreamName, type LeadEvent, type LifecycleStage } from '#domain';
import { toNewEvents } from '#commands';
import { EVENT_STORE, type EventStore } from '#event-store';
import { auth, startTestApp, type TestApp } from '../support/test-app.js';
import { eur, Positions, recordCost, setTarget } from './metric-leads.js';
import { randomLeads } from './random-histories.js';

const LEADER = auth('dev-leader');
const SEED = 20261125;
const LEADS = 300;
const DAY = 86_400_000;

interface Period { readonly from: number; readonly to: number }
interface Entry { readonly stage: LifecycleStage; readonly order: number; readonly at: number }
interface Deal {
  readonly outcome: string; readonly at: number; readonly value: number; readonly currency: string | null; readonly ownerId: string;
  readonly quantity: number; readonly termMonths?: number;
}
interface Opportunity {
  readonly pipeline: string; readonly openedAt: number; endedAt: number | null; outcome: string | null; readonly currency: string;
  /** The amount now, and each amount it had from when; who owned the lead while it was open, from when. */
  value: number; readonly values: { value: number; at: number }[]; readonly closeDate: number;
  readonly owners: { ownerId: string | null; at: number }[];
  /** While its lead was disqualified (to: null, still): no open pipeline then. */
  readonly disqualified: { from: number; to: number | null }[];
}
interface Facts {
  readonly leadId: string; readonly capturedAt: number; readonly source: string; readonly campaignId: string | null;
  readonly entries: Entry[]; readonly deals: Deal[]; readonly opportunities: Opportunity[];
  /** Each start on a nurture track: entering nurturing on the track the lead has, or a move onto another track while nurturing. */
  readonly nurtureStarts: { track: string; at: number; moved: boolean }[];
  readonly expansions: { kind: string; at: number; quantity: number; value: number; currency: string; keyAccount: boolean }[];
  lastWin: number | null;
}

const order = (stage: LifecycleStage): number => LIFECYCLE_STAGES.indexOf(stage);
const ms = (iso: string): number => Date.parse(iso);
const within = (at: number, p: Period): boolean => at >= p.from && at < p.to;
/** Open at `at`: opened, not ended, its lead not disqualified then. */
const isOpenAt = (o: Opportunity, at: number): boolean => o.openedAt <= at && (o.endedAt === null || o.endedAt > at)
  && !o.disqualified.some((d) => d.from <= at && (d.to === null || d.to > at));
const isOpenNow = (o: Opportunity): boolean => o.endedAt === null && !o.disqualified.some((d) => d.to === null);
/** The months of 2026 in answer `i`: the whole year (0), then month i alone. */
const monthsOf = (i: number): number[] => (i === 0 ? Array.from({ length: 12 }, (_, m) => m + 1) : [i]);
/** The EUR team target of answer `i`: month m's is 50,000 × m; the year's, the sum of its months'. */
const teamTarget = (i: number): number => monthsOf(i).reduce((sum, m) => sum + 50_000 * m, 0);
const quantity = (lines: readonly { quantity: number }[]): number => lines.reduce((sum, line) => sum + line.quantity, 0);

/** The stage each event moves the lead to (only a change of stage is an entry). */
const targetStage = (event: LeadEvent): LifecycleStage | null => {
  switch (event.type) {
    case 'LeadCaptured': return 'lead';
    case 'NurturingStarted': case 'SalesRejected': case 'LeadRecycled': return 'nurturing';
    case 'MarketingQualified': return 'mql';
    case 'SalesAccepted': return 'sal';
    case 'SalesQualified': return 'sql';
    case 'DealClosed': return 'closed';
    case 'CustomerOnboarded': return 'customer';
    case 'LeadReopened': return event.data.to;
    default: return null;
  }
};

const factsOf = (leadId: string, events: readonly LeadEvent[]): Facts => {
  const captured = events[0];
  if (captured.type !== 'LeadCaptured') throw new Error('a history starts with its capture');
  const facts: Facts = {
    leadId, capturedAt: ms(captured.data.occurredAt), source: captured.data.source.channel, campaignId: captured.data.source.campaignId ?? null,
    entries: [], deals: [], opportunities: [], nurtureStarts: [], expansions: [], lastWin: null,
  };
  let keyAccount = false;
  let open: Opportunity | null = null;
  let track: string | null = null;
  let owner: string | null = null;
  for (const event of events) {
    const at = ms(event.data.occurredAt);
    const stage = targetStage(event);
    const entered = stage !== null && facts.entries.at(-1)?.stage !== stage;
    if (entered) facts.entries.push({ stage, order: order(stage), at });
    if (event.type === 'NurturingStarted' && !entered && event.data.track !== track) facts.nurtureStarts.push({ track: event.data.track, at, moved: true });
    if (event.type === 'NurturingStarted') track = event.data.track;
    if (entered && stage === 'nurturing' && track !== null) facts.nurtureStarts.push({ track, at, moved: false });
    if (event.type === 'SalesAccepted' || event.type === 'SalesQualified' || event.type === 'LeadOwnerChanged') owner = event.data.ownerId;
    if (event.type === 'SalesRejected' || event.type === 'LeadRecycled') owner = null;
    if (event.type === 'LeadOwnerChanged' && open !== null) open.owners.push({ ownerId: owner, at });
    if (event.type === 'OpportunityStageChanged' && open !== null && event.data.amount !== undefined) {
      open.value = event.data.amount.value;
      open.values.push({ value: open.value, at });
    }
    if (event.type === 'SalesQualified') {
      open = {
        pipeline: event.data.pipeline, openedAt: at, endedAt: null, outcome: null, currency: event.data.amount.currency,
        value: event.data.amount.value, values: [{ value: event.data.amount.value, at }], closeDate: ms(event.data.expectedCloseDate),
        owners: [{ ownerId: owner, at }], disqualified: [],
      };
      facts.opportunities.push(open);
    }
    if (event.type === 'LeadDisqualified' && open !== null) open.disqualified.push({ from: at, to: null });
    if (event.type === 'LeadReopened' && open !== null) {
      const pause = open.disqualified.at(-1);
      if (pause !== undefined) pause.to = at;
    }
    if ((event.type === 'DealClosed' || event.type === 'LeadRecycled') && open !== null) {
      open.endedAt = at;
      open.outcome = event.type === 'DealClosed' ? event.data.outcome : null;
      open = null;
    }
    if (event.type === 'DealClosed') {
      facts.deals.push({
        outcome: event.data.outcome, at, value: event.data.amount?.value ?? 0, currency: event.data.amount?.currency ?? null,
        ownerId: event.data.ownerId, quantity: quantity(event.data.products), ...(event.data.termMonths !== undefined && { termMonths: event.data.termMonths }),
      });
      if (event.data.outcome === 'won') facts.lastWin = at;
    }
    if (event.type === 'CustomerOnboarded') keyAccount = event.data.keyAccount;
    if (event.type === 'KeyAccountChanged') keyAccount = event.data.keyAccount;
    if (event.type === 'ExpansionRecorded') {
      facts.expansions.push({ kind: event.data.kind, at, quantity: quantity(event.data.products), value: event.data.amount.value, currency: event.data.amount.currency, keyAccount });
    }
  }
  return facts;
};

/** Instants at which the lead passed a stage: entered it, or jumped over it going forward. */
const passages = (facts: Facts, level: number): number[] => {
  let previous = -1;
  const found: number[] = [];
  for (const entry of facts.entries) {
    if (entry.order === level || (previous < level && entry.order > level)) found.push(entry.at);
    previous = entry.order;
  }
  return found;
};
const firstPassage = (facts: Facts, level: number, p: Period): number | undefined => passages(facts, level).find((at) => within(at, p));
const reachedSince = (facts: Facts, level: number, since: number): boolean => facts.entries.some((e) => e.order >= level && e.at >= since);
/** The latest of a history's values at or before `at`. */
const asOf = <T extends { at: number }>(history: readonly T[], at: number): T | undefined => history.filter((h) => h.at <= at).at(-1);
const countsFromLevels = (levels: number[]): number[] => LIFECYCLE_STAGES.map((_, k) => levels.filter((level) => level >= k).length);
const byCurrency = <T>(rows: readonly T[], currencyOf: (row: T) => string | null): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const currency = currencyOf(row);
    if (currency !== null) groups.set(currency, [...(groups.get(currency) ?? []), row]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
};

describe('metrics over seeded random histories equal a computation over the raw events', () => {
  let t: TestApp;
  let leads: Facts[];
  const positions = new Positions();
  let answers: Map<string, Record<string, any>>;
  let periods: Period[];

  beforeAll(async () => {
    t = await startTestApp({ READ_WAIT_MS: '20000', SCORING_MODEL_JSON: '{"thresholds":{"mql":10000,"autoAccept":20000}}' });
    const generated = randomLeads(SEED, LEADS, { start: '2026-01-01T00:00:00Z', spanDays: 300 });
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const lead of generated) {
      const context = { actor: 'test', correlationId: lead.leadId, causationId: null, now: lead.events[0].data.occurredAt };
      const appended = await store.append(leadStreamName(lead.leadId), toNewEvents(lead.events, context), { expectedRevision: 'no_stream' });
      positions.note(appended.position);
    }
    for (let month = 1; month <= 12; month += 1) {
      const label = `2026-${String(month).padStart(2, '0')}`;
      await setTarget(t.app, positions, label, null, eur(50_000 * month), '2026-01-01T00:00:00Z');
      await recordCost(t.app, positions, `c${1 + (month % 4)}`, label, eur(1_000 * month), '2026-01-01T00:00:00Z');
    }
    leads = generated.map((lead) => factsOf(lead.leadId, lead.events));
    answers = new Map();
    for (const name of ['funnel', 'time-in-stage', 'velocity', 'coverage', 'win-rate', 'pipeline-conversion', 'sales-growth', 'quota-attainment',
      'leads-by-source', 'lead-roi', 'nurture-tracks', 'upsell', 'revenue-by-product', 'deal-size', 'deal-stages']) {
      const response = await t.http.get(`/v1/metrics/${name}`).query({ period: '2026', groupBy: 'month', minPosition: positions.last }).set(LEADER).expect(200);
      answers.set(name, response.body);
    }
    const periodMode = await t.http.get('/v1/metrics/funnel').query({ period: '2026', groupBy: 'month', mode: 'period' }).set(LEADER).expect(200);
    answers.set('funnel:period', periodMode.body);
    for (const [key, query] of [['velocity:rep2', { ownerId: 'rep2' }], ['velocity:rep2:website', { ownerId: 'rep2', source: 'website' }]] as const) {
      const response = await t.http.get('/v1/metrics/velocity').query({ period: '2026', groupBy: 'month', ...query }).set(LEADER).expect(200);
      answers.set(key, response.body);
    }
    const conversionPeriod = await t.http.get('/v1/metrics/pipeline-conversion').query({ period: '2026', groupBy: 'month', mode: 'period' }).set(LEADER).expect(200);
    answers.set('pipeline-conversion:period', conversionPeriod.body);
    const funnel = answers.get('funnel') ?? {};
    periods = [funnel, ...funnel.series].map((p: { from: string; to: string }) => ({ from: ms(p.from), to: ms(p.to) }));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** The metric's answer for the whole year, then each month. */
  const perPeriod = (name: string): Record<string, any>[] => {
    const answer = answers.get(name) ?? {};
    return [answer, ...answer.series];
  };

  it('wrote hundreds of leads through varied paths', () => {
    expect(leads.length).toBe(LEADS);
    expect(leads.filter((l) => l.lastWin !== null).length).toBeGreaterThan(10);
    expect(leads.filter((l) => l.entries.length > 1 && l.entries.some((e, i) => i > 0 && e.order < l.entries[i - 1].order)).length).toBeGreaterThan(5);
    expect(leads.filter((l) => l.nurtureStarts.some((start) => start.moved)).length).toBeGreaterThan(5);
    expect(leads.filter((l) => l.opportunities.some((o) => o.owners.length > 1)).length).toBeGreaterThan(5);
    expect(leads.filter((l) => l.opportunities.some((o) => o.disqualified.length > 0)).length).toBeGreaterThan(2);
  });

  it('funnel, cohort and period', () => {
    const cohort = periods.map((p) => {
      const levels: number[] = [];
      let won = 0;
      for (const lead of leads) {
        const since = firstPassage(lead, 0, p);
        if (since === undefined) continue;
        levels.push(Math.max(...lead.entries.filter((e) => e.at >= since).map((e) => e.order)));
        if (lead.lastWin !== null) won += 1;
      }
      return { counts: countsFromLevels(levels), won };
    });
    expect(perPeriod('funnel').map((a) => ({ counts: a.stages.map((s: { count: number }) => s.count), won: a.won }))).toEqual(cohort);
    const period = periods.map((p) => {
      const levels = leads.map((lead) => Math.max(-1, ...lead.entries.filter((e) => within(e.at, p)).map((e) => e.order))).filter((level) => level >= 0);
      return { counts: countsFromLevels(levels), won: leads.filter((lead) => lead.lastWin !== null && within(lead.lastWin, p)).length };
    });
    expect(perPeriod('funnel:period').map((a) => ({ counts: a.stages.map((s: { count: number }) => s.count), won: a.won }))).toEqual(period);
  });

  it('time-in-stage: count and mean days of the stays that ended in each period', () => {
    const expected = periods.map((p) => LIFECYCLE_STAGES.map((stage) => {
      const days = leads.flatMap((lead) => lead.entries.slice(0, -1).flatMap((entry, i) =>
        entry.stage === stage && within(lead.entries[i + 1].at, p) ? [(lead.entries[i + 1].at - entry.at) / DAY] : []));
      return { count: days.length, mean: days.length === 0 ? null : Number((days.reduce((a, b) => a + b, 0) / days.length).toFixed(6)) };
    }));
    expect(perPeriod('time-in-stage').map((a) => a.stages.map((s: { count: number; mean: number | null }) => ({
      count: s.count, mean: s.mean === null ? null : Number(s.mean.toFixed(6)),
    })))).toEqual(expected);
  });

  const closedIn = (p: Period): Deal[] => leads.flatMap((lead) => lead.deals.filter((deal) => within(deal.at, p)));
  const wonIn = (p: Period): Deal[] => closedIn(p).filter((deal) => deal.outcome === 'won');

  it('win-rate', () => {
    expect(perPeriod('win-rate').map((a) => [a.won, a.lost])).toEqual(periods.map((p) => [wonIn(p).length, closedIn(p).length - wonIn(p).length]));
  });

  it('deal-size: per currency, count, total and rounded average', () => {
    const expected = periods.map((p) => [...byCurrency(wonIn(p), (d) => d.currency)].map(([currency, deals]) => {
      const total = deals.reduce((sum, d) => sum + d.value, 0);
      return { currency, won: deals.length, total, average: Math.round(total / deals.length) };
    }));
    expect(perPeriod('deal-size').map((a) => a.dealSizes.map((s: Record<string, unknown>) => ({ currency: s.currency, won: s.won, total: s.total, average: s.average })))).toEqual(expected);
  });

  it('pipeline-conversion, cohort and period', () => {
    const entered = (p: Period) => leads.flatMap((lead) => {
      const since = firstPassage(lead, order('sql'), p);
      return since === undefined ? [] : [{ lead, since }];
    });
    expect(perPeriod('pipeline-conversion').map((a) => [a.entered, a.won])).toEqual(periods.map((p) => {
      const cohort = entered(p);
      return [cohort.length, cohort.filter(({ lead, since }) => lead.lastWin !== null && lead.lastWin >= since).length];
    }));
    expect(perPeriod('pipeline-conversion:period').map((a) => [a.entered, a.won])).toEqual(periods.map((p) =>
      [entered(p).length, leads.filter((lead) => lead.lastWin !== null && within(lead.lastWin, p)).length]));
  });

  it('sales-growth: revenue against the month (or year) before', () => {
    const revenue = (p: Period) => new Map([...byCurrency(wonIn(p), (d) => d.currency)].map(([c, deals]) => [c, deals.reduce((s, d) => s + d.value, 0)]));
    const answer = perPeriod('sales-growth');
    expect(answer.map((a) => a.growth.map((g: Record<string, unknown>) => [g.currency, g.revenue, g.previousRevenue]))).toEqual(answer.map((a, i) => {
      const now = revenue(periods[i]);
      const before = revenue({ from: ms(a.previous.from), to: ms(a.previous.to) });
      return [...new Set([...now.keys(), ...before.keys()])].sort().map((c) => [c, now.get(c) ?? 0, before.get(c) ?? 0]);
    }));
  });

  it('quota-attainment: won per owner and currency, team target per month (the year\'s: the sum of its months\')', () => {
    expect(perPeriod('quota-attainment').map((a) => a.attainment.map((q: { currency: string; owners: { ownerId: string; won: number }[]; team: { target: number | null } }) =>
      [q.currency, q.owners.map((o) => [o.ownerId, o.won]), q.team.target]))).toEqual(periods.map((p, i) => {
      const won = byCurrency(wonIn(p), (d) => d.currency);
      const currencies = [...new Set([...won.keys(), 'EUR'])].sort();
      return currencies.map((currency) => {
        const deals = won.get(currency) ?? [];
        const owners = [...new Set(deals.map((d) => d.ownerId))].sort();
        return [currency, owners.map((o) => [o, deals.filter((d) => d.ownerId === o).reduce((s, d) => s + d.value, 0)]), currency === 'EUR' ? teamTarget(i) : null];
      });
    }));
  });

  it('leads-by-source: the cohort captured per source and how many of them were ever won', () => {
    expect(perPeriod('leads-by-source').map((a) => a.sources.map((s: { source: string; leads: number; won: number }) => [s.source, s.leads, s.won])))
      .toEqual(periods.map((p) => {
        const cohort = leads.filter((lead) => firstPassage(lead, 0, p) !== undefined);
        return [...new Set(cohort.map((l) => l.source))].sort().map((source) => {
          const ofSource = cohort.filter((l) => l.source === source);
          return [source, ofSource.length, ofSource.filter((l) => l.lastWin !== null).length];
        });
      }));
  });

  it('lead-roi: EUR revenue per source against the costs of the campaigns first captured from it', () => {
    const campaignSource = new Map<string, string>();
    for (const lead of [...leads].sort((a, b) => a.capturedAt - b.capturedAt || a.leadId.localeCompare(b.leadId))) {
      if (lead.campaignId !== null && !campaignSource.has(lead.campaignId)) campaignSource.set(lead.campaignId, lead.source);
    }
    const answer = perPeriod('lead-roi');
    expect(answer.map((a) => (a.roi.find((r: { currency: string }) => r.currency === 'EUR')?.sources ?? []).map((s: { source: string; revenue: number; cost: number }) => [s.source, s.revenue, s.cost])))
      .toEqual(periods.map((p, i) => {
        const revenue = new Map<string, number>();
        for (const lead of leads) {
          for (const deal of lead.deals) if (deal.outcome === 'won' && deal.currency === 'EUR' && within(deal.at, p)) revenue.set(lead.source, (revenue.get(lead.source) ?? 0) + deal.value);
        }
        const cost = new Map<string, number>();
        for (const m of monthsOf(i)) {
          const source = campaignSource.get(`c${1 + (m % 4)}`) ?? 'none';
          cost.set(source, (cost.get(source) ?? 0) + 1_000 * m);
        }
        return [...new Set([...revenue.keys(), ...cost.keys()])].sort().map((source) => [source, revenue.get(source) ?? 0, cost.get(source) ?? 0]);
      }));
  });

  it('nurture-tracks: per track, leads that started on it in the period (entered nurturing on it or moved onto it) and those at mql or later since', () => {
    expect(perPeriod('nurture-tracks').map((a) => a.tracks.map((r: { track: string; entered: number; reachedMql: number }) => [r.track, r.entered, r.reachedMql])))
      .toEqual(periods.map((p) => {
        const rows = new Map<string, [number, number]>();
        for (const lead of leads) {
          const firstOnTrack = new Map<string, number>();
          for (const start of lead.nurtureStarts) {
            if (within(start.at, p) && !firstOnTrack.has(start.track)) firstOnTrack.set(start.track, start.at);
          }
          for (const [track, since] of firstOnTrack) {
            const [entered, reached] = rows.get(track) ?? [0, 0];
            rows.set(track, [entered + 1, reached + (reachedSince(lead, order('mql'), since) ? 1 : 0)]);
          }
        }
        return [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([track, [entered, reached]]) => [track, entered, reached]);
      }));
  });

  it('upsell: product quantities of won deals and growth expansions, key accounts apart; customers and expanding customers', () => {
    expect(perPeriod('upsell').map((a) => ({
      won: a.upsellRatio.allCustomers.wonQuantity, all: a.upsellRatio.allCustomers.expansionQuantity, key: a.upsellRatio.keyAccounts.expansionQuantity,
      customers: a.expansionRates.customers, upsell: a.expansionRates.byKind.upsell.customers, downgrade: a.expansionRates.byKind.downgrade.customers,
    }))).toEqual(periods.map((p) => {
      const growth = leads.flatMap((l) => l.expansions.filter((x) => x.kind !== 'downgrade' && within(x.at, p)));
      const expanding = (kind: string) => leads.filter((l) => l.expansions.some((x) => x.kind === kind && within(x.at, p))).length;
      return {
        won: wonIn(p).reduce((s, d) => s + d.quantity, 0), all: growth.reduce((s, x) => s + x.quantity, 0),
        key: growth.filter((x) => x.keyAccount).reduce((s, x) => s + x.quantity, 0),
        customers: leads.filter((l) => l.entries.some((e) => e.stage === 'customer' && e.at < p.to)).length,
        upsell: expanding('upsell'), downgrade: expanding('downgrade'),
      };
    }));
  });

  it('revenue-by-product: per currency, the products add up to won revenue plus upsell and cross-sell amounts', () => {
    expect(perPeriod('revenue-by-product').map((a) => {
      const totals = new Map<string, number>();
      for (const row of a.products as { currency: string; total: number }[]) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.total);
      return [...totals].filter(([, total]) => total !== 0).sort(([x], [y]) => x.localeCompare(y));
    })).toEqual(periods.map((p) => {
      const totals = new Map<string, number>();
      for (const deal of wonIn(p)) if (deal.currency !== null) totals.set(deal.currency, (totals.get(deal.currency) ?? 0) + deal.value);
      for (const lead of leads) {
        for (const x of lead.expansions) if (x.kind !== 'downgrade' && within(x.at, p)) totals.set(x.currency, (totals.get(x.currency) ?? 0) + x.value);
      }
      return [...totals].filter(([, total]) => total !== 0).sort(([x], [y]) => x.localeCompare(y));
    }));
  });

  it('deal-stages: opportunities that entered each pipeline and those won; lost deals of the period', () => {
    expect(perPeriod('deal-stages').map((a) => [
      a.pipelines.map((f: { pipeline: string; opportunities: number; won: number }) => [f.pipeline, f.opportunities, f.won]), a.losses.lost,
    ])).toEqual(periods.map((p) => {
      const opened = leads.flatMap((l) => l.opportunities.filter((o) => within(o.openedAt, p)));
      return [
        ['default', 'real_estate', 'car_dealer'].map((id) => [id, opened.filter((o) => o.pipeline === id).length, opened.filter((o) => o.pipeline === id && o.outcome === 'won').length]),
        closedIn(p).filter((d) => d.outcome === 'lost').length,
      ];
    }));
  });

  /** Per currency, the opportunities open at each answer's `openAt` and their amounts then, of the leads and owner asked. */
  const openPipeline = (name: string, owner?: string, source?: string) => {
    const answer = perPeriod(name);
    expect(answer.map((a) => a.velocities.map((v: { currency: string; inputs: { openOpportunities: number }; openPipelineValue: number }) =>
      [v.currency, v.inputs.openOpportunities, v.openPipelineValue])))
      .toEqual(answer.map((a, i) => {
        const at = ms(a.openAt);
        const ofLeads = leads.filter((l) => source === undefined || l.source === source);
        const open = ofLeads.flatMap((l) => l.opportunities.filter((o) => isOpenAt(o, at)
          && (owner === undefined || asOf(o.owners, at)?.ownerId === owner)));
        const won = ofLeads.flatMap((l) => l.deals.filter((d) => d.outcome === 'won' && within(d.at, periods[i]) && (owner === undefined || d.ownerId === owner)));
        const currencies = new Set([...open.map((o) => o.currency), ...won.flatMap((d) => d.currency ?? [])]);
        return [...currencies].sort().map((c) => {
          const ours = open.filter((o) => o.currency === c);
          return [c, ours.length, ours.reduce((sum, o) => sum + (asOf(o.values, at)?.value ?? 0), 0)];
        });
      }));
  };

  it('velocity: open opportunities per currency at the end of each period, and their value then', () => openPipeline('velocity'));

  it('velocity of one owner: the opportunities open under that owner (the lead\'s owner then) at the end of each period', () => openPipeline('velocity:rep2', 'rep2'));

  it('velocity of one owner and source at once', () => openPipeline('velocity:rep2:website', 'rep2', 'website'));

  it('coverage: open opportunities expected to close in each period, per currency, against the EUR team target', () => {
    expect(perPeriod('coverage').map((a) => a.coverage.map((c: { currency: string; opportunities: number; pipelineValue: number; target: number | null }) =>
      [c.currency, c.opportunities, c.pipelineValue, c.target]))).toEqual(periods.map((p, i) => {
      const closing = leads.flatMap((l) => l.opportunities.filter((o) => isOpenNow(o) && within(o.closeDate, p)));
      const currencies = [...new Set([...closing.map((o) => o.currency), 'EUR'])].sort();
      return currencies.map((c) => {
        const ours = closing.filter((o) => o.currency === c);
        return [c, ours.length, ours.reduce((s, o) => s + o.value, 0), c === 'EUR' ? teamTarget(i) : null];
      });
    }));
  });
});
