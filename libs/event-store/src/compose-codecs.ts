// Several codecs as one: encoding runs them in order, decoding in reverse, so each decoder sees
// exactly what its own encoder produced (decrypt first, then upcast the plain data).
import type { EventCodec } from './event-store.port.js';

export const composeCodecs = (...codecs: readonly EventCodec[]): EventCodec => {
  const decoders = [...codecs].reverse();
  return {
    encode: async (streamId, event) => {
      let encoded = event;
      for (const codec of codecs) encoded = await codec.encode(streamId, encoded);
      return encoded;
    },
    decode: async (events) => {
      let decoded = events;
      for (const codec of decoders) decoded = await codec.decode(decoded);
      return decoded;
    },
  };
};
