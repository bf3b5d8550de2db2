// The master keys that wrap every lead's data key (crypto-shredding). Without PII_MASTER_KEY a
// fixed development key is used, so embedded development data stays readable across restarts;
// production refuses to start without a real one. PII_PREVIOUS_MASTER_KEYS lists the keys a
// rotation retires: they still open the data keys they wrapped until `npm run rotate-master-key`
// has re-wrapped them (README, "Rotating the master key").
import { createHash } from 'node:crypto';
import { masterKeyId } from '#event-store';
import type { EnvReader } from './env-reader.js';

export interface PersonalDataConfig {
  readonly masterKey: Buffer;
  /** true: the public development key is in use (warned about at start). */
  readonly developmentMasterKey: boolean;
  /** Older master keys, accepted for reading only. */
  readonly previousMasterKeys: readonly Buffer[];
}

const MASTER_KEY_BYTES = 32;
const DEVELOPMENT_MASTER_KEY = createHash('sha256').update('leadline development PII master key, never for production').digest();
const HOW = `base64 of exactly ${MASTER_KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`;

/** The key `raw` is base64 of, or null when it is not one of the right length. */
const masterKeyOf = (raw: string): Buffer | null => {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  return key.length === MASTER_KEY_BYTES ? key : null;
};

const readPreviousMasterKeys = (env: EnvReader, current: Buffer): Buffer[] => env.list('PII_PREVIOUS_MASTER_KEYS').flatMap((raw, index) => {
  const key = masterKeyOf(raw);
  if (key !== null && !key.equals(current)) return [key];
  env.problem(`PII_PREVIOUS_MASTER_KEYS: entry ${index + 1} ${key === null ? `must be ${HOW}` : 'is the current PII_MASTER_KEY'}`);
  return [];
});

export const readPersonalDataConfig = (env: EnvReader, production: boolean): PersonalDataConfig => {
  const raw = env.string('PII_MASTER_KEY');
  if (raw === undefined && production) env.problem(`PII_MASTER_KEY must be set when NODE_ENV=production (${HOW})`);
  const key = raw === undefined ? null : masterKeyOf(raw);
  if (raw !== undefined && key === null) env.problem(`PII_MASTER_KEY must be ${HOW}`);
  const masterKey = key ?? DEVELOPMENT_MASTER_KEY;
  return { masterKey, developmentMasterKey: key === null, previousMasterKeys: readPreviousMasterKeys(env, masterKey) };
};

/**
 * What an operator is told when data keys need master keys the configuration lacks
 * (`PostgresDataKeyStore.missingMasterKeys`): by id, with the development key spelled out, since it
 * is public anyway and the likely one missing when a store started in development gets a real key.
 */
export const missingMasterKeysProblem = (missing: ReadonlyMap<string | null, number>): string => {
  const development = masterKeyId(DEVELOPMENT_MASTER_KEY);
  const which = [...missing].map(([id, keys]) => {
    if (id === null) return `${keys} wrapped before master key ids were stored, by none of the configured keys`;
    return `${keys} by ${id}${id === development ? `, the development key (${DEVELOPMENT_MASTER_KEY.toString('base64')})` : ''}`;
  });
  return `data keys are wrapped by master keys that are not configured (${which.join('; ')}): add those keys to PII_PREVIOUS_MASTER_KEYS`;
};
