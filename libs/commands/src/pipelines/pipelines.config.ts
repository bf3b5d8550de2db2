// Deal pipelines come from PIPELINES_JSON (a JSON array of { id, stages: [{ name, probability }] })
// or default to the domain's; validated at start like every other setting.
import { DEFAULT_PIPELINES, type Pipeline } from '#domain';
import type { EnvReader } from '#platform';

const isPipeline = (value: unknown): value is Pipeline => {
  if (typeof value !== 'object' || value === null) return false;
  const { id, stages } = value as { id?: unknown; stages?: unknown };
  return typeof id === 'string' && id !== '' && Array.isArray(stages) && stages.length > 0 &&
    stages.every((stage: { name?: unknown; probability?: unknown }) =>
      typeof stage?.name === 'string' && stage.name !== '' &&
      typeof stage.probability === 'number' && stage.probability >= 0 && stage.probability <= 1);
};

export const readPipelines = (env: EnvReader): readonly Pipeline[] => {
  const raw = env.string('PIPELINES_JSON');
  if (raw === undefined) return DEFAULT_PIPELINES;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isPipeline)) return parsed;
  } catch {
    // reported below
  }
  env.problem('PIPELINES_JSON must be a JSON array of { id, stages: [{ name, probability 0..1 }] }');
  return DEFAULT_PIPELINES;
};
