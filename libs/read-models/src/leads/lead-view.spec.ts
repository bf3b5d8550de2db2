import { accepted, captured, day, EMAIL, LEAD_ID, leadEvent, nurtured, onboarded, sqlReached, won } from '../../../domain/src/testing/lead-fixtures.js';
import type { LeadEvent } from '#domain';
import { emailOf, evolveLeadView, type LeadView } from './lead-view.js';

const fold = (events: readonly LeadEvent[]): LeadView =>
  events.reduce<LeadView | null>((view, event, i) => evolveLeadView(view, event, { revision: i + 1, position: `p${i + 1}` }), null) as LeadView;

describe('evolveLeadView', () => {
  it('folds the lead with the domain evolve and keeps revision, position and times', () => {
    const view = fold([captured, nurtured, accepted]);
    expect(view).toMatchObject({
      leadId: LEAD_ID, revision: 3, position: 'p3', createdAt: day(1), updatedAt: day(4),
      state: { stage: 'sal', ownerId: 'rep-1', nurtureTrack: 'newsletter' },
    });
    expect(view.state.stageHistory.map((entry) => entry.stage)).toEqual(['lead', 'nurturing', 'sal']);
    expect(emailOf(view)).toBe(EMAIL);
  });

  it('skips an event it has applied already, so a replayed event never counts twice', () => {
    const view = fold([captured, nurtured]);
    expect(evolveLeadView(view, nurtured, { revision: 2, position: 'p2' })).toBe(view);
    expect(evolveLeadView(view, accepted, { revision: 1, position: 'p1' })).toBe(view);
  });

  it('lists the products of the opportunity, then of the deal, then appends each expansion', () => {
    const upsell = leadEvent('ExpansionRecorded', { kind: 'upsell', products: [{ sku: 'addon', quantity: 2 }], amount: { value: 100, currency: 'EUR' } }, day(8));
    expect(fold([captured, accepted, sqlReached]).products).toEqual([{ sku: 'platform-pro', quantity: 10, origin: 'opportunity' }]);
    expect(fold([captured, accepted, sqlReached, won, onboarded, upsell]).products).toEqual([
      { sku: 'platform-pro', quantity: 10, origin: 'deal' },
      { sku: 'addon', quantity: 2, origin: 'upsell' },
    ]);
  });

  it('shows no email once the personal data is erased', () => {
    const erased = leadEvent('LeadPersonalDataErased', { reason: 'GDPR request' }, day(9));
    const view = fold([captured, erased]);
    expect(emailOf(view)).toBeNull();
    expect(JSON.stringify(view)).not.toContain(EMAIL);
  });
});
