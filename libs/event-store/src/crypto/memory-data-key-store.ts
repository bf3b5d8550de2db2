// Data keys in a Map, with the PostgreSQL store's semantics (a key is created once; erasure is
// final): for unit specs of what sits on top of a DataKeyStore.
import { generateKey } from './aes-gcm.js';
import type { DataKeyStore, SubjectKey } from './data-key-store.js';

export class MemoryDataKeyStore implements DataKeyStore {
  readonly keys = new Map<string, SubjectKey>();

  async find(subjects: readonly string[]): Promise<Map<string, SubjectKey>> {
    return new Map(subjects.map((s) => [s, this.keys.get(s) ?? { state: 'absent' as const }]));
  }

  async findOrCreate(subjects: readonly string[]): Promise<Map<string, SubjectKey>> {
    for (const s of subjects) if (!this.keys.has(s)) this.keys.set(s, { state: 'active', key: generateKey() });
    return this.find(subjects);
  }

  async erase(subject: string): Promise<void> {
    this.keys.set(subject, { state: 'erased' });
  }
}
