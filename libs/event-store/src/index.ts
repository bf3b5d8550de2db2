export * from './event-store.port.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { runMigrations, type Migration } from './postgres/migration-runner.js';
export { eventStoreMigrations } from './postgres/migrations/event-store.migrations.js';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './postgres/embedded-postgres.js';
export { isConnectionFailure } from './postgres/connection-errors.js';
