// What a projection is to the runner: the event types it handles, the read-model tables it owns
// (rebuilt and swapped together) and how a batch of events changes them.
import type { RecordedEvent } from '#event-store';
import type { PoolClient } from 'pg';

export interface Projection {
  /** Stable name: the checkpoint's key, the admin API's path segment. */
  readonly name: string;
  /** Only these event types reach `apply`; the checkpoint still moves past the others. */
  readonly eventTypes: readonly string[];
  /**
   * The tables `apply` writes, by unqualified name: the runner resolves them through the
   * search_path, which is how a rebuild writes the same code into fresh tables. Empty for a
   * process manager, which has nothing to rebuild.
   */
  readonly tables: readonly string[];
  /**
   * Applies the handled events of one batch, in delivery order, inside the runner's transaction
   * (`client`), which also moves the checkpoint: throwing rolls both back.
   */
  apply(events: readonly RecordedEvent[], client: PoolClient): Promise<void>;
}

export const handles = (projection: Projection, event: RecordedEvent): boolean =>
  projection.eventTypes.includes(event.type);
