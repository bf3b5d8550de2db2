// Which KurrentDB stream holds what. A store may run under a namespace (a prefix on every stream it
// writes), so several environments or test runs can share one cluster without seeing each other;
// the port's stream ids never carry it. Next to the event streams live the event-id claim streams
// (event-id-claims.ts), which no reader of the port may see.
import { escapeRegExp } from './escape-reg-exp.js';

/** Claim streams: `<namespace>leadline-event-id-<uuid>`. */
export const CLAIM_STREAM_PREFIX = 'leadline-event-id-';

export class StreamNames {
  constructor(readonly namespace: string) {
    if (namespace.startsWith('$')) throw new RangeError(`namespace must not start with '$' (system streams), got ${JSON.stringify(namespace)}`);
  }

  /** The KurrentDB stream of a port stream id; refuses ids that would read as system or claim streams. */
  stream(streamId: string): string {
    if (streamId === '' || streamId.startsWith('$') || streamId.startsWith(CLAIM_STREAM_PREFIX)) {
      throw new RangeError(`stream id ${JSON.stringify(streamId)} is reserved (empty, '$…' or '${CLAIM_STREAM_PREFIX}…')`);
    }
    return this.namespace + streamId;
  }

  claim(eventId: string): string {
    return `${this.namespace}${CLAIM_STREAM_PREFIX}${eventId.toLowerCase()}`;
  }

  /** The port stream id of a KurrentDB stream, or null when it is not one of this store's event streams. */
  portId(streamName: string): string | null {
    if (!streamName.startsWith(this.namespace)) return null;
    const id = streamName.slice(this.namespace.length);
    return id === '' || id.startsWith('$') || id.startsWith(CLAIM_STREAM_PREFIX) ? null : id;
  }

  /** Whether a KurrentDB stream is one of this store's event streams under one of these prefixes. */
  matches(streamName: string, prefixes: readonly string[] | undefined): boolean {
    const id = this.portId(streamName);
    return id !== null && (prefixes === undefined || prefixes.some((prefix) => id.startsWith(prefix)));
  }

  /**
   * The same test as `matches`, as the server-side stream-name regex of a filtered subscription
   * (.NET syntax; a search, hence the anchor). System streams (`$…`, `$$…` metadata) and claim
   * streams are left out by the lookahead.
   */
  filterRegex(prefixes: readonly string[] | undefined): string {
    // No prefixes at all selects nothing, as in the PostgreSQL adapter; `(?!)` never matches.
    const wanted = prefixes === undefined ? '' : prefixes.length === 0 ? '(?!)' : `(?:${prefixes.map(escapeRegExp).join('|')})`;
    return `^${escapeRegExp(this.namespace)}(?!\\$|${escapeRegExp(CLAIM_STREAM_PREFIX)})${wanted}`;
  }
}
