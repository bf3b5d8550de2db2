// `npm run bench -- <name…>`: runs the named benchmarks (every one when none is named) one after the
// other, each in a node process of its own, as docs/PERFORMANCE.md describes them; their JSON lines
// go to stdout as they come. The projections benchmark runs with the heap limit the projector is
// deployed with (package.json `start`, Dockerfile): V8 lets garbage pile up in proportion to it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BENCHMARKS: Readonly<Record<string, readonly string[]>> = {
  'event-store': [],
  commands: [],
  projections: ['--max-old-space-size=1024'],
  metrics: [],
  'kafka-ingest': [],
  'batch-writes': [],
};

const run = (name: string): Promise<number> => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [...BENCHMARKS[name], join(__dirname, `${name}.bench.js`)], { stdio: 'inherit' });
  child.on('error', reject);
  child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
});

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    const code = await run(name);
    if (code !== 0) return code;
  }
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
