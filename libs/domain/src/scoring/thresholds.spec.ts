import { describe, expect, it } from '@jest/globals';
import { captured, day, engaged } from './scoring.fixtures.js';
import { scoreHistory } from './score-history.js';
import { scoreLead } from './score-lead.js';
import { scoringModel } from './scoring-model.js';
import { crossedThreshold, qualifiesForAutoAccept, qualifiesForMql, thresholdsCrossed } from './thresholds.js';

describe('thresholds', () => {
  it('crossing means going from below to at-or-above', () => {
    expect(crossedThreshold(49.9, 50, 50)).toBe(true);
    expect(crossedThreshold(10, 90, 50)).toBe(true);
    expect(crossedThreshold(50, 60, 50)).toBe(false); // already over
    expect(crossedThreshold(60, 40, 50)).toBe(false); // going down
    expect(crossedThreshold(30, 49.9, 50)).toBe(false);
  });

  it('qualifies at the default thresholds 50 and 80', () => {
    expect(qualifiesForMql(49.9)).toBe(false);
    expect(qualifiesForMql(50)).toBe(true);
    expect(qualifiesForAutoAccept(79.9)).toBe(false);
    expect(qualifiesForAutoAccept(80)).toBe(true);
  });

  it('takes a LeadScore and configured thresholds', () => {
    const score = scoreLead([captured({ decisionRole: 'decision_maker' }), engaged('demo_requested', day(0))], day(0)); // 45
    expect(qualifiesForMql(score)).toBe(false);
    const lenient = scoringModel({ thresholds: { mql: 40, autoAccept: 45 } });
    expect(qualifiesForMql(score, lenient)).toBe(true);
    expect(qualifiesForAutoAccept(score, lenient)).toBe(true);
  });

  it('names the thresholds a history entry crossed', () => {
    const history = scoreHistory([
      captured({ title: 'VP Sales', decisionRole: 'decision_maker', company: { industry: 'SaaS', employees: 400 } }), // 43
      engaged('roi_content', day(1)), // 58
      engaged('demo_requested', day(1)), // 88
    ]);
    expect(history.map((e) => thresholdsCrossed(e.before, e.score))).toEqual([[], ['mql'], ['autoAccept']]);
    expect(thresholdsCrossed(0, 100)).toEqual(['mql', 'autoAccept']);
  });
});
