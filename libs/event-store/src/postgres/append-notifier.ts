// Wakes subscribers after appends. NOTIFY inside the append transaction would take PostgreSQL's
// database-wide notify lock at every commit and serialise all appends (see docs/PERFORMANCE.md), so
// the writer notifies afterwards in its own statement, coalescing: at most one NOTIFY in flight,
// and one more after it when appends committed meanwhile. Every commit is therefore followed by a
// NOTIFY sent after it; a crash between the two only delays subscribers to their polling interval.
import type { Pool } from 'pg';

export const EVENTS_CHANNEL = 'es_events';

export class AppendNotifier {
  private inFlight = false;
  private again = false;

  constructor(private readonly pool: Pool) {}

  appended(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void this.send();
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      // A lost notification is not lost data: subscribers poll as a fallback.
      await this.pool.query(`NOTIFY ${EVENTS_CHANNEL}`).catch(() => undefined);
    } while (this.again);
    this.inFlight = false;
  }
}
