// Pipeline velocity: how much revenue the pipeline produces per day.
import { roundMinorUnits } from './statistics.js';

export interface VelocityInputs {
  /** Open qualified opportunities (in `sql`, not closed) in the currency measured. */
  readonly openOpportunities: number | null;
  readonly averageDealSize: number | null; // minor units
  readonly winRate: number | null; // 0..1
  readonly averageSalesCycleDays: number | null;
}

export interface Velocity {
  readonly currency: string;
  /** Minor units per day, rounded half away from zero. */
  readonly value: number | null;
  readonly inputs: VelocityInputs;
  readonly reason?: string;
}

const LABELS: Record<keyof VelocityInputs, string> = {
  openOpportunities: 'open opportunities',
  averageDealSize: 'average deal size',
  winRate: 'win rate',
  averageSalesCycleDays: 'average sales cycle length',
};

/** (open opportunities × average deal size × win rate) / average sales cycle days. */
export const pipelineVelocity = (inputs: VelocityInputs, currency: string): Velocity => {
  const missing = (Object.keys(LABELS) as (keyof VelocityInputs)[]).filter((key) => inputs[key] === null);
  if (missing.length > 0) {
    return { currency, value: null, inputs, reason: `missing: ${missing.map((key) => LABELS[key]).join(', ')}` };
  }
  const { openOpportunities, averageDealSize, winRate, averageSalesCycleDays } = inputs as { [K in keyof VelocityInputs]: number };
  if (averageSalesCycleDays <= 0) {
    return { currency, value: null, inputs, reason: 'average sales cycle length is not positive' };
  }
  return { currency, value: roundMinorUnits((openOpportunities * averageDealSize * winRate) / averageSalesCycleDays), inputs };
};
