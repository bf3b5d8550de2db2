// How stored events of an older schema version become the current shape. The store is never
// rewritten: an event keeps the version it was written with and is upcast each time it is read.
import type { DomainEvent } from './events.js';

/** Turns the data of `type` at `fromVersion` into its shape at `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * Every upcaster of the domain's events. Empty while every type is at version 1: bumping a type in
 * CURRENT_SCHEMA_VERSION without its upcaster here fails at start (the registry checks the chain).
 */
export const DOMAIN_UPCASTERS: readonly (Upcaster & { readonly type: DomainEvent['type'] })[] = [];
