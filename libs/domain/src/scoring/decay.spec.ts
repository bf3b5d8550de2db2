import { describe, expect, it } from '@jest/globals';
import { decayFactor } from './decay.js';
import { captured, day, engaged, pointsOf } from './scoring.fixtures.js';
import { scoreLead } from './score-lead.js';
import { scoringModel } from './scoring-model.js';

// form_submit at 10 points with no cap, so the decay alone shows.
const tenPoints = scoringModel({ version: 'test-decay', behaviour: { rules: { form_submit: { points: 10, cap: null } } } });

describe('decay', () => {
  it('halves the weight every half-life', () => {
    expect(decayFactor(0, 30)).toBe(1);
    expect(decayFactor(30, 30)).toBe(0.5);
    expect(decayFactor(60, 30)).toBe(0.25);
    expect(decayFactor(-5, 30)).toBe(1);
  });

  it.each([
    [0, 10],
    [15, 7.1], // 10 × 0.5^0.5 = 7.07
    [30, 5],
    [60, 2.5],
    [90, 1.3], // 1.25 rounds half away from zero
    [365, 0], // 10 × 0.5^12.17 = 0.002
  ])('10 points %d days old are worth %d', (age, expected) => {
    const score = scoreLead([captured(), engaged('form_submit', day(0))], day(age), tenPoints);
    expect(pointsOf(score, 'form_submit')).toBe(expected);
    expect(score.behaviour).toBe(expected);
  });

  it('follows the model half-life', () => {
    const fast = scoringModel({ version: 'test-decay-7', halfLifeDays: 7, behaviour: { rules: { form_submit: { points: 10, cap: null } } } });
    expect(scoreLead([engaged('form_submit', day(0))], day(7), fast).behaviour).toBe(5);
  });

  it('never decays fit', () => {
    const events = [captured({ decisionRole: 'decision_maker', title: 'CEO' })];
    expect(scoreLead(events, day(0)).fit).toBe(25);
    expect(scoreLead(events, day(3650)).fit).toBe(25);
  });

  it('decays negative signals too', () => {
    const events = [engaged('unsubscribe', day(0))];
    expect(scoreLead(events, day(0)).behaviour).toBe(-20);
    expect(scoreLead(events, day(30)).behaviour).toBe(-10);
  });
});
