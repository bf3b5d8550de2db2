import { accepted, captured, day, leadEvent, nurtured, onboarded, sqlReached, won, lost } from '../../../domain/src/testing/lead-fixtures.js';
import { initialState, type LeadEvent } from '#domain';
import { funnelStep, type FunnelFact } from './funnel-facts.js';

const factsOf = (events: readonly LeadEvent[]): FunnelFact[][] => {
  let state = initialState;
  return events.map((event) => {
    const step = funnelStep(state, event);
    state = step.state;
    return [...step.facts];
  });
};

describe('funnelStep', () => {
  it('turns each stage move into a stage entry, with the nurture track', () => {
    const [capture, nurture, accept] = factsOf([captured, nurtured, accepted]);
    expect(capture).toEqual([{ kind: 'stage_entered', stage: 'lead', at: day(1), track: null }]);
    expect(nurture).toEqual([{ kind: 'stage_entered', stage: 'nurturing', at: day(2), track: 'newsletter' }]);
    expect(accept).toEqual([{ kind: 'stage_entered', stage: 'sal', at: day(4), track: 'newsletter' }]);
  });

  it('follows the opportunity through its deal stages to the close', () => {
    const moved = leadEvent('OpportunityStageChanged', { pipeline: 'default', from: 'discovery', to: 'demo' }, day(5));
    const facts = factsOf([captured, accepted, sqlReached, moved, won, onboarded]);
    expect(facts[2]).toContainEqual(expect.objectContaining({ kind: 'opportunity_opened', pipeline: 'default', dealStage: 'discovery' }));
    expect(facts[3]).toEqual([expect.objectContaining({ kind: 'deal_stage_moved', from: 'discovery', to: 'demo', amount: { value: 1_200_000, currency: 'EUR' } })]);
    expect(facts[4]).toEqual([
      { kind: 'stage_entered', stage: 'closed', at: day(6), track: null },
      { kind: 'open_pipeline_changed', at: day(6), changes: [{ currency: 'EUR', ownerId: 'rep-1', opened: -1, value: -1_200_000 }] },
      { kind: 'opportunity_ended', state: 'won', at: day(6) },
      expect.objectContaining({ kind: 'deal_closed', outcome: 'won', ownerId: 'rep-1', dealStage: 'discovery' }),
    ]);
    expect(facts[5]).toEqual([{ kind: 'stage_entered', stage: 'customer', at: day(7), track: null }]);
  });

  it('records a move onto another track inside a nurturing stay, and no stage entry for it', () => {
    const moved = leadEvent('NurturingStarted', { track: 'webinar', from: 'nurturing' }, day(3));
    expect(factsOf([captured, nurtured, moved])[2]).toEqual([{ kind: 'nurture_track_changed', track: 'webinar', at: day(3) }]);
  });

  it('follows the open pipeline: opened, re-valued, handed to another owner, ended', () => {
    const revalued = leadEvent('OpportunityStageChanged', { pipeline: 'default', from: 'discovery', to: 'demo', amount: { value: 1_500_000, currency: 'EUR' } }, day(6));
    const handedOver = leadEvent('LeadOwnerChanged', { ownerId: 'rep-2', previousOwnerId: 'rep-1' }, day(7));
    const recycled = leadEvent('LeadRecycled', { reason: 'stalled', from: 'sql' }, day(8));
    const facts = factsOf([captured, accepted, sqlReached, revalued, handedOver, recycled]).map((step) => step.filter((f) => f.kind === 'open_pipeline_changed'));
    expect(facts.slice(2)).toEqual([
      [{ kind: 'open_pipeline_changed', at: day(5), changes: [{ currency: 'EUR', ownerId: 'rep-1', opened: 1, value: 1_200_000 }] }],
      [{ kind: 'open_pipeline_changed', at: day(6), changes: [{ currency: 'EUR', ownerId: 'rep-1', opened: 0, value: 300_000 }] }],
      [{ kind: 'open_pipeline_changed', at: day(7), changes: [
        { currency: 'EUR', ownerId: 'rep-1', opened: -1, value: -1_500_000 }, { currency: 'EUR', ownerId: 'rep-2', opened: 1, value: 1_500_000 },
      ] }],
      [{ kind: 'open_pipeline_changed', at: day(8), changes: [{ currency: 'EUR', ownerId: 'rep-2', opened: -1, value: -1_500_000 }] }],
    ]);
  });

  it('never ends an opportunity before it opened, whatever the occurred times say', () => {
    const early = leadEvent('LeadRecycled', { reason: 'stalled', from: 'sql' }, day(2));
    expect(factsOf([captured, accepted, sqlReached, early])[3]).toContainEqual(expect.objectContaining({ kind: 'open_pipeline_changed', at: day(5) }));
  });

  it('records a loss with its reason and ends the opportunity; a recycle afterwards ends nothing more', () => {
    const recycled = leadEvent('LeadRecycled', { reason: 'next year', from: 'closed' }, day(8));
    const facts = factsOf([captured, accepted, sqlReached, lost, recycled]);
    expect(facts[3]).toContainEqual(expect.objectContaining({ kind: 'deal_closed', outcome: 'lost', lostReason: 'price' }));
    expect(facts[4]).toEqual([{ kind: 'stage_entered', stage: 'nurturing', at: day(8), track: null }]);
  });

  it('ends an open opportunity that is recycled without a close', () => {
    const recycled = leadEvent('LeadRecycled', { reason: 'stalled', from: 'sql' }, day(8));
    expect(factsOf([captured, accepted, sqlReached, recycled])[3]).toContainEqual({ kind: 'opportunity_ended', state: 'recycled', at: day(8) });
  });

  it('takes a disqualified opportunity out of the open pipeline, and a reopening puts the same one back', () => {
    const disqualified = leadEvent('LeadDisqualified', { reason: 'no budget after all', from: 'sql' }, day(6));
    const reopened = leadEvent('LeadReopened', { reason: 'budget found', to: 'sql' }, day(8));
    const facts = factsOf([captured, accepted, sqlReached, disqualified, reopened]);
    expect(facts[3]).toEqual([
      { kind: 'open_pipeline_changed', at: day(6), changes: [{ currency: 'EUR', ownerId: 'rep-1', opened: -1, value: -1_200_000 }] },
      { kind: 'opportunity_ended', state: 'disqualified', at: day(6) },
    ]);
    expect(facts[4]).toEqual([
      { kind: 'open_pipeline_changed', at: day(8), changes: [{ currency: 'EUR', ownerId: 'rep-1', opened: 1, value: 1_200_000 }] },
      { kind: 'opportunity_resumed', at: day(8) },
    ]);
  });

  it('ends no opportunity when a lead without one is disqualified or reopened', () => {
    const disqualified = leadEvent('LeadDisqualified', { reason: 'spam', from: 'sal' }, day(5));
    const reopened = leadEvent('LeadReopened', { reason: 'not spam', to: 'sal' }, day(6));
    expect(factsOf([captured, accepted, disqualified, reopened]).slice(2)).toEqual([[], []]);
  });

  it('records an expansion with whether the customer was a key account then', () => {
    const keyAccount = leadEvent('KeyAccountChanged', { keyAccount: true }, day(8));
    const upsell = leadEvent('ExpansionRecorded', { kind: 'upsell', products: [{ sku: 'x', quantity: 1 }], amount: { value: 5, currency: 'EUR' } }, day(9));
    expect(factsOf([captured, accepted, sqlReached, won, onboarded, keyAccount, upsell])[6]).toEqual([
      { kind: 'expansion', expansionKind: 'upsell', at: day(9), products: [{ sku: 'x', quantity: 1 }], amount: { value: 5, currency: 'EUR' }, keyAccount: true },
    ]);
  });
});
