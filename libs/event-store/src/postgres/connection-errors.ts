// Tells "the database could not be reached" apart from errors a retry would only repeat.
import { EventStoreUnavailable } from '../event-store.port.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// SQLSTATE 57P01-57P03: server shutting down, terminated by an administrator, not yet accepting;
// 53300: too many connections. Class 08: connection exceptions.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres reports a dropped socket and an exhausted pool wait with messages only.
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/** SQLSTATE 55P03, lock_not_available: a statement's `lock_timeout` (or NOWAIT) ran out. */
export const isLockTimeout = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '55P03';

export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed: socket errors are made by Node itself, and under a vm sandbox (jest) they are not
  // `instanceof Error` of the sandbox.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/** Rethrows connection failures as EventStoreUnavailable, anything else unchanged. */
export function rethrowAsStoreError(error: unknown): never {
  if (error instanceof EventStoreUnavailable) throw error;
  throw isConnectionFailure(error) ? new EventStoreUnavailable(error) : error;
}
