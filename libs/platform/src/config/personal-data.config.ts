// The master key that wraps every lead's data key (crypto-shredding). Without PII_MASTER_KEY a
// fixed development key is used, so embedded development data stays readable across restarts;
// production refuses to start without a real one.
import { createHash } from 'node:crypto';
import type { EnvReader } from './env-reader.js';

export interface PersonalDataConfig {
  readonly masterKey: Buffer;
  /** true: the public development key is in use (warned about at start). */
  readonly developmentMasterKey: boolean;
}

const MASTER_KEY_BYTES = 32;
const DEVELOPMENT_MASTER_KEY = createHash('sha256').update('leadline development PII master key, never for production').digest();

export const readPersonalDataConfig = (env: EnvReader, production: boolean): PersonalDataConfig => {
  const raw = env.string('PII_MASTER_KEY');
  if (raw === undefined) {
    if (production) env.problem('PII_MASTER_KEY must be set when NODE_ENV=production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)');
    return { masterKey: DEVELOPMENT_MASTER_KEY, developmentMasterKey: true };
  }
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== MASTER_KEY_BYTES) {
    env.problem(`PII_MASTER_KEY must be base64 of exactly ${MASTER_KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`);
    return { masterKey: DEVELOPMENT_MASTER_KEY, developmentMasterKey: true };
  }
  return { masterKey: key, developmentMasterKey: false };
};
