// Every command route of the API, for the checks that must hold on all of them (auth, roles).
export interface CommandRoute {
  readonly method: 'post' | 'put';
  readonly path: (leadId: string) => string;
  readonly roles: readonly string[];
}

const lead = (suffix: string) => (leadId: string) => `/v1/leads/${leadId}/${suffix}`;

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  { method: 'post', path: () => '/v1/leads', roles: ['sales', 'leader'] },
  ...['nurture', 'qualify-marketing', 'accept', 'reject', 'qualify-sales', 'opportunity-stage', 'close', 'onboard', 'expansions', 'recycle', 'disqualify', 'reopen']
    .map((suffix) => ({ method: 'post' as const, path: lead(suffix), roles: ['sales', 'leader'] })),
  { method: 'put', path: lead('owner'), roles: ['sales', 'leader'] },
  { method: 'put', path: lead('key-account'), roles: ['sales', 'leader'] },
  { method: 'put', path: () => '/v1/targets/2026-Q4', roles: ['leader'] },
  { method: 'post', path: () => '/v1/campaigns/q4/costs', roles: ['leader'] },
];

export const ALL_ROLES = ['marketing', 'sales', 'leader', 'auditor', 'admin'] as const;
