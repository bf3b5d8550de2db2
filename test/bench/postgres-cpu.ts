// What PostgreSQL's processes on this machine (the embedded server's) used of the CPU, by kind of
// process, read from /proc: the benchmarks weigh the database's share of the work with it.
import { readdir, readFile } from 'node:fs/promises';
import { round } from './event-store-bench-tools.js';

export interface PostgresCpu {
  /** Per live process: its kind and the CPU seconds it has used. */
  readonly processes: Map<string, { kind: string; seconds: number }>;
  /** CPU seconds of exited children (the kernel adds them to the postmaster's). */
  readonly exited: number;
}

/** The CPU used so far by the processes named `postgres` on this machine (the embedded server's); null without /proc. */
export async function postgresCpu(): Promise<PostgresCpu | null> {
  const ticks = 100; // USER_HZ on Linux
  const processes = new Map<string, { kind: string; seconds: number }>();
  let exited = 0;
  try {
    for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(0, close).includes('(postgres')) continue;
      const fields = stat.slice(close + 2).split(' '); // from field 3 (state) on
      const title = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0')[0];
      processes.set(pid, { kind: postgresProcessKind(title), seconds: (Number(fields[11]) + Number(fields[12])) / ticks }); // utime, stime
      exited += (Number(fields[13]) + Number(fields[14])) / ticks; // cutime, cstime
    }
    return { processes, exited };
  } catch {
    return null;
  }
}

const BACKGROUND_PROCESS = /^postgres: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|io worker|walsummarizer|archiver)/;

/** A process's title says what it is: the postmaster, one of the background processes, or a connection's backend. */
const postgresProcessKind = (title: string): string => {
  if (!title.startsWith('postgres: ')) return 'postmaster';
  return BACKGROUND_PROCESS.exec(title)?.[1] ?? 'backends';
};

/**
 * The CPU seconds PostgreSQL used between two samples, by kind of process. What exited meanwhile
 * (autovacuum workers, closed connections) counts as `exited`, less what it had used before.
 */
export function postgresCpuUsed(before: PostgresCpu | null, after: PostgresCpu | null): { total: number; byProcess: Record<string, number> } {
  if (!before || !after) return { total: Number.NaN, byProcess: {} };
  const byProcess = new Map<string, number>();
  const add = (kind: string, seconds: number): void => void byProcess.set(kind, (byProcess.get(kind) ?? 0) + seconds);
  for (const [pid, { kind, seconds }] of after.processes) add(kind, seconds - (before.processes.get(pid)?.seconds ?? 0));
  const exitedBefore = [...before.processes].filter(([pid]) => !after.processes.has(pid)).reduce((sum, [, { seconds }]) => sum + seconds, 0);
  add('exited', after.exited - before.exited - exitedBefore);
  const total = [...byProcess.values()].reduce((sum, seconds) => sum + seconds, 0);
  return { total: round(total), byProcess: Object.fromEntries([...byProcess].filter(([, seconds]) => seconds >= 0.01).map(([kind, seconds]) => [kind, round(seconds)])) };
}
