// Every metric over hand-made lead histories in October 2026, with the figures worked out by hand
// below; then the contract around them: CSV, series, time zones, bad parameters and roles.
import { auth, startTestApp, type TestApp } from '../support/test-app.js';
import { eur, LeadHistory, Positions, recordCost, setTarget, usd } from './metric-leads.js';

const LEADER = auth('dev-leader');
const AUDITOR = auth('dev-auditor');
const at = (day: string): string => `2026-${day}T10:00:00.000Z`;

describe('metrics over hand-made histories', () => {
  let t: TestApp;
  const positions = new Positions();
  const get = (name: string, query: Record<string, string | number> = {}) =>
    // October unless the query names its own from/to
    t.http.get(`/v1/metrics/${name}`).query({ ...('from' in query ? {} : { period: '2026-10' }), minPosition: positions.last, ...query }).set(LEADER);

  beforeAll(async () => {
    // Thresholds out of reach: only the commands below move these leads.
    t = await startTestApp({ READ_WAIT_MS: '5000', SCORING_MODEL_JSON: '{"thresholds":{"mql":10000,"autoAccept":20000}}' });
    const lead = (name: string): LeadHistory => new LeadHistory(t.app, positions, `${name}@metrics.example`);
    // A: the whole life, won with a two-year term, key-account customer who upsells; moved from the
    // webinar track to the newsletter one before its mql.
    const a = lead('a').capture(at('10-02'), 'website', 'c1').nurture(at('10-03'), 'webinar').nurture(at('10-04'), 'newsletter').mql(at('10-05')).accept(at('10-06'), 'rep1')
      .qualify(at('10-08'), eur(10_000), '2026-10-30', [{ sku: 'core', quantity: 2 }]).dealStage(at('10-10'), 'demo').dealStage(at('10-12'), 'proposal')
      .win(at('10-20'), { amount: eur(12_000), termMonths: 24 }).onboard(at('10-22'), true)
      .expand(at('10-25'), 'upsell', [{ sku: 'addon', quantity: 1 }], eur(3_000));
    // B: skips nurturing, lost at demo on price.
    const b = lead('b').capture(at('10-02'), 'event', 'c2').mql(at('10-04')).accept(at('10-05'), 'rep2')
      .qualify(at('10-06'), eur(5_000), '2026-11-15', [{ sku: 'core', quantity: 1 }]).dealStage(at('10-09'), 'demo').lose(at('10-15'), 'price');
    // C: nurtured, moved from webinar to newsletter, and left there (stalled in nurturing since 10-04).
    const c = lead('c').capture(at('10-03'), 'website', 'c1').nurture(at('10-04'), 'webinar').nurture(at('10-07'), 'newsletter');
    // D: an open USD opportunity expected to close in October, handed from rep1 to rep2 on 10-20.
    const d = lead('d').capture(at('10-10'), 'website', 'c1').nurture(at('10-11'), 'newsletter').mql(at('10-15')).accept(at('10-16'), 'rep1')
      .qualify(at('10-18'), usd(8_000), '2026-10-28', [{ sku: 'core', quantity: 1 }]).handOver(at('10-20'), 'rep2');
    // E: captured in September, everything else in October; won with one priced and one unpriced line.
    const e = lead('e').capture(at('09-20'), 'website', 'c1').mql(at('10-02')).accept(at('10-03'), 'rep1')
      .qualify(at('10-05'), eur(20_000), '2026-10-29', [{ sku: 'core', quantity: 1 }])
      .win(at('10-26'), { amount: eur(20_000), products: [{ sku: 'core', quantity: 1, amount: eur(15_000) }, { sku: 'support', quantity: 1 }] });
    // F: won in September, the previous period of sales growth.
    const f = lead('f').capture(at('09-01'), 'direct').mql(at('09-02')).accept(at('09-03'), 'rep2')
      .qualify(at('09-04'), eur(8_000), '2026-09-30', [{ sku: 'core', quantity: 1 }]).win(at('09-20'));
    await Promise.all([a, b, c, d, e, f].map((history) => history.done()));
    await setTarget(t.app, positions, '2026-10', null, eur(50_000), at('09-30'));
    await setTarget(t.app, positions, '2026-10', 'rep1', eur(30_000), at('09-30'));
    await setTarget(t.app, positions, '2026-10', 'rep2', eur(10_000), at('09-30'));
    await recordCost(t.app, positions, 'c1', '2026-10', eur(4_000), at('10-31'));
    await recordCost(t.app, positions, 'c2', '2026-10', eur(1_000), at('10-31'));
    // the rest of the fourth quarter: team targets for November and December, costs for November and the quarter
    await setTarget(t.app, positions, '2026-11', null, eur(20_000), at('10-31'));
    await setTarget(t.app, positions, '2026-12', null, eur(20_000), at('10-31'));
    await recordCost(t.app, positions, 'c1', '2026-11', eur(500), at('11-30'));
    await recordCost(t.app, positions, 'c2', '2026-Q4', eur(200), at('11-30'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('funnel, cohort: the leads captured in October (A, B, C, D) and how far each got; B skipped nurturing and counts as having passed it', async () => {
    const { body } = await get('funnel').expect(200);
    expect(body).toMatchObject({
      metric: 'funnel', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', mode: 'cohort', won: 1,
      overall: { value: 0.25, numerator: 1, denominator: 4 },
    });
    expect(body.computedUpTo >= positions.last).toBe(true);
    expect(body.stages.map((s: { stage: string; count: number }) => [s.stage, s.count])).toEqual([
      ['lead', 4], ['nurturing', 4], ['mql', 3], ['sal', 3], ['sql', 3], ['closed', 2], ['customer', 1],
    ]);
    expect(body.stages[1].conversionToNext).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(body.stages[6].conversionToNext).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'customer is the last stage' });
  });

  it('funnel, period: every lead with a stage entry in October (E too), won = deals won in October', async () => {
    const { body } = await get('funnel', { mode: 'period' }).expect(200);
    expect(body.stages.map((s: { count: number }) => s.count)).toEqual([5, 5, 4, 4, 4, 3, 1]);
    expect(body.overall).toEqual({ value: 0.4, numerator: 2, denominator: 5 });
  });

  it('time-in-stage: stays that ended in October, in days; C and D stalled now', async () => {
    const { body } = await get('time-in-stage', { stalledAfterDays: 1 }).expect(200);
    const stage = (name: string) => body.stages.find((s: { stage: string }) => s.stage === name);
    // lead stays: A 1, B 2, C 1, D 1, E 12 days (September has 30)
    expect(stage('lead')).toEqual({ stage: 'lead', count: 5, mean: 3.4, median: 1, p90: 12 });
    // sql stays: A 12, B 9, E 21 days
    expect(stage('sql')).toEqual({ stage: 'sql', count: 3, mean: 14, median: 12, p90: 21 });
    expect(stage('customer')).toMatchObject({ count: 0, mean: null, reason: 'no lead left customer in the period' });
    expect(body.stalled.leads.map((l: { stage: string; enteredAt: string }) => [l.stage, l.enteredAt]))
      .toEqual([['nurturing', at('10-04')], ['sql', at('10-18')]]);
    expect(body.stalled.more).toBe(false);
  });

  it('win-rate: A and E won, B lost', async () => {
    const { body } = await get('win-rate').expect(200);
    expect(body).toMatchObject({ won: 2, lost: 1, winRate: { value: 2 / 3, numerator: 2, denominator: 3 } });
  });

  it('deal-size: average of 12,000 and 20,000; ACV counts A\'s two-year term as 6,000 a year', async () => {
    const { body } = await get('deal-size').expect(200);
    expect(body.dealSizes).toEqual([{ currency: 'EUR', won: 2, total: 32_000, average: 16_000, averageAcv: 13_000 }]);
  });

  it('pipeline-conversion: A, B, D, E entered sql in October; A and E won', async () => {
    expect((await get('pipeline-conversion').expect(200)).body).toMatchObject({ mode: 'cohort', entered: 4, won: 2, conversion: { value: 0.5 } });
    expect((await get('pipeline-conversion', { mode: 'period' }).expect(200)).body).toMatchObject({ mode: 'period', entered: 4, won: 2 });
  });

  it('sales-growth: 32,000 in October against F\'s 8,000 in September', async () => {
    const { body } = await get('sales-growth').expect(200);
    expect(body.previous).toEqual({ from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
    expect(body.growth).toEqual([{ currency: 'EUR', revenue: 32_000, previousRevenue: 8_000, growth: { value: 3, numerator: 24_000, denominator: 8_000 } }]);
  });

  it('quota-attainment: rep1 32,000 of 30,000, rep2 nothing of 10,000, the team 32,000 of 50,000', async () => {
    const { body } = await get('quota-attainment').expect(200);
    expect(body.targetPeriod).toBe('2026-10');
    expect(body.attainment).toEqual([{
      currency: 'EUR',
      owners: [
        { ownerId: 'rep1', won: 32_000, target: 30_000, attainment: { value: 32_000 / 30_000, numerator: 32_000, denominator: 30_000 } },
        { ownerId: 'rep2', won: 0, target: 10_000, attainment: { value: 0, numerator: 0, denominator: 10_000 } },
      ],
      team: { won: 32_000, target: 50_000, targetSource: 'team', attainment: { value: 0.64, numerator: 32_000, denominator: 50_000 } },
      repsAtOrOverQuota: { value: 0.5, numerator: 1, denominator: 2 },
      interpretation: 'quotas_may_be_wrong',
    }]);
  });

  it('coverage: no open EUR deal closing in October against the 50,000 target; D\'s USD 8,000 at discovery (10%) has no USD target', async () => {
    const { body } = await get('coverage').expect(200);
    expect(body.coverage).toEqual([
      {
        currency: 'EUR', opportunities: 0, otherCurrencyOpportunities: 1, pipelineValue: 0, weightedPipelineValue: 0, target: 50_000,
        coverage: { value: 0, numerator: 0, denominator: 50_000 }, weightedCoverage: { value: 0, numerator: 0, denominator: 50_000 },
      },
      {
        currency: 'USD', opportunities: 1, otherCurrencyOpportunities: 0, pipelineValue: 8_000, weightedPipelineValue: 800, target: null,
        coverage: { value: null, numerator: 8_000, denominator: 0, reason: 'no sales target for the period' },
        weightedCoverage: { value: null, numerator: 800, denominator: 0, reason: 'no sales target for the period' },
      },
    ]);
  });

  it('velocity: no EUR deal open at the end of October; USD has no won deal to size it', async () => {
    const { body } = await get('velocity').expect(200);
    expect(body.openAt).toBe('2026-11-01T00:00:00.000Z');
    expect(body.velocities).toEqual([
      // sales cycles: A 18 days, E 36 days; A's, B's and E's opportunities ended in October
      { currency: 'EUR', value: 0, inputs: { openOpportunities: 0, averageDealSize: 16_000, winRate: 2 / 3, averageSalesCycleDays: 27 }, openPipelineValue: 0 },
      {
        currency: 'USD', value: null, reason: 'missing: average deal size',
        inputs: { openOpportunities: 1, averageDealSize: null, winRate: 2 / 3, averageSalesCycleDays: 27 }, openPipelineValue: 8_000,
      },
    ]);
  });

  it('velocity by owner, source and both: D\'s opportunity counts for its owner at the instant asked (rep1 until 10-20, rep2 after)', async () => {
    const open = async (query: Record<string, string>) => ((await get('velocity', query).expect(200)).body.velocities as { currency: string; inputs: { openOpportunities: number }; openPipelineValue: number }[])
      .map((v) => [v.currency, v.inputs.openOpportunities, v.openPipelineValue]);
    // end of October: rep1 won A and E in EUR and has nothing open; D is rep2's
    expect(await open({ ownerId: 'rep1' })).toEqual([['EUR', 0, 0]]);
    expect(await open({ ownerId: 'rep2' })).toEqual([['USD', 1, 8_000]]);
    // 10-19 at midnight: D was open (since 10-18) and rep1's; E (rep1, EUR 20,000) still open; A's opportunity won on 10-20 open too
    expect(await open({ from: '2026-10-01', to: '2026-10-19', ownerId: 'rep1' })).toEqual([['EUR', 2, 30_000], ['USD', 1, 8_000]]);
    expect(await open({ source: 'website' })).toEqual([['EUR', 0, 0], ['USD', 1, 8_000]]);
    expect(await open({ source: 'event' })).toEqual([]);
    // two filters at once: added up from the changes themselves
    expect(await open({ source: 'website', ownerId: 'rep2' })).toEqual([['USD', 1, 8_000]]);
    expect(await open({ source: 'event', ownerId: 'rep2' })).toEqual([]);
  });

  it('leads-by-source: website A, C, D (A won), event B', async () => {
    const { body } = await get('leads-by-source').expect(200);
    expect(body.sources).toEqual([
      { source: 'event', leads: 1, won: 0, conversionToWon: { value: 0, numerator: 0, denominator: 1 } },
      { source: 'website', leads: 3, won: 1, conversionToWon: { value: 1 / 3, numerator: 1, denominator: 3 } },
    ]);
    expect(body.stagesAtEnd.find((s: { stage: string }) => s.stage === 'customer').count).toBe(1);
  });

  it('lead-roi: c1 (website) cost 4,000 and brought 32,000; c2 (event) cost 1,000 and brought nothing', async () => {
    const { body } = await get('lead-roi').expect(200);
    expect(body.roi).toEqual([{
      currency: 'EUR',
      sources: [
        { source: 'event', revenue: 0, cost: 1_000, roi: { value: -1, numerator: -1_000, denominator: 1_000 } },
        { source: 'website', revenue: 32_000, cost: 4_000, roi: { value: 7, numerator: 28_000, denominator: 4_000 } },
      ],
    }]);
    expect(body.unattributedCosts).toEqual([]);
  });

  it('lead-roi and quota-attainment of the fourth quarter: the costs of every month and of the quarter; the team\'s monthly targets summed, the reps\' missing for two months', async () => {
    const roi = (await get('lead-roi', { period: '2026-Q4' }).expect(200)).body;
    expect(roi.costPeriods).toEqual(['2026-10', '2026-11', '2026-Q4']);
    expect(roi.roi[0].sources).toEqual([
      { source: 'event', revenue: 0, cost: 1_200, roi: { value: -1, numerator: -1_200, denominator: 1_200 } },
      { source: 'website', revenue: 32_000, cost: 4_500, roi: { value: 27_500 / 4_500, numerator: 27_500, denominator: 4_500 } },
    ]);
    const quota = (await get('quota-attainment', { period: '2026-Q4' }).expect(200)).body;
    expect(quota.targetPeriod).toBe('2026-Q4');
    expect(quota.attainment[0].team).toMatchObject({ won: 32_000, target: 90_000, targetSource: 'team' });
    expect(quota.attainment[0].owners.map((o: { target: number | null }) => o.target)).toEqual([null]);
  });

  it('nurture-tracks: a lead counts on every track it started on; webinar A (mql) and C (not); newsletter A (moved there before its mql), C (moved, no mql) and D (mql)', async () => {
    const { body } = await get('nurture-tracks').expect(200);
    expect(body.tracks).toEqual([
      { track: 'newsletter', entered: 3, reachedMql: 2, conversion: { value: 2 / 3, numerator: 2, denominator: 3 } },
      { track: 'webinar', entered: 2, reachedMql: 1, conversion: { value: 0.5, numerator: 1, denominator: 2 } },
    ]);
    // the days of C's move: only the newsletter track started then
    const moved = await get('nurture-tracks', { from: '2026-10-07', to: '2026-10-08' }).expect(200);
    expect(moved.body.tracks).toEqual([{ track: 'newsletter', entered: 1, reachedMql: 0, conversion: { value: 0, numerator: 0, denominator: 1 } }]);
  });

  it('upsell: one add-on against four products won; A, the only customer, upsold', async () => {
    const { body } = await get('upsell').expect(200);
    const ratio = { expansionQuantity: 1, wonQuantity: 4, ratio: { value: 0.2, numerator: 1, denominator: 5 } };
    expect(body.upsellRatio).toEqual({ keyAccounts: ratio, allCustomers: ratio });
    expect(body.expansionRates.customers).toBe(1);
    expect(body.expansionRates.byKind.upsell).toEqual({ customers: 1, rate: { value: 1, numerator: 1, denominator: 1 } });
    expect(body.expansionRates.byKind.downgrade.rate.value).toBe(0);
  });

  it('revenue-by-product: A\'s 12,000 all core, E\'s split 15,000 core and 5,000 support, the add-on 3,000', async () => {
    const { body } = await get('revenue-by-product').expect(200);
    expect(body.products).toEqual([
      { sku: 'addon', currency: 'EUR', won: 0, expansion: 3_000, total: 3_000 },
      { sku: 'core', currency: 'EUR', won: 27_000, expansion: 0, total: 27_000 },
      { sku: 'support', currency: 'EUR', won: 5_000, expansion: 0, total: 5_000 },
    ]);
  });

  it('deal-stages: A, B, D, E entered the default pipeline; won deals passed every stage; B lost at demo on price', async () => {
    const { body } = await get('deal-stages', { pipeline: 'default' }).expect(200);
    expect(body.pipelines).toHaveLength(1);
    expect(body.pipelines[0]).toMatchObject({ pipeline: 'default', opportunities: 4, won: 2, overall: { value: 0.5 } });
    expect(body.pipelines[0].stages.map((s: { dealStage: string; reached: number; lost: number }) => [s.dealStage, s.reached, s.lost]))
      .toEqual([['discovery', 4, 0], ['demo', 3, 1], ['proposal', 2, 0], ['negotiation', 2, 0]]);
    expect(body.losses).toEqual({
      lost: 1,
      byStage: [{ key: 'demo', count: 1, share: { value: 1, numerator: 1, denominator: 1 } }],
      byReason: [{ key: 'price', count: 1, share: { value: 1, numerator: 1, denominator: 1 } }],
    });
  });

  it('filters narrow the leads: source, owner, campaign, track', async () => {
    expect((await get('funnel', { source: 'event' }).expect(200)).body.stages[0].count).toBe(1);
    expect((await get('win-rate', { ownerId: 'rep1' }).expect(200)).body).toMatchObject({ won: 2, lost: 0 });
    expect((await get('funnel', { campaignId: 'c1' }).expect(200)).body.stages[0].count).toBe(3);
    // every lead that started on the track, whichever track it is on now
    expect((await get('nurture-tracks', { track: 'webinar' }).expect(200)).body.tracks).toEqual([
      expect.objectContaining({ track: 'webinar', entered: 2 }),
    ]);
    expect((await get('deal-size', { currency: 'USD' }).expect(200)).body.dealSizes).toEqual([]);
  });

  it('series: a monthly series of the third quarter and October, each bucket its own figures', async () => {
    const { body } = await get('win-rate', { period: '2026', groupBy: 'month' }).expect(200);
    expect(body.series).toHaveLength(12);
    expect(body.series[8]).toMatchObject({ from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z', won: 1, lost: 0 });
    expect(body.series[9]).toMatchObject({ won: 2, lost: 1 });
    expect(body.series[0].winRate).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no deal closed in the period' });
    expect(body).toMatchObject({ won: 3, lost: 1 });
  });

  it('time zones: October in Stockholm starts two hours before UTC midnight (summer time), its buckets follow local days', async () => {
    const { body } = await get('funnel', { tz: 'Europe/Stockholm', groupBy: 'week' }).expect(200);
    expect(body).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', tz: 'Europe/Stockholm' });
    expect(body.series[0]).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-04T22:00:00.000Z' });
    expect(body.series.at(-1).to).toBe('2026-10-31T23:00:00.000Z');
  });

  it('CSV for every metric with Accept: text/csv: a header and one row per period and item', async () => {
    for (const name of ['funnel', 'time-in-stage', 'velocity', 'coverage', 'win-rate', 'pipeline-conversion', 'sales-growth', 'quota-attainment',
      'leads-by-source', 'lead-roi', 'nurture-tracks', 'upsell', 'revenue-by-product', 'deal-size', 'deal-stages']) {
      const response = await get(name).set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const lines = response.text.trim().split('\r\n');
      expect(lines[0].split(',').slice(0, 2)).toEqual(['metric', 'computedUpTo']);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines[1].startsWith(`${name},`)).toBe(true);
    }
    const funnel = (await get('funnel').set('Accept', 'text/csv').expect(200)).text.trim().split('\r\n');
    const header = funnel[0].split(',');
    const sql = funnel.find((line) => line.split(',')[header.indexOf('stages.stage')] === 'sql')?.split(',');
    expect(sql?.[header.indexOf('stages.count')]).toBe('3');
  });

  it('bad parameters: 404 for an unknown metric, 400 naming each bad one', async () => {
    await t.http.get('/v1/metrics/happiness').set(LEADER).expect(404);
    const field = async (query: Record<string, string>, name = 'funnel') =>
      (await t.http.get(`/v1/metrics/${name}`).query(query).set(LEADER).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field({ period: '2026-13' })).toEqual(['period']);
    expect(await field({ from: '2026-02-30' })).toEqual(['from']);
    expect(await field({ from: '2026-10-01T10:00:00' })).toEqual(['from']);
    expect(await field({ from: '2026-11-01', to: '2026-10-01' })).toEqual(['from']);
    expect(await field({ period: '2026', from: '2026-01-01' })).toEqual(['period']);
    expect(await field({ tz: 'Mars/Olympus' })).toEqual(['tz']);
    expect(await field({ groupBy: 'hour' })).toEqual(['groupBy']);
    expect(await field({ from: '2020-01-01', to: '2026-01-01', groupBy: 'day' })).toEqual(['groupBy']);
    expect(await field({ mode: 'sometimes' })).toEqual(['mode']);
    expect(await field({ source: 'pigeon' })).toEqual(['source']);
    expect(await field({ currency: 'euro' }, 'deal-size')).toEqual(['currency']);
    expect(await field({ mode: 'period' }, 'win-rate')).toEqual(['mode']);
    expect(await field({ pipeline: 'nope' }, 'deal-stages')).toEqual(['pipeline']);
    expect(await field({ stalledAfterDays: '-1' }, 'time-in-stage')).toEqual(['stalledAfterDays']);
    expect(await field({ colour: 'red' })).toEqual(['colour']);
  });

  it('roles: leader and auditor read metrics; sales, marketing and admin get 403; no key 401', async () => {
    await t.http.get('/v1/metrics/funnel').set(AUDITOR).expect(200);
    for (const key of ['dev-sales', 'dev-marketing', 'dev-admin']) await t.http.get('/v1/metrics/funnel').set(auth(key)).expect(403);
    await t.http.get('/v1/metrics/funnel').expect(401);
    await t.http.get('/v1/metrics/funnel').set(auth('not-a-key')).expect(401);
  });
});
