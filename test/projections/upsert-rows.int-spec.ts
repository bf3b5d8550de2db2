// The projections' batch writes against real PostgreSQL: rows sent column by column land with their
// columns' types, NULLs and documents as a row object would have given them, replace or add on
// conflict, and several tables go in one statement.
import type { Pool } from 'pg';
import { upsert, writeAll } from '../../apps/projector/src/sql/upsert-rows.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('upsert and writeAll (column-wise batch writes)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool;
    await pool.query(`
      CREATE TABLE upsert_things (
        id uuid PRIMARY KEY, n integer NOT NULL, x float8, label text, at timestamptz, flag boolean, doc json, day date
      );
      CREATE TABLE upsert_counts (k text, "Mixed Case" text, total bigint NOT NULL, PRIMARY KEY (k, "Mixed Case"));
      CREATE TABLE upsert_arrays (id integer PRIMARY KEY, tags text[])`);
  });

  afterAll(async () => db.drop());

  const write = async (...writes: Parameters<typeof writeAll>[1]): Promise<void> => {
    const client = await pool.connect();
    try {
      await writeAll(client, writes);
    } finally {
      client.release();
    }
  };

  const ID = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

  it('casts every value to its column type, with NULLs, documents and text that needs escaping', async () => {
    await write(upsert({
      table: 'upsert_things', key: ['id'], rows: [
        { id: ID[0], n: 7, x: 14.6, label: 'tab\there "quoted" \\ back, comma', at: '2026-01-02T03:04:05.678Z', flag: true,
          doc: { nested: [1, 'two', null], text: 'ünïcode ✓' }, day: '2026-01-02' },
        { id: ID[1], n: -1, x: null, label: undefined, at: new Date('2025-12-31T23:59:59.999Z'), flag: false, doc: null, day: null },
      ],
    }));
    const { rows } = await pool.query(
      `SELECT id, n, x, label, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, flag, doc, doc IS NULL AS doc_null,
              to_char(day, 'YYYY-MM-DD') AS day FROM upsert_things ORDER BY id`);
    expect(rows).toEqual([
      { id: ID[0], n: 7, x: 14.6, label: 'tab\there "quoted" \\ back, comma', at: '2026-01-02T03:04:05.678', flag: true,
        doc: { nested: [1, 'two', null], text: 'ünïcode ✓' }, doc_null: false, day: '2026-01-02' },
      // undefined and null are SQL NULL, a null document too (not the JSON value null)
      { id: ID[1], n: -1, x: null, label: null, at: '2025-12-31T23:59:59.999', flag: false, doc: null, doc_null: true, day: null },
    ]);
  });

  it('replaces a row with the same key, adds to the `add` columns, and writes several tables in one statement', async () => {
    await write(
      upsert({ table: 'upsert_things', key: ['id'], rows: [{ id: ID[0], n: 8, label: 'replaced' }] }),
      upsert({ table: 'upsert_counts', key: ['k', 'Mixed Case'], rows: [{ k: 'a', 'Mixed Case': 'b', total: 2 }], add: ['total'] }),
      null,
    );
    await write(upsert({ table: 'upsert_counts', key: ['k', 'Mixed Case'], rows: [{ k: 'a', 'Mixed Case': 'b', total: 3 }, { k: 'a', 'Mixed Case': 'c', total: 1 }], add: ['total'] }));
    const things = await pool.query('SELECT n, label, x FROM upsert_things WHERE id = $1', [ID[0]]);
    expect(things.rows).toEqual([{ n: 8, label: 'replaced', x: 14.6 }]); // columns not sent keep their values
    const counts = await pool.query('SELECT k, "Mixed Case" AS m, total::int FROM upsert_counts ORDER BY 1, 2');
    expect(counts.rows).toEqual([{ k: 'a', m: 'b', total: 5 }, { k: 'a', m: 'c', total: 1 }]);
  });

  it('sends nothing without rows, and names a column the table does not have or cannot take', async () => {
    expect(upsert({ table: 'upsert_things', key: ['id'], rows: [] })).toBeNull();
    await expect(write()).resolves.toBeUndefined();
    await expect(write(upsert({ table: 'upsert_things', key: ['id'], rows: [{ id: ID[0], nope: 1 }] })))
      .rejects.toThrow('no column nope in table upsert_things');
    await expect(write(upsert({ table: 'upsert_arrays', key: ['id'], rows: [{ id: 1, tags: ['a'] }] })))
      .rejects.toThrow('column tags of upsert_arrays is an array (text[]): store it as json');
  });
});
