// The test template database gets exactly the schema the app applies at start.
import type { Migration } from '#event-store';
import { ALL_MIGRATIONS } from '../../apps/standalone/src/schema.js';

export const testMigrations: readonly (readonly Migration[])[] = [ALL_MIGRATIONS];
