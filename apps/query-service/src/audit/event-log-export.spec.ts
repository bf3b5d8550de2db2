import type { EventStore, ReadAllOptions, ReadAllPage, RecordedEvent } from '#event-store';
import { exportEventLog } from './event-log-export.js';

const event = (n: number): RecordedEvent => ({
  eventId: `e-${n}`, type: 'T', schemaVersion: 1, data: { n }, streamId: 's', revision: n, position: String(n).padStart(4, '0'),
  recordedAt: 't', hash: 'h', previousHash: null,
  metadata: { correlationId: 'c', causationId: null, actor: 'a', occurredAt: '2026-01-01T00:00:00Z' },
});

/** A log of `size` events; records each page asked for. */
const logOf = (size: number): { store: EventStore; reads: ReadAllOptions[] } => {
  const reads: ReadAllOptions[] = [];
  const store = {
    readAll: async (options: ReadAllOptions): Promise<ReadAllPage> => {
      reads.push(options);
      const from = options.after === '0' ? 0 : Number(options.after);
      const events = Array.from({ length: Math.max(0, Math.min(options.limit, size - from)) }, (_, i) => event(from + i + 1));
      return { events, next: events.at(-1)?.position ?? options.after };
    },
  } as unknown as EventStore;
  return { store, reads };
};

describe('exportEventLog', () => {
  it('reads the next page only when the client took the previous one', async () => {
    const { store, reads } = logOf(1200);
    const lines = (await exportEventLog(store, '0'))[Symbol.asyncIterator]();
    expect(reads).toHaveLength(1); // read before anything is sent, so a bad position gets a problem answer
    for (let taken = 0; taken < 500; taken++) await lines.next();
    expect(reads).toHaveLength(1);
    await lines.next();
    expect(reads).toHaveLength(2);
    let rest = 0;
    while (!(await lines.next()).done) rest++;
    expect(501 + rest).toBe(1200);
    expect(reads.map((r) => r.limit)).toEqual([500, 500, 500, 500]); // the fourth, empty, ends it
  });

  it('stops reading when the client goes away', async () => {
    const { store, reads } = logOf(5000);
    const lines = (await exportEventLog(store, '0'))[Symbol.asyncIterator]();
    expect(JSON.parse((await lines.next()).value as string)).toMatchObject({ eventId: 'e-1', position: '0001' });
    await lines.return?.(); // what Nest does when the connection closes
    expect(await lines.next()).toEqual({ done: true, value: undefined });
    expect(reads).toHaveLength(1);
  });

  it('honours the limit', async () => {
    const { store, reads } = logOf(5000);
    const lines: string[] = [];
    for await (const line of await exportEventLog(store, '0', 700)) lines.push(line);
    expect(lines).toHaveLength(700);
    expect(lines.every((line) => line.endsWith('}\n'))).toBe(true);
    expect(reads.map((r) => r.limit)).toEqual([500, 200]);
  });
});
