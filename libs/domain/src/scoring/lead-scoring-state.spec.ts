import { describe, expect, it } from '@jest/globals';
import type { LeadEvent } from '../events.js';
import { ENGAGEMENT_KINDS } from '../lifecycle.js';
import { buyingSignalAfter, buyingSignalOf } from './buying-signals.js';
import {
  foldLeadScoringState, leadScoringStateAfter, leadScoringStateOf, initialLeadScoringState, scoreNextEvent, type LeadScoringState,
} from './lead-scoring-state.js';
import { scoreAroundEvent } from './score-history.js';
import { DEFAULT_SCORING_MODEL, scoringModel, type ScoringModel } from './scoring-model.js';
import { captured, day, engaged, erased, nurtured, updated } from './scoring.fixtures.js';

/** mulberry32: the same histories on every run. */
const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const TITLES = ['VP Sales', 'Head of IT', 'Intern', 'CEO', 'Engineer'];
const EMAILS = ['ada@acme.io', 'bob@gmail.com', 'eve@ox.ac.uk', 'joe@hubspot.com'];
const COMPANY_DOMAINS = ['acme.io', 'https://www.pipedrive.com/'];

/**
 * A random history: mostly in time order with the clock moving by hours to days (so daily limits,
 * visit windows and decay all come into play), some events late or at the same instant, profile
 * updates and erasures, and events the score ignores.
 */
const randomHistory = (random: () => number): LeadEvent[] => {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let clock = random() * 5;
  const events: LeadEvent[] = [captured({
    email: pick(EMAILS), title: pick(TITLES), decisionRole: pick(['decision_maker', 'user'] as const), company: { industry: 'SaaS', employees: 300 },
  }, day(clock))];
  const length = 1 + Math.floor(random() * 40);
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.6) clock += pick([0, 0.01, 0.2, 1, 2.5, 9]);
    const at = r < 0.1 ? day(clock - random() * 10) : day(clock); // a tenth arrive late
    const kind = random() < 0.4 ? 'web_visit' : pick(ENGAGEMENT_KINDS);
    const x = random();
    if (x < 0.8) events.push(engaged(kind, at, kind === 'outreach_replied' && random() < 0.7 ? { responseMinutes: Math.floor(random() * 3000) } : {}));
    else if (x < 0.9) events.push(updated(random() < 0.5 ? { title: pick(TITLES) } : { company: { domain: pick(COMPANY_DOMAINS), employees: pick([5, 300, 9000]) } }, at));
    else if (x < 0.96) events.push(nurtured(at));
    else events.push(erased(at));
  }
  return events;
};

const expectSameAsFullRescoring = (events: readonly LeadEvent[], model: ScoringModel): void => {
  let state: LeadScoringState = initialLeadScoringState;
  events.forEach((event, i) => {
    const next = scoreNextEvent(state, event, model);
    expect(next.scoring).toEqual(scoreAroundEvent(events.slice(0, i), event, model));
    state = next.state;
  });
};

describe('scoreNextEvent', () => {
  it('scores each event of random histories exactly as rescoring the whole history does', () => {
    const random = seeded(42);
    for (let n = 0; n < 300; n++) expectSameAsFullRescoring(randomHistory(random), DEFAULT_SCORING_MODEL);
  });

  it('does so under another model too (daily limits, windows and caps from the model)', () => {
    const model = scoringModel({
      version: 'test', halfLifeDays: 7,
      behaviour: { rules: { web_visit: { maxPerDay: 1, cap: 4 }, email_open: { cap: null } }, repeatedVisits: { minDistinctDays: 2, windowDays: 3 } },
    });
    const random = seeded(7);
    for (let n = 0; n < 200; n++) expectSameAsFullRescoring(randomHistory(random), model);
  });

  it('leaves the state it was given as it was, so the same state scores the same event the same way twice', () => {
    const history = randomHistory(seeded(3));
    const state = leadScoringStateOf(history.slice(0, -1), DEFAULT_SCORING_MODEL);
    const first = scoreNextEvent(state, history[history.length - 1], DEFAULT_SCORING_MODEL);
    expect(scoreNextEvent(state, history[history.length - 1], DEFAULT_SCORING_MODEL)).toEqual(first);
    expect(leadScoringStateOf(history, DEFAULT_SCORING_MODEL)).toEqual(first.state);
  });
});

describe('leadScoringStateOf', () => {
  it('gives the state that folding the events one by one gives, late arrivals and erasures included', () => {
    const model = scoringModel({ version: 'test', halfLifeDays: 7, behaviour: { rules: { web_visit: { maxPerDay: 1 } } } });
    const random = seeded(11);
    for (let n = 0; n < 300; n++) {
      const history = randomHistory(random);
      for (const each of [DEFAULT_SCORING_MODEL, model]) {
        expect(leadScoringStateOf(history, each)).toEqual(history.reduce((state, event) => foldLeadScoringState(state, event, each), initialLeadScoringState));
      }
    }
  });

  it('goes on from a state as if it had folded the events before it too (leadScoringStateAfter), leaving that state as it was', () => {
    const random = seeded(17);
    for (let n = 0; n < 100; n++) {
      const history = randomHistory(random);
      const cut = Math.floor(random() * history.length);
      const start = leadScoringStateOf(history.slice(0, cut), DEFAULT_SCORING_MODEL);
      const copy = structuredClone(start);
      expect(leadScoringStateAfter(start, history.slice(cut), DEFAULT_SCORING_MODEL)).toEqual(leadScoringStateOf(history, DEFAULT_SCORING_MODEL));
      expect(start).toEqual(copy);
    }
  });

  it('gives a state that folding more events leaves as it was', () => {
    const history = randomHistory(seeded(5));
    const state = leadScoringStateOf(history, DEFAULT_SCORING_MODEL);
    const copy = structuredClone(state);
    for (const event of randomHistory(seeded(6)).slice(1)) foldLeadScoringState(state, event, DEFAULT_SCORING_MODEL);
    expect(state).toEqual(copy);
  });
});

describe('buyingSignalAfter', () => {
  it('gives the signal buyingSignalOf gives for every event of random histories, reading the events only for a late one', () => {
    const model = scoringModel({ version: 'test', behaviour: { repeatedVisits: { minDistinctDays: 2, windowDays: 3 } } });
    const random = seeded(13);
    let repeated = 0;
    let readBack = 0;
    for (let n = 0; n < 300; n++) {
      const history = randomHistory(random);
      for (const each of [DEFAULT_SCORING_MODEL, model]) {
        let state: LeadScoringState = initialLeadScoringState;
        history.forEach((event, i) => {
          const next = scoreNextEvent(state, event, each);
          const previous = history.slice(0, i);
          const signal = buyingSignalAfter(event, { before: state, after: next.state }, () => {
            readBack += 1;
            return previous;
          }, each, next.scoring);
          expect(signal).toEqual(buyingSignalOf(event, previous, each, next.scoring));
          if (signal?.kind === 'repeated_visits') repeated += 1;
          state = next.state;
        });
      }
    }
    // the histories did complete windows, and late events did take the slow way
    expect(repeated).toBeGreaterThan(100);
    expect(readBack).toBeGreaterThan(0);
  });
});
