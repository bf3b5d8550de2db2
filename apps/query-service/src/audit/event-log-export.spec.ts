import { EventEmitter } from 'node:events';
import type { Response } from 'express';
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

/** A response whose buffer is full after every line until the test drains it. */
class SlowClient extends EventEmitter {
  readonly lines: string[] = [];
  ended = false;
  status(): this { return this; }
  type(): this { return this; }
  write(chunk: string): boolean {
    this.lines.push(chunk);
    return false;
  }
  end(): void { this.ended = true; }
  destroy(): void { this.emit('close'); }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('exportEventLog', () => {
  it('reads the next page only when the client took the previous one', async () => {
    const { store, reads } = logOf(1200);
    const client = new SlowClient();
    const done = exportEventLog(store, client as unknown as Response, '0');
    await tick();
    expect(reads).toHaveLength(1);
    expect(client.lines).toHaveLength(1); // waiting for the client before writing more
    while (!client.ended) {
      client.emit('drain');
      await tick();
    }
    await done;
    expect(client.lines).toHaveLength(1200);
    expect(reads.map((r) => r.limit)).toEqual([500, 500, 500, 500]); // the fourth, empty, ends it
  });

  it('stops reading when the client goes away', async () => {
    const { store, reads } = logOf(5000);
    const client = new SlowClient();
    const done = exportEventLog(store, client as unknown as Response, '0');
    await tick();
    client.emit('close');
    await done;
    expect(reads).toHaveLength(1);
    expect(client.lines).toHaveLength(1);
  });

  it('honours the limit', async () => {
    const { store, reads } = logOf(5000);
    const client = new SlowClient();
    client.write = (chunk: string) => { client.lines.push(chunk); return true; };
    await exportEventLog(store, client as unknown as Response, '0', 700);
    expect(client.lines).toHaveLength(700);
    expect(reads.map((r) => r.limit)).toEqual([500, 200]);
  });
});
