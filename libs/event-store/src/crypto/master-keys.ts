// Naming the master keys that wrap the data keys (postgres-data-key-store.ts). The current one wraps
// every new data key and is what a rotation re-wraps the others into; previous ones still open the
// data keys a rotation has not reached yet, so a new master key is deployed first and the old one
// retired after.
import { createHash } from 'node:crypto';

/**
 * A master key's name, stored beside each data key it wraps: which key opens a row, and what a
 * rotation has left. One-way and truncated, so it gives nothing away about the key.
 */
export const masterKeyId = (key: Buffer): string =>
  createHash('sha256').update('leadline master key id\n').update(key).digest('hex').slice(0, 16);

/** A data key whose master key is not configured, or that none of the configured ones opens. */
export class DataKeyUnreadable extends Error {
  constructor(readonly subject: string, readonly masterKeyId: string | null) {
    super(masterKeyId === null
      ? `the data key of ${subject} opens with none of the configured master keys`
      : `the data key of ${subject} is wrapped by master key ${masterKeyId}, which is not configured (current or previous)`);
    this.name = 'DataKeyUnreadable';
  }
}
