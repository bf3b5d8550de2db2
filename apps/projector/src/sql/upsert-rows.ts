// Many rows in one statement: the rows travel as one JSON parameter and PostgreSQL spreads them over
// the table's own column types (jsonb_populate_recordset), so a batch costs one round trip per table.
import type { PoolClient } from 'pg';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts `rows` into `table` (resolved through the search_path, so a rebuild writes its fresh
 * copy), replacing the row with the same `key`. Every row carries the same columns.
 */
export const upsertRows = async (
  client: PoolClient, table: string, key: readonly string[], rows: readonly Record<string, unknown>[],
): Promise<void> => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const list = columns.map(ident).join(', ');
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`);
  await client.query(
    `INSERT INTO ${ident(table)} (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb)
     ON CONFLICT (${key.map(ident).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    [JSON.stringify(rows)],
  );
};
