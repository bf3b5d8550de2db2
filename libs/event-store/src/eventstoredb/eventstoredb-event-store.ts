// The EventStoreDB / KurrentDB adapter of the event store port (ARCHITECTURE.md, "The event store").
//
// What differs from the PostgreSQL adapter, and why:
// - Revisions: the port counts from 1, KurrentDB from 0 (esdb-revision.ts). Positions: $all's
//   (commit, prepare) pair as one zero-padded string (esdb-position.ts).
// - Hash chain: computed here with the PostgreSQL formula and kept in the event's metadata
//   (esdb-stored-event.ts). Chaining needs the stream's last hash, so every append first reads the
//   stream's last event: one extra round trip, which also yields the head revision. The append then
//   always states that exact head to KurrentDB, even for the port's `any` / `stream_exists`, so
//   no one can slip an event in between the hash's predecessor and the new event; on a conflict
//   those two re-read and try again (es_append loops the same way), exact ones are refused.
// - Event ids: unique across streams and found by id through claim streams (event-id-claims.ts):
//   one more write per event, in parallel, before the append.
// - Idempotency: KurrentDB's own check acknowledges, without writing, a write whose ids equal the
//   events stored right after the stated expected revision; it does not check ids anywhere else
//   (the same id can be stored twice), and with `any` only against a cache of recent writes, best
//   effort (KurrentDB client docs; not observed here, no server). This adapter therefore decides
//   itself: when an id was claimed before, or KurrentDB reports a conflict, it reads the stream and
//   answers a re-append from what is stored (idempotency-verdict.ts). KurrentDB's check covers only
//   the race of two identical appends in flight at once; the loser is then told `written: true`.
// - readAll filters streams in the client: @eventstore/db-client 6.2 sends reads of $all without a
//   filter (its readAll has no filter option), so a page scans $all in windows. Subscriptions filter
//   on the server (subscribeToAll with a stream-name regex).
// - Stream reads need the events' $all positions, which servers fill in stream reads only since the
//   22.x releases; older ones make reads fail with PositionUnknown rather than invent a position.
//
// None of this has run against a server here (none can run on these machines): the conformance
// suite runs it when EVENTSTORE_URL is set (test/event-store/eventstoredb-event-store.int-spec.ts).
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START as ESDB_START,
  type AllStreamRecordedEvent,
  type ReadPosition,
  type ReadRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  DuplicateEventId,
  EventStoreUnavailable,
  identityCodec,
  START,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventCodec,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port.js';
import { isErrorType, toStoreError } from './esdb-errors.js';
import { formatEsdbPosition, knownPosition, parseEsdbPosition } from './esdb-position.js';
import {
  checkExpectedRevision,
  exactEsdbExpectation,
  expectationHolds,
  fromEsdbCurrentRevision,
  fromEsdbEventNumber,
  retriesOnConflict,
  toEsdbEventNumber,
} from './esdb-revision.js';
import { StreamNames } from './esdb-stream-names.js';
import { chainEvents, checkStorable, envelopeOf, fromEsdbEvent, PositionUnknown } from './esdb-stored-event.js';
import { startEsdbSubscription } from './esdb-subscription.js';
import { EventIdClaims } from './event-id-claims.js';
import { idempotencyVerdict } from './idempotency-verdict.js';

export interface EventStoreDbEventStoreOptions {
  /** Refuse events whose data + metadata + type exceed this many bytes. Default 1 MiB. */
  readonly maxEventBytes?: number;
  /** Prefix of every KurrentDB stream this store writes (esdb-stream-names.ts). Default none. */
  readonly namespace?: string;
  /** Upper bound of a failing subscription's retry backoff. Default 5 s. */
  readonly maxRetryDelayMs?: number;
  /** Events of $all read per round trip while readAll and headPosition filter in the client. Default 1000. */
  readonly scanWindow?: number;
}

const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Head {
  readonly revision: number;
  readonly hash: string | null;
}

export class EventStoreDbEventStore implements EventStore {
  private readonly names: StreamNames;
  private readonly claims: EventIdClaims;
  private readonly maxEventBytes: number;
  private readonly scanWindow: number;

