import { WakeableSleep } from './wakeable-sleep.js';

describe('WakeableSleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => { done = true; });
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('resolves when its time is up', async () => {
    const sleeping = new WakeableSleep().sleep(1000);
    jest.advanceTimersByTime(999);
    expect(await settled(sleeping)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settled(sleeping)).toBe(true);
  });

  it('resolves at once when woken, and its timer is cleared', async () => {
    const sleep = new WakeableSleep();
    const sleeping = sleep.sleep(60_000);
    sleep.wake();
    expect(await settled(sleeping)).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ignores a wake while nobody sleeps: the next sleep lasts its time', async () => {
    const sleep = new WakeableSleep();
    sleep.wake();
    const sleeping = sleep.sleep(1000);
    expect(await settled(sleeping)).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(await settled(sleeping)).toBe(true);
  });

  it('lets the sleep after a woken one last its time', async () => {
    const sleep = new WakeableSleep();
    const first = sleep.sleep(1000);
    sleep.wake();
    await first;
    const second = sleep.sleep(1000);
    expect(await settled(second)).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(await settled(second)).toBe(true);
  });
});
