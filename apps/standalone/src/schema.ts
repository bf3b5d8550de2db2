// Every migration list of the libs sharing the database, in the order they apply. Imports point at
// the migration files themselves (plain data, no Nest), so the test set-up can load this too.
import { IDEMPOTENCY_MIGRATIONS } from '../../../libs/commands/src/idempotency/idempotency.migrations.js';
import { personalDataMigrations } from '../../../libs/event-store/src/crypto/personal-data.migrations.js';
import { PROJECTIONS_MIGRATIONS } from '../../../libs/projections/src/projections.migrations.js';
import { READ_MODELS_MIGRATIONS } from '../../../libs/read-models/src/read-models.migrations.js';
import { METRICS_MIGRATIONS } from '../../../libs/read-models/src/metrics/metrics.migrations.js';
import { MESSAGING_MIGRATIONS } from '../../../libs/messaging/src/relay/relay.migrations.js';
import { eventStoreMigrations, type Migration } from '#event-store';

export const ALL_MIGRATIONS: readonly Migration[] = [
  ...eventStoreMigrations, ...personalDataMigrations, ...IDEMPOTENCY_MIGRATIONS, ...PROJECTIONS_MIGRATIONS,
  ...READ_MODELS_MIGRATIONS, ...METRICS_MIGRATIONS, ...MESSAGING_MIGRATIONS,
];
