// Many rows in one statement, sent column by column: each column's values travel as one JSON array
// parameter and PostgreSQL zips the arrays back into rows (`ROWS FROM`), casting each value to its
// column's type. Against one array of row objects (json_populate_recordset) this halved PostgreSQL's
// CPU for the tables with documents: no key is sent, looked up or hashed per field, and a nested
// document is only scanned once, as an array element (docs/PERFORMANCE.md). A batch's writes into
// different tables go as one statement (data-modifying CTEs): one round trip per batch, not one per table.
import type { PoolClient } from 'pg';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Column name to its SQL type (`format_type`), per table. */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** One part of a batch's statement: its SQL given the number of its first parameter, and its parameters. */
export interface Write {
  /** The tables whose column types the SQL casts to. */
  readonly tables: readonly string[];
  readonly sql: (first: number, types: ColumnTypes) => string;
  readonly values: readonly unknown[];
}

export interface Upsert {
  /** Resolved through the search_path, so a rebuild writes its fresh copy. */
  readonly table: string;
  readonly key: readonly string[];
  /** Every row carries the same columns; an undefined value is NULL. */
  readonly rows: readonly object[];
  /** Columns added to the stored row's instead of replacing them (running counts and sums). */
  readonly add?: readonly string[];
}

const isDocument = (type: string): boolean => type === 'json' || type === 'jsonb';

/**
 * A value of `type` out of its column's array: text cast to the type, or, for a document, the
 * element as it was sent (a JSON null is SQL NULL, as it would be in a row object).
 */
const element = (alias: string, type: string): string => (isDocument(type)
  ? `CASE WHEN json_typeof(${alias}) = 'null' THEN NULL ELSE ${alias}::${type} END`
  : `${alias}::${type}`);

/** Inserts `rows` into `table`; a row with the same `key` is replaced (or added to, for `add` columns). Null without rows. */
export const upsert = ({ table, key, rows, add = [] }: Upsert): Write | null => {
  if (rows.length === 0) return null;
  const columns = Object.keys(rows[0]);
  const list = columns.map(ident).join(', ');
  const updates = columns.filter((c) => !key.includes(c)).map((c) =>
    (add.includes(c) ? `${ident(c)} = ${ident(table)}.${ident(c)} + EXCLUDED.${ident(c)}` : `${ident(c)} = EXCLUDED.${ident(c)}`));
  return {
    tables: [table],
    sql: (first, types) => {
      const typed = columns.map((column) => {
        const type = types.get(table)?.get(column);
        if (type === undefined) throw new Error(`no column ${column} in table ${table} (or no such table)`);
        // a JSON array's text is no array literal: such a column would need its own conversion
        if (type.endsWith('[]')) throw new Error(`column ${column} of ${table} is an array (${type}): store it as json`);
        return type;
      });
      const arrays = typed.map((type, i) =>
        `${isDocument(type) ? 'json_array_elements' : 'json_array_elements_text'}($${first + i}::json)`);
      const aliases = columns.map((_, i) => `c${i}`);
      return `INSERT INTO ${ident(table)} (${list})
     SELECT ${typed.map((type, i) => element(aliases[i], type)).join(', ')}
       FROM ROWS FROM (${arrays.join(', ')}) AS r(${aliases.join(', ')})
     ON CONFLICT (${key.map(ident).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
    },
    values: columns.map((c) => JSON.stringify(rows.map((row) => (row as Record<string, unknown>)[c] ?? null))),
  };
};

/**
 * Column types by table name, looked up once per process: the projections' tables change type only
 * through migrations, which run before any projection does, and a rebuild's fresh copies are made
 * LIKE the live tables.
 */
const knownTypes = new Map<string, Map<string, string>>();

const columnTypes = async (client: PoolClient, tables: readonly string[]): Promise<ColumnTypes> => {
  const missing = [...new Set(tables)].filter((table) => !knownTypes.has(table));
  if (missing.length > 0) {
    const { rows } = await client.query<{ table: string; column: string; type: string }>(
      `SELECT t.name AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
         FROM unnest($1::text[]) AS t(name)
         JOIN pg_attribute a ON a.attrelid = to_regclass(quote_ident(t.name)) AND a.attnum > 0 AND NOT a.attisdropped`,
      [missing],
    );
    for (const row of rows) {
      const table = knownTypes.get(row.table) ?? new Map<string, string>();
      table.set(row.column, row.type);
      knownTypes.set(row.table, table);
    }
  }
  return knownTypes;
};

/**
 * All `writes` in one statement. They must not change the same row twice, and none sees the
 * others' changes: each works on the tables as they were before the statement.
 */
export const writeAll = async (client: PoolClient, writes: readonly (Write | null)[]): Promise<void> => {
  const present = writes.filter((write): write is Write => write !== null);
  if (present.length === 0) return;
  const types = await columnTypes(client, present.flatMap((write) => write.tables));
  const values: unknown[] = [];
  const statements = present.map((write) => {
    const sql = write.sql(values.length + 1, types);
    values.push(...write.values);
    return sql;
  });
  if (statements.length === 1) {
    await client.query(statements[0], values);
    return;
  }
  const parts = statements.map((sql, i) => `w${i} AS (${sql})`);
  await client.query(`WITH ${parts.join(',\n')} SELECT 1`, values);
};
