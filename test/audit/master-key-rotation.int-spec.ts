// Rotating the master key on real PostgreSQL: every data key wrapped by the old master key is
// re-wrapped into the new one (`PostgresDataKeyStore.rewrapAll`, what `npm run rotate-master-key`
// runs), what those data keys sealed reads the same afterwards without the old key, and erased
// leads stay erased.
import { randomUUID } from 'node:crypto';
import { ERASED_VALUE, leadStreamName, personalFieldsOf } from '#domain';
import {
  DataKeyUnreadable, masterKeyId, PersonalDataCodec, PostgresDataKeyStore, PostgresEventStore, type DataKeyStore, type SubjectKey,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);
const UNKNOWN = Buffer.alloc(32, 3);

describe('rotating the master key', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(); });
  afterEach(async () => { await db.drop(); });

  const eventStore = (keys: DataKeyStore) => new PostgresEventStore(db.pool, new PersonalDataCodec(keys, {
    subjectOf: (streamId) => streamId.slice(leadStreamName('').length), fieldsOf: personalFieldsOf, erasedValue: ERASED_VALUE,
  }));

  /** A MarketingQualified event for `leadId`, its reason sealed with the lead's data key. */
  const qualify = async (keys: DataKeyStore, leadId: string, reason: string) => {
    const occurredAt = '2026-12-01T09:00:00.000Z';
    await eventStore(keys).append(leadStreamName(leadId), [{
      eventId: randomUUID(), type: 'MarketingQualified', schemaVersion: 1,
      data: { leadId, occurredAt, basis: 'sdr', reason, from: 'lead' },
      metadata: { correlationId: 'c', causationId: null, actor: 'system:test', occurredAt },
    }], { expectedRevision: 'any' });
  };

  const reasonOf = async (keys: DataKeyStore, leadId: string): Promise<unknown> =>
    (await eventStore(keys).readStream(leadStreamName(leadId)))[0].data.reason;

  const dataKeys = async (keys: DataKeyStore, subjects: readonly string[]): Promise<SubjectKey[]> => {
    const found = await keys.find(subjects);
    return subjects.map((subject) => found.get(subject) as SubjectKey);
  };

  it('re-wraps every data key, in batches, so what they sealed reads the same once the old key is dropped', async () => {
    const old = new PostgresDataKeyStore(db.pool, OLD);
    const leads = Array.from({ length: 1203 }, () => randomUUID()); // three batches of re-wrapping
    await old.findOrCreate(leads);
    await qualify(old, leads[0], 'asked for pricing');
    await qualify(old, leads[1202], 'booked a demo');
    const before = await dataKeys(old, leads);

    const rotating = new PostgresDataKeyStore(db.pool, NEW, [OLD]);
    expect(await reasonOf(rotating, leads[0])).toBe('asked for pricing'); // served before the rotation too
    expect(await rotating.rewrapAll()).toBe(1203);
    expect(await rotating.wrappedBy()).toEqual(new Map([[masterKeyId(NEW), 1203]]));
    expect(await rotating.rewrapAll()).toBe(0);

    const retired = new PostgresDataKeyStore(db.pool, NEW);
    expect(await dataKeys(retired, leads)).toEqual(before);
    expect(await reasonOf(retired, leads[0])).toBe('asked for pricing');
    expect(await reasonOf(retired, leads[1202])).toBe('booked a demo');
    // the old key alone opens nothing any more, and says which key it would need
    await expect(old.find([leads[0]])).rejects.toThrow(DataKeyUnreadable);
    await expect(old.find([leads[0]])).rejects.toThrow(masterKeyId(NEW));
  });

  it('labels new data keys with the current key, and opens keys wrapped before labels existed by trying each', async () => {
    const old = new PostgresDataKeyStore(db.pool, OLD);
    const [legacy, fresh] = [randomUUID(), randomUUID()];
    await qualify(old, legacy, 'met at a fair');
    await db.pool.query('UPDATE pii_data_keys SET master_key_id = NULL'); // as the rows written before migration 0002

    const rotating = new PostgresDataKeyStore(db.pool, NEW, [OLD]);
    await rotating.findOrCreate([fresh]);
    expect(await rotating.wrappedBy()).toEqual(new Map([[masterKeyId(NEW), 1], [null, 1]]));
    expect(await reasonOf(rotating, legacy)).toBe('met at a fair');
    expect(await rotating.rewrapAll()).toBe(1);
    expect(await reasonOf(new PostgresDataKeyStore(db.pool, NEW), legacy)).toBe('met at a fair');
  });

  it('leaves erased leads erased, and lets rotations and erasures run at the same time', async () => {
    const old = new PostgresDataKeyStore(db.pool, OLD);
    const leads = Array.from({ length: 1500 }, () => randomUUID());
    await old.findOrCreate(leads);
    const before = await dataKeys(old, leads);
    await old.erase(leads[0]);
    const erasedMeanwhile = leads.filter((_, i) => i % 7 === 3);

    const [first, second] = [new PostgresDataKeyStore(db.pool, NEW, [OLD]), new PostgresDataKeyStore(db.pool, NEW, [OLD])];
    const [a, b] = await Promise.all([first.rewrapAll(), second.rewrapAll(), ...erasedMeanwhile.map((lead) => first.erase(lead))]);

    // each live key re-wrapped once, by one of the two: none of those erased meanwhile more than once
    expect(a + b).toBeLessThanOrEqual(leads.length - 1);
    expect(a + b).toBeGreaterThanOrEqual(leads.length - 1 - erasedMeanwhile.length);
    const erased = new Set([leads[0], ...erasedMeanwhile]);
    expect(await first.wrappedBy()).toEqual(new Map([[masterKeyId(NEW), leads.length - erased.size]]));
    const after = await dataKeys(new PostgresDataKeyStore(db.pool, NEW), leads);
    expect(after).toEqual(leads.map((lead, i) => (erased.has(lead) ? { state: 'erased' } : before[i])));
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM pii_data_keys WHERE wrapped_key IS NULL AND master_key_id IS NULL');
    expect(rows[0].n).toBe(erased.size);
  });

  it('stops at a data key no configured master key opens, changing nothing', async () => {
    const stranger = new PostgresDataKeyStore(db.pool, UNKNOWN);
    const lead = randomUUID();
    await stranger.findOrCreate([lead]);

    const rotating = new PostgresDataKeyStore(db.pool, NEW, [OLD]);
    await expect(rotating.rewrapAll()).rejects.toThrow(`wrapped by master key ${masterKeyId(UNKNOWN)}, which is not configured`);
    expect(await rotating.wrappedBy()).toEqual(new Map([[masterKeyId(UNKNOWN), 1]]));
    await db.pool.query('UPDATE pii_data_keys SET master_key_id = NULL');
    await expect(rotating.find([lead])).rejects.toThrow('opens with none of the configured master keys');
  });
});
