// Jest global setup. Jest loads this file with Node's own require (no moduleNameMapper), so before
// loading anything of ours it teaches require the two things the mapper does for test files:
// `#lib` aliases point at TypeScript sources (package.json maps them to dist/), and relative
// `./x.js` imports resolve to `./x.ts`. Everything else lives in test-server.ts (PostgreSQL) and
// kafka-broker.ts (the Kafka mock cluster).
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface ResolvingModule {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
}

function resolveToTypeScriptSources(): void {
  const resolving = Module as unknown as ResolvingModule;
  const original = resolving._resolveFilename.bind(resolving);
  resolving._resolveFilename = (request, parent, ...rest) => {
    const alias = /^#([a-z-]+)$/.exec(request);
    if (alias) return original(join(ROOT, 'libs', alias[1], 'src', 'index.ts'), parent, ...rest);
    if (request.startsWith('.') && request.endsWith('.js') && parent?.filename) {
      const source = resolve(dirname(parent.filename), `${request.slice(0, -3)}.ts`);
      if (existsSync(source)) return original(source, parent, ...rest);
    }
    return original(request, parent, ...rest);
  };
}

export default async function globalSetup(): Promise<void> {
  resolveToTypeScriptSources();
  const { startTestServer } = await import('./test-server.js');
  const { startTestKafka } = await import('./kafka-broker.js');
  await startTestServer();
  await startTestKafka(); // after: it chains its teardown onto the server's
}
