// Where the per-subject data keys of crypto-shredding live. A subject (a lead) has at most one key
// in its life: once erased it never gets another, so nothing written later can be read again either.

export type SubjectKey =
  | { readonly state: 'active'; readonly key: Buffer }
  | { readonly state: 'erased' }
  /** Never needed one (no personal field written yet). */
  | { readonly state: 'absent' };

export interface DataKeyStore {
  /** The subjects' keys as they are now. */
  find(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>>;
  /** The subjects' keys, creating the missing ones; an erased subject stays erased. */
  findOrCreate(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>>;
  /** Deletes the subject's key for good (idempotent); a subject without one is marked erased. */
  erase(subject: string): Promise<void>;
}

export const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');
