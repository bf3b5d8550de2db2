// Every migration list of the libs sharing the database, in the order they apply. Imports point at
// the migration files themselves (plain data, no Nest), so the test set-up can load this too.
import { IDEMPOTENCY_MIGRATIONS } from '../../../libs/commands/src/idempotency/idempotency.migrations.js';
import { eventStoreMigrations, type Migration } from '#event-store';

export const ALL_MIGRATIONS: readonly Migration[] = [...eventStoreMigrations, ...IDEMPOTENCY_MIGRATIONS];
