import { EventTooLarge, type NewEvent } from '../event-store.port.js';
import { eventHash } from '../postgres/event-hash.js';
import { chainEvents, checkStorable, fromEsdbEvent, storedEventHash } from './esdb-stored-event.js';

const event = (eventId: string, data: Record<string, unknown>): NewEvent => ({
  eventId,
  type: 'LeadCaptured',
  schemaVersion: 2,
  data,
  metadata: { correlationId: 'corr-1', causationId: null, actor: 'system:spec', occurredAt: '2026-11-25T10:00:00.000Z', source: 'ü' },
});

describe('stored form in KurrentDB', () => {
  const first = event('0b6e2f6c-4a0e-4c55-9d54-2d3c0d5b2a10', { leadId: 'l-1', email: 'ada@example.com', n: 1.5 });
  const second = event('1c7f3a7d-5b1f-4d66-8e65-3e4d1e6c3b21', { leadId: 'l-1', tags: ['a', 'b'] });

  it('hashes with the PostgreSQL formula over JSON.stringify of the stored data and metadata, chained', () => {
    const chained = chainEvents('lead-l-1', { revision: 4, hash: null }, [first, second]);
    const expectedFirst = eventHash({
      previousHash: null, streamId: 'lead-l-1', revision: 5, eventId: first.eventId, type: first.type, schemaVersion: 2,
      data: JSON.stringify(first.data), metadata: JSON.stringify(first.metadata),
    }).toString('hex');
    expect(chained[0].hash).toBe(expectedFirst);
    expect(chained[1].hash).toBe(storedEventHash('lead-l-1', 6, expectedFirst, second));
    expect(chained[1].eventData.metadata).toMatchObject({ previousHash: expectedFirst, hash: chained[1].hash, schemaVersion: 2, metadata: second.metadata });
    expect(chained[0].eventData).toMatchObject({ id: first.eventId, type: 'LeadCaptured', contentType: 'application/json', data: first.data });
    expect(chained[0].eventData.metadata).toMatchObject({ $correlationId: 'corr-1', $causationId: null });
  });

  it('reads back what it wrote: revision 1-based, hash and previous hash from the envelope', () => {
    const [before, written] = chainEvents('lead-l-1', { revision: 4, hash: 'ab'.repeat(32) }, [first, second]);
    const recorded = fromEsdbEvent(
      {
        streamId: 'ns/lead-l-1', id: second.eventId, isJson: true, revision: 5n, type: second.type, created: new Date('2026-11-25T10:00:01Z'),
        data: written.eventData.data, metadata: JSON.parse(JSON.stringify(written.eventData.metadata)),
      },
      'lead-l-1',
      '00000000000000000001:00000000000000000001',
    );
    expect(recorded).toEqual({
      ...second, streamId: 'lead-l-1', revision: 6, position: '00000000000000000001:00000000000000000001',
      recordedAt: '2026-11-25T10:00:01.000Z', hash: written.hash, previousHash: before.hash,
    });
    // The JSON text re-made from what was read is the text that was hashed.
    expect(storedEventHash('lead-l-1', 6, recorded.previousHash, recorded)).toBe(recorded.hash);
  });

  it('refuses events another writer left without an envelope', () => {
    expect(() => fromEsdbEvent({ streamId: 's', id: 'x', isJson: true, revision: 0n, type: 'T', created: new Date(), data: {}, metadata: { foo: 1 } }, 's', 'p')).toThrow(TypeError);
  });

  it('refuses what the PostgreSQL adapter refuses: no UUID, too large, no occurredAt instant', () => {
    expect(() => checkStorable({ ...first, eventId: 'nope' }, 1024)).toThrow(TypeError);
    expect(() => checkStorable({ ...first, data: { blob: 'x'.repeat(2000) } }, 1024)).toThrow(EventTooLarge);
    expect(() => checkStorable({ ...first, metadata: { ...first.metadata, occurredAt: 'yesterday' } }, 1024)).toThrow(TypeError);
    expect(() => checkStorable(first, 1024)).not.toThrow();
  });
});
