import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './roles.js';

export const ROLES_KEY = 'leadline:roles';
export const PUBLIC_KEY = 'leadline:public';

/** The roles that may call a route (any one suffices); `leader` implies `sales`. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Health and docs: no key needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  principal?: Principal;
  correlationId?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
