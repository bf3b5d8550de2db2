import { describe, expect, it } from '@jest/globals';
import type { LeadEvent } from '../events.js';
import { captured, day, engaged, nurtured, updated } from './scoring.fixtures.js';
import type { LeadScore } from './score-lead.js';
import { scoreLead } from './score-lead.js';
import { toTenths } from './score-line.js';
import { DEFAULT_SCORING_MODEL, scoringModel } from './scoring-model.js';

/** A lead with a bit of everything, spread over ten weeks. */
const history: LeadEvent[] = [
  captured({ email: 'ada@acme.io', title: 'Director of Operations', decisionRole: 'influencer', company: { industry: 'Manufacturing', employees: 120 } }),
  engaged('email_open', day(1)),
  engaged('email_click', day(1.1)),
  engaged('web_visit', day(3)), engaged('web_visit', day(3.01)), engaged('web_visit', day(3.02)), engaged('web_visit', day(3.03)),
  engaged('content_download', day(10)),
  nurtured(day(11)),
  engaged('webinar_attended', day(20)),
  updated({ decisionRole: 'decision_maker' }, day(30)),
  engaged('unsubscribe', day(40)),
  engaged('web_visit', day(60)), engaged('web_visit', day(62)), engaged('web_visit', day(63)),
  engaged('roi_content', day(63.2)),
  engaged('outreach_replied', day(64), { responseMinutes: 90 }),
  engaged('hard_bounce', day(66)),
];

const addsUp = (score: LeadScore): void => {
  const sum = (lines: LeadScore['breakdown']) => lines.reduce((s, l) => s + toTenths(l.points), 0);
  expect(sum(score.breakdown.filter((l) => l.category === 'fit'))).toBe(toTenths(score.fit));
  expect(sum(score.breakdown.filter((l) => l.category === 'behaviour'))).toBe(toTenths(score.behaviour));
  expect(sum(score.breakdown)).toBe(toTenths(score.total));
  expect(toTenths(score.fit) + toTenths(score.behaviour)).toBe(toTenths(score.total));
  for (const line of score.breakdown) expect(Number.isInteger(toTenths(line.points))).toBe(true);
};

describe('scoreLead', () => {
  it.each([0, 1, 3.5, 10, 30, 63.5, 66, 70, 100, 400])('has a breakdown that adds up to the total at day %d', (d) => {
    addsUp(scoreLead(history, day(d)));
  });

  it('explains a score rule by rule ("why is this lead 72?")', () => {
    const events = [
      captured({ email: 'ada@acme.io', title: 'VP Operations', decisionRole: 'decision_maker', company: { industry: 'SaaS', employees: 400 } }),
      engaged('roi_content', day(0)),
      engaged('cta_click', day(0)),
      engaged('web_visit', day(30)),
      engaged('email_click', day(30)),
      engaged('outreach_replied', day(30), { responseMinutes: 45 }),
    ];
    const score = scoreLead(events, day(30));
    expect(score).toMatchObject({ modelVersion: '2026.1', at: day(30), total: 72, fit: 43, behaviour: 29 });
    expect(score.breakdown.map(({ rule, category, points, rawPoints, count }) => [rule, category, points, rawPoints, count])).toEqual([
      ['decision_role', 'fit', 15, 15, 1],
      ['icp_industry', 'fit', 10, 10, 1],
      ['company_size', 'fit', 10, 10, 1],
      ['seniority', 'fit', 8, 8, 1],
      ['web_visit', 'behaviour', 1, 1, 1],
      ['email_click', 'behaviour', 3, 3, 1],
      ['cta_click', 'behaviour', 2.5, 5, 1], // 30 days old: half
      ['roi_content', 'behaviour', 7.5, 15, 1], // 30 days old: half
      ['outreach_replied_fast', 'behaviour', 15, 15, 1],
    ]);
    expect(score.breakdown.map((l) => l.detail)).toEqual([
      'decision role decision_maker',
      'industry "SaaS" is in the ideal customer profile',
      '400 employees: band 201-1000',
      'title "VP Operations" matched "vp": vp',
      '1 × 1; +1.0 after decay (half-life 30 days)',
      '1 × 3; +3.0 after decay (half-life 30 days)',
      '1 × 5; +2.5 after decay (half-life 30 days)',
      '1 × 15; +7.5 after decay (half-life 30 days)',
      '1 × 15; +15.0 after decay (half-life 30 days)',
    ]);
    addsUp(score);
  });

  it('reports the model version it scored with', () => {
    expect(scoreLead(history, day(70)).modelVersion).toBe('2026.1');
  });

  it('is pure: the same events, now and model give the same score', () => {
    expect(scoreLead(history, day(70))).toEqual(scoreLead([...history], day(70)));
  });

  it('changes with time alone (decay)', () => {
    expect(scoreLead(history, day(70)).total).toBeGreaterThan(scoreLead(history, day(100)).total);
  });

  it('versioning: another model gives another score for the same history', () => {
    const v2 = scoringModel({
      version: '2026.2',
      halfLifeDays: 60,
      fit: { decisionRole: { decision_maker: 25 } },
      behaviour: { rules: { roi_content: { points: 25 } } },
    });
    const v1Score = scoreLead(history, day(70));
    const v2Score = scoreLead(history, day(70), v2);
    expect(v2Score.modelVersion).toBe('2026.2');
    expect(v2Score.total).not.toBe(v1Score.total);
    expect(v2Score.fit - v1Score.fit).toBe(10);
    addsUp(v2Score);
  });

  it('refuses a "now" that is not an instant', () => {
    expect(() => scoreLead(history, 'yesterday')).toThrow(RangeError);
  });
});
