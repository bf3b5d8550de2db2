import { accepted, captured, day, EMAIL, leadEvent } from '../../../domain/src/testing/lead-fixtures.js';
import { DEFAULT_SCORING_MODEL, evolve, initialState, type LeadEvent, type LeadState } from '#domain';
import { isScoringFact, scoredFactsOf, scoreStep, type ScoredFacts } from './lead-scoring.js';

const engagement = (kind: 'demo_requested' | 'email_open' | 'proposal_opened', at: string) =>
  leadEvent('EngagementRecorded', { engagement: { kind } }, at);
const stateOf = (events: readonly LeadEvent[]): LeadState => events.reduce(evolve, initialState);

const steps = (events: readonly LeadEvent[]) => {
  let lead: ScoredFacts = scoredFactsOf([], DEFAULT_SCORING_MODEL);
  return events.filter(isScoringFact).map((event, i) => {
    const step = scoreStep(lead, event, i + 1, stateOf(events.slice(0, events.indexOf(event) + 1)), DEFAULT_SCORING_MODEL);
    lead = step;
    return step;
  });
};

describe('scoreStep', () => {
  it('records each score change with its reason and the score right after', () => {
    const [capture, demo] = steps([captured, engagement('demo_requested', day(2))]);
    expect(capture.history).toMatchObject({ eventType: 'LeadCaptured', before: 0 });
    expect(demo.history).toMatchObject({ eventType: 'EngagementRecorded', delta: 30, reason: 'EngagementRecorded (demo_requested): demo_requested +30.0' });
    expect(demo.score).toMatchObject({ total: capture.score.total + 30, behaviour: 30, modelVersion: DEFAULT_SCORING_MODEL.version, at: day(2) });
    expect(demo.facts.map((fact) => fact.revision)).toEqual([1, 2]);
  });

  it('keeps a ceiling no later "now" can exceed: fit plus the positive behaviour lines', () => {
    const [, , unsubscribed] = steps([captured, engagement('demo_requested', day(2)), leadEvent('EngagementRecorded', { engagement: { kind: 'unsubscribe' } }, day(3))]);
    // the demo request, one day (of a 30-day half-life) old; the unsubscribe's -20 is left out
    expect(unsubscribed.score.ceiling - unsubscribed.score.fit).toBeCloseTo(30 * 0.5 ** (1 / 30), 1);
    expect(unsubscribed.score.total).toBeLessThan(unsubscribed.score.ceiling);
  });

  it('gives the owner a signal only for leads they work (sal or sql)', () => {
    expect(steps([captured, engagement('proposal_opened', day(2))])[1].signal).toBeNull();
    const owned = steps([captured, accepted, engagement('proposal_opened', day(5))]);
    expect(owned[1].signal).toMatchObject({ kind: 'proposal_opened', scoreChange: 20, at: day(5) });
  });

  it('keeps no personal data in the facts once erased, only what fit may still use', () => {
    const erased = leadEvent('LeadPersonalDataErased', { reason: 'GDPR request' }, day(3));
    const last = steps([captured, engagement('email_open', day(2)), erased]).at(-1);
    const stored = JSON.stringify(last?.facts);
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain('Lovelace');
    expect(stored).toContain('decision_maker');
  });
});
