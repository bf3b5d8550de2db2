export const ROLES = ['marketing', 'sales', 'leader', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The authenticated caller; `actor` is what event metadata records as who did it. */
export interface Principal {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly actor: string;
}

/** A leader may do everything a rep may (API.md "Roles"). */
export const effectiveRoles = (roles: readonly Role[]): ReadonlySet<Role> =>
  new Set<Role>(roles.includes('leader') ? [...roles, 'sales'] : roles);
