// The whole backend in one process: what `npm start` runs.
import type { ServiceDefinition } from '#platform';
import { ALL_MIGRATIONS } from './schema.js';
import { loadStandaloneConfig, type StandaloneConfig } from './standalone.config.js';
import { StandaloneModule } from './standalone.module.js';

export const STANDALONE: ServiceDefinition<StandaloneConfig> = {
  title: 'Leadline',
  loadConfig: loadStandaloneConfig,
  module: (config, databaseUrl) => StandaloneModule.forRoot(config, databaseUrl),
  migrations: ALL_MIGRATIONS,
  embeddedDatabase: true,
};
