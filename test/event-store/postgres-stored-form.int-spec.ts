// PostgreSQL specifics beyond the port: the hash chain covers the codec's stored form, and the
// migration runner applies each migration once even when started concurrently.
import { randomUUID } from 'node:crypto';
import { eventHash, PostgresEventStore, runMigrations, type EventCodec, type Migration } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { newEvent } from './conformance-fixtures.js';

const reversed = (data: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  ({ ...data, email: String(data.email).split('').reverse().join('') });

// Stands in for the personal-data codec: the stored form differs from what callers see.
const reversingCodec: EventCodec = {
  encode: async (_streamId, event) => ({ ...event, data: reversed(event.data) }),
  decode: async (events) => events.map((event) => ({ ...event, data: reversed(event.data) })),
};

describe('PostgreSQL event store, stored form', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('hashes and chains what it stores (the codec output), and callers read the decoded form', async () => {
    const store = new PostgresEventStore(database.pool, reversingCodec);
    const streamId = `codec-${randomUUID()}`;
    const written = [newEvent({ data: { email: 'ada@example.com' } }), newEvent({ data: { email: 'bob@example.com' } })];
    await store.append(streamId, written, { expectedRevision: 'no_stream' });

    const read = await store.readStream(streamId);
    expect(read.map((event) => event.data.email)).toEqual(['ada@example.com', 'bob@example.com']);

    const { rows } = await database.pool.query<{
      revision: string; event_id: string; type: string; schema_version: number; data: string; metadata: string;
      hash: Buffer; previous_hash: Buffer | null;
    }>(
      `SELECT revision, event_id, type, schema_version, data::text AS data, metadata::text AS metadata, hash, previous_hash
         FROM es_events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    expect(JSON.parse(rows[0].data).email).toBe('moc.elpmaxe@ada');
    let previous: Buffer | null = null;
    for (const row of rows) {
      const expected = eventHash({
        previousHash: previous, streamId, revision: Number(row.revision), eventId: row.event_id, type: row.type,
        schemaVersion: row.schema_version, data: row.data, metadata: row.metadata,
      });
      expect(row.hash.equals(expected)).toBe(true);
      expect(row.previous_hash).toEqual(previous);
      previous = row.hash;
    }
    expect(read[1]).toMatchObject({ hash: rows[1].hash.toString('hex'), previousHash: rows[0].hash.toString('hex') });
  });

  it('migrations: concurrent runners apply each migration once; a second run applies nothing', async () => {
    const id = `test/${randomUUID()}`;
    const table = `migrated_${randomUUID().replace(/-/g, '')}`;
    const migrations: Migration[] = [{ id, sql: `CREATE TABLE ${table} (id int)` }];
    const runs = await Promise.all(Array.from({ length: 4 }, () => runMigrations(database.pool, migrations)));
    expect(runs.flat()).toEqual([id]);
    expect(await runMigrations(database.pool, migrations)).toEqual([]);
    await expect(runMigrations(database.pool, [...migrations, ...migrations])).rejects.toThrow(/appears twice/);
  });

  it('migrations outside a transaction: an index built concurrently, recorded once; one that failed part way runs again whole', async () => {
    const table = `indexed_${randomUUID().replace(/-/g, '')}`;
    await database.pool.query(`CREATE TABLE ${table} (id int)`);
    await database.pool.query(`INSERT INTO ${table} VALUES (1), (1)`);
    const index = (id: string, unique: boolean): Migration => ({
      id, transaction: false,
      statements: [`DROP INDEX CONCURRENTLY IF EXISTS ${table}_id`, `CREATE ${unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${table}_id ON ${table} (id)`],
    });
    const id = `test/${randomUUID()}`;
    // the duplicate rows fail the unique build, which leaves an invalid index behind and nothing recorded
    await expect(runMigrations(database.pool, [index(id, true)])).rejects.toThrow(new RegExp(`migration ${id} failed`));
    const valid = async (): Promise<boolean[]> => (await database.pool.query<{ valid: boolean }>(
      `SELECT i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = to_regclass($1)`, [`${table}_id`],
    )).rows.map((row) => row.valid);
    expect(await valid()).toEqual([false]);
    expect(await runMigrations(database.pool, [index(id, false)])).toEqual([id]);
    expect(await valid()).toEqual([true]);
    expect(await runMigrations(database.pool, [index(id, false)])).toEqual([]);
  });

  it('migrations outside a transaction: runners starting together wait their turn without a deadlock', async () => {
    // A runner waiting for the migration lock in a statement held a snapshot, and CREATE INDEX
    // CONCURRENTLY waits for every older snapshot in the database: the one holding the lock waited
    // for the one waiting for it. Services started together after an upgrade did that.
    const table = `together_${randomUUID().replace(/-/g, '')}`;
    const migrations: Migration[] = [
      { id: `test/${randomUUID()}`, sql: `CREATE TABLE ${table} (id int); INSERT INTO ${table} SELECT generate_series(1, 200000)` },
      { id: `test/${randomUUID()}`, transaction: false, statements: [`CREATE INDEX CONCURRENTLY ${table}_id ON ${table} (id)`] },
    ];
    const runs = await Promise.all(Array.from({ length: 4 }, () => runMigrations(database.pool, migrations)));
    expect(runs.flat().sort()).toEqual(migrations.map((migration) => migration.id).sort());
  });

  it('migrations outside a transaction: say which sessions an index build is waiting for', async () => {
    const table = `waited_${randomUUID().replace(/-/g, '')}`;
    await database.pool.query(`CREATE TABLE ${table} (id int)`);
    const id = `test/${randomUUID()}`;
    const holder = await database.pool.connect(); // left idle in a transaction, as a forgotten console would be
    try {
      await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows; // and its snapshot
      let heard: (message: string) => void = () => undefined;
      const message = new Promise<string>((resolve) => { heard = resolve; });
      const migrating = runMigrations(database.pool, [{ id, transaction: false, statements: [`CREATE INDEX CONCURRENTLY ${table}_id ON ${table} (id)`] }], {
        onWait: (text) => heard(text), waitReportMs: 100,
      });
      expect(await message).toMatch(new RegExp(`^migration ${id} is waiting for pid ${pid} \\(idle in transaction for \\d+ s, last: SELECT pg_backend_pid\\(\\) AS pid\\): it goes on once they end$`));
      await holder.query('COMMIT');
      expect(await migrating).toEqual([id]);
    } finally {
      holder.release();
    }
  });

  describe('migrations in a transaction, on a table another session is reading', () => {
    /** A session reading `table` in a transaction it keeps open: a long report, a console. */
    const reading = async (table: string) => {
      const holder = await database.pool.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT count(*) FROM ${table}`);
      return holder;
    };
    const newTable = async (): Promise<string> => {
      const table = `busy_${randomUUID().replace(/-/g, '')}`;
      await database.pool.query(`CREATE TABLE ${table} (id int)`);
      return table;
    };

    it('wait for their locks a while at a time, letting the reads queued behind them through, until they get them', async () => {
      const table = await newTable();
      const holder = await reading(table);
      try {
        const id = `test/${randomUUID()}`;
        let heard: (message: string) => void = () => undefined;
        const message = new Promise<string>((resolve) => { heard = resolve; });
        const migrating = runMigrations(database.pool, [{ id, sql: `ALTER TABLE ${table} ADD COLUMN note text` }], {
          lockTimeoutMs: 100, lockAttempts: 1000, onWait: (text) => heard(text),
        });
        expect(await message).toBe(`migration ${id} could not take its locks within 100 ms (try 1 of 1000): other sessions hold the tables it changes; trying again`);
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          await database.pool.query(`SELECT count(*) FROM ${table}`);
          expect(performance.now() - started).toBeLessThan(1000); // not held until the reader ends
        }
        await holder.query('COMMIT');
        expect(await migrating).toEqual([id]);
      } finally {
        holder.release();
      }
    });

    it('give up after their tries, changing and recording nothing', async () => {
      const table = await newTable();
      const id = `test/${randomUUID()}`;
      const holder = await reading(table);
      try {
        await expect(runMigrations(database.pool, [{ id, sql: `ALTER TABLE ${table} ADD COLUMN note text` }], { lockTimeoutMs: 50, lockAttempts: 2 }))
          .rejects.toThrow(`migration ${id} failed: other sessions held the tables it changes through 2 tries of 50 ms`);
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
      const { rows } = await database.pool.query(`SELECT (SELECT count(*)::int FROM schema_migrations WHERE id = $2) AS recorded,
        EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'note') AS changed`, [table, id]);
      expect(rows[0]).toEqual({ recorded: 0, changed: false });
    });
  });
});
