// Many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them over
// the table's own column types (jsonb_populate_recordset). A batch's upserts into different tables
// go as one statement (data-modifying CTEs): one round trip per batch, not one per table.
import type { PoolClient } from 'pg';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export interface Upsert {
  /** Resolved through the search_path, so a rebuild writes its fresh copy. */
  readonly table: string;
  readonly key: readonly string[];
  /** Every row carries the same columns. */
  readonly rows: readonly Record<string, unknown>[];
}

const upsertSql = ({ table, key, rows }: Upsert, parameter: number): string => {
  const columns = Object.keys(rows[0]);
  const list = columns.map(ident).join(', ');
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`);
  return `INSERT INTO ${ident(table)} (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${ident(table)}, $${parameter}::jsonb)
     ON CONFLICT (${key.map(ident).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
};

/** Inserts `rows` into `table`, replacing the row with the same `key`. */
export const upsertRows = (
  client: PoolClient, table: string, key: readonly string[], rows: readonly Record<string, unknown>[],
): Promise<void> => upsertAll(client, [{ table, key, rows }]);

/**
 * All `upserts` in one statement. Their tables must differ: one statement may not change a row
 * twice, and its parts do not see each other's rows.
 */
export const upsertAll = async (client: PoolClient, upserts: readonly Upsert[]): Promise<void> => {
  const present = upserts.filter((upsert) => upsert.rows.length > 0);
  if (present.length === 0) return;
  const values = present.map((upsert) => JSON.stringify(upsert.rows));
  if (present.length === 1) {
    await client.query(upsertSql(present[0], 1), values);
    return;
  }
  const parts = present.map((upsert, i) => `w${i} AS (${upsertSql(upsert, i + 1)})`);
  await client.query(`WITH ${parts.join(',\n')} SELECT 1`, values);
};
