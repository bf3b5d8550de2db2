// The server drops connections the backend has checked out of its pool: one idle in a
// transaction (the Idempotency-Key's claim, held while the command runs) and one mid-query (the
// append, waiting on a lock). The process must live on: the request answers 503, and the next one
// works on fresh connections. Before, the dropped client emitted 'error' to nobody (pg-pool only
// listens while a client is idle) and the process died of it.
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { expectEventually } from '../support/expect-eventually.js';
import { freePort } from '../support/free-port.js';
import { startStandalone, type StandaloneProcess } from './standalone-process.js';

const SALES = { Authorization: 'Bearer dev-sales', 'Content-Type': 'application/json' };

const capture = async (baseUrl: string, email: string): Promise<number> => {
  const response = await fetch(`${baseUrl}/v1/leads`, {
    method: 'POST',
    headers: { ...SALES, 'Idempotency-Key': `capture-${email}` },
    body: JSON.stringify({ lead: { email }, source: { channel: 'website' } }),
  });
  await response.arrayBuffer();
  return response.status;
};

interface Backend {
  readonly pid: number;
  readonly state: string;
  readonly waiting: boolean;
}

describe('the backend whose checked-out database connections are terminated', () => {
  let db: TestDatabase;
  let app: StandaloneProcess | undefined;
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase({ max: 2 });
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    app = await startStandalone({ DATABASE_URL: db.url, NODE_ENV: 'test', KAFKA_BROKERS: '' }, await freePort());
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await admin?.end();
    await db?.drop();
  });

  it('survives a connection dropped idle in a transaction and one dropped mid-query: 503, then the next request works', async () => {
    const running = app as StandaloneProcess;
    expect(await capture(running.baseUrl, 'before@example.com')).toBe(201);

    // Appends wait behind this lock, their request's idempotency claim open meanwhile.
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE es_events IN EXCLUSIVE MODE');
    const answer = capture(running.baseUrl, 'dropped@example.com');
    const others = (): Promise<Backend[]> => admin.query<Backend>(
      `SELECT pid, state, wait_event_type = 'Lock' AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
      [(locker as unknown as { processID: number }).processID],
    ).then(({ rows }) => rows);
    const { idleInTransaction, midQuery } = await expectEventually(async () => {
      const backends = await others();
      const found = {
        idleInTransaction: backends.filter((backend) => backend.state === 'idle in transaction').map((backend) => backend.pid),
        midQuery: backends.filter((backend) => backend.state === 'active' && backend.waiting).map((backend) => backend.pid),
      };
      expect(found.idleInTransaction.length).toBeGreaterThan(0);
      expect(found.midQuery.length).toBeGreaterThan(0);
      return found;
    });
    const terminate = (pids: readonly number[]) => admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    // The idle one first, and its loss seen, while the request still waits on the append: dropped
    // together, the append's failure could send the claim's ROLLBACK first, and the claim's client
    // would then lose its connection mid-query, which never went unheard.
    await terminate(idleInTransaction);
    await expectEventually(() => expect(running.output()).toMatch(/a database connection was lost/));
    expect(running.child.exitCode).toBeNull();
    await terminate(midQuery);
    await locker.query('COMMIT');
    await locker.end();

    expect(await answer).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a crash would come within this
    expect(running.child.exitCode).toBeNull();
    // The same request again is applied once, and a new one works.
    expect(await capture(running.baseUrl, 'dropped@example.com')).toBe(201);
    expect(await capture(running.baseUrl, 'after@example.com')).toBe(201);
  });
});
