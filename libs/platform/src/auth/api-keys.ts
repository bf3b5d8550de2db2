// API keys from `API_KEYS=key=role+role,key2=role`; without it, development keys named after their
// role (refused in production, where forgetting to configure keys must not open the door).
import { createHash } from 'node:crypto';
import type { EnvReader } from '../config/env-reader.js';
import { isRole, ROLES, type Principal, type Role } from './roles.js';

export type ApiKeys = ReadonlyMap<string, Principal>;

export const DEVELOPMENT_KEYS: Readonly<Record<string, Role>> = Object.fromEntries(
  ROLES.map((role) => [`dev-${role}`, role]),
);

/**
 * A configured key's name: its first 4 characters, for a human to recognise it in logs and event
 * metadata, then 16 hex characters of a hash of the whole key, which tell apart keys that begin
 * alike (`acme-crm-1`, `acme-crm-2`). The name is each key's idempotency namespace and the root of
 * its event-id seeds, so it must be unique per key; one-way and truncated, it gives the key away
 * only if the key is weak enough to guess. Development keys are public and keep their own name.
 * Before this, the name was the prefix alone: after an upgrade, a retry of a request answered before
 * it finds no stored answer under the new name (idempotency rows live 48 h), and events written
 * before it name the key by its prefix only.
 */
export const principalName = (key: string): string =>
  Object.hasOwn(DEVELOPMENT_KEYS, key) // not any key beginning `dev-`: a configured one would be written out whole
    ? key
    : `${key.slice(0, 4)}…${createHash('sha256').update('leadline api key id\n').update(key).digest('hex').slice(0, 16)}`;

export const API_KEY_REQUIRED = 'A valid API key is required: Authorization: Bearer <key>';

/** The principal of an `Authorization: Bearer <key>` header whose key is one of `keys`. */
export const principalOf = (authorization: unknown, keys: ApiKeys): Principal | undefined => {
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match ? keys.get(match[1]) : undefined;
};

const principal = (key: string, roles: readonly Role[]): Principal => {
  const name = principalName(key);
  return { name, roles, actor: `api-key:${name}` };
};

export const readApiKeys = (env: EnvReader, production: boolean): { keys: ApiKeys; development: boolean } => {
  const entries = env.list('API_KEYS');
  if (entries.length === 0) {
    if (production) env.problem('API_KEYS must be set when NODE_ENV=production (development keys are refused)');
    const keys = new Map(Object.entries(DEVELOPMENT_KEYS).map(([key, role]) => [key, principal(key, [role])]));
    return { keys, development: true };
  }
  const keys = new Map<string, Principal>();
  for (const entry of entries) {
    const [key, roleList] = entry.split('=');
    const roles = (roleList ?? '').split('+').map((role) => role.trim()).filter((role) => role !== '');
    const unknown = roles.filter((role) => !isRole(role));
    if (!key || key.length < 8 && !key.startsWith('dev-') || roles.length === 0 || unknown.length > 0) {
      env.problem(`API_KEYS entry "${key?.slice(0, 4) ?? ''}…" must be key=role+role with a key of 8+ characters and roles from ${ROLES.join(', ')}`);
      continue;
    }
    keys.set(key, principal(key, roles.filter(isRole)));
  }
  return { keys, development: false };
};
