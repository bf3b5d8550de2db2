// Read your own writes: a query names the global position it must see (a command answer's
// `position`) and waits, up to a bound, until the projections it reads have passed it.
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InvalidRequest, PG_POOL } from '#platform';
import type { Pool } from 'pg';
import { readCheckpoints } from './checkpoints.js';

export const READ_WAIT_OPTIONS = Symbol('READ_WAIT_OPTIONS');

export interface ReadWaitOptions {
  readonly maxWaitMs: number;
  readonly pollMs: number;
}

/** Positions are opaque but have a shape: refuse anything else as a 400 instead of waiting in vain. */
const POSITION = /^(0|\d{1,20}:\d{1,20})$/;

/** As checkpoints hold it, both halves padded to 20 digits, so the two compare as text. */
const padded = (position: string): string =>
  position === '0' ? position : position.split(':').map((half) => half.padStart(20, '0')).join(':');

@Injectable()
export class ReadPosition {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(READ_WAIT_OPTIONS) private readonly options: ReadWaitOptions,
  ) {}

  /** Returns the lowest checkpoint of `projections` once it is at or past `minPosition` (if given). */
  async await(projections: readonly string[], minPosition: string | undefined): Promise<string> {
    if (minPosition !== undefined && !POSITION.test(minPosition)) {
      throw new InvalidRequest([{ field: 'minPosition', message: 'must be a global position from a command answer' }]);
    }
    const wanted = minPosition === undefined ? undefined : padded(minPosition);
    const deadline = Date.now() + this.options.maxWaitMs;
    for (;;) {
      const lowest = (await readCheckpoints(this.pool, projections)).map((c) => c.position).sort()[0];
      if (wanted === undefined || lowest >= wanted) return lowest;
      if (Date.now() >= deadline) {
        throw new ServiceUnavailableException(
          `the read models have not reached position ${minPosition} yet (at ${lowest}); retry shortly`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}
