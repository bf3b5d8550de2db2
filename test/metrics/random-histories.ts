// Seeded random lead histories through legal paths: at each step a random command is decided by
// the domain against the lead's state, and kept only when the domain accepts it, so every history
// is one the backend could have written. Used by the randomised metrics suite and the benchmark.
import {
  DEFAULT_PIPELINES, decide, evolve, initialState, isDomainError, leadIdFromEmail, LOST_REASONS, SOURCE_CHANNELS,
  type LeadCommand, type LeadEvent, type LeadState, type Money, type ProductLine,
} from '#domain';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

export interface HistoryOptions {
  /** Captures fall uniformly in [start, start + spanDays). */
  readonly start: string;
  readonly spanDays: number;
  /** Engagements sprinkled between steps, to give the log the volume of real marketing traffic. */
  readonly engagementsPerStep?: number;
}

export interface RandomLead {
  readonly leadId: string;
  readonly events: readonly LeadEvent[];
}

const HOUR = 3_600_000;
const OWNERS = ['rep1', 'rep2', 'rep3', 'rep4'];
const TRACKS = ['webinar', 'newsletter', 'product'];
const CAMPAIGNS = ['c1', 'c2', 'c3', 'c4'];
const SKUS = ['core', 'addon', 'support'];
const CURRENCIES = ['EUR', 'EUR', 'USD'];
const BANT = { budget: { met: true }, authority: { met: true }, need: { met: true }, timeline: { met: true } };

export const randomLead = (random: () => number, index: number, options: HistoryOptions): RandomLead => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const email = `lead-${index}@random.example`;
  const leadId = leadIdFromEmail(email);
  const currency = pick(CURRENCIES);
  const money = (max: number): Money => ({ value: 100 * (1 + Math.floor(random() * max)), currency });
  const products = (): ProductLine[] => Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
    sku: pick(SKUS), quantity: 1 + Math.floor(random() * 3),
  }));
  const pipeline = pick(DEFAULT_PIPELINES);
  let at = Date.parse(options.start) + random() * options.spanDays * 24 * HOUR;
  let state: LeadState = initialState;
  const events: LeadEvent[] = [];
  const apply = (command: LeadCommand): boolean => {
    const decided = decide(command, state);
    if (isDomainError(decided)) return false;
    for (const event of decided) {
      state = evolve(state, event);
      events.push(event);
    }
    return true;
  };
  const now = (): { now: string } => ({ now: new Date(at).toISOString() });
  const closeDate = (): string => new Date(at + random() * 90 * 24 * HOUR).toISOString().slice(0, 10);
  const candidates = (): LeadCommand[] => [
    { type: 'StartNurturing', data: { leadId, track: pick(TRACKS) }, metadata: now() },
    { type: 'QualifyMarketing', data: { leadId, basis: 'sdr', reason: 'asked' }, metadata: now() },
    { type: 'AcceptLead', data: { leadId, ownerId: pick(OWNERS) }, metadata: now() },
    { type: 'RejectLead', data: { leadId, reason: 'not ready', feedback: 'later' }, metadata: now() },
    {
      type: 'QualifySales', metadata: now(),
      data: { leadId, framework: 'BANT', criteria: BANT, amount: money(500), expectedCloseDate: closeDate(), products: products(), pipeline },
    },
    { type: 'ChangeOpportunityStage', data: { leadId, stage: pick(pipeline.stages).name, pipeline }, metadata: now() },
    { type: 'CloseDeal', data: { leadId, outcome: 'won', ...(random() < 0.5 && { termMonths: pick([12, 24, 36]) }) }, metadata: now() },
    { type: 'CloseDeal', data: { leadId, outcome: 'lost', lostReason: pick(LOST_REASONS) }, metadata: now() },
    { type: 'OnboardCustomer', data: { leadId, csmId: 'csm', priorities: [], painPoints: [], milestones: [], keyAccount: random() < 0.4 }, metadata: now() },
    { type: 'SetKeyAccount', data: { leadId, keyAccount: random() < 0.5 }, metadata: now() },
    { type: 'RecordExpansion', data: { leadId, kind: pick(['upsell', 'cross_sell', 'downgrade'] as const), products: products(), amount: money(100) }, metadata: now() },
    { type: 'RecycleLead', data: { leadId, reason: 'timing' }, metadata: now() },
    { type: 'DisqualifyLead', data: { leadId, reason: 'no fit' }, metadata: now() },
    { type: 'ReopenLead', data: { leadId, reason: 'back' }, metadata: now() },
    { type: 'ChangeOwner', data: { leadId, ownerId: pick(OWNERS) }, metadata: now() },
  ];
  apply({
    type: 'CaptureLead', metadata: now(),
    data: {
      leadId, profile: { email, firstName: 'R', title: 'Intern', decisionRole: 'other' },
      source: { channel: pick(SOURCE_CHANNELS.slice(0, 5)), ...(random() < 0.7 && { campaignId: pick(CAMPAIGNS) }) },
    },
  });
  const steps = Math.floor(random() * 12);
  for (let step = 0; step < steps; step += 1) {
    at += (1 + random() * 24 * 20) * HOUR;
    for (let e = 0; e < (options.engagementsPerStep ?? 0); e += 1) {
      apply({ type: 'RecordEngagement', data: { leadId, profile: { email }, engagement: { kind: 'web_visit' } }, metadata: now() });
    }
    // A few tries: the first random command is often not legal in the lead's stage.
    for (let attempt = 0; attempt < 6 && !apply(pick(candidates())); attempt += 1);
  }
  return { leadId, events };
};

export const randomLeads = (seed: number, count: number, options: HistoryOptions): RandomLead[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => randomLead(random, index, options));
};
