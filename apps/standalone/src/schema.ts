// Every migration list of the libs sharing the database, in the order they apply.
import { IDEMPOTENCY_MIGRATIONS } from '#commands';
import { eventStoreMigrations, type Migration } from '#event-store';

export const ALL_MIGRATIONS: readonly Migration[] = [...eventStoreMigrations, ...IDEMPOTENCY_MIGRATIONS];
