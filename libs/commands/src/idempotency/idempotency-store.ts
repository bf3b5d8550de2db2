// Idempotency-Key: the first answer (status and body) is kept in PostgreSQL and returned to every
// retry with the same key and request. A request is claimed before it runs, so two concurrent
// retries never both execute; a claim left by a crashed process expires and can be taken over.
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { IdempotencyKeyReused, PG_POOL, RequestInProgress } from '#platform';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Keys are kept at least this long (API promise: 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
const CLAIM_SECONDS = 30;
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;

type Claim = { kind: 'claimed' } | { kind: 'answered'; answer: StoredAnswer };

@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), 3_600_000);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /** Runs `execute` once per (principal, key); later calls get the stored answer. */
  async run(principal: string, key: string, requestHash: string, execute: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const claim = await this.claim(principal, key, requestHash);
    if (claim.kind === 'answered') return claim.answer;
    let answer: StoredAnswer;
    try {
      answer = await execute();
    } catch (error) {
      // No answer to keep (an outage or our bug): free the key so a retry can run the command.
      await this.release(principal, key);
      throw error;
    }
    await this.pool.query(
      'UPDATE idempotency_keys SET status = $3, body = $4 WHERE principal = $1 AND key = $2',
      [principal, key, answer.status, JSON.stringify(answer.body)],
    );
    return answer;
  }

  private async claim(principal: string, key: string, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const { rows } = await this.pool.query<{ request_hash: string; status: number | null; body: unknown; claimed: boolean }>(
        `INSERT INTO idempotency_keys (principal, key, request_hash, locked_until)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (principal, key) DO UPDATE
           SET locked_until = EXCLUDED.locked_until
           WHERE idempotency_keys.status IS NULL AND idempotency_keys.locked_until < now()
             AND idempotency_keys.request_hash = EXCLUDED.request_hash
         RETURNING request_hash, status, body, true AS claimed`,
        [principal, key, requestHash, CLAIM_SECONDS],
      );
      if (rows.length > 0) return { kind: 'claimed' };
      const existing = await this.pool.query<{ request_hash: string; status: number | null; body: unknown }>(
        'SELECT request_hash, status, body FROM idempotency_keys WHERE principal = $1 AND key = $2',
        [principal, key],
      );
      const row = existing.rows[0];
      if (!row) continue; // purged in between: claim again
      if (row.request_hash !== requestHash) throw new IdempotencyKeyReused(key);
      if (row.status !== null) return { kind: 'answered', answer: { status: row.status, body: row.body } };
      if (Date.now() > deadline) throw new RequestInProgress(key);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async release(principal: string, key: string): Promise<void> {
    await this.pool
      .query('DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND status IS NULL', [principal, key])
      .catch(() => undefined); // the claim expires by itself if the database is gone too
  }

  async purgeExpired(): Promise<void> {
    await this.pool.query(
      'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)',
      [IDEMPOTENCY_RETENTION_HOURS],
    );
  }
}
