// Upcasting on read: an event of an older schema version is brought to the current shape one
// version at a time. Registered once at start, checked to be complete, applied to every read.
import type { Upcaster } from '#domain';
import type { EventCodec, RecordedEvent } from '../event-store.port.js';

/** A registry that cannot bring some stored version to the current one. */
export class IncompleteUpcasters extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`upcasters incomplete: ${problems.join('; ')}`);
    this.name = 'IncompleteUpcasters';
  }
}

const key = (type: string, version: number): string => `${type}@${version}`;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  /**
   * `currentVersions`: the version each type is written with today. Every type at version n needs
   * one upcaster from each version 1 … n-1; none may start at or past the current version.
   */
  constructor(
    private readonly currentVersions: Readonly<Record<string, number>>,
    upcasters: readonly Upcaster[],
  ) {
    const problems: string[] = [];
    for (const upcaster of upcasters) {
      const current = currentVersions[upcaster.type];
      if (current === undefined) problems.push(`${upcaster.type} is not a known event type`);
      else if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1 || upcaster.fromVersion >= current) {
        problems.push(`${upcaster.type} v${upcaster.fromVersion}: must start below the current version ${current}`);
      }
      if (this.steps.has(key(upcaster.type, upcaster.fromVersion))) {
        problems.push(`${upcaster.type} v${upcaster.fromVersion}: registered twice`);
      }
      this.steps.set(key(upcaster.type, upcaster.fromVersion), upcaster);
    }
    for (const [type, current] of Object.entries(currentVersions)) {
      for (let version = 1; version < current; version++) {
        if (!this.steps.has(key(type, version))) problems.push(`${type} v${version} → v${version + 1}: no upcaster`);
      }
    }
    if (problems.length > 0) throw new IncompleteUpcasters(problems);
  }

  /**
   * The event in its type's current shape and version. Unknown types and versions newer than this
   * code knows (written by a newer release during a rolling deploy) pass unchanged: their
   * schemaVersion tells readers what they hold.
   */
  upcast(event: RecordedEvent): RecordedEvent {
    const current = this.currentVersions[event.type];
    if (current === undefined || event.schemaVersion >= current) return event;
    let data: Readonly<Record<string, unknown>> = event.data;
    for (let version = event.schemaVersion; version < current; version++) {
      data = (this.steps.get(key(event.type, version)) as Upcaster).upcast(data);
    }
    return { ...event, data, schemaVersion: current };
  }
}

/** The registry as a codec: writes are always current, reads are upcast. */
export const upcastingCodec = (registry: UpcasterRegistry): EventCodec => ({
  encode: async (_streamId, event) => event,
  decode: async (events) => events.map((event) => registry.upcast(event)),
});
