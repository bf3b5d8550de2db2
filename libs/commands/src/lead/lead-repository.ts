// Loads a lead's state. Decided states are cached by revision, and a load reads only the events
// after the cached revision: never a full replay of a long history, and never stale, because the
// tail is always read from the store. `cached` offers the state without reading, for callers whose
// write is itself checked against the revision (the append's optimistic concurrency).
import { Inject, Injectable } from '@nestjs/common';
import { evolve, initialState, isLeadEventType, leadStreamName, type LeadEvent, type LeadState } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';

export interface LoadedLead {
  readonly state: LeadState;
  readonly revision: number;
}

const CACHE_LIMIT = 10_000;

export const toLeadEvent = (event: RecordedEvent): LeadEvent => {
  if (!isLeadEventType(event.type)) throw new Error(`unexpected event ${event.type} in a lead stream`);
  return { type: event.type, data: event.data } as LeadEvent;
};

@Injectable()
export class LeadRepository {
  private readonly cache = new Map<string, LoadedLead>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  cached(leadId: string): LoadedLead | undefined {
    return this.cache.get(leadId);
  }

  async load(leadId: string): Promise<LoadedLead> {
    const cached = this.cache.get(leadId) ?? { state: initialState, revision: 0 };
    const tail = await this.store.readStream(leadStreamName(leadId), { fromRevision: cached.revision + 1 });
    if (tail.length === 0) return cached;
    const loaded = {
      state: tail.map(toLeadEvent).reduce(evolve, cached.state),
      revision: tail[tail.length - 1].revision,
    };
    this.remember(leadId, loaded);
    return loaded;
  }

  /** Records the state a successful append produced, so the next load reads nothing. */
  remember(leadId: string, loaded: LoadedLead): void {
    const current = this.cache.get(leadId);
    if (current && current.revision >= loaded.revision) return;
    this.cache.delete(leadId); // re-insert: Map order doubles as least-recently-used order
    this.cache.set(leadId, loaded);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}
