// A lead's history for auditors: its events page by page, its state as of any moment rebuilt by
// the domain's own evolve and scoring, and the proof that its stored events were not altered.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DEFAULT_SCORING_MODEL, foldLead, isUuid, leadStreamName, scoreLead, type LeadScore, type LeadState, type ScoringModel } from '#domain';
import { toLeadEvent } from '#commands';
import { EVENT_STORE, PostgresHashChainVerifier, type ChainVerdict, type EventStore, type ReadStreamOptions } from '#event-store';
import { InvalidRequest, NotFound } from '#platform';
import { SCORING_MODEL } from '#read-models';
import { toAuditEvent, type AuditEvent } from './audit-event.js';

export interface LeadEventsPage {
  readonly leadId: string;
  /** API.md "Lists": `items` and `nextCursor`. */
  readonly items: readonly AuditEvent[];
  /** Pass as `cursor` for the next page (the next page's first revision); null on the last page. */
  readonly nextCursor: string | null;
}

export interface LeadStateAsOf {
  readonly leadId: string;
  /** The instant asked for; with `revision`, when the last included event occurred. */
  readonly asOf: string | null;
  /** The last revision included (0: the lead did not exist yet). */
  readonly revision: number;
  readonly lastEvent: AuditEvent | null;
  readonly state: LeadState;
  /** The score then, with the rule-by-rule breakdown; null before the lead existed. */
  readonly score: LeadScore | null;
}

export type LeadVerdict = ChainVerdict & { readonly leadId: string };

/** Either moment: an instant (events that occurred by then) or a revision (the first n events). */
export type Moment = { readonly asOf?: string; readonly revision?: number };

@Injectable()
export class LeadAuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly verifier: PostgresHashChainVerifier,
    // The configured model the lead view scores with, so both tell the same score; the domain's
    // default where no read side is mounted.
    @Optional() @Inject(SCORING_MODEL) private readonly model: ScoringModel = DEFAULT_SCORING_MODEL,
  ) {}

  async events(leadId: string, fromRevision: number, limit: number): Promise<LeadEventsPage> {
    const stream = this.streamOf(leadId);
    // One more than asked tells whether another page follows.
    const events = await this.store.readStream(stream, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0) await this.requireExists(leadId);
    return {
      leadId,
      items: events.slice(0, limit).map(toAuditEvent),
      nextCursor: events.length > limit ? String(events[limit].revision) : null,
    };
  }

  async stateAt(leadId: string, moment: Moment): Promise<LeadStateAsOf> {
    const stream = this.streamOf(leadId);
    const options: ReadStreamOptions = moment.asOf !== undefined ? { occurredUpTo: moment.asOf } : { maxCount: moment.revision };
    const events = await this.store.readStream(stream, options);
    const head = events.length === 0 || moment.revision !== undefined ? await this.requireExists(leadId) : null;
    if (moment.revision !== undefined && head !== null && moment.revision > head) {
      throw new InvalidRequest([{ field: 'revision', message: `the lead has ${head} events` }]);
    }
    const last = events.at(-1) ?? null;
    const asOf = moment.asOf ?? last?.metadata.occurredAt ?? null;
    const leadEvents = events.map(toLeadEvent);
    return {
      leadId,
      asOf,
      revision: last?.revision ?? 0,
      lastEvent: last && toAuditEvent(last),
      state: foldLead(leadEvents),
      score: asOf === null || last === null ? null : scoreLead(leadEvents, asOf, this.model),
    };
  }

  async verify(leadId: string): Promise<LeadVerdict> {
    const verdict = await this.verifier.verify(this.streamOf(leadId));
    if (verdict.eventsChecked === 0) throw new NotFound(`no lead ${leadId}`);
    return { leadId, ...verdict };
  }

  private streamOf(leadId: string): string {
    if (!isUuid(leadId)) throw new NotFound(`no lead ${leadId}`);
    return leadStreamName(leadId);
  }

  /** The lead's current revision; 404 when it has no events at all. */
  private async requireExists(leadId: string): Promise<number> {
    const revision = await this.store.streamRevision(leadStreamName(leadId));
    if (revision === 0) throw new NotFound(`no lead ${leadId}`);
    return revision;
  }
}
