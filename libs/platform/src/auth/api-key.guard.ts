// Every route needs `Authorization: Bearer <key>` unless marked @Public(); 401 without a valid key,
// 403 when none of the principal's roles may use the route. Routes without @Roles are refused to
// everyone, so forgetting to declare roles fails closed.
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform.config.js';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './roles.decorator.js';
import { API_KEY_REQUIRED, principalOf } from './api-keys.js';
import { effectiveRoles, type Role } from './roles.js';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = principalOf(request.headers.authorization, this.config.apiKeys);
    if (!principal) throw new UnauthorizedException(API_KEY_REQUIRED);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    const held = effectiveRoles(principal.roles);
    if (!allowed.some((role) => held.has(role))) {
      throw new ForbiddenException(`This route needs one of the roles: ${allowed.join(', ') || '(none)'}`);
    }
    return true;
  }
}
