// A lead disqualified in sql keeps its opportunity (a reopening brings it back), but while it is
// disqualified the opportunity is no open pipeline: coverage and velocity leave it out.
import { auth, startTestApp, type TestApp } from '../support/test-app.js';
import { eur, LeadHistory, Positions, setTarget } from './metric-leads.js';

const LEADER = auth('dev-leader');
const at = (day: string): string => `2026-${day}T10:00:00.000Z`;

describe('metrics: a disqualified opportunity', () => {
  let t: TestApp;
  const positions = new Positions();
  const get = (name: string) => t.http.get(`/v1/metrics/${name}`).query({ period: '2026-10', minPosition: positions.last }).set(LEADER).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ READ_WAIT_MS: '5000', SCORING_MODEL_JSON: '{"thresholds":{"mql":10000,"autoAccept":20000}}' });
    const lead = (name: string): LeadHistory => new LeadHistory(t.app, positions, `${name}@disqualified.example`);
    // G: disqualified in sql and left so; H: disqualified in sql, then reopened (back in sql with its opportunity).
    const g = lead('g').capture(at('10-02'), 'website').mql(at('10-03')).accept(at('10-04'), 'rep1')
      .qualify(at('10-05'), eur(4_000), '2026-10-30', [{ sku: 'core', quantity: 1 }]).disqualify(at('10-10'));
    const h = lead('h').capture(at('10-02'), 'website').mql(at('10-03')).accept(at('10-04'), 'rep1')
      .qualify(at('10-05'), eur(6_000), '2026-10-29', [{ sku: 'core', quantity: 1 }]).disqualify(at('10-10')).reopen(at('10-12'));
    await Promise.all([g.done(), h.done()]);
    await setTarget(t.app, positions, '2026-10', null, eur(10_000), at('09-30'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('coverage counts the reopened opportunity only', async () => {
    const { body } = await get('coverage');
    expect(body.coverage).toEqual([expect.objectContaining({
      currency: 'EUR', opportunities: 1, pipelineValue: 6_000, target: 10_000, coverage: { value: 0.6, numerator: 6_000, denominator: 10_000 },
    })]);
  });

  it('velocity counts one open opportunity at the end of October, worth 6,000', async () => {
    const { body } = await get('velocity');
    expect(body.velocities).toEqual([expect.objectContaining({
      currency: 'EUR', openPipelineValue: 6_000, inputs: expect.objectContaining({ openOpportunities: 1 }),
    })]);
  });
});
