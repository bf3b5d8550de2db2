// One transaction on a connection of its own, for work that must commit whole or not at all.
import type { Pool, PoolClient } from 'pg';

/** `work` in one transaction: committed when it returns, rolled back when it throws (its error rethrown as it was). */
export const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
