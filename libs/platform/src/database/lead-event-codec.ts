// The stored form of this backend's events: lead personal fields sealed with the lead's key
// (crypto-shredding), older schema versions upcast on read. Decoding decrypts first, then upcasts.
import { CURRENT_SCHEMA_VERSION, DOMAIN_UPCASTERS, ERASED_VALUE, leadStreamName, personalFieldsOf } from '#domain';
import {
  composeCodecs, PersonalDataCodec, UpcasterRegistry, upcastingCodec, type DataKeyStore, type EventCodec,
} from '#event-store';

const LEAD_STREAM_PREFIX = leadStreamName('');

/** A lead stream's data belongs to the lead; its id names the key. */
const leadOfStream = (streamId: string): string | null =>
  streamId.startsWith(LEAD_STREAM_PREFIX) ? streamId.slice(LEAD_STREAM_PREFIX.length) : null;

export const leadEventCodec = (keys: DataKeyStore): EventCodec =>
  composeCodecs(
    upcastingCodec(new UpcasterRegistry(CURRENT_SCHEMA_VERSION, DOMAIN_UPCASTERS)),
    new PersonalDataCodec(keys, { subjectOf: leadOfStream, fieldsOf: personalFieldsOf, erasedValue: ERASED_VALUE }),
  );
