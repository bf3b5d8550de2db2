// API keys from `API_KEYS=key=role+role,key2=role`; without it, development keys named after their
// role (refused in production, where forgetting to configure keys must not open the door).
import type { EnvReader } from '../config/env-reader.js';
import { isRole, ROLES, type Principal, type Role } from './roles.js';

export type ApiKeys = ReadonlyMap<string, Principal>;

export const DEVELOPMENT_KEYS: Readonly<Record<string, Role>> = Object.fromEntries(
  ROLES.map((role) => [`dev-${role}`, role]),
);

const principal = (key: string, roles: readonly Role[]): Principal => {
  // The actor names the key without revealing it: a prefix is enough to tell keys apart in audits.
  const name = key.startsWith('dev-') ? key : `${key.slice(0, 4)}…`;
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
