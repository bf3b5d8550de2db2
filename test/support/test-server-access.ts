// How test code reaches the run's server: env variables set by global setup for the jest workers.
import { Client } from 'pg';

export const ADMIN_URL_ENV = 'LEADLINE_TEST_ADMIN_URL';
export const TEMPLATE_DATABASE_ENV = 'LEADLINE_TEST_TEMPLATE_DATABASE';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
