import { readConfig, type Env } from '../config/env-reader.js';
import { readApiKeys } from './api-keys.js';

const read = (env: Env) => readConfig(env, (reader) => readApiKeys(reader, true)).keys;

describe('API_KEYS principals', () => {
  it('gives keys that begin alike principals of their own: one idempotency namespace per key', () => {
    const keys = read({ API_KEYS: 'acme-crm-1=sales,acme-crm-2=sales' });
    const [first, second] = [keys.get('acme-crm-1'), keys.get('acme-crm-2')];
    expect(first?.name).not.toEqual(second?.name);
    expect(first?.actor).not.toEqual(second?.actor);
  });

  it('names a key by a prefix a human recognises and a hash, never by the key itself', () => {
    const principal = read({ API_KEYS: 'acme-crm-secret-1=sales' }).get('acme-crm-secret-1');
    expect(principal?.name).toMatch(/^acme…[0-9a-f]{16}$/);
    expect(principal?.actor).toBe(`api-key:${principal?.name}`);
    expect(principal?.actor).not.toContain('crm-secret');
  });

  it('gives a key the same name at every start, so retries across a restart find their answer', () => {
    expect(read({ API_KEYS: 'acme-crm-1=sales' }).get('acme-crm-1')?.name)
      .toBe(read({ API_KEYS: 'acme-crm-1=sales,other-key-1=leader' }).get('acme-crm-1')?.name);
  });

  it('hides a configured key that merely begins like a development key', () => {
    const principal = read({ API_KEYS: 'dev-team-secret-1=sales' }).get('dev-team-secret-1');
    expect(principal?.name).toMatch(/^dev-…[0-9a-f]{16}$/);
  });

  it('keeps the public development keys\' own names', () => {
    expect(readConfig({}, (reader) => readApiKeys(reader, false)).keys.get('dev-sales')?.actor).toBe('api-key:dev-sales');
  });
});
