// Auto-MQL and auto-accept through the running projector: a score crossing fires each command once,
// on the routed rep's behalf, and replaying every event (checkpoint back to 0) issues nothing again.
import { leadIdFromEmail, leadStreamName } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { PG_POOL } from '#platform';
import { readCheckpoint } from '#projections';
import type { Pool } from 'pg';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { captureAt, engage, send } from './lead-commands.js';

const ROUTING = JSON.stringify([
  { name: 'nordics-mid-market', countries: ['se', 'NO'], minEmployees: 100, owners: ['rep-a', 'rep-b'] },
  { name: 'small', maxEmployees: 99, owners: ['rep-small'] },
]);
const at = (hour: number): string => new Date(Date.UTC(2026, 10, 2, hour)).toISOString();

describe('auto-qualification process manager', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let store: EventStore;
  let pool: Pool;

  const streamOf = async (email: string) =>
    (await store.readStream(leadStreamName(leadIdFromEmail(email)))).map((e) => ({ type: e.type, actor: e.metadata.actor, data: e.data }));

  beforeAll(async () => {
    t = await startTestApp({ ROUTING_RULES_JSON: ROUTING });
    store = t.app.get<EventStore>(EVENT_STORE);
    pool = t.app.get<Pool>(PG_POOL);
  });
  afterAll(async () => {
    await t.close();
  });

  it('qualifies a lead whose score reaches the MQL threshold, then accepts it for the next rep in turn', async () => {
    // fit 43 (decision maker, software, 250 employees, VP): a demo request (+30) makes 73, past the MQL threshold 50
    await captureAt(t.app, 'first@nordic.example', at(9));
    await engage(t.app, 'first@nordic.example', 'demo_requested', at(10));
    await expectEventually(async () => expect((await streamOf('first@nordic.example')).map((e) => e.type)).toContain('MarketingQualified'));
    // a proposal opened (+20) crosses 80: auto-accept, routed by country and size
    await engage(t.app, 'first@nordic.example', 'proposal_opened', at(11));
    await expectEventually(async () => expect((await streamOf('first@nordic.example')).map((e) => e.type)).toContain('SalesAccepted'));

    const events = await streamOf('first@nordic.example');
    expect(events.map((e) => e.type)).toEqual(['LeadCaptured', 'EngagementRecorded', 'MarketingQualified', 'EngagementRecorded', 'SalesAccepted']);
    expect(events[2]).toMatchObject({ actor: 'system:scoring', data: { basis: 'score', score: 73 } });
    expect(events[4]).toMatchObject({ actor: 'system:scoring', data: { ownerId: 'rep-a', onBehalfOfOwner: true } });

    // the next lead of the same rule goes to the next rep
    await captureAt(t.app, 'second@nordic.example', at(9));
    await engage(t.app, 'second@nordic.example', 'demo_requested', at(10));
    await engage(t.app, 'second@nordic.example', 'proposal_opened', at(11));
    await expectEventually(async () => expect((await streamOf('second@nordic.example')).at(-1)).toMatchObject({ type: 'SalesAccepted', data: { ownerId: 'rep-b' } }));
  });

  it('qualifies but does not accept when no routing rule yields an owner', async () => {
    const email = 'nobody@far.example';
    await captureAt(t.app, email, at(9), { country: 'US', employees: 250 });
    await engage(t.app, email, 'demo_requested', at(10));
    await engage(t.app, email, 'proposal_opened', at(11));
    await expectEventually(async () => expect((await streamOf(email)).map((e) => e.type)).toContain('MarketingQualified'));
    const head = await store.headPosition();
    await expectEventually(async () => expect((await readCheckpoint(pool, 'auto-qualification')).position >= head).toBe(true));
    expect((await streamOf(email)).map((e) => e.type)).not.toContain('SalesAccepted');
  });

  it('moves no lead because its personal data was erased, though the score rises with the competitor rule gone', async () => {
    // a competitor by its email (not its company's domain): fit 43 + seniority − 50, a demo request +30: under 50
    const leadId = leadIdFromEmail('bob@hubspot.com');
    await send(t.app, leadId, () => ({
      type: 'CaptureLead',
      data: {
        leadId, source: { channel: 'website' },
        profile: {
          email: 'bob@hubspot.com', firstName: 'Bob', title: 'VP Engineering', decisionRole: 'decision_maker',
          company: { name: 'Example AB', domain: 'example.se', industry: 'software', employees: 250, country: 'US' },
        },
      },
      metadata: { now: at(9) },
    }), at(9));
    await engage(t.app, 'bob@hubspot.com', 'demo_requested', at(10));
    const erased = await send(t.app, leadId, () => ({ type: 'ErasePersonalData', data: { leadId, reason: 'asked to be forgotten' }, metadata: { now: at(11) } }), at(11));
    await expectEventually(async () => expect((await readCheckpoint(pool, 'auto-qualification')).position >= (erased.position ?? '')).toBe(true));
    const scores = await pool.query<{ score: number }>('SELECT score FROM rm_score_history WHERE lead_id = $1 ORDER BY revision', [leadId]);
    expect(scores.rows.at(-2)?.score).toBeLessThan(50);
    expect(scores.rows.at(-1)?.score).toBeGreaterThanOrEqual(50); // the erasure crossed the threshold
    expect((await streamOf('bob@hubspot.com')).map((e) => e.type)).toEqual(['LeadCaptured', 'EngagementRecorded', 'LeadPersonalDataErased']);
  });

  it('qualifies a lead reopened with a score past the threshold it crossed while disqualified', async () => {
    const email = 'reopened@far.example';
    const leadId = leadIdFromEmail(email);
    await captureAt(t.app, email, at(9), { country: 'US' });
    await send(t.app, leadId, () => ({ type: 'DisqualifyLead', data: { leadId, reason: 'no budget' }, metadata: { now: at(10) } }), at(10));
    await engage(t.app, email, 'demo_requested', at(11)); // 43 + 30 = 73, past 50, but the lead is disqualified
    await send(t.app, leadId, () => ({ type: 'ReopenLead', data: { leadId, reason: 'budget found' }, metadata: { now: at(12) } }), at(12));
    await expectEventually(async () => expect((await streamOf(email)).at(-1)).toMatchObject({
      type: 'MarketingQualified', actor: 'system:scoring', data: { basis: 'score', score: 73 },
    }));
    expect((await streamOf(email)).map((e) => e.type)).toEqual(['LeadCaptured', 'LeadDisqualified', 'EngagementRecorded', 'LeadReopened', 'MarketingQualified']);
  });

  it('issues nothing again when every event is replayed', async () => {
    // the head readers see may trail the last commit (it waits for older transactions server-wide)
    const head = await store.headPosition();
    await expectEventually(async () => expect((await readCheckpoint(pool, 'auto-qualification')).position >= head).toBe(true));
    const before = await streamOf('first@nordic.example');

    await pool.query("UPDATE projection_checkpoints SET position = '0' WHERE name = 'auto-qualification'");
    // the next event wakes the runner, which finds its checkpoint moved and replays from the start
    const { position } = await captureAt(t.app, 'late@example.com', at(12), { country: 'US' });
    await expectEventually(async () => expect((await readCheckpoint(pool, 'auto-qualification')).position).toBe(position));
    expect((await store.readAll({ after: position ?? '0', limit: 10 })).events).toEqual([]);
    expect(await streamOf('first@nordic.example')).toEqual(before);
  });
});
