// Tells "the database cannot serve this right now" (an outage: a retry later may succeed) apart from
// errors a retry would only repeat. The one classification behind the event store's
// EventStoreUnavailable, HTTP's 503 and the Kafka consumer's pause-and-retry: they must agree.
import { EventStoreUnavailable } from '../event-store.port.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// SQLSTATE classes about the server's state, never the statement: 08 connection exception,
// 53 insufficient resources (53100 disk full, 53200 out of memory, 53300 too many connections),
// 58 system error (I/O errors and the like, outside PostgreSQL itself).
const UNAVAILABLE_CLASSES = ['08', '53', '58'];
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', '57P02', '57P03', // server shutting down, terminated by an administrator, not yet accepting
  '57014', // query_canceled: a statement timeout or an operator's cancel, not the statement's fault
  '25006', // read_only_sql_transaction: connected to a standby, during or after a failover
]);
// serialization_failure, deadlock_detected: the transaction was rolled back to be run again.
const TRANSACTION_CONFLICTS = new Set(['40001', '40P01']);
// node-postgres reports a dropped socket, a connect timeout and an exhausted pool wait with
// messages only.
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/** A serialization failure or deadlock: this transaction lost to another, and may simply run again. */
export const isTransactionConflict = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSACTION_CONFLICTS.has(code);
};

/** SQLSTATE 55P03, lock_not_available: a statement's `lock_timeout` (or NOWAIT) ran out. */
export const isLockTimeout = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '55P03';

export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: socket errors are made by Node itself, and under a vm sandbox (jest) they are not
  // `instanceof Error` of the sandbox.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || TRANSACTION_CONFLICTS.has(code)) return true;
    if (code.length === 5 && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/** Rethrows outages as EventStoreUnavailable, anything else unchanged. */
export function rethrowAsStoreError(error: unknown): never {
  if (error instanceof EventStoreUnavailable) throw error;
  throw isDatabaseUnavailable(error) ? new EventStoreUnavailable(error) : error;
}
