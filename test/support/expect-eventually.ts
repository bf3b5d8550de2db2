// Polls an assertion until it passes or the time is up, instead of sleeping a guessed amount:
// asynchronous read models are checked as soon as they are ready.
export const expectEventually = async <T>(assertion: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 25): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
