// Reads environment variables into typed values, collecting every problem so a bad start names
// every bad variable at once instead of the first one.

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  }

  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problem(`${name} must be an integer from ${range.min} to ${range.max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problem(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  list(name: string): string[] {
    return (this.string(name) ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one ConfigError naming every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/** Reads a whole configuration, then throws one ConfigError naming every bad variable, if any. */
export const readConfig = <Config>(env: Env, read: (reader: EnvReader) => Config): Config => {
  const reader = new EnvReader(env);
  const config = read(reader);
  reader.done();
  return config;
};
