// Runs the built standalone app (`npm start`'s entry point) as a child process, to kill it for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'apps', 'standalone', 'src', 'main.js');

export interface StandaloneProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

export const startStandalone = async (env: Record<string, string>, port: number): Promise<StandaloneProcess> => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm test\`, which builds before testing`);
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start:\n${output}`);
    const live = await fetch(`${baseUrl}/health/live`).then((response) => response.ok, () => false);
    if (live) return { child, baseUrl, output: () => output, exited };
    if (Date.now() > deadline) throw new Error(`the app did not answer /health/live within 60 s:\n${output}`);
    await sleep(100);
  }
};
