// The hash of an event's stored form, byte for byte as es_event_hash (migrations/0001-events.ts)
// computes it in SQL, so a stream's chain can be checked outside the function that wrote it.
import { createHash } from 'node:crypto';

export interface HashedFields {
  readonly previousHash: Buffer | null;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The stored JSON text, exactly as kept by the `json` column. */
  readonly data: string;
  readonly metadata: string;
}

const int4 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
};

const int8 = (value: number): Buffer => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
};

/** es_length_prefixed: the byte length as int4, then the bytes. */
const lengthPrefixed = (bytes: Buffer): Buffer => Buffer.concat([int4(bytes.length), bytes]);

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

export const eventHash = (fields: HashedFields): Buffer =>
  createHash('sha256')
    .update(lengthPrefixed(fields.previousHash ?? Buffer.alloc(0)))
    .update(lengthPrefixed(utf8(fields.streamId)))
    .update(int8(fields.revision))
    .update(Buffer.from(fields.eventId.replace(/-/g, ''), 'hex')) // uuid_send: the 16 raw bytes
    .update(lengthPrefixed(utf8(fields.type)))
    .update(int4(fields.schemaVersion))
    .update(lengthPrefixed(utf8(fields.data)))
    .update(lengthPrefixed(utf8(fields.metadata)))
    .digest();
