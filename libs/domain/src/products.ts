import type { Money } from './money.js';

/** A product line of a deal or an expansion. */
export interface ProductLine {
  readonly sku: string;
  readonly quantity: number; // positive integer, default 1
  readonly amount?: Money;
}

export interface QualificationCriterion {
  readonly met: boolean;
  readonly note?: string;
}
