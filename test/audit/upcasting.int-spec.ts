// Schema evolution on real PostgreSQL: an event stored at version 1 is read at the current
// version through a registry that (for this test only) moved MarketingQualified to version 2. The
// stored row is never rewritten, and the upcaster sees the decrypted data (decrypt, then upcast).
import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, ERASED_VALUE, leadStreamName, personalFieldsOf, type Upcaster } from '#domain';
import {
  composeCodecs, PersonalDataCodec, PostgresDataKeyStore, PostgresEventStore, UpcasterRegistry, upcastingCodec,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Version 2 of MarketingQualified lists the reasons one by one; version 1 had them in one string.
const splitReasons: Upcaster = {
  type: 'MarketingQualified',
  fromVersion: 1,
  upcast: ({ reason, ...rest }) => ({ ...rest, reason, reasons: String(reason).split('; ') }),
};

describe('upcasting on read', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('reads a version-1 event as the current version 2, leaving the stored row as written', async () => {
    const keys = new PostgresDataKeyStore(db.pool, Buffer.alloc(32, 7));
    const personal = new PersonalDataCodec(keys, {
      subjectOf: (streamId) => streamId.replace(/^lead-/, ''), fieldsOf: personalFieldsOf, erasedValue: ERASED_VALUE,
    });
    const writer = new PostgresEventStore(db.pool, personal); // what a release at version 1 wrote
    const registry = new UpcasterRegistry({ ...CURRENT_SCHEMA_VERSION, MarketingQualified: 2 }, [splitReasons]);
    const reader = new PostgresEventStore(db.pool, composeCodecs(upcastingCodec(registry), personal));

    const leadId = randomUUID();
    const data = { leadId, occurredAt: '2026-10-01T09:00:00.000Z', basis: 'sdr', reason: 'asked for pricing; booked a demo', from: 'nurturing' };
    await writer.append(leadStreamName(leadId), [{
      eventId: randomUUID(), type: 'MarketingQualified', schemaVersion: 1, data,
      metadata: { correlationId: 'c', causationId: null, actor: 'system:test', occurredAt: data.occurredAt },
    }], { expectedRevision: 'no_stream' });

    const [read] = await reader.readStream(leadStreamName(leadId));
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual({ ...data, reasons: ['asked for pricing', 'booked a demo'] });
    const page = await reader.readAll({ after: '0', limit: 10 });
    expect(page.events[0]).toEqual(read);

    const { rows } = await db.pool.query('SELECT schema_version, data::text AS data FROM es_events');
    expect(rows).toEqual([{ schema_version: 1, data: expect.not.stringContaining('pricing') }]);
    expect(rows[0].data).not.toContain('reasons');
  });
});
