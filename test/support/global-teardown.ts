// Jest global teardown: runs what global setup left to undo (it shares this process's globals).
import { TEARDOWN_KEY, type Teardown } from './teardown-key.js';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { [TEARDOWN_KEY]?: Teardown })[TEARDOWN_KEY]?.();
}
