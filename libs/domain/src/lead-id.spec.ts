import { LEAD_ID_NAMESPACE, isUuid, leadIdFromEmail, leadStreamName, uuidV5 } from './lead-id.js';

const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('lead id', () => {
  it('is the same for the same email written in another case or with whitespace', () => {
    const id = leadIdFromEmail('ada@example.com');
    expect(leadIdFromEmail('Ada@Example.com')).toBe(id);
    expect(leadIdFromEmail('  ADA@EXAMPLE.COM\t')).toBe(id);
    expect(leadIdFromEmail('bob@example.com')).not.toBe(id);
  });

  it('is a valid version 5 UUID', () => {
    const id = leadIdFromEmail('ada@example.com');
    expect(id).toMatch(V5);
    expect(isUuid(id)).toBe(true);
  });

  it('matches known vectors (computed independently with Python\'s uuid.uuid5)', () => {
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    // Pinned forever: a change here would give every stored lead a new id.
    expect(LEAD_ID_NAMESPACE).toBe('6f1c7a52-3b0e-4d7e-9a55-1e0f4c2b8d11');
    expect(leadIdFromEmail('ada@example.com')).toBe('3cbca9d5-17f1-5638-a615-d869d0412f16');
  });

  it('names the lead\'s stream', () => {
    expect(leadStreamName('3cbca9d5-17f1-5638-a615-d869d0412f16')).toBe('lead-3cbca9d5-17f1-5638-a615-d869d0412f16');
  });
});
