import { ConfigError, readConfig, type Env } from './env-reader.js';
import { readPersonalDataConfig } from './personal-data.config.js';

const read = (env: Env, production = false) => readConfig(env, (reader) => readPersonalDataConfig(reader, production));
const base64 = (fill: number, bytes = 32): string => Buffer.alloc(bytes, fill).toString('base64');

describe('PII_MASTER_KEY', () => {
  it('takes base64 of 32 bytes', () => {
    const key = Buffer.alloc(32, 9);
    expect(read({ PII_MASTER_KEY: key.toString('base64') })).toEqual({ masterKey: key, developmentMasterKey: false, previousMasterKeys: [] });
  });

  it('falls back to the development key outside production, and says so', () => {
    const config = read({});
    expect(config.developmentMasterKey).toBe(true);
    expect(config.masterKey).toHaveLength(32);
  });

  it('is required in production and must be 32 bytes of base64', () => {
    expect(() => read({}, true)).toThrow(ConfigError);
    expect(() => read({ PII_MASTER_KEY: base64(1, 16) })).toThrow(/exactly 32 bytes/);
    expect(() => read({ PII_MASTER_KEY: 'not base64!' })).toThrow(/PII_MASTER_KEY/);
  });
});

describe('PII_PREVIOUS_MASTER_KEYS', () => {
  it('takes a comma-separated list of keys, for reading what they wrapped', () => {
    const config = read({ PII_MASTER_KEY: base64(9), PII_PREVIOUS_MASTER_KEYS: ` ${base64(1)}, ${base64(2)} ` });
    expect(config.previousMasterKeys).toEqual([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
    expect(config.masterKey).toEqual(Buffer.alloc(32, 9));
  });

  it('names each bad entry by its place, and refuses the current key among them', () => {
    const attempt = () => read({ PII_MASTER_KEY: base64(9), PII_PREVIOUS_MASTER_KEYS: `${base64(1)},short,${base64(9)}` });
    expect(attempt).toThrow(/entry 2 must be base64 of exactly 32 bytes/);
    expect(attempt).toThrow(/entry 3 is the current PII_MASTER_KEY/);
  });

  it('may retire the development key', () => {
    const development = read({}).masterKey;
    expect(read({ PII_MASTER_KEY: base64(9), PII_PREVIOUS_MASTER_KEYS: development.toString('base64') }).previousMasterKeys).toEqual([development]);
  });
});
