// Many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them over
// the table's own column types (json_populate_recordset: json, not jsonb, so the text is only read
// once, and a nested document goes into its json column as it was sent). A batch's writes into different tables
// go as one statement (data-modifying CTEs): one round trip per batch, not one per table.
import type { PoolClient } from 'pg';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** One part of a batch's statement: its SQL given the number of its one parameter, and that parameter. */
export interface Write {
  readonly sql: (parameter: number) => string;
  readonly value: unknown;
}

export interface Upsert {
  /** Resolved through the search_path, so a rebuild writes its fresh copy. */
  readonly table: string;
  readonly key: readonly string[];
  /** Every row carries the same columns. */
  readonly rows: readonly object[];
  /** Columns added to the stored row's instead of replacing them (running counts and sums). */
  readonly add?: readonly string[];
}

/** Inserts `rows` into `table`; a row with the same `key` is replaced (or added to, for `add` columns). Null without rows. */
export const upsert = ({ table, key, rows, add = [] }: Upsert): Write | null => {
  if (rows.length === 0) return null;
  const columns = Object.keys(rows[0]);
  const list = columns.map(ident).join(', ');
  const updates = columns.filter((c) => !key.includes(c)).map((c) =>
    (add.includes(c) ? `${ident(c)} = ${ident(table)}.${ident(c)} + EXCLUDED.${ident(c)}` : `${ident(c)} = EXCLUDED.${ident(c)}`));
  return {
    sql: (parameter) => `INSERT INTO ${ident(table)} (${list})
     SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $${parameter}::json)
     ON CONFLICT (${key.map(ident).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    value: JSON.stringify(rows),
  };
};

/**
 * All `writes` in one statement. They must not change the same row twice, and none sees the
 * others' changes: each works on the tables as they were before the statement.
 */
export const writeAll = async (client: PoolClient, writes: readonly (Write | null)[]): Promise<void> => {
  const present = writes.filter((write): write is Write => write !== null);
  if (present.length === 0) return;
  const values = present.map((write) => write.value);
  if (present.length === 1) {
    await client.query(present[0].sql(1), values);
    return;
  }
  const parts = present.map((write, i) => `w${i} AS (${write.sql(i + 1)})`);
  await client.query(`WITH ${parts.join(',\n')} SELECT 1`, values);
};
