// The event store's schema, in the order it is applied. Append new migrations; never edit old ones.
import type { Migration } from '../migration-runner.js';
import { eventsTable } from './0001-events.js';
import { appendFunctions } from './0002-append-functions.js';
import { coalescedAppends } from './0003-coalesced-appends.js';
import { multiStreamAppends } from './0004-multi-stream-appends.js';
import { bulkStreamAppends } from './0005-bulk-stream-appends.js';
import { streamStarts } from './0006-stream-starts.js';

export const eventStoreMigrations: readonly Migration[] = [eventsTable, appendFunctions, coalescedAppends, multiStreamAppends, bulkStreamAppends, streamStarts];
