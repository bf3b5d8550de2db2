// The scoring model: plain, versioned data. Scores are a pure function of (events, now, model), so
// a new model version + a replay gives new scores for all of history.
import type { DecisionRole } from '../lifecycle.js';

/** Behaviour rules: the engagement kinds, with `outreach_replied` split by speed, plus the repeat-visit bonus. */
export const BEHAVIOUR_RULES = [
  'web_visit', 'repeated_visits', 'email_open', 'email_click', 'cta_click', 'form_submit',
  'webinar_attended', 'content_download', 'roi_content', 'trial_requested', 'demo_requested',
  'proposal_opened', 'outreach_replied_fast', 'outreach_replied_slow', 'unsubscribe', 'hard_bounce',
] as const;
export type BehaviourRule = (typeof BEHAVIOUR_RULES)[number];

export const FIT_RULES = [
  'decision_role', 'icp_industry', 'company_size', 'seniority', 'free_mail', 'student_email', 'competitor',
] as const;
export type FitRule = (typeof FIT_RULES)[number];

export type ScoreRule = FitRule | BehaviourRule;

export interface BehaviourRulePoints {
  /** Points per occurrence, before decay (negative for negative signals). */
  readonly points: number;
  /**
   * Upper bound on the rule's |decayed sum| at any "now" (null: uncapped). Capping the decayed sum
   * (not the raw one) lets recent activity refill a rule whose old points have faded.
   */
  readonly cap: number | null;
  /** At most this many occurrences per UTC calendar day earn points (null: no daily limit). */
  readonly maxPerDay: number | null;
}

export interface CompanySizeBand {
  readonly label: string;
  readonly minEmployees: number; // inclusive
  readonly maxEmployees: number | null; // inclusive; null: no upper bound
  readonly points: number;
}

/**
 * A seniority level recognised in a job title by keywords matched as whole words (case-insensitive).
 * When keywords of several levels match, the longest keyword wins ("Vice President" is `vp`, not
 * `c_level` through "president"; "Assistant to the CEO" is `assistant`), ties going to the level listed first.
 */
export interface SeniorityLevel {
  readonly level: string;
  readonly points: number;
  readonly keywords: readonly string[];
}

export interface FitModel {
  readonly decisionRole: Readonly<Record<DecisionRole, number>>;
  /** Industries of the ideal customer profile, compared normalised (lower case, non-alphanumerics as `_`). */
  readonly icpIndustries: readonly string[];
  readonly icpIndustryPoints: number;
  readonly companySizeBands: readonly CompanySizeBand[];
  readonly seniority: readonly SeniorityLevel[];
  readonly freeMailDomains: readonly string[];
  readonly freeMailPoints: number;
  /**
   * Domain suffixes of student addresses, label by label; `xx` stands for any two-letter country
   * label: `edu` matches `mit.edu`, `ac.xx` matches `ox.ac.uk`, `edu.xx` matches `usp.edu.br`.
   */
  readonly studentDomainPatterns: readonly string[];
  readonly studentPoints: number;
  /** Competitor domains; matched against the email domain and the company domain, subdomains included. */
  readonly competitorDomains: readonly string[];
  readonly competitorPoints: number;
}

export interface BehaviourModel {
  readonly rules: Readonly<Record<BehaviourRule, BehaviourRulePoints>>;
  /** `repeated_visits` is earned by visits on at least `minDistinctDays` UTC days within `windowDays` calendar days. */
  readonly repeatedVisits: { readonly minDistinctDays: number; readonly windowDays: number };
  /** An `outreach_replied` with `responseMinutes` at most this is fast (a missing value counts as slow). */
  readonly fastReplyMinutes: number;
}

export interface ScoringThresholds {
  readonly mql: number;
  readonly autoAccept: number;
}

export interface ScoringModel {
  readonly version: string;
  readonly thresholds: ScoringThresholds;
  /** Behaviour points are worth points × 0.5^(ageDays / halfLifeDays); fit does not decay. */
  readonly halfLifeDays: number;
  /** Buying signals older than this drop off a rep's feed. */
  readonly signalFreshDays: number;
  readonly fit: FitModel;
  readonly behaviour: BehaviourModel;
}

const rule = (points: number, cap: number | null, maxPerDay: number | null = null): BehaviourRulePoints => ({
  points, cap, maxPerDay,
});

/**
 * The default model. Fit alone tops out at 45 (15 + 10 + 10 + 10), below the MQL threshold of 50:
 * a lead needs to do something before it is marketing qualified.
 */
