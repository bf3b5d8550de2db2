import { describe, expect, it } from '@jest/globals';
import type { LeadEvent } from '../events.js';
import type { EngagementKind } from '../lifecycle.js';
import { captured, day, engaged, lineOf, nurtured, pointsOf } from './scoring.fixtures.js';
import { scoreLead } from './score-lead.js';
import { scoringModel } from './scoring-model.js';

const at = (events: LeadEvent[], now = day(0)) => scoreLead(events, now);

describe('behaviour rules', () => {
  it.each([
    ['web_visit', 1],
    ['email_open', 1],
    ['email_click', 3],
    ['cta_click', 5],
    ['form_submit', 10],
    ['webinar_attended', 12],
    ['content_download', 8],
    ['roi_content', 15],
    ['trial_requested', 25],
    ['demo_requested', 30],
    ['proposal_opened', 20],
    ['unsubscribe', -20],
    ['hard_bounce', -30],
  ] as const)('%s gives %d points when fresh', (kind: Exclude<EngagementKind, 'outreach_replied'>, points: number) => {
    const score = at([captured(), engaged(kind, day(0))]);
    expect(pointsOf(score, kind)).toBe(points);
    expect(score.behaviour).toBe(points);
    expect(lineOf(score, kind)).toMatchObject({ category: 'behaviour', rawPoints: points, count: 1, capped: false });
  });

  it('splits outreach replies into fast (within a day) and slow', () => {
    expect(pointsOf(at([engaged('outreach_replied', day(0), { responseMinutes: 30 })]), 'outreach_replied_fast')).toBe(15);
    expect(pointsOf(at([engaged('outreach_replied', day(0), { responseMinutes: 1440 })]), 'outreach_replied_fast')).toBe(15);
    expect(pointsOf(at([engaged('outreach_replied', day(0), { responseMinutes: 1441 })]), 'outreach_replied_slow')).toBe(5);
    expect(pointsOf(at([engaged('outreach_replied', day(0))]), 'outreach_replied_slow')).toBe(5);
  });

  it('counts at most 3 web visits a UTC day', () => {
    const visits = [0, 0.01, 0.02, 0.03, 0.04].map((d) => engaged('web_visit', day(d)));
    const line = lineOf(at(visits, day(0.05)), 'web_visit');
    expect(line).toMatchObject({ points: 3, rawPoints: 3, count: 5, capped: false });
    expect(line?.detail).toContain('2 over the daily limit of 3');
    // the next UTC day starts afresh (day(0) is noon UTC, day(0.5) is midnight)
    const twoDays = [...visits, engaged('web_visit', day(0.6))];
    expect(pointsOf(at(twoDays, day(0.6)), 'web_visit')).toBe(4);
  });

  it('caps web visits at 10 points', () => {
    const visits = Array.from({ length: 12 }, (_, i) => engaged('web_visit', day(i * 0.001 + Math.floor(i / 3))));
    const line = lineOf(at(visits, day(3.1)), 'web_visit'); // 3 a day on 4 days: 11.6 after decay
    expect(line?.capped).toBe(true);
    expect(line?.points).toBe(10);
    expect(line?.rawPoints).toBe(12);
  });

  it.each([
    ['email_open', 8, 5],
    ['email_click', 5, 12],
    ['cta_click', 4, 15],
    ['form_submit', 3, 20],
    ['webinar_attended', 3, 24],
    ['content_download', 4, 24],
    ['roi_content', 3, 30],
    ['trial_requested', 2, 25],
    ['demo_requested', 2, 30],
    ['proposal_opened', 3, 40],
    ['unsubscribe', 2, -20],
    ['hard_bounce', 2, -30],
  ] as const)('caps %s: %d at once are worth %d', (kind: Exclude<EngagementKind, 'outreach_replied'>, times: number, capped: number) => {
    const events = Array.from({ length: times }, () => engaged(kind, day(0)));
    const line = lineOf(at(events), kind);
    expect(line).toMatchObject({ points: capped, capped: true, count: times });
    expect(line?.detail).toContain('capped at');
  });

  it('caps the decayed sum, so recent activity refills a rule whose old points faded', () => {
    // two demo requests: 60 days ago (30 → 7.5) and today (30): 37.5, capped at 30
    const events = [engaged('demo_requested', day(0)), engaged('demo_requested', day(60))];
    expect(pointsOf(at(events, day(60)), 'demo_requested')).toBe(30);
    // one proposal opened 30 days ago (10) and one today (20): 30, under the cap of 40
    const proposals = [engaged('proposal_opened', day(0)), engaged('proposal_opened', day(30))];
    expect(lineOf(at(proposals, day(30)), 'proposal_opened')).toMatchObject({ points: 30, capped: false, rawPoints: 40 });
  });

  it('caps outreach replies fast and slow apart', () => {
    const replies = [1, 2, 3].map(() => engaged('outreach_replied', day(0), { responseMinutes: 10 }));
    expect(pointsOf(at(replies), 'outreach_replied_fast')).toBe(30);
  });

  describe('repeated visits', () => {
    it('gives a 10-point bonus for visits on 3 different days within 7 days', () => {
      const events = [engaged('web_visit', day(0)), engaged('web_visit', day(2)), engaged('web_visit', day(6))];
      const score = at(events, day(6));
      expect(lineOf(score, 'repeated_visits')).toMatchObject({ points: 10, count: 1 });
      expect(lineOf(score, 'web_visit')?.points).toBe(2.8); // 1 × 0.5^(6/30) + 1 × 0.5^(4/30) + 1 = 0.871 + 0.912 + 1 = 2.78
    });

    it('counts days, not page views', () => {
      const sameDay = [0, 0.01, 0.02, 0.03].map((d) => engaged('web_visit', day(d)));
      expect(lineOf(at(sameDay, day(0.05)), 'repeated_visits')).toBeUndefined();
    });

    it('needs the days inside one 7-day window', () => {
      const spread = [engaged('web_visit', day(0)), engaged('web_visit', day(4)), engaged('web_visit', day(7))];
      expect(lineOf(at(spread, day(7)), 'repeated_visits')).toBeUndefined();
    });

    it('gives the bonus at most once a window', () => {
      const daily = Array.from({ length: 10 }, (_, i) => engaged('web_visit', day(i)));
      // bonus on day 2 (days 0-2), next possible on day 9 (days 7-9, 7 days after the first bonus)
      const line = lineOf(at(daily, day(9)), 'repeated_visits');
      expect(line?.count).toBe(2);
      expect(line?.points).toBe(10); // 10 × 0.5^(7/30) + 10 = 18.5, capped at 10
      expect(line?.capped).toBe(true);
    });

    it('is also earned by visits over the daily limit', () => {
      const events = [0, 0.01, 0.02, 0.03, 1, 2].map((d) => engaged('web_visit', day(d)));
      expect(lineOf(at(events, day(2)), 'repeated_visits')?.count).toBe(1);
    });
  });

  it('ignores events after "now" and lifecycle events', () => {
    const events = [captured(), nurtured(day(1)), engaged('demo_requested', day(2))];
    expect(at(events, day(1)).behaviour).toBe(0);
    expect(at(events, day(2)).behaviour).toBe(30);
  });

  it('takes late-arriving engagements where they happened', () => {
    const inOrder = [engaged('web_visit', day(0)), engaged('web_visit', day(1)), engaged('web_visit', day(2))];
    const late = [inOrder[2], inOrder[0], inOrder[1]];
    expect(at(late, day(3))).toEqual(at(inOrder, day(3)));
  });

  it('follows the model: other points, caps and daily limits', () => {
    const model = scoringModel({
      version: 'test-behaviour',
      behaviour: { rules: { web_visit: { points: 2, maxPerDay: null, cap: null } }, fastReplyMinutes: 60 },
    });
    const visits = [0, 0.01, 0.02, 0.03, 0.04].map((d) => engaged('web_visit', day(d)));
    expect(pointsOf(scoreLead(visits, day(0.04), model), 'web_visit')).toBe(10);
    const reply = [engaged('outreach_replied', day(0), { responseMinutes: 120 })];
    expect(lineOf(scoreLead(reply, day(0), model), 'outreach_replied_slow')).toBeDefined();
  });
});
