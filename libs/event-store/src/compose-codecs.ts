// Several codecs as one: encoding runs them in order, decoding in reverse, so each decoder sees
// exactly what its own encoder produced (decrypt first, then upcast the plain data).
import type { EventCodec } from './event-store.port.js';

export const composeCodecs = (...codecs: readonly EventCodec[]): EventCodec => ({
  encode: async (streamId, event) => {
    let encoded = event;
    for (const codec of codecs) encoded = await codec.encode(streamId, encoded);
    return encoded;
  },
  decode: async (event) => {
    let decoded = event;
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    return decoded;
  },
});
