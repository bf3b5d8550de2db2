// Event ids unique across streams, and finding an event by its id, on a store that has neither.
//
// KurrentDB has no lookup by event id and checks ids only within one stream, at the expected
// revision of one write (see eventstoredb-event-store.ts). So each event id gets a claim stream,
// `leadline-event-id-<uuid>`, whose first event names the stream the id belongs to; it is written
// with expected revision no_stream, which makes the first claimer win.
//
// KurrentDB cannot write two streams atomically, so claim and event are two writes and one can
// happen without the other. The order picks which failure is possible:
//  - event first, claim after: a crash in between leaves a stored event no lookup finds; a re-sent
//    message is then processed twice. That breaks the dedupe findEvent exists for.
//  - claim first (chosen): a crash or a refused append in between leaves a claim with no event. A
//    lookup follows the claim and reads the named stream, so it never reports an event that is not
//    stored; the same id sent again to the same stream is appended normally. The one cost: the id
//    stays reserved for that stream, so appending it to another stream is refused (DuplicateEventId
//    with storedAt 0: claimed there, not stored), where PostgreSQL would accept it. Deterministic
//    ids are derived per lead, so they never move between streams.
// A lookup costs two reads (claim, then the named stream, scanned for the id): lead streams are
// short. Claim streams are hidden from every read of the port (esdb-stream-names.ts).
import { jsonEvent, NO_STREAM, type EventStoreDBClient, type JSONEventType } from '@eventstore/db-client';
import { DuplicateEventId } from '../event-store.port.js';
import { isErrorType } from './esdb-errors.js';
import type { StreamNames } from './esdb-stream-names.js';

type Claim = JSONEventType<'EventIdClaimed', { readonly streamId: string }>;

export interface ClaimOutcome {
  /** Ids this append claimed before (an earlier attempt, or a concurrent one, for the same stream). */
  readonly claimedBefore: readonly string[];
}

export class EventIdClaims {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
  ) {}

  /**
   * Claims every id for `streamId`. An id claimed for another stream refuses the append: the
   * caller's `storedAt` lookup tells where it is stored there (0 when only claimed).
   */
  async claim(streamId: string, eventIds: readonly string[], storedAt: (streamId: string, eventId: string) => Promise<number>): Promise<ClaimOutcome> {
    const owners = await Promise.all(eventIds.map((eventId) => this.claimOne(streamId, eventId)));
    const foreign = owners.findIndex((owner) => owner !== null && owner !== streamId);
    if (foreign >= 0) {
      const owner = owners[foreign] as string;
      throw new DuplicateEventId(eventIds[foreign], owner, await storedAt(owner, eventIds[foreign]));
    }
    return { claimedBefore: eventIds.filter((_, i) => owners[i] === streamId) };
  }

  /** The stream an id is claimed for, or null when it is not claimed. */
  async owner(eventId: string): Promise<string | null> {
    try {
      for await (const resolved of this.client.readStream<Claim>(this.names.claim(eventId), { maxCount: 1 })) {
        return resolved.event?.data.streamId ?? null;
      }
      return null;
    } catch (error) {
      if (isErrorType(error, 'stream-not-found')) return null;
      throw error;
    }
  }

  /** null when this call made the claim; else the stream the id was already claimed for. */
  private async claimOne(streamId: string, eventId: string): Promise<string | null> {
    try {
      await this.client.appendToStream<Claim>(this.names.claim(eventId), jsonEvent<Claim>({ type: 'EventIdClaimed', data: { streamId } }), {
        expectedRevision: NO_STREAM,
      });
      return null;
    } catch (error) {
      if (!isErrorType(error, 'wrong-expected-version')) throw error;
      const owner = await this.owner(eventId);
      if (owner === null) throw new Error(`claim stream of event ${eventId} exists but holds no claim`);
      return owner;
    }
  }
}
