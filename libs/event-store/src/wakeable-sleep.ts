/**
 * The sleep of a polling loop that its owner can end early: stop(), a notification that new events
 * are there. One sleep at a time; a wake() while none is in progress does nothing, so the loop
 * checks its own flags before it sleeps.
 */
export class WakeableSleep {
  private end: (() => void) | null = null;

  /** Resolves after `ms`, or as soon as wake() is called. */
  async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.end = done;
    });
    this.end = null;
  }

  /** Ends the sleep in progress, if any. */
  wake(): void {
    this.end?.();
  }
}
