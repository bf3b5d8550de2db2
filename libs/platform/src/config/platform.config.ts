// The platform's own configuration: HTTP, environment, API keys, where the database is.
import { readApiKeys, type ApiKeys } from '../auth/api-keys.js';
import { readConfig, type EnvReader, type Env } from './env-reader.js';
import { readEventStoreConfig, type EventStoreConfig } from './event-store.config.js';
import { readPersonalDataConfig, type PersonalDataConfig } from './personal-data.config.js';

export interface PlatformConfig {
  readonly port: number;
  readonly production: boolean;
  readonly apiKeys: ApiKeys;
  readonly developmentKeys: boolean;
  /** Unset: embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly eventStore: EventStoreConfig;
  readonly personalData: PersonalDataConfig;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export const readPlatformConfig = (env: EnvReader): PlatformConfig => {
  const production = env.string('NODE_ENV') === 'production';
  const { keys, development } = readApiKeys(env, production);
  return {
    port: env.integer('PORT', 3000, { min: 0, max: 65535 }),
    production,
    apiKeys: keys,
    developmentKeys: development,
    databaseUrl: env.string('DATABASE_URL'),
    dataDir: env.string('DATA_DIR', './.data'),
    embeddedPostgresPort: env.integer('EMBEDDED_PG_PORT', 54329, { min: 1024, max: 65535 }),
    eventStore: readEventStoreConfig(env),
    personalData: readPersonalDataConfig(env, production),
  };
};

export const loadPlatformConfig = (env: Env = process.env): PlatformConfig => readConfig(env, readPlatformConfig);
