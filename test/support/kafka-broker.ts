// The Kafka-protocol broker of a jest run: librdkafka's mock cluster from Debian's kcat
// (ARCHITECTURE.md), or KAFKA_BROKERS. kcat runs under a shell that kills it when its stdin closes,
// so a SIGKILLed jest leaves no broker behind.
import { spawn, spawnSync } from 'node:child_process';
import { TEARDOWN_KEY, type Teardown } from './teardown-key.js';

/** Where the broker list reaches the jest workers. */
export const KAFKA_BROKERS_ENV = 'LEADLINE_TEST_KAFKA_BROKERS';

const MOCK_CLUSTER = 'kcat -b 127.0.0.1:1 -X test.mock.num.brokers=3 -C -t __keepalive -o end -q -E';
const BROKERS_LINE = /replaced with (\S+)/;
const START_TIMEOUT_MS = 10_000;

const hasKcat = (): boolean => spawnSync('sh', ['-c', 'command -v kcat'], { stdio: 'ignore' }).status === 0;

export async function startTestKafka(): Promise<void> {
  const external = process.env.KAFKA_BROKERS?.trim();
  if (external) {
    process.env[KAFKA_BROKERS_ENV] = external;
    return;
  }
  if (!hasKcat()) return; // the Kafka suites report themselves skipped (or fail under CI)

  const shell = spawn('sh', ['-c', `${MOCK_CLUSTER} </dev/null & broker=$!; cat >/dev/null; kill $broker`], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const brokers = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start: ${seen}`)), START_TIMEOUT_MS);
    shell.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = BROKERS_LINE.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    shell.once('exit', (code) => reject(new Error(`kcat exited (${code}): ${seen}`)));
  });
  process.env[KAFKA_BROKERS_ENV] = brokers;

  const previous = (globalThis as { [TEARDOWN_KEY]?: Teardown })[TEARDOWN_KEY];
  (globalThis as { [TEARDOWN_KEY]?: Teardown })[TEARDOWN_KEY] = async () => {
    shell.stdin.end();
    await previous?.();
  };
}
