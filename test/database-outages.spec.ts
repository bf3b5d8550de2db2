// What counts as an outage of the database: one classification (isDatabaseUnavailable), which the
// Kafka consumer (isRetryable: pause and retry, never dead-letter) and HTTP (503 with Retry-After,
// never a 500) must agree with.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { isDatabaseUnavailable } from '#event-store';
import { isRetryable } from '../libs/messaging/src/kafka/retryable.js';
import { toProblem } from '#platform';

/** What node-postgres rejects with when the server answers an ErrorResponse. */
const sqlError = (code: string): Error => Object.assign(new Error(`SQLSTATE ${code}`), { code });

/** The real error of a pool whose only connection is taken: the wait for one times out. */
const fullPoolError = async (): Promise<unknown> => {
  // A server that accepts and never answers: the first connect hangs, holding the pool's only slot.
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pool = new Pool({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, max: 1, connectionTimeoutMillis: 200 });
  pool.on('error', () => undefined);
  try {
    const first = pool.connect().catch(() => undefined);
    const waiting = await pool.connect().then(() => null, (error: unknown) => error);
    await first;
    return waiting;
  } finally {
    // Cleanup never holds the spec up: on a loaded machine a connect accepted late kept the close
    // waiting past the test's timeout. What is left is unreferenced and dies with the worker.
    for (const socket of sockets) socket.destroy();
    server.close();
    server.unref();
    await Promise.race([pool.end().catch(() => undefined), sleep(1000)]);
  }
};

describe('a database outage, for the event store, Kafka and HTTP alike', () => {
  it.each([
    ['ECONNREFUSED'], ['ECONNRESET'], ['EAI_AGAIN'],
    ['08006'], ['57P01'], ['57P03'],
    ['53300'], ['53100'], ['53200'], // too many connections, disk full, out of memory: class 53
    ['25006'], // read only: a standby after a failover
    ['57014'], // query cancelled
    ['40001'], ['40P01'], // serialization failure, deadlock
    ['58000'], ['58030'], // system and I/O errors: class 58
  ])('%s: an outage, retried later', (code) => {
    expect(isDatabaseUnavailable(sqlError(code))).toBe(true);
    expect(isRetryable(sqlError(code))).toBe(true);
    expect(toProblem(sqlError(code))?.status).toBe(503);
  });

  it.each([['23505'], ['22P02'], ['42P01'], ['55P03'], ['P0001']])('%s: the statement itself, a retry would repeat it', (code) => {
    expect(isDatabaseUnavailable(sqlError(code))).toBe(false);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
  ])('node-postgres\'s "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('a full pool: the wait for a connection timed out', async () => {
    const error = await fullPoolError();
    expect((error as Error).message).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isRetryable(error)).toBe(true);
    expect(toProblem(error)?.status).toBe(503);
  });

  it('anything else is not', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isRetryable(new TypeError('x is undefined'))).toBe(false);
    expect(toProblem(new TypeError('x is undefined'))).toBeUndefined(); // a 500: our bug
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNRESET')).toBe(false);
  });
});
