// The scoring model the projections and the score queries use: the domain's default, or
// SCORING_MODEL_JSON overrides (a new `version` when points change), validated at start.
import { DEFAULT_SCORING_MODEL, InvalidScoringModelError, scoringModel, type ScoringModel, type ScoringModelOverrides } from '#domain';
import type { EnvReader } from '#platform';

export const SCORING_MODEL = Symbol('SCORING_MODEL');

export const readScoringModel = (env: EnvReader): ScoringModel => {
  const raw = env.string('SCORING_MODEL_JSON');
  if (raw === undefined) return DEFAULT_SCORING_MODEL;
  let overrides: unknown;
  try {
    overrides = JSON.parse(raw);
  } catch {
    env.problem('SCORING_MODEL_JSON must be JSON: overrides of the scoring model, e.g. {"version":"2027.1","thresholds":{"mql":60}}');
    return DEFAULT_SCORING_MODEL;
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    env.problem('SCORING_MODEL_JSON must be a JSON object of scoring model overrides');
    return DEFAULT_SCORING_MODEL;
  }
  try {
    return scoringModel(overrides as ScoringModelOverrides);
  } catch (error) {
    if (!(error instanceof InvalidScoringModelError)) throw error;
    env.problem(`SCORING_MODEL_JSON: ${error.message}`);
    return DEFAULT_SCORING_MODEL;
  }
};
