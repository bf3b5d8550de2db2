import { captured, stateOf } from '../../../../libs/domain/src/testing/lead-fixtures.js';
import { ConfigError, EnvReader } from '#platform';
import { readRoutingRules, routeOf, type RoutingRule } from './routing-rules.js';

// The fixture lead: source `event`, 120 employees, no country.
const lead = stateOf([captured]);
const withCountry = { ...lead, profile: { ...lead.profile!, company: { ...lead.profile!.company, country: 'se' } } };

const rule = (name: string, extra: Partial<RoutingRule>): RoutingRule => ({ name, owners: [`${name}-rep`], ...extra });

describe('routing rules', () => {
  it('takes the first rule whose conditions all hold', () => {
    const rules = [
      rule('webinars', { sources: ['website'] }),
      rule('nordics', { countries: ['SE', 'NO'], minEmployees: 100 }),
      rule('anyone', {}),
    ];
    expect(routeOf(rules, withCountry)?.name).toBe('nordics');
    expect(routeOf(rules, lead)?.name).toBe('anyone'); // no country: the country rule does not hold
    expect(routeOf([rule('big', { minEmployees: 500 }), rule('small', { maxEmployees: 200 })], lead)?.name).toBe('small');
    expect(routeOf([rule('events', { sources: ['event'], maxEmployees: 50 })], lead)).toBeUndefined();
  });

  it('reads ROUTING_RULES_JSON, naming every bad field at start', () => {
    const read = (json: string) => {
      const env = new EnvReader({ ROUTING_RULES_JSON: json });
      const rules = readRoutingRules(env);
      env.done();
      return rules;
    };
    expect(read('[{"countries":["se"],"owners":["a","b"]}]')).toEqual([{ name: '0', countries: ['SE'], owners: ['a', 'b'] }]);
    expect(() => read('[{"sources":["fax"],"owners":[],"minEmployees":-1,"team":"x"}]')).toThrow(ConfigError);
    try {
      read('[{"sources":["fax"],"owners":[],"minEmployees":-1,"team":"x"}]');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'ROUTING_RULES_JSON[0].team is not a routing rule field (name, sources, countries, minEmployees, maxEmployees, owners)',
        'ROUTING_RULES_JSON[0].owners must be a non-empty list of owner ids',
        expect.stringContaining('ROUTING_RULES_JSON[0].sources must list source channels'),
        'ROUTING_RULES_JSON[0].minEmployees must be a whole number',
      ]);
    }
    expect(() => read('not json')).toThrow(/ROUTING_RULES_JSON must be JSON/);
    expect(readRoutingRules(new EnvReader({}))).toEqual([]);
  });
});
