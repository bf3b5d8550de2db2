// Request bodies and helpers to walk a lead through its life over HTTP.
import type TestAgent from 'supertest/lib/agent.js';
import { SALES } from '../support/test-app.js';

export const EUR = (value: number) => ({ value, currency: 'EUR' });

export const captureBody = (email: string, channel = 'website') => ({
  lead: { email, firstName: 'Ada', lastName: 'Lovelace', title: 'VP Engineering', decisionRole: 'decision_maker', company: { name: 'Example AB', domain: 'example.com', industry: 'software', employees: 250, country: 'SE' } },
  source: { channel, campaignId: 'q4-webinar' },
});

export const qualifySalesBody = {
  framework: 'BANT',
  criteria: { budget: { met: true }, authority: { met: true }, need: { met: true, note: 'CRM migration' }, timeline: { met: true } },
  amount: EUR(1_200_000),
  expectedCloseDate: '2027-03-31',
  products: [{ sku: 'crm-pro', quantity: 10 }],
};

export const capture = async (http: TestAgent, email: string): Promise<string> => {
  const response = await http.post('/v1/leads').set(SALES).send(captureBody(email)).expect(201);
  return response.body.leadId as string;
};

/** The commands that bring a captured lead to each stage, in order. */
export const STEPS = {
  nurturing: ['nurture', { track: 'enterprise' }],
  mql: ['qualify-marketing', { reason: 'asked for pricing', basis: 'sdr' }],
  sal: ['accept', { ownerId: 'rep-1' }],
  sql: ['qualify-sales', qualifySalesBody],
  won: ['close', { outcome: 'won', amount: EUR(1_100_000), termMonths: 12 }],
  customer: ['onboard', { csmId: 'csm-1', priorities: ['adoption'], painPoints: ['data quality'], milestones: ['go-live'], keyAccount: true }],
} as const;

export type Step = keyof typeof STEPS;

export const walk = async (http: TestAgent, leadId: string, steps: readonly Step[]): Promise<void> => {
  for (const step of steps) {
    const [path, body] = STEPS[step];
    await http.post(`/v1/leads/${leadId}/${path}`).set(SALES).send(body).expect(200);
  }
};
