// A lead's identity is derived from its normalised email, so the same person captured twice
// (or a re-sent message) is always the same lead: UUID v5 (RFC 9562) in a fixed namespace.
import { createHash } from 'node:crypto';
import { normaliseEmail } from './lead-profile.js';

/** Fixed forever: changing it would give every lead a new id. */
export const LEAD_ID_NAMESPACE = '6f1c7a52-3b0e-4d7e-9a55-1e0f4c2b8d11';

export const uuidV5 = (name: string, namespace: string): string => {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const leadIdFromEmail = (email: string): string => uuidV5(normaliseEmail(email), LEAD_ID_NAMESPACE);

export const leadStreamName = (leadId: string): string => `lead-${leadId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const isUuid = (value: string): boolean => UUID.test(value);
