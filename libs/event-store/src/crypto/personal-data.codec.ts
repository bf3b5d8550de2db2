// Crypto-shredding as the store's codec: personal fields are sealed with their subject's own key
// before the hash is taken, so the chain covers only ciphertext and deleting the key later makes
// the fields unreadable without touching a stored byte.
import type { EventCodec, NewEvent, RecordedEvent } from '../event-store.port.js';
import { open, seal } from './aes-gcm.js';
import type { DataKeyStore, SubjectKey } from './data-key-store.js';
import { presentFields, rewriteFields, type FieldPath } from './field-paths.js';

export interface PersonalDataPolicy {
  /** Whose data a stream holds (a lead's id); null for streams without personal data. */
  readonly subjectOf: (streamId: string) => string | null;
  /** The personal fields of an event type. */
  readonly fieldsOf: (type: string) => readonly FieldPath[];
  /** What a field reads as once its key is gone. */
  readonly erasedValue: unknown;
}

/** The stored form of a sealed field: an object, so no plain value can be mistaken for one. */
const SEALED = '$sealed';
type SealedField = { readonly [SEALED]: string };

const isSealed = (value: unknown): value is SealedField =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[SEALED] === 'string'
  && Object.keys(value).length === 1;

/** A sealed field failed to open with its subject's key: the stored bytes were altered. */
export class PersonalDataUnreadable extends Error {
  constructor(readonly streamId: string, readonly eventId: string, readonly field: string) {
    super(`event ${eventId} in ${streamId}: personal field ${field} cannot be decrypted with its key`);
    this.name = 'PersonalDataUnreadable';
  }
}

// Binds a ciphertext to its stream, event and field: moved anywhere else it does not open.
const placeOf = (streamId: string, eventId: string, path: readonly string[]): string =>
  `${streamId}\n${eventId}\n${path.join('.')}`;

export class PersonalDataCodec implements EventCodec {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly policy: PersonalDataPolicy,
  ) {}

  async encode(streamId: string, event: NewEvent): Promise<NewEvent> {
    const subject = this.personalSubject(streamId, event);
    if (subject === null) return event;
    const key = await this.keyOf(subject);
    const data = rewriteFields(event.data, this.policy.fieldsOf(event.type), (value, path) =>
      key.state === 'active'
        ? { [SEALED]: seal(key.key, Buffer.from(JSON.stringify(value), 'utf8'), placeOf(streamId, event.eventId, path)).toString('base64') }
        // After erasure nothing personal is written in the clear (the decider drops personal
        // fields by then; free text still arrives and is stored as erased).
        : this.policy.erasedValue);
    return { ...event, data };
  }

  /** One key lookup for the page's subjects, then each event opened without waiting again. */
  async decode(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    const subjects = events.map((event) => this.personalSubject(event.streamId, event));
    const wanted = [...new Set(subjects.filter((subject) => subject !== null))];
    if (wanted.length === 0) return events;
    const keys = await this.keys.find(wanted);
    return events.map((event, i) => {
      const subject = subjects[i];
      return subject === null ? event : this.openFields(event, keys.get(subject) ?? { state: 'absent' });
    });
  }

  private openFields(event: RecordedEvent, key: SubjectKey): RecordedEvent {
    const data = rewriteFields(event.data, this.policy.fieldsOf(event.type), (value, path) => {
      if (key.state === 'erased') return this.policy.erasedValue;
      // Written before this codec existed: plain, readable until the subject is erased.
      if (!isSealed(value)) return value;
      if (key.state === 'absent') return this.policy.erasedValue;
      try {
        return JSON.parse(open(key.key, Buffer.from(value[SEALED], 'base64'), placeOf(event.streamId, event.eventId, path)).toString('utf8'));
      } catch {
        throw new PersonalDataUnreadable(event.streamId, event.eventId, path.join('.'));
      }
    });
    return { ...event, data };
  }

  /** The subject when the event carries at least one personal value; null otherwise. */
  private personalSubject(streamId: string, event: NewEvent): string | null {
    const subject = this.policy.subjectOf(streamId);
    if (subject === null) return null;
    return presentFields(event.data, this.policy.fieldsOf(event.type)).length > 0 ? subject : null;
  }

  private async keyOf(subject: string): Promise<SubjectKey> {
    const keys = await this.keys.findOrCreate([subject]);
    return keys.get(subject) ?? { state: 'absent' };
  }
}
