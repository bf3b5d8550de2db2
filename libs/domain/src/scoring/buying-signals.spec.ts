import { describe, expect, it } from '@jest/globals';
import type { LeadEvent } from '../events.js';
import { buyingSignalOf, isSignalFresh } from './buying-signals.js';
import { captured, day, engaged, LEAD_ID, nurtured } from './scoring.fixtures.js';
import { scoringModel } from './scoring-model.js';

const lead: LeadEvent[] = [captured({ decisionRole: 'decision_maker' })]; // fit 15

describe('buying signals', () => {
  it.each([
    ['proposal_opened', 'proposal_opened', 20],
    ['roi_content', 'pricing_content', 15],
    ['demo_requested', 'demo_requested', 30],
    ['trial_requested', 'trial_requested', 25],
  ] as const)('%s is a %s signal', (kind, signal, points) => {
    expect(buyingSignalOf(engaged(kind, day(1)), lead)).toEqual({
      kind: signal, leadId: LEAD_ID, at: day(1), scoreChange: points, score: 15 + points,
    });
  });

  it('a reply to outreach within a day is a signal; a slow one is not', () => {
    expect(buyingSignalOf(engaged('outreach_replied', day(1), { responseMinutes: 1440 }), lead))
      .toMatchObject({ kind: 'fast_reply', scoreChange: 15 });
    expect(buyingSignalOf(engaged('outreach_replied', day(1), { responseMinutes: 1441 }), lead)).toBeNull();
    expect(buyingSignalOf(engaged('outreach_replied', day(1)), lead)).toBeNull();
  });

  it('the visit that makes visits on 3 days within a week is a signal, the ones before it are not', () => {
    const before = [...lead, engaged('web_visit', day(1)), engaged('web_visit', day(3))];
    expect(buyingSignalOf(engaged('web_visit', day(3.1)), before)).toBeNull();
    expect(buyingSignalOf(engaged('web_visit', day(5)), before)).toMatchObject({
      kind: 'repeated_visits', at: day(5), scoreChange: 11, // the visit (1) and the bonus (10)
    });
    const after = [...before, engaged('web_visit', day(5))];
    expect(buyingSignalOf(engaged('web_visit', day(6)), after)).toBeNull(); // one bonus a week
  });

  it.each(['web_visit', 'email_open', 'email_click', 'cta_click', 'form_submit', 'webinar_attended', 'content_download', 'unsubscribe', 'hard_bounce'] as const)(
    '%s alone is no signal',
    (kind) => expect(buyingSignalOf(engaged(kind, day(1)), lead)).toBeNull(),
  );

  it('only engagements are signals', () => {
    expect(buyingSignalOf(nurtured(day(1)), lead)).toBeNull();
  });

  it('still signals when the rule is at its cap (intent, not points)', () => {
    const demoRequested = [...lead, engaged('demo_requested', day(1))];
    expect(buyingSignalOf(engaged('demo_requested', day(1)), demoRequested)).toMatchObject({
      kind: 'demo_requested', scoreChange: 0, score: 45,
    });
  });

  it('uses the model: a stricter fast-reply window', () => {
    const strict = scoringModel({ version: 'strict', behaviour: { fastReplyMinutes: 60 } });
    expect(buyingSignalOf(engaged('outreach_replied', day(1), { responseMinutes: 120 }), lead, strict)).toBeNull();
  });

  describe('freshness', () => {
    const signal = { at: day(0) };
    it('keeps a signal on the feed for 7 days', () => {
      expect(isSignalFresh(signal, day(0))).toBe(true);
      expect(isSignalFresh(signal, day(7))).toBe(true);
      expect(isSignalFresh(signal, day(7.001))).toBe(false);
      expect(isSignalFresh(signal, day(30))).toBe(false);
    });
    it('does not show a signal before it happened', () => {
      expect(isSignalFresh(signal, day(-1))).toBe(false);
    });
    it('follows the model', () => {
      expect(isSignalFresh(signal, day(10), scoringModel({ signalFreshDays: 14 }))).toBe(true);
    });
  });
});
