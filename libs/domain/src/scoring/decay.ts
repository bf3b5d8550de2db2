// Behaviour points lose weight with age: points × 0.5^(ageDays / halfLifeDays). Fit never decays.
import { MS_PER_DAY } from './instants.js';

/** The weight left after `ageDays` (1 at age 0, 0.5 after one half-life). Negative ages count as 0. */
export const decayFactor = (ageDays: number, halfLifeDays: number): number =>
  Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);

/** `points` earned at `occurredMs`, as worth at `nowMs`. */
export const decayedPoints = (points: number, occurredMs: number, nowMs: number, halfLifeDays: number): number =>
  points * decayFactor((nowMs - occurredMs) / MS_PER_DAY, halfLifeDays);
