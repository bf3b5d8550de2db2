// Keeps personal data from costing a key query per read or append: lookups made in the same tick
// (pages decoded and appends encoded at the same time) go to the store as one query, and keys stay
// cached a while.
// An erasure clears this process's entry at once; other processes keep a key at most `ttlMs`,
// which bounds how long an erased lead stays readable there.
import type { DataKeyStore, SubjectKey } from './data-key-store.js';

export interface DataKeyCacheOptions {
  /** How long an active key is served from memory. Default 60 s. */
  readonly ttlMs?: number;
  /** Most subjects kept; the least recently used go first. Default 10,000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly key: SubjectKey;
  /** Erasure is final, so an erased subject never expires. */
  readonly expiresAt: number;
}

interface PendingBatch {
  readonly subjects: Set<string>;
  readonly result: Promise<ReadonlyMap<string, SubjectKey>>;
}

export class CachedDataKeyStore implements DataKeyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pending: { find?: PendingBatch; create?: PendingBatch } = {};
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly store: DataKeyStore, options: DataKeyCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  find(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    return this.load(subjects, 'find');
  }

  findOrCreate(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    return this.load(subjects, 'create');
  }

  async erase(subject: string): Promise<void> {
    this.entries.delete(subject);
    await this.store.erase(subject);
    this.remember(subject, { state: 'erased' });
  }

  private async load(subjects: readonly string[], kind: 'find' | 'create'): Promise<ReadonlyMap<string, SubjectKey>> {
    const keys = new Map<string, SubjectKey>();
    const missing: string[] = [];
    for (const subject of subjects) {
      const entry = this.entries.get(subject);
      if (entry !== undefined && entry.expiresAt > this.now()) keys.set(subject, entry.key);
      else missing.push(subject);
    }
    if (missing.length === 0) return keys;
    const loaded = await this.batch(missing, kind);
    for (const subject of missing) {
      const key = loaded.get(subject) ?? { state: 'absent' };
      keys.set(subject, key);
      // Absent is not cached: another process may create the key any moment.
      if (key.state !== 'absent') this.remember(subject, key);
    }
    return keys;
  }

  /** Joins the lookups of this tick into one call of the store, made when the tick ends. */
  private batch(subjects: readonly string[], kind: 'find' | 'create'): Promise<ReadonlyMap<string, SubjectKey>> {
    let batch = this.pending[kind];
    if (batch === undefined) {
      const queued = new Set<string>();
      const result = Promise.resolve().then(() => {
        this.pending[kind] = undefined;
        return kind === 'find' ? this.store.find([...queued]) : this.store.findOrCreate([...queued]);
      });
      batch = { subjects: queued, result };
      this.pending[kind] = batch;
    }
    for (const subject of subjects) batch.subjects.add(subject);
    return batch.result;
  }

  private remember(subject: string, key: SubjectKey): void {
    // A lookup that started before an erasure and answers after it must not bring the key back.
    if (key.state === 'active' && this.entries.get(subject)?.key.state === 'erased') return;
    this.entries.delete(subject); // re-insert: Map order doubles as least-recently-used order
    this.entries.set(subject, { key, expiresAt: key.state === 'erased' ? Number.POSITIVE_INFINITY : this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
