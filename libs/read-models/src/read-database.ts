// The read side's TypeORM connection, opened on first use: the app starts (and reports itself
// unready) while the database is away, and connects once it is back.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from './read-data-source.js';

@Injectable()
export class ReadDatabase {
  private opening: Promise<DataSource> | null = null;

  constructor(@Inject(READ_DATA_SOURCE) private readonly source: DataSource) {}

  connection(): Promise<DataSource> {
    if (this.source.isInitialized) return Promise.resolve(this.source);
    this.opening ??= this.source.initialize().catch((error: unknown) => {
      this.opening = null; // the next query tries again
      throw error;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    if (this.source.isInitialized) await this.source.destroy();
  }
}