export const DEFAULT_SCORING_MODEL: ScoringModel = {
  version: '2026.1',
  thresholds: { mql: 50, autoAccept: 80 },
  halfLifeDays: 30,
  signalFreshDays: 7,
  fit: {
    decisionRole: { decision_maker: 15, influencer: 8, user: 3, other: 0 },
    icpIndustries: [
      'software', 'saas', 'information_technology', 'it_services', 'fintech', 'financial_services',
      'professional_services', 'manufacturing', 'healthcare',
    ],
    icpIndustryPoints: 10,
    companySizeBands: [
      { label: '1-10', minEmployees: 1, maxEmployees: 10, points: 0 },
      { label: '11-50', minEmployees: 11, maxEmployees: 50, points: 3 },
      { label: '51-200', minEmployees: 51, maxEmployees: 200, points: 6 },
      { label: '201-1000', minEmployees: 201, maxEmployees: 1000, points: 10 },
      { label: '1001-5000', minEmployees: 1001, maxEmployees: 5000, points: 8 },
      { label: '5001+', minEmployees: 5001, maxEmployees: null, points: 5 },
    ],
    seniority: [
      {
        level: 'c_level', points: 10,
        keywords: ['ceo', 'cto', 'cfo', 'coo', 'cmo', 'cio', 'ciso', 'cro', 'chief', 'founder', 'co-founder', 'business owner', 'president', 'managing director'],
      },
      { level: 'vp', points: 8, keywords: ['vp', 'svp', 'evp', 'vice president'] },
      { level: 'director', points: 6, keywords: ['director', 'head of', 'head'] },
      { level: 'manager', points: 4, keywords: ['manager', 'team lead', 'principal'] },
      { level: 'assistant', points: 0, keywords: ['assistant', 'intern', 'trainee', 'student', 'working student'] },
    ],
    freeMailDomains: [
      'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.com', 'hotmail.co.uk',
      'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me',
      'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'mail.ru', 'yandex.ru', 'qq.com',
      '163.com', 'zoho.com',
    ],
    freeMailPoints: -10,
    studentDomainPatterns: ['edu', 'edu.xx', 'ac.xx'],
    studentPoints: -20,
    competitorDomains: ['salesforce.com', 'hubspot.com', 'pipedrive.com', 'freshworks.com'],
    competitorPoints: -50,
  },
  behaviour: {
    rules: {
      web_visit: rule(1, 10, 3),
      repeated_visits: rule(10, 10),
      email_open: rule(1, 5),
      email_click: rule(3, 12),
      cta_click: rule(5, 15),
      form_submit: rule(10, 20),
      webinar_attended: rule(12, 24),
      content_download: rule(8, 24),
      roi_content: rule(15, 30),
      trial_requested: rule(25, 25),
      demo_requested: rule(30, 30),
      proposal_opened: rule(20, 40),
      outreach_replied_fast: rule(15, 30),
      outreach_replied_slow: rule(5, 15),
      unsubscribe: rule(-20, 20),
      hard_bounce: rule(-30, 30),
    },
    repeatedVisits: { minDistinctDays: 3, windowDays: 7 },
    fastReplyMinutes: 1440,
  },
};

/** Partial overrides; lists (industries, domains, bands, seniority levels) replace the default list whole. */
export interface ScoringModelOverrides {
  readonly version?: string;
  readonly thresholds?: Partial<ScoringThresholds>;
  readonly halfLifeDays?: number;
  readonly signalFreshDays?: number;
  readonly fit?: Partial<Omit<FitModel, 'decisionRole'>> & { readonly decisionRole?: Partial<Record<DecisionRole, number>> };
  readonly behaviour?: {
    readonly rules?: Partial<Record<BehaviourRule, Partial<BehaviourRulePoints>>>;
    readonly repeatedVisits?: Partial<BehaviourModel['repeatedVisits']>;
    readonly fastReplyMinutes?: number;
  };
}

/** Thrown for a model that cannot be used (the configuration is wrong; fail at start, not mid-replay). */
export class InvalidScoringModelError extends Error {
  constructor(message: string) {
    super(`Invalid scoring model: ${message}`);
    this.name = 'InvalidScoringModelError';
  }
}

