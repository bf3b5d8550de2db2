import { describe, expect, it } from '@jest/globals';
import type { LeadEvent } from '../events.js';
import { captured, day, engaged, nurtured, updated } from './scoring.fixtures.js';
import { scoreChange, scoreHistory } from './score-history.js';
import { scoreLead } from './score-lead.js';
import { toTenths } from './score-line.js';
import { scoringModel } from './scoring-model.js';

const opens = (n: number, at: string): LeadEvent[] => Array.from({ length: n }, () => engaged('email_open', at));

const events: LeadEvent[] = [
  captured({ title: 'VP Sales', decisionRole: 'decision_maker', company: { industry: 'SaaS', employees: 400 } }), // 0
  nurtured(day(1)), // 1: no change
  engaged('demo_requested', day(10)), // 2
  updated({ title: 'Vice President Sales' }, day(12)), // 3: same seniority, no change
  engaged('roi_content', day(40)), // 4
  ...opens(6, day(40)), // 5..10: the sixth is over the cap
  engaged('web_visit', day(5)), // 11: arrives late
];

describe('scoreHistory', () => {
  const history = scoreHistory(events);

  it('has one entry per event that changed the score', () => {
    expect(history.map((e) => [e.eventIndex, e.eventType])).toEqual([
      [0, 'LeadCaptured'], [2, 'EngagementRecorded'], [4, 'EngagementRecorded'],
      [5, 'EngagementRecorded'], [6, 'EngagementRecorded'], [7, 'EngagementRecorded'], [8, 'EngagementRecorded'],
      [9, 'EngagementRecorded'], [11, 'EngagementRecorded'],
    ]);
  });

  it('gives each change its score, parts, delta and reason', () => {
    expect(history[0]).toEqual({
      modelVersion: '2026.1', at: day(0), eventIndex: 0, eventType: 'LeadCaptured',
      before: 0, score: 43, fit: 43, behaviour: 0, delta: 43,
      changes: [
        { rule: 'decision_role', category: 'fit', before: 0, after: 15, delta: 15 },
        { rule: 'icp_industry', category: 'fit', before: 0, after: 10, delta: 10 },
        { rule: 'company_size', category: 'fit', before: 0, after: 10, delta: 10 },
        { rule: 'seniority', category: 'fit', before: 0, after: 8, delta: 8 },
      ],
      reason: 'LeadCaptured: decision_role +15.0, icp_industry +10.0, company_size +10.0, seniority +8.0',
    });
    expect(history[1]).toMatchObject({
      at: day(10), before: 43, score: 73, fit: 43, behaviour: 30, delta: 30,
      reason: 'EngagementRecorded (demo_requested): demo_requested +30.0',
    });
  });

  it('evaluates each change at its event time: decay between events applies', () => {
    // by day 40 the demo request is 30 days old: 43 + 15 = 58, then ROI content adds 15
    expect(history[2]).toMatchObject({ at: day(40), before: 58, score: 73, delta: 15, behaviour: 30 });
  });

  it('chains: the previous score decays to `before`, the event adds `delta`', () => {
    for (const [i, entry] of history.entries()) {
      expect(toTenths(entry.before) + toTenths(entry.delta)).toBe(toTenths(entry.score));
      expect(toTenths(entry.fit) + toTenths(entry.behaviour)).toBe(toTenths(entry.score));
      const previous = history[i - 1];
      if (previous !== undefined) {
        expect(entry.before).toBe(scoreLead(events.slice(0, previous.eventIndex + 1), entry.at).total);
      }
    }
  });

  it('ends at the current score', () => {
    const last = history[history.length - 1];
    expect(last.score).toBe(scoreLead(events, last.at).total);
  });

  it('stops giving entries once a rule is at its cap', () => {
    expect(history.filter((e) => e.reason.includes('email_open')).map((e) => e.delta)).toEqual([1, 1, 1, 1, 1]);
  });

  it('scores a late event at the lead time, decayed from when it happened', () => {
    // a web visit from day 5 recorded after day 40: 1 × 0.5^(35/30) = 0.45
    expect(history[history.length - 1]).toMatchObject({ at: day(40), delta: 0.4, eventIndex: 11 });
  });

  it('answers null for an event that changes nothing', () => {
    expect(scoreChange(events.slice(0, 1), events[1])).toBeNull();
    expect(scoreChange(events.slice(0, 10), events[10])).toBeNull();
  });

  it('records fit going down, e.g. a competitor domain learnt later', () => {
    const entry = scoreChange([captured()], updated({ company: { domain: 'hubspot.com' } }, day(1)));
    expect(entry).toMatchObject({ before: 0, score: -50, delta: -50, reason: 'LeadDetailsUpdated: competitor -50.0' });
  });

  it('is recomputed by another model version', () => {
    const v2 = scoringModel({ version: '2026.2', behaviour: { rules: { demo_requested: { points: 40, cap: 40 } } } });
    const rescored = scoreHistory(events, v2);
    expect(rescored[1]).toMatchObject({ modelVersion: '2026.2', score: 83, delta: 40 });
  });
});
