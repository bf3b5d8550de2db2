// A lead taken through its whole life at known instants, remembering what each command answered.
import type TestAgent from 'supertest/lib/agent.js';
import { captureBody, STEPS } from '../lead-commands/lead-fixtures.js';
import { auth, SALES } from '../support/test-app.js';

export const AUDITOR = auth('dev-auditor');
export const ADMIN = auth('dev-admin');

export interface Answered {
  readonly step: string;
  readonly occurredAt: string;
  readonly revision: number;
  readonly stage: string;
  readonly status: string;
  readonly correlationId: string;
}

const LIFE = ['nurturing', 'mql', 'sal', 'sql', 'won', 'customer'] as const;

/** Capture on 1 October 2026, then one step a day: revisions 1 … 7. */
export const liveWholeLife = async (http: TestAgent, email: string): Promise<{ leadId: string; answers: Answered[] }> => {
  const answers: Answered[] = [];
  const send = async (step: string, path: string, body: object, day: number): Promise<string> => {
    const occurredAt = `2026-10-${String(day).padStart(2, '0')}T09:00:00.000Z`;
    const correlationId = `audit-${email.split('@')[0]}-${step}`; // X-Correlation-Id takes no "@"
    const response = await http.post(path).set(SALES).set('X-Correlation-Id', correlationId)
      .set('Idempotency-Key', `key-${email}-${step}`).send({ ...body, occurredAt });
    if (response.status >= 300) throw new Error(`${step}: ${response.status} ${JSON.stringify(response.body)}`);
    const { revision, stage, status, leadId } = response.body as { revision: number; stage: string; status: string; leadId: string };
    answers.push({ step, occurredAt, revision, stage, status, correlationId });
    return leadId;
  };
  const leadId = await send('capture', '/v1/leads', captureBody(email), 1);
  for (const [index, step] of LIFE.entries()) {
    const [path, body] = STEPS[step];
    await send(step, `/v1/leads/${leadId}/${path}`, body, index + 2);
  }
  return { leadId, answers };
};
