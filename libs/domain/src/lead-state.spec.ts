// evolve: the lead's state and stage history as its events are folded.
import { initialState } from './lead-state.js';
import {
  HISTORY, LEAD_ID, PROFILE, accepted, captured, day, leadEvent, lost, mqlReached, nurtured, onboarded, sqlReached, stateOf, won,
} from './testing/lead-fixtures.js';

describe('evolve', () => {
  it('starts unknown', () => {
    expect(initialState).toMatchObject({ exists: false, stage: null, status: 'active', stageHistory: [], lastOccurredAt: null });
  });

  it('capture makes the lead known in stage lead with its first-touch source', () => {
    expect(stateOf([captured])).toMatchObject({
      exists: true, leadId: LEAD_ID, profile: PROFILE, source: { channel: 'event', campaignId: 'summit-26' },
      stage: 'lead', status: 'active', stageHistory: [{ stage: 'lead', enteredAt: day(1) }], lastOccurredAt: day(1),
    });
  });

  it('records each stage entered with its time, through to customer', () => {
    expect(stateOf(HISTORY.customer).stageHistory).toEqual([
      { stage: 'lead', enteredAt: day(1) },
      { stage: 'nurturing', enteredAt: day(2) },
      { stage: 'mql', enteredAt: day(3) },
      { stage: 'sal', enteredAt: day(4) },
      { stage: 'sql', enteredAt: day(5) },
      { stage: 'closed', enteredAt: day(6) },
      { stage: 'customer', enteredAt: day(7) },
    ]);
  });

  it('backward moves enter nurturing again; stays inside a stage append nothing', () => {
    const events = [
      captured, nurtured, mqlReached, accepted,
      leadEvent('SalesRejected', { reason: 'r', feedback: 'f', ownerId: 'rep-1' }, day(5)),
      leadEvent('NurturingStarted', { track: 'webinars', from: 'nurturing' }, day(6)),
      leadEvent('EngagementRecorded', { engagement: { kind: 'email_open' } }, day(7)),
      leadEvent('SalesAccepted', { ownerId: 'rep-1', from: 'nurturing', onBehalfOfOwner: false }, day(8)),
      { ...sqlReached, data: { ...sqlReached.data, occurredAt: day(9) } },
      leadEvent('OpportunityStageChanged', { pipeline: 'default', from: 'discovery', to: 'demo' }, day(10)),
      { ...lost, data: { ...lost.data, occurredAt: day(11) } },
      leadEvent('LeadRecycled', { reason: 'later', from: 'closed' }, day(12)),
      leadEvent('LeadDisqualified', { reason: 'spam', from: 'nurturing' }, day(13)),
      leadEvent('LeadReopened', { reason: 'not spam', to: 'nurturing' }, day(14)),
    ];
    const state = stateOf(events);
    expect(state.stageHistory.map((entry) => `${entry.stage}@${entry.enteredAt.slice(8, 10)}`)).toEqual([
      'lead@01', 'nurturing@02', 'mql@03', 'sal@04', 'nurturing@05', 'sal@08', 'sql@09', 'closed@11', 'nurturing@12',
    ]);
    expect(state).toMatchObject({ stage: 'nurturing', status: 'active', nurtureTrack: 'webinars', lastOccurredAt: day(14) });
  });

  it('keeps the won deal and the customer account', () => {
    const state = stateOf([captured, nurtured, mqlReached, accepted, sqlReached, won, onboarded]);
    expect(state.deal).toMatchObject({ outcome: 'won', amount: { value: 1_200_000, currency: 'EUR' }, closedAt: day(6) });
    expect(state.customer).toEqual({ csmId: 'csm-1', keyAccount: false, onboardedAt: day(7) });
    expect(state).toMatchObject({ stage: 'customer', status: 'won', ownerId: 'rep-1', opportunity: null });
  });

  it('does not mutate the state it is given', () => {
    const before = stateOf(HISTORY.sql);
    const snapshot = JSON.stringify(before);
    stateOf([...HISTORY.sql, won]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