const withoutUndefined = <T extends object>(value: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

const scoresDifferently = (overrides: ScoringModelOverrides): boolean =>
  overrides.fit !== undefined || overrides.behaviour !== undefined || overrides.halfLifeDays !== undefined;

/**
 * Builds a model from `base` (the default) and overrides, and validates it. Thresholds and signal
 * freshness may change under the same version (they change decisions, not scores); anything that
 * changes scores needs a new `version`, so stored scores always say which rules made them.
 */
export const scoringModel = (
  overrides: ScoringModelOverrides = {},
  base: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoringModel => {
  const version = overrides.version ?? base.version;
  if (scoresDifferently(overrides) && version === base.version) {
    throw new InvalidScoringModelError(
      `changing fit, behaviour or halfLifeDays needs a version other than "${base.version}"`,
    );
  }
  const ruleOverrides = overrides.behaviour?.rules ?? {};
  const rules = Object.fromEntries(
    BEHAVIOUR_RULES.map((name) => [name, { ...base.behaviour.rules[name], ...withoutUndefined(ruleOverrides[name]) }]),
  ) as Record<BehaviourRule, BehaviourRulePoints>;
  const model: ScoringModel = {
    version,
    thresholds: { ...base.thresholds, ...withoutUndefined(overrides.thresholds) },
    halfLifeDays: overrides.halfLifeDays ?? base.halfLifeDays,
    signalFreshDays: overrides.signalFreshDays ?? base.signalFreshDays,
    fit: {
      ...base.fit,
      ...withoutUndefined(overrides.fit),
      decisionRole: { ...base.fit.decisionRole, ...withoutUndefined(overrides.fit?.decisionRole) },
    },
    behaviour: {
      rules,
      repeatedVisits: { ...base.behaviour.repeatedVisits, ...withoutUndefined(overrides.behaviour?.repeatedVisits) },
      fastReplyMinutes: overrides.behaviour?.fastReplyMinutes ?? base.behaviour.fastReplyMinutes,
    },
  };
  validateScoringModel(model);
  return model;
};

const finite = (value: number, name: string): void => {
  if (!Number.isFinite(value)) throw new InvalidScoringModelError(`${name} must be a finite number, got ${value}`);
};
const positive = (value: number, name: string): void => {
  finite(value, name);
  if (value <= 0) throw new InvalidScoringModelError(`${name} must be positive, got ${value}`);
};

export const validateScoringModel = (model: ScoringModel): void => {
  if (model.version.trim() === '') throw new InvalidScoringModelError('version must not be empty');
  finite(model.thresholds.mql, 'thresholds.mql');
  finite(model.thresholds.autoAccept, 'thresholds.autoAccept');
  positive(model.halfLifeDays, 'halfLifeDays');
  positive(model.signalFreshDays, 'signalFreshDays');
  for (const [role, points] of Object.entries(model.fit.decisionRole)) finite(points, `fit.decisionRole.${role}`);
  for (const name of ['icpIndustryPoints', 'freeMailPoints', 'studentPoints', 'competitorPoints'] as const) {
    finite(model.fit[name], `fit.${name}`);
  }
  for (const band of model.fit.companySizeBands) {
    finite(band.points, `fit.companySizeBands[${band.label}].points`);
    if (band.maxEmployees !== null && band.maxEmployees < band.minEmployees) {
      throw new InvalidScoringModelError(`company size band ${band.label} ends before it starts`);
    }
  }
  for (const level of model.fit.seniority) finite(level.points, `fit.seniority[${level.level}].points`);
  for (const name of BEHAVIOUR_RULES) {
    const { points, cap, maxPerDay } = model.behaviour.rules[name];
    finite(points, `behaviour.rules.${name}.points`);
    if (cap !== null && (!Number.isFinite(cap) || cap < 0)) {
      throw new InvalidScoringModelError(`behaviour.rules.${name}.cap must be null or >= 0, got ${cap}`);
    }
    if (maxPerDay !== null && (!Number.isInteger(maxPerDay) || maxPerDay < 1)) {
      throw new InvalidScoringModelError(`behaviour.rules.${name}.maxPerDay must be null or a positive integer, got ${maxPerDay}`);
    }
  }
  const { minDistinctDays, windowDays } = model.behaviour.repeatedVisits;
  if (!Number.isInteger(minDistinctDays) || minDistinctDays < 2) {
    throw new InvalidScoringModelError(`behaviour.repeatedVisits.minDistinctDays must be an integer >= 2, got ${minDistinctDays}`);
  }
  if (!Number.isInteger(windowDays) || windowDays < minDistinctDays) {
    throw new InvalidScoringModelError(`behaviour.repeatedVisits.windowDays must be an integer >= minDistinctDays, got ${windowDays}`);
  }
  finite(model.behaviour.fastReplyMinutes, 'behaviour.fastReplyMinutes');
};
