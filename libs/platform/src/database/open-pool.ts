// Every pg Pool of the app is made here. A connection the server drops (restart, failover,
// pg_terminate_backend, a network cut) makes its client emit 'error'; an EventEmitter's 'error'
// with no listener throws, and would take the whole process down. pg-pool listens only while a
// client is idle: it removes its listener at checkout, so a client dropped while checked out (idle
// in a transaction, or mid-query) had nobody listening. Each client therefore gets a listener of
// its own for its whole life, when it connects. The query in flight rejects by itself and the pool
// drops the broken client at release; the listener only logs.
import { Logger } from '@nestjs/common';
import { Pool, type PoolConfig } from 'pg';

const logger = new Logger('Database');

const reportLost = (error: Error): void => logger.warn(`a database connection was lost: ${error.message}`);

export const openPool = (config: PoolConfig): Pool => {
  const pool = new Pool(config);
  pool.on('connect', (client) => void client.on('error', reportLost));
  // pg-pool re-emits an idle client's error here; the client's own listener has logged it.
  pool.on('error', () => undefined);
  return pool;
};
