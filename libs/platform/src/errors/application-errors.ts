// Errors of the application layer (above the domain, below HTTP). Each maps to one status in the
// problem-details filter.

/** If-Match named a revision the lead has moved past (412). */
export class PreconditionFailed extends Error {
  constructor(readonly expectedRevision: number, readonly actualRevision: number) {
    super(`If-Match expected revision ${expectedRevision}, but the lead is at revision ${actualRevision}`);
    this.name = 'PreconditionFailed';
  }
}

/** A concurrent change won every bounded retry (409). */
export class ConcurrencyConflict extends Error {
  constructor(readonly expectedRevision: number, readonly actualRevision: number, readonly attempts: number) {
    super(`the lead changed concurrently ${attempts} times in a row; retry the command`);
    this.name = 'ConcurrencyConflict';
  }
}

/** An Idempotency-Key reused with a different request (422). */
export class IdempotencyKeyReused extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used with a different request`);
    this.name = 'IdempotencyKeyReused';
  }
}

/** A request for something that does not exist (404), outside the lead domain's own errors. */
export class NotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** A request that is well-formed but names something invalid (400), e.g. a bad query parameter. */
export class InvalidRequest extends Error {
  constructor(readonly errors: readonly { field: string; message: string }[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '));
    this.name = 'InvalidRequest';
  }
}

/** The first request with this Idempotency-Key is still running (409); retry shortly. */
export class RequestInProgress extends Error {
  constructor(readonly key: string) {
    super(`a request with Idempotency-Key "${key}" is still in progress; retry shortly`);
    this.name = 'RequestInProgress';
  }
}

/** The stored first answer to an Idempotency-Key, replayed to a retry exactly as it was given. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: { readonly status: number; readonly [field: string]: unknown }) {
    super('replayed answer of an earlier request with the same Idempotency-Key');
    this.name = 'ReplayedProblem';
  }
}
