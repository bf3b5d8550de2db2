import { ConfigError, readConfig, type Env } from './env-reader.js';
import { readPersonalDataConfig } from './personal-data.config.js';

const read = (env: Env, production = false) => readConfig(env, (reader) => readPersonalDataConfig(reader, production));

describe('PII_MASTER_KEY', () => {
  it('takes base64 of 32 bytes', () => {
    const key = Buffer.alloc(32, 9);
    expect(read({ PII_MASTER_KEY: key.toString('base64') })).toEqual({ masterKey: key, developmentMasterKey: false });
  });

  it('falls back to the development key outside production, and says so', () => {
    const config = read({});
    expect(config.developmentMasterKey).toBe(true);
    expect(config.masterKey).toHaveLength(32);
  });

  it('is required in production and must be 32 bytes of base64', () => {
    expect(() => read({}, true)).toThrow(ConfigError);
    expect(() => read({ PII_MASTER_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/exactly 32 bytes/);
    expect(() => read({ PII_MASTER_KEY: 'not base64!' })).toThrow(/PII_MASTER_KEY/);
  });
});
