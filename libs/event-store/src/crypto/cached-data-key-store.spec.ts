import { generateKey } from './aes-gcm.js';
import { CachedDataKeyStore } from './cached-data-key-store.js';
import { MemoryDataKeyStore } from './memory-data-key-store.js';

/** Counts the calls that reach the store behind the cache. */
class CountingKeys extends MemoryDataKeyStore {
  readonly calls: string[][] = [];

  constructor() {
    super();
    this.keys.set('a', { state: 'active', key: generateKey() });
    this.keys.set('b', { state: 'active', key: generateKey() });
  }

  override async find(subjects: readonly string[]) {
    this.calls.push([...subjects]);
    return super.find(subjects);
  }
}

describe('CachedDataKeyStore', () => {
  let now = 0;
  let inner: CountingKeys;
  let cache: CachedDataKeyStore;
  beforeEach(() => {
    now = 0;
    inner = new CountingKeys();
    cache = new CachedDataKeyStore(inner, { ttlMs: 1000, now: () => now });
  });

  it('joins the lookups of one tick into one call, then serves them from memory', async () => {
    const found = await Promise.all([cache.find(['a']), cache.find(['b']), cache.find(['a']), cache.find(['c'])]);
    expect(inner.calls).toEqual([['a', 'b', 'c']]);
    expect(found.map((keys) => [...keys.values()][0].state)).toEqual(['active', 'active', 'active', 'absent']);
    await cache.find(['a', 'b']);
    expect(inner.calls).toHaveLength(1);
  });

  it('asks again for absent subjects and once an active key expired', async () => {
    await cache.find(['a', 'c']);
    await cache.find(['c']);
    now = 1001;
    await cache.find(['a']);
    expect(inner.calls).toEqual([['a', 'c'], ['c'], ['a']]);
  });

  it('forgets a key at once when erased here, and for good', async () => {
    await cache.find(['a']);
    await cache.erase('a');
    now = 10_000_000;
    expect((await cache.find(['a'])).get('a')).toEqual({ state: 'erased' });
    expect(inner.calls).toEqual([['a']]);
  });

  it('does not cache a key that a lookup still in flight read before the erasure', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const find = inner.find.bind(inner);
    inner.find = async (subjects) => {
      const answer = await find(subjects);
      await gate; // answered from before the erasure, still on its way back
      return answer;
    };
    const inFlight = cache.find(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    await cache.erase('a');
    release();
    expect((await inFlight).get('a')?.state).toBe('active');
    expect((await cache.find(['a'])).get('a')).toEqual({ state: 'erased' });
  });
});
