// Idempotency-Key: the first answer (status and body) is kept in PostgreSQL and returned to every
// retry with the same key and request.
//
// The claim is a row inserted in a transaction that stays open while the command runs, and commits
// together with the answer. A concurrent retry's INSERT waits on that uncommitted row, then finds
// the answer; if the process dies, its connection goes and the claim with it, so a retry after a
// crash runs at once (and the command's deterministic event ids keep it from appending twice).
// Claims hold connections of their own pool: a command never waits for a connection that a claim
// waiting for that same command is holding.
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { isLockTimeout } from '#event-store';
import type { Pool, PoolClient } from 'pg';
import { createPool, DATABASE_OPTIONS, IdempotencyKeyReused, RequestInProgress, type DatabaseOptions } from '#platform';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Keys are kept at least this long (API promise: 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
/** How long a retry waits for the first request with its key to finish before a 409. */
const WAIT_FOR_FIRST = '10s';
/** Idempotent requests in flight at once; more wait for a connection, holding nothing else. */
const CLAIM_CONNECTIONS = 10;

@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private purgeTimer: NodeJS.Timeout | undefined;
  private readonly pool: Pool;

  constructor(@Inject(DATABASE_OPTIONS) database: DatabaseOptions) {
    this.pool = createPool({ url: database.url, maxConnections: CLAIM_CONNECTIONS });
  }

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), 3_600_000);
    this.purgeTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.pool.end();
  }

  /** Runs `execute` once per (principal, key); later calls get the stored answer. */
  async run(principal: string, key: string, requestHash: string, execute: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${WAIT_FOR_FIRST}'`);
      const stored = await this.claimOrRead(client, principal, key, requestHash);
      if (stored) {
        await client.query('COMMIT');
        return stored;
      }
      // No answer to keep when execute throws (an outage, our bug): the rollback frees the key.
      const answer = await execute();
      await client.query(
        'UPDATE idempotency_keys SET status = $3, body = $4 WHERE principal = $1 AND key = $2',
        [principal, key, answer.status, JSON.stringify(answer.body)],
      );
      await client.query('COMMIT');
      return answer;
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      if (isLockTimeout(error)) throw new RequestInProgress(key);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Claims the key (null), or returns the answer stored by an earlier request with it. */
  private async claimOrRead(client: PoolClient, principal: string, key: string, requestHash: string): Promise<StoredAnswer | null> {
    const claimed = await client.query(
      `INSERT INTO idempotency_keys (principal, key, request_hash)
       VALUES ($1, $2, $3) ON CONFLICT (principal, key) DO NOTHING`,
      [principal, key, requestHash],
    );
    if (claimed.rowCount === 1) return null;
    const { rows } = await client.query<{ request_hash: string; status: number | null; body: unknown }>(
      'SELECT request_hash, status, body FROM idempotency_keys WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    const row = rows[0];
    if (row === undefined || row.status === null) throw new RequestInProgress(key); // purged or half-written meanwhile
    if (row.request_hash !== requestHash) throw new IdempotencyKeyReused(key);
    return { status: row.status, body: row.body };
  }

  async purgeExpired(): Promise<void> {
    await this.pool.query(
      'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)',
      [IDEMPOTENCY_RETENTION_HOURS],
    );
  }
}
