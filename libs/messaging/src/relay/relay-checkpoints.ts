// Where a relay keeps the position of the last event the broker acknowledged.
import type { Pool } from 'pg';
import { START, type GlobalPosition } from '#event-store';

export class RelayCheckpoints {
  constructor(private readonly pool: Pool) {}

  async load(name: string): Promise<GlobalPosition> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM messaging_relay_checkpoints WHERE name = $1', [name]);
    return rows[0]?.position ?? START;
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    await this.pool.query(
      `INSERT INTO messaging_relay_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [name, position],
    );
  }
}