  /** A store over a connection string (`esdb://host:2113?tls=false`, `kurrentdb+discover://…`). */
  static connect(url: string, codec?: EventCodec, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), codec, options);
  }

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly codec: EventCodec = identityCodec,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    this.names = new StreamNames(options.namespace ?? '');
    this.claims = new EventIdClaims(client, this.names);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.scanWindow = options.scanWindow ?? 1000;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`append to ${streamId}: no events`);
    const expected = options.expectedRevision;
    checkExpectedRevision(expected);
    const streamName = this.names.stream(streamId);
    // Encoded before the size check and the hash: both concern the stored form.
    const stored = await Promise.all(events.map((event) => this.codec.encode(streamId, event)));
    stored.forEach((event) => checkStorable(event, this.maxEventBytes));
    const eventIds = stored.map((event) => event.eventId.toLowerCase());
    try {
      const twice = eventIds.findIndex((id, i) => eventIds.indexOf(id) !== i);
      if (twice >= 0) {
        const head = await this.head(streamName);
        throw new DuplicateEventId(stored[twice].eventId, streamId, head.revision + eventIds.indexOf(eventIds[twice]) + 1);
      }
      const { claimedBefore } = await this.claims.claim(streamId, eventIds, (owner, eventId) => this.storedAt(owner, eventId));
      if (claimedBefore.length > 0) {
        const answer = await this.storedAnswer(streamId, expected, eventIds);
        if (answer) return answer;
      }
      return await this.appendChained(streamId, streamName, stored, expected, eventIds);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** EventStoreDB has no multi-stream append: each goes alone, all at once. */
  async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const outcomes = await Promise.all(appends.map(({ streamId, events, expectedRevision }) =>
      this.append(streamId, events, { expectedRevision }).then((appended): StreamAppendOutcome => ({ appended }), (error: Error): StreamAppendOutcome => ({ error }))));
    const unavailable = outcomes.find((outcome) => 'error' in outcome && outcome.error instanceof EventStoreUnavailable);
    if (unavailable && 'error' in unavailable) throw unavailable.error;
    return outcomes;
  }

  private async appendChained(
    streamId: string,
    streamName: string,
    stored: readonly NewEvent[],
    expected: ExpectedRevision,
    eventIds: readonly string[],
  ): Promise<AppendResult> {
    for (;;) {
      const head = await this.head(streamName);
      if (!expectationHolds(expected, head.revision)) {
        // A concurrent identical append may have stored these very events meanwhile.
        const answer = await this.storedAnswer(streamId, expected, eventIds);
        if (answer) return answer;
        throw new WrongExpectedRevision(streamId, expected, head.revision);
      }
      const chained = chainEvents(streamId, head, stored);
      try {
        const result = await this.client.appendToStream(streamName, chained.map((event) => event.eventData), {
          expectedRevision: exactEsdbExpectation(head.revision),
        });
        const position = knownPosition(result.position);
        if (!position) throw new PositionUnknown(streamName);
        // KurrentDB answers with the position of the write's last event.
        return { nextRevision: fromEsdbCurrentRevision(result.nextExpectedRevision), position: formatEsdbPosition(position), written: true };
      } catch (error) {
        if (!isErrorType(error, 'wrong-expected-version')) throw error;
        const answer = await this.storedAnswer(streamId, expected, eventIds);
        if (answer) return answer;
        if (!retriesOnConflict(expected)) throw new WrongExpectedRevision(streamId, expected, (await this.head(streamName)).revision);
      }
    }
  }

  /** The answer of a re-append whose events are all stored, null when none is; throws for the rest. */
  private async storedAnswer(streamId: string, expected: ExpectedRevision, eventIds: readonly string[]): Promise<AppendResult | null> {
    const wanted = new Set(eventIds);
    const found = (await this.readStored(streamId, {})).filter((event) => wanted.has(event.eventId.toLowerCase()));
    const verdict = idempotencyVerdict(expected, eventIds, found);
    switch (verdict.kind) {
      case 'absent':
        return null;
      case 'stored':
        return { nextRevision: verdict.last.revision, position: verdict.last.position, written: false };
      case 'duplicate':
        throw new DuplicateEventId(verdict.eventId, streamId, verdict.revision);
    }
  }

  /** Where an event is stored in a stream, 0 when it is not (only claimed for it). */
  private async storedAt(streamId: string, eventId: string): Promise<number> {
    const event = (await this.readStored(streamId, {})).find((candidate) => candidate.eventId.toLowerCase() === eventId);
    return event?.revision ?? 0;
  }

  private async head(streamName: string): Promise<Head> {
    for await (const resolved of this.readRaw(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      return { revision: fromEsdbEventNumber(resolved.revision), hash: envelopeOf(resolved).hash };
    }
    return { revision: 0, hash: null };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    try {
      return await this.codec.decode(await this.readStored(streamId, options));
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** A stream's events in their stored form (not decoded). */
  private async readStored(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const streamName = this.names.stream(streamId);
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    let fromRevision: ReadRevision;
    if (options.fromRevision === undefined) fromRevision = backwards ? END : ESDB_START;
    else if (backwards) {
      if (options.fromRevision < 1) return [];
      fromRevision = toEsdbEventNumber(options.fromRevision);
    } else fromRevision = options.fromRevision <= 1 ? ESDB_START : toEsdbEventNumber(options.fromRevision);
    // With an as-of bound the count applies after filtering (as the PostgreSQL adapter's LIMIT),
    // so the whole range is read: lead streams are short.
    const upTo = options.occurredUpTo === undefined ? undefined : Date.parse(options.occurredUpTo);
    const maxCount = upTo === undefined ? options.maxCount : undefined;
    const events: RecordedEvent[] = [];
    for await (const event of this.readRaw(streamName, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount })) {
      const position = knownPosition(event.position);
      if (!position) throw new PositionUnknown(streamName);
      const recorded = fromEsdbEvent(event, streamId, formatEsdbPosition(position));
      if (upTo === undefined || Date.parse(recorded.metadata.occurredAt) <= upTo) events.push(recorded);
    }
    return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
  }

  /** The events of a stream as KurrentDB has them; a missing stream reads empty. Always consumed. */
  private async *readRaw(
    streamName: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount: number | undefined },
  ): AsyncGenerator<EsdbRecordedEvent> {
    try {
      for await (const resolved of this.client.readStream(streamName, { ...options, resolveLinkTos: false })) {
        if (resolved.event) yield resolved.event;
      }
    } catch (error) {
      if (isErrorType(error, 'stream-not-found')) return;
      throw error;
    }
  }

  async streamRevision(streamId: string): Promise<number> {
    try {
      return (await this.head(this.names.stream(streamId))).revision;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const from = parseEsdbPosition(options.after);
    const matched: { event: AllStreamRecordedEvent; streamId: string }[] = [];
    try {
      let cursor: ReadPosition = from === 'start' ? ESDB_START : from;
      // The read from a position may include the event at it: everything at or before `seen` is skipped.
      let seen = options.after;
      while (matched.length < options.limit) {
        let read = 0;
        const page = this.client.readAll({ fromPosition: cursor, maxCount: this.scanWindow, resolveLinkTos: false });
        for await (const resolved of page) {
          read += 1;
          const event: AllStreamRecordedEvent | undefined = resolved.event;
          if (!event) continue;
          const position = formatEsdbPosition(event.position);
          if (position <= seen) continue;
          seen = position;
          cursor = event.position;
          const streamId = this.names.portId(event.streamId);
          if (streamId !== null && this.names.matches(event.streamId, options.streamPrefixes)) {
            matched.push({ event, streamId });
            // Leaving the loop cancels the rest of the read.
            if (matched.length === options.limit) break;
          }
        }
        if (matched.length === options.limit || read < this.scanWindow) break;
      }
      const events = await this.codec.decode(matched.map(({ event, streamId }) => this.toStored(event, streamId)));
      return { events, next: events.length > 0 ? events[events.length - 1].position : options.after };
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    // A string that is no UUID cannot be stored (append refuses it), so it is simply not found.
    if (!UUID.test(eventId)) return null;
    try {
      const owner = await this.claims.owner(eventId);
      if (owner === null) return null;
      const id = eventId.toLowerCase();
      const event = (await this.readStored(owner, {})).find((candidate) => candidate.eventId.toLowerCase() === id);
      return event ? (await this.codec.decode([event]))[0] : null;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return startEsdbSubscription(
      {
        client: this.client, names: this.names, toStored: (event, streamId) => this.toStored(event, streamId),
        decode: (events) => this.codec.decode(events), maxRetryDelayMs: this.options.maxRetryDelayMs ?? 5000,
      },
      options,
    );
  }

  async headPosition(): Promise<GlobalPosition> {
    try {
      let cursor: ReadPosition = END;
      let seen: GlobalPosition | undefined;
      for (;;) {
        let read = 0;
        const page = this.client.readAll({ direction: BACKWARDS, fromPosition: cursor, maxCount: this.scanWindow, resolveLinkTos: false });
        for await (const resolved of page) {
          read += 1;
          const event: AllStreamRecordedEvent | undefined = resolved.event;
          if (!event) continue;
          const position = formatEsdbPosition(event.position);
          // Reading backwards from a position may include the event at it.
          if (seen !== undefined && position >= seen) continue;
          seen = position;
          cursor = event.position;
          if (this.names.portId(event.streamId) !== null) return position;
        }
        if (read < this.scanWindow) return START;
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Closes the gRPC channel. */
  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** A $all event in its stored form: the codec decodes a page of them at once. */
  private toStored(event: AllStreamRecordedEvent, streamId: string): RecordedEvent {
    return fromEsdbEvent(event, streamId, formatEsdbPosition(event.position));
  }
}
