// Routing rules of auto-accept: the first rule whose conditions all hold gives the team; owners take
// turns within it (round-robin). Pure matching here; the turn is kept by the process manager.
import { SOURCE_CHANNELS, type LeadState, type SourceChannel } from '#domain';
import type { EnvReader } from '#platform';

export interface RoutingRule {
  /** Names the rule's round-robin turn; defaults to its index. */
  readonly name: string;
  readonly sources?: readonly SourceChannel[];
  /** ISO 3166-1 alpha-2, upper case. */
  readonly countries?: readonly string[];
  readonly minEmployees?: number;
  readonly maxEmployees?: number;
  /** The team: owner ids taking turns. */
  readonly owners: readonly string[];
}

export const ROUTING_RULES = Symbol('ROUTING_RULES');

export const matches = (rule: RoutingRule, lead: LeadState): boolean => {
  const company = lead.profile?.company;
  const employees = company?.employees;
  if (rule.sources && !(lead.source && rule.sources.includes(lead.source.channel))) return false;
  if (rule.countries && !(company?.country && rule.countries.includes(company.country.toUpperCase()))) return false;
  if (rule.minEmployees !== undefined && !(employees !== undefined && employees >= rule.minEmployees)) return false;
  if (rule.maxEmployees !== undefined && !(employees !== undefined && employees <= rule.maxEmployees)) return false;
  return true;
};

export const routeOf = (rules: readonly RoutingRule[], lead: LeadState): RoutingRule | undefined =>
  rules.find((rule) => matches(rule, lead));

const stringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

const optionalCount = (value: unknown): boolean => value === undefined || (Number.isInteger(value) && (value as number) >= 0);

/** Problems of one configured rule, each naming its place (`ROUTING_RULES_JSON[1].owners`). */
const ruleProblems = (raw: unknown, at: string): string[] => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [`${at} must be an object`];
  const rule = raw as Record<string, unknown>;
  const problems: string[] = [];
  const known = ['name', 'sources', 'countries', 'minEmployees', 'maxEmployees', 'owners'];
  for (const key of Object.keys(rule)) if (!known.includes(key)) problems.push(`${at}.${key} is not a routing rule field (${known.join(', ')})`);
  if (rule.name !== undefined && (typeof rule.name !== 'string' || rule.name === '')) problems.push(`${at}.name must be a non-empty string`);
  if (!stringList(rule.owners) || rule.owners.length === 0) problems.push(`${at}.owners must be a non-empty list of owner ids`);
  if (rule.sources !== undefined && !(stringList(rule.sources) && rule.sources.every((s) => (SOURCE_CHANNELS as readonly string[]).includes(s)))) {
    problems.push(`${at}.sources must list source channels (${SOURCE_CHANNELS.join(', ')})`);
  }
  if (rule.countries !== undefined && !(stringList(rule.countries) && rule.countries.every((c) => /^[A-Za-z]{2}$/.test(c)))) {
    problems.push(`${at}.countries must list two-letter country codes`);
  }
  if (!optionalCount(rule.minEmployees)) problems.push(`${at}.minEmployees must be a whole number`);
  if (!optionalCount(rule.maxEmployees)) problems.push(`${at}.maxEmployees must be a whole number`);
  return problems;
};

/** ROUTING_RULES_JSON: a JSON array of rules; unset means auto-accept never finds an owner. */
export const readRoutingRules = (env: EnvReader): readonly RoutingRule[] => {
  const raw = env.string('ROUTING_RULES_JSON');
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    env.problem('ROUTING_RULES_JSON must be JSON: [{"sources":["demo"],"countries":["SE"],"minEmployees":50,"owners":["rep-1","rep-2"]}]');
    return [];
  }
  if (!Array.isArray(parsed)) {
    env.problem('ROUTING_RULES_JSON must be a JSON array of routing rules');
    return [];
  }
  const problems = parsed.flatMap((rule, i) => ruleProblems(rule, `ROUTING_RULES_JSON[${i}]`));
  problems.forEach((problem) => env.problem(problem));
  if (problems.length > 0) return [];
  return parsed.map((rule: Omit<RoutingRule, 'name'> & { name?: string }, i) => ({
    ...rule,
    name: rule.name ?? String(i),
    ...(rule.countries && { countries: rule.countries.map((c) => c.toUpperCase()) }),
  }));
};
