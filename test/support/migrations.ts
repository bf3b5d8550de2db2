// Every migration list the test template database gets, in order. Libs with their own schema
// (read models, projections' checkpoints, ...) append their list here; ids must stay unique.
import { eventStoreMigrations, type Migration } from '#event-store';

export const testMigrations: readonly (readonly Migration[])[] = [eventStoreMigrations];
