// AES-256-GCM sealing: one format for data keys wrapped by the master key and for personal fields
// sealed by a data key. Sealed = IV (12 bytes) | tag (16 bytes) | ciphertext. The additional data
// binds a ciphertext to its place, so one copied into another event or subject fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export const generateKey = (): Buffer => randomBytes(KEY_BYTES);

export const seal = (key: Buffer, plaintext: Buffer, additionalData: string): Buffer => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
};

/** Throws when the key, the additional data or a single byte of `sealed` is not what sealed it. */
export const open = (key: Buffer, sealed: Buffer, additionalData: string): Buffer => {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new RangeError('sealed value too short');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
};
