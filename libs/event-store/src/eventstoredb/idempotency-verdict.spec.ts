import type { RecordedEvent } from '../event-store.port.js';
import { idempotencyVerdict } from './idempotency-verdict.js';

const stored = (eventId: string, revision: number): RecordedEvent => ({
  eventId, revision, type: 'T', schemaVersion: 1, data: {}, streamId: 's', position: `p${revision}`, recordedAt: '', hash: '', previousHash: null,
  metadata: { correlationId: 'c', causationId: null, actor: 'a', occurredAt: '2026-01-01T00:00:00Z' },
});

describe('idempotency verdict of a re-append', () => {
  it('absent when none of the events is stored', () => {
    expect(idempotencyVerdict('no_stream', ['a'], [])).toEqual({ kind: 'absent' });
  });

  it('stored when all are there, in order, where the expectation puts them', () => {
    const found = [stored('a', 2), stored('b', 3)];
    expect(idempotencyVerdict(1, ['a', 'b'], found)).toEqual({ kind: 'stored', last: found[1] });
    expect(idempotencyVerdict('any', ['A', 'B'], found)).toEqual({ kind: 'stored', last: found[1] });
    expect(idempotencyVerdict('stream_exists', ['a', 'b'], found)).toMatchObject({ kind: 'stored' });
    expect(idempotencyVerdict('no_stream', ['x'], [stored('x', 1)])).toMatchObject({ kind: 'stored' });
  });

  it('duplicate when stored elsewhere in the stream, partly, or out of order', () => {
    expect(idempotencyVerdict(3, ['a'], [stored('a', 1)])).toEqual({ kind: 'duplicate', eventId: 'a', revision: 1 });
    expect(idempotencyVerdict('no_stream', ['a'], [stored('a', 2)])).toMatchObject({ kind: 'duplicate' });
    expect(idempotencyVerdict('any', ['n', 'a'], [stored('a', 1)])).toEqual({ kind: 'duplicate', eventId: 'a', revision: 1 });
    expect(idempotencyVerdict('any', ['b', 'a'], [stored('a', 1), stored('b', 2)])).toMatchObject({ kind: 'duplicate' });
    expect(idempotencyVerdict('any', ['a', 'b'], [stored('a', 1), stored('b', 3)])).toMatchObject({ kind: 'duplicate' });
  });
});
