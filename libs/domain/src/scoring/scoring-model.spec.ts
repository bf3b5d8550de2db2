import { describe, expect, it } from '@jest/globals';
import { BEHAVIOUR_RULES, DEFAULT_SCORING_MODEL, InvalidScoringModelError, scoringModel, validateScoringModel } from './scoring-model.js';

describe('scoring model', () => {
  it('defaults: MQL at 50, auto-accept at 80, half-life 30 days, signals fresh for 7 days', () => {
    expect(DEFAULT_SCORING_MODEL).toMatchObject({
      version: '2026.1', thresholds: { mql: 50, autoAccept: 80 }, halfLifeDays: 30, signalFreshDays: 7,
    });
    expect(() => validateScoringModel(DEFAULT_SCORING_MODEL)).not.toThrow();
  });

  it('is plain data: it survives JSON', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_SCORING_MODEL))).toEqual(DEFAULT_SCORING_MODEL);
  });

  it('keeps fit alone below the MQL threshold', () => {
    const { fit } = DEFAULT_SCORING_MODEL;
    const best = Math.max(...Object.values(fit.decisionRole)) + fit.icpIndustryPoints
      + Math.max(...fit.companySizeBands.map((b) => b.points)) + Math.max(...fit.seniority.map((l) => l.points));
    expect(best).toBe(45);
    expect(best).toBeLessThan(DEFAULT_SCORING_MODEL.thresholds.mql);
  });

  it('caps every behaviour rule by default', () => {
    for (const rule of BEHAVIOUR_RULES) expect(DEFAULT_SCORING_MODEL.behaviour.rules[rule].cap).not.toBeNull();
  });

  it('changes thresholds under the same version (they change decisions, not scores)', () => {
    const model = scoringModel({ thresholds: { mql: 40 } });
    expect(model.version).toBe('2026.1');
    expect(model.thresholds).toEqual({ mql: 40, autoAccept: 80 });
    expect(model.fit).toEqual(DEFAULT_SCORING_MODEL.fit);
  });

  it('needs a new version to change how leads score', () => {
    expect(() => scoringModel({ halfLifeDays: 14 })).toThrow(InvalidScoringModelError);
    expect(() => scoringModel({ version: '2026.1', fit: { icpIndustryPoints: 1 } })).toThrow(/version other than "2026.1"/);
    expect(scoringModel({ version: '2026.2', halfLifeDays: 14 }).halfLifeDays).toBe(14);
  });

  it('merges rule overrides into the base rule, and replaces lists whole', () => {
    const model = scoringModel({
      version: 'x',
      fit: { decisionRole: { user: 5 }, competitorDomains: ['rival.example'] },
      behaviour: { rules: { web_visit: { points: 2 } }, repeatedVisits: { minDistinctDays: 4 } },
    });
    expect(model.fit.decisionRole).toEqual({ decision_maker: 15, influencer: 8, user: 5, other: 0 });
    expect(model.fit.competitorDomains).toEqual(['rival.example']);
    expect(model.behaviour.rules.web_visit).toEqual({ points: 2, cap: 10, maxPerDay: 3 });
    expect(model.behaviour.repeatedVisits).toEqual({ minDistinctDays: 4, windowDays: 7 });
  });

  it('builds on another base model', () => {
    const v2 = scoringModel({ version: 'v2', halfLifeDays: 60 });
    const v3 = scoringModel({ version: 'v3', behaviour: { fastReplyMinutes: 60 } }, v2);
    expect(v3).toMatchObject({ version: 'v3', halfLifeDays: 60, behaviour: { fastReplyMinutes: 60 } });
  });

  it.each([
    [{ version: 'x', halfLifeDays: 0 }, /halfLifeDays must be positive/],
    [{ version: ' ' }, /version must not be empty/],
    [{ thresholds: { mql: Number.NaN } }, /thresholds.mql/],
    [{ version: 'x', behaviour: { rules: { email_open: { cap: -1 } } } }, /email_open.cap/],
    [{ version: 'x', behaviour: { rules: { web_visit: { maxPerDay: 0 } } } }, /web_visit.maxPerDay/],
    [{ version: 'x', behaviour: { repeatedVisits: { windowDays: 2 } } }, /windowDays/],
    [{ version: 'x', fit: { companySizeBands: [{ label: 'odd', minEmployees: 10, maxEmployees: 5, points: 1 }] } }, /ends before it starts/],
  ])('refuses an unusable model %j', (overrides, message) => {
    expect(() => scoringModel(overrides)).toThrow(message);
  });
});
