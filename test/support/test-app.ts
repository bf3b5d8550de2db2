// The standalone app over a fresh test database, driven through HTTP with supertest.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: TestAgent;
  readonly db: TestDatabase;
  readonly close: () => Promise<void>;
}

export const startTestApp = async (env: Record<string, string> = {}): Promise<TestApp> => {
  const db = await createTestDatabase();
  const app = await createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test', ...env }), db.url, false);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
};

export const auth = (key: string): { Authorization: string } => ({ Authorization: `Bearer ${key}` });
export const SALES = auth('dev-sales');

/** The events stored for a lead, straight from the events table. */
export const storedEventTypes = async (db: TestDatabase, leadId: string): Promise<string[]> => {
  const { rows } = await db.pool.query<{ type: string }>(
    'SELECT type FROM es_events WHERE stream_id = $1 ORDER BY revision',
    [`lead-${leadId}`],
  );
  return rows.map((row) => row.type);
};
