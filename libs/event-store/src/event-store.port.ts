// The event store port: the only source of truth. Adapters: postgres/ (default), eventstoredb/.

/**
 * A stream's revision is the number of events in it: 0 before the first append (`no_stream`),
 * and the n-th event of a stream has revision n (1-based).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/**
 * A global position: one opaque string that sorts (as a plain string comparison) in delivery order.
 * It encodes the (transaction id, sequence position) pair; reading resumes strictly after it.
 * `START` sorts before every real position.
 */
export type GlobalPosition = string;
export const START: GlobalPosition = '0';

export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Who: an API principal (`key:<name>`), a rep, or `system:<component>`. */
  readonly actor: string;
  /** When the fact happened, from the source (ISO 8601). */
  readonly occurredAt: string;
  /** Optional free extra context (e.g. the Kafka offset a message came from). */
  readonly [extra: string]: unknown;
}

export interface NewEvent {
  readonly eventId: string; // UUID
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: GlobalPosition;
  readonly recordedAt: string; // ISO 8601, by the store
  /** sha256 over the stored form of this event chained to the previous event's hash in its stream. */
  readonly hash: string;
  readonly previousHash: string | null;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append (equals the last event's revision). */
  readonly nextRevision: number;
  /** Position of the last appended event. */
  readonly position: GlobalPosition;
  /** false when every event was already stored at those revisions (an idempotent re-append). */
  readonly written: boolean;
}

/** One stream's part of an `appendMany`. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

/** What `append` would have answered for that stream alone: its result, or the error it would throw. */
export type StreamAppendOutcome = { readonly appended: AppendResult } | { readonly error: Error };

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Forwards: first revision to return (inclusive). Backwards: last revision to return (inclusive). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
  /** Only events whose occurredAt is at or before this instant (ISO 8601), for as-of reads. */
  readonly occurredUpTo?: string;
}

export interface ReadAllOptions {
  /** Exclusive lower bound; START for the beginning. */
  readonly after: GlobalPosition;
  readonly limit: number;
  /** Only streams whose id starts with one of these prefixes (e.g. `lead-`). */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /** Position to pass as `after` for the next page (the last event's, or `after` when empty). */
  readonly next: GlobalPosition;
}

/** A place in stream order: after the event at `revision` of the stream that began at `streamStart`. */
export interface StreamCursor {
  /** The adapter's own mark for where the stream began: streams are read in the order they began. */
  readonly streamStart: string;
  readonly revision: number;
}

export interface ReadByStreamOptions {
  /**
   * Only events at or before this position. Take it from `headPosition`: every event up to the
   * head is visible already, so the set read is final and later appends come after it.
   */
  readonly upTo: GlobalPosition;
  /** Exclusive lower bound; null for the beginning. */
  readonly after: StreamCursor | null;
  readonly limit: number;
}

export interface ReadByStreamPage {
  readonly events: readonly RecordedEvent[];
  /** Cursor to pass as `after` for the next page (the last event's, or `after` when empty). */
  readonly next: StreamCursor | null;
}

export interface SubscriptionOptions {
  readonly after: GlobalPosition;
  readonly batchSize?: number;
  readonly streamPrefixes?: readonly string[];
  /** Called with consecutive batches in delivery order; the next batch waits for it to resolve. */
  readonly onEvents: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Errors of onEvents or of the store; the subscription retries from its last delivered position. */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Position of the last event whose batch onEvents finished. */
  readonly position: () => GlobalPosition;
  readonly stop: () => Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Several appends at once, to different streams (one round trip where the adapter can). Each is
   * all or none and answered on its own: a conflict or a duplicate of one leaves the others written.
   * Rejects only when the store is unavailable (EventStoreUnavailable): then any of them may or may
   * not have been written, as with `append`.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  /** The current revision of a stream, 0 when it does not exist. */
  streamRevision(streamId: string): Promise<number>;
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
  /**
   * The events up to a position, stream after stream (each stream's in revision order), for a
   * replay of models kept per stream: read in delivery order, a stream's events are spread over
   * many pages when many streams are written at once, and each page then reads back and rewrites
   * the state of every stream it touches. Optional: an adapter whose store cannot read in this order
   * (EventStoreDB orders `$all` by commit only) leaves it out, and replays read in delivery order.
   */
  readAllByStream?(options: ReadByStreamOptions): Promise<ReadByStreamPage>;
  /** The event stored under this id, if any (dedupe of re-sent messages by deterministic ids). */
  findEvent(eventId: string): Promise<RecordedEvent | null>;
  /** Catch-up subscription: pages from `after`, then follows live appends. */
  subscribe(options: SubscriptionOptions): Subscription;
  /** Position of the newest event visible to readers (START when empty). */
  headPosition(): Promise<GlobalPosition>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** The same event id already stored somewhere else than where it is being appended. */
export class DuplicateEventId extends Error {
  constructor(readonly eventId: string, readonly storedIn: string, readonly storedAt: number) {
    super(`event ${eventId} is already stored in ${storedIn} at revision ${storedAt}`);
    this.name = 'DuplicateEventId';
  }
}

export class EventTooLarge extends Error {
  constructor(readonly eventId: string, readonly bytes: number, readonly limit: number) {
    super(`event ${eventId} is ${bytes} bytes; the limit is ${limit}`);
    this.name = 'EventTooLarge';
  }
}

/** A string given as a global position that this store never produced (a client's typo, another store's). */
export class InvalidGlobalPosition extends TypeError {
  constructor(readonly value: string) {
    super(`not a global position of this store: ${JSON.stringify(value)}`);
    this.name = 'InvalidGlobalPosition';
  }
}

/** The store cannot be reached (database down, connection lost): retry later. */
export class EventStoreUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(`event store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventStoreUnavailable';
  }
}

/**
 * Turns an event into its stored form and back. The hash chain covers the stored form, so a codec
 * that encrypts personal fields per lead (crypto-shredding) slots in without touching the store,
 * and deleting a key later cannot break the chain.
 */
export interface EventCodec {
  encode(streamId: string, event: NewEvent): Promise<NewEvent>;
  /**
   * A page of events at once, in their order: reads come in pages, and one call per event cost a
   * key lookup and a chain of promises each (a tenth of a projection rebuild's time in Node).
   */
  decode(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]>;
}

export const identityCodec: EventCodec = {
  encode: async (_streamId, event) => event,
  decode: async (events) => events,
};
