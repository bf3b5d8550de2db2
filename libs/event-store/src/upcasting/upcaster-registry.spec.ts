import type { RecordedEvent } from '../event-store.port.js';
import { IncompleteUpcasters, UpcasterRegistry, upcastingCodec } from './upcaster-registry.js';

const event = (type: string, schemaVersion: number, data: Record<string, unknown>): RecordedEvent => ({
  eventId: 'e', type, schemaVersion, data, streamId: 's', revision: 1, position: '1', recordedAt: 't', hash: 'h', previousHash: null,
  metadata: { correlationId: 'c', causationId: null, actor: 'a', occurredAt: '2026-01-01T00:00:00Z' },
});

// v1 had one `name`; v2 split it; v3 renamed `given` to `firstName`.
const registry = new UpcasterRegistry({ Captured: 3, Other: 1 }, [
  { type: 'Captured', fromVersion: 2, upcast: ({ given, ...rest }) => ({ ...rest, firstName: given }) },
  {
    type: 'Captured', fromVersion: 1,
    upcast: ({ name, ...rest }) => {
      const [given, ...family] = String(name).split(' ');
      return { ...rest, given, familyName: family.join(' ') };
    },
  },
]);

describe('UpcasterRegistry', () => {
  it('brings a version-1 event through every step to the current version', () => {
    const upcast = registry.upcast(event('Captured', 1, { leadId: 'l', name: 'Ada King Lovelace' }));
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ leadId: 'l', firstName: 'Ada', familyName: 'King Lovelace' });
  });

  it('starts from the stored version', () => {
    expect(registry.upcast(event('Captured', 2, { given: 'Ada' })).data).toEqual({ firstName: 'Ada' });
  });

  it('returns current, unknown and newer events unchanged', async () => {
    const current = event('Captured', 3, { firstName: 'Ada' });
    const unknown = event('Unknown', 1, {});
    const newer = event('Other', 2, { x: 1 });
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(unknown)).toBe(unknown);
    expect(registry.upcast(newer)).toBe(newer);
    expect(await upcastingCodec(registry).decode([current, newer])).toEqual([current, newer]);
  });

  it('refuses at construction a chain with a gap, a duplicate or a step past the current version', () => {
    const make = () => new UpcasterRegistry({ A: 3, B: 1 }, [
      { type: 'A', fromVersion: 2, upcast: (d) => ({ ...d }) },
      { type: 'A', fromVersion: 2, upcast: (d) => ({ ...d }) },
      { type: 'B', fromVersion: 1, upcast: (d) => ({ ...d }) },
      { type: 'C', fromVersion: 1, upcast: (d) => ({ ...d }) },
    ]);
    expect(make).toThrow(IncompleteUpcasters);
    try {
      make();
    } catch (error) {
      expect((error as IncompleteUpcasters).problems).toEqual([
        'A v2: registered twice',
        'B v1: must start below the current version 1',
        'C is not a known event type',
        'A v1 → v2: no upcaster',
      ]);
    }
  });
});
