// Kill -9 the running backend under load, start it again on the same data directory (its embedded
// PostgreSQL is left orphaned, holding the port and the pid file), and check that every acknowledged
// command is stored, that retrying the unanswered ones with their Idempotency-Key applies each
// exactly once, and that the projections killed mid-batch resumed to exactly what a rebuild gives.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { leadIdFromEmail } from '#domain';
import { expectEventually } from '../support/expect-eventually.js';
import { freePort } from '../support/free-port.js';
import { startStandalone, type StandaloneProcess } from './standalone-process.js';

interface Sent {
  readonly key: string;
  readonly leadId: string;
  readonly path: string;
  readonly body: unknown;
  status?: number;
}

const SALES = { Authorization: 'Bearer dev-sales', 'Content-Type': 'application/json' };

const send = async (baseUrl: string, command: Sent): Promise<number> => {
  const response = await fetch(`${baseUrl}${command.path}`, {
    method: command.path.endsWith('/owner') ? 'PUT' : 'POST',
    headers: { ...SALES, 'Idempotency-Key': command.key },
    body: JSON.stringify(command.body),
  });
  await response.arrayBuffer();
  return response.status;
};

const auditEvents = async (baseUrl: string, leadId: string): Promise<{ type: string }[]> => {
  const response = await fetch(`${baseUrl}/v1/audit/leads/${leadId}/events?limit=1000`, { headers: { Authorization: 'Bearer dev-auditor' } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { type: string }[] };
  return body.items;
};

describe('the standalone backend killed with SIGKILL under load', () => {
  let dataDir: string;
  let app: StandaloneProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'leadline-crash-'));
    await chmod(dataDir, 0o755); // the embedded server runs as the user postgres
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged command and applies none twice', async () => {
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), NODE_ENV: 'test', KAFKA_BROKERS: '' };
    const port = await freePort();
    app = await startStandalone(env, port);

    const leads = Array.from({ length: 8 }, (_, i) => `crash-${i}@example.com`);
    const sent: Sent[] = [];
    for (const email of leads) {
      const command: Sent = { key: `capture-${email}`, leadId: leadIdFromEmail(email), path: '/v1/leads', body: { lead: { email }, source: { channel: 'website' } } };
      command.status = await send(app.baseUrl, command);
      expect(command.status).toBe(201);
      sent.push(command);
    }

    // Eight writers change owners as fast as they can; the process is killed in the middle.
    const running = app;
    let stop = false;
    const writers = leads.map(async (email, w) => {
      for (let i = 0; !stop; i++) {
        const leadId = leadIdFromEmail(email);
        const command: Sent = { key: `owner-${w}-${i}`, leadId, path: `/v1/leads/${leadId}/owner`, body: { ownerId: `rep-${w}-${i}` } };
        sent.push(command);
        command.status = await send(running.baseUrl, command).catch(() => undefined);
        if (command.status === undefined) return;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running.child.kill('SIGKILL');
    expect(await running.exited).toBe('SIGKILL');
    stop = true;
    await Promise.all(writers);

    const acknowledged = sent.filter((command) => command.status === 200 || command.status === 201);
    const unanswered = sent.filter((command) => command.status === undefined);
    expect(acknowledged.length).toBeGreaterThan(20);

    // Same data directory: the orphaned PostgreSQL must be stopped and the data found intact.
    app = await startStandalone(env, port);
    for (const command of unanswered) {
      expect(await send(app.baseUrl, command)).toBe(200);
      expect(await send(app.baseUrl, command)).toBe(200); // and once more: still applied once
    }

    for (const email of leads) {
      const leadId = leadIdFromEmail(email);
      const events = await auditEvents(app.baseUrl, leadId);
      const ownerChanges = events.filter((event) => event.type === 'LeadOwnerChanged');
      const mine = sent.filter((command) => command.leadId === leadId && command.path.endsWith('/owner') && (command.status === 200 || command.status === undefined));
      // Every acknowledged or retried owner change is there exactly once, and nothing else is.
      expect(ownerChanges.length).toBe(mine.length);
      expect(events[0].type).toBe('LeadCaptured');
    }

    await expectProjectionsEqualToRebuild(app.baseUrl, Number(env.EMBEDDED_PG_PORT));

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});

const ADMIN = { Authorization: 'Bearer dev-admin' };

interface ProjectionStatus {
  readonly name: string;
  readonly lag: { readonly events: number };
  readonly lastRebuild: { readonly finishedAt: string | null; readonly error: string | null } | null;
}

const projections = async (baseUrl: string): Promise<ProjectionStatus[]> => {
  const response = await fetch(`${baseUrl}/v1/admin/projections`, { headers: ADMIN });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: ProjectionStatus[] }).items;
};

/** Every read-model row, as comparable text, straight from the embedded database. */
const readModelRows = async (port: number): Promise<Record<string, string[]>> => {
  const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'rm\\_%' ORDER BY 1`,
    );
    const dump: Record<string, string[]> = {};
    for (const { name } of tables) {
      dump[name] = (await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`)).rows.map((r) => r.row);
    }
    return dump;
  } finally {
    await client.end();
  }
};

const expectProjectionsEqualToRebuild = async (baseUrl: string, pgPort: number): Promise<void> => {
  await expectEventually(async () => {
    for (const projection of await projections(baseUrl)) expect({ name: projection.name, lag: projection.lag.events }).toEqual({ name: projection.name, lag: 0 });
  }, 30_000);
  const resumed = await readModelRows(pgPort);
  expect(Object.keys(resumed).length).toBeGreaterThan(5);
  expect(resumed.rm_leads.length).toBe(8);

  const rebuildable = (await projections(baseUrl)).map((projection) => projection.name).filter((name) => name !== 'auto-qualification');
  for (const name of rebuildable) {
    const started = await fetch(`${baseUrl}/v1/admin/projections/${name}/rebuild`, { method: 'POST', headers: ADMIN });
    expect(started.status).toBe(202);
  }
  await expectEventually(async () => {
    for (const projection of (await projections(baseUrl)).filter((p) => rebuildable.includes(p.name))) {
      expect(projection.lastRebuild).toMatchObject({ finishedAt: expect.any(String), error: null });
    }
  }, 30_000);
  expect(await readModelRows(pgPort)).toEqual(resumed);
};
