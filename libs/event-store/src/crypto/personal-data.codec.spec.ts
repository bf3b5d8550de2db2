import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { MemoryDataKeyStore } from './memory-data-key-store.js';
import { PersonalDataCodec, PersonalDataUnreadable, type PersonalDataPolicy } from './personal-data.codec.js';


const policy: PersonalDataPolicy = {
  subjectOf: (streamId) => (streamId.startsWith('lead-') ? streamId.slice(5) : null),
  fieldsOf: (type) => (type === 'Captured' ? [['profile', 'email'], ['profile', 'firstName'], ['notes', '*', 'text']] : []),
  erasedValue: '[erased]',
};

const captured: NewEvent = {
  eventId: '0b8f6a2e-8f0e-4c1f-9d57-6c2c7d9f1a01',
  type: 'Captured',
  schemaVersion: 1,
  data: {
    leadId: 'l1',
    profile: { email: 'ada@example.com', firstName: 'Ada', company: { name: 'Example AB' } },
    notes: { a: { text: 'likes tea', at: 1 }, b: { at: 2 } },
  },
  metadata: { correlationId: 'c', causationId: null, actor: 'test', occurredAt: '2026-01-01T00:00:00Z' },
};

const recorded = (event: NewEvent, streamId = 'lead-l1'): RecordedEvent => ({
  ...event, streamId, revision: 1, position: '1', recordedAt: '2026-01-01T00:00:00Z', hash: 'h', previousHash: null,
});

describe('PersonalDataCodec', () => {
  let keys: MemoryDataKeyStore;
  let codec: PersonalDataCodec;
  beforeEach(() => {
    keys = new MemoryDataKeyStore();
    codec = new PersonalDataCodec(keys, policy);
  });

  it('stores personal fields sealed, nothing of them in the clear, and everything else as is', async () => {
    const stored = await codec.encode('lead-l1', captured);
    const text = JSON.stringify(stored.data);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('Ada');
    expect(text).not.toContain('likes tea');
    expect(stored.data).toMatchObject({
      leadId: 'l1',
      profile: { email: { $sealed: expect.any(String) }, firstName: { $sealed: expect.any(String) }, company: { name: 'Example AB' } },
      notes: { a: { text: { $sealed: expect.any(String) }, at: 1 }, b: { at: 2 } },
    });
  });

  it('reads back exactly what was written', async () => {
    const stored = await codec.encode('lead-l1', captured);
    expect((await codec.decode([recorded(stored)]))[0].data).toEqual(captured.data);
  });

  it('reads every personal field as erased once the key is deleted, the rest unchanged', async () => {
    const stored = await codec.encode('lead-l1', captured);
    await keys.erase('l1');
    expect((await codec.decode([recorded(stored)]))[0].data).toEqual({
      leadId: 'l1',
      profile: { email: '[erased]', firstName: '[erased]', company: { name: 'Example AB' } },
      notes: { a: { text: '[erased]', at: 1 }, b: { at: 2 } },
    });
  });

  it('never writes personal data in the clear after erasure', async () => {
    await keys.findOrCreate(['l1']);
    await keys.erase('l1');
    const stored = await codec.encode('lead-l1', captured);
    expect(stored.data).toMatchObject({ profile: { email: '[erased]', firstName: '[erased]' } });
  });

  it('uses one key per subject: another lead cannot read it', async () => {
    await codec.encode('lead-l1', captured);
    await codec.encode('lead-l2', captured);
    const one = keys.keys.get('l1');
    const two = keys.keys.get('l2');
    expect(one?.state === 'active' && two?.state === 'active' && one.key.equals(two.key)).toBe(false);
  });

  it('refuses a sealed field moved to another event (bound to stream, event and field)', async () => {
    const stored = await codec.encode('lead-l1', captured);
    const moved = recorded({ ...stored, eventId: '0b8f6a2e-8f0e-4c1f-9d57-6c2c7d9f1a02' });
    await expect(codec.decode([moved])).rejects.toBeInstanceOf(PersonalDataUnreadable);
  });

  it('decodes a page in order with one key lookup for all its subjects', async () => {
    const first = recorded(await codec.encode('lead-l1', captured));
    const second = recorded(await codec.encode('lead-l2', { ...captured, data: { ...captured.data, leadId: 'l2' } }), 'lead-l2');
    const plain = recorded({ ...captured, type: 'Other' });
    await keys.erase('l2');
    const find = jest.spyOn(keys, 'find');
    const page = await codec.decode([first, plain, second, first]);
    expect(find).toHaveBeenCalledTimes(1);
    expect(find.mock.calls[0][0]).toEqual(['l1', 'l2']);
    expect(page.map((event) => event.data.profile)).toEqual([
      captured.data.profile, captured.data.profile, { email: '[erased]', firstName: '[erased]', company: { name: 'Example AB' } }, captured.data.profile,
    ]);
    expect(page[1]).toBe(plain);
  });

  it('leaves streams without a subject and events without personal fields untouched, creating no key', async () => {
    expect(await codec.encode('planning', captured)).toBe(captured);
    const other = { ...captured, type: 'Other' };
    expect(await codec.encode('lead-l1', other)).toBe(other);
    expect(keys.keys.size).toBe(0);
  });
});
