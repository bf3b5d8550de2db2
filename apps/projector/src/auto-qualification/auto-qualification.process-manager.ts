// Auto-MQL and auto-accept (DOMAIN.md "Thresholds"): a subscriber that issues commands through the
// command bus. Each command's idempotency seed is derived from the event that triggered it, so a
// replay or a restart re-sends the same command, which the handler answers without appending again.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  evolve, foldLead, initialLeadScoringState, initialState, isDomainError, leadScoringStateAfter, qualifiesForAutoAccept, qualifiesForMql,
  scoreNextEvent, thresholdsCrossed, type EventScoring, type LeadCommand, type LeadEvent, type LeadScoringState, type LeadState, type ScoringModel,
} from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { ExecuteLeadCommand, toLeadEvent, type CommandContext } from '#commands';
import type { Projection } from '#projections';
import { SCORING_MODEL } from '#read-models';
import type { PoolClient } from 'pg';
import { RecentByRevision } from '../recent-by-revision.js';
import { ROUTING_RULES, routeOf, type RoutingRule } from './routing-rules.js';

export const SCORING_ACTOR = 'system:scoring';

/** Streams read at once per batch: enough to hide round trips, few enough to leave the pool to commands. */
const STREAM_READERS = 4;

/** The lead moved on since the triggering event (`issue`): the command no longer applies. */
class NoLongerApplicable extends Error {}

/** A lead's first `revision` events folded: its state, and what its next event is scored against. */
interface Folded {
  readonly revision: number;
  readonly state: LeadState;
  readonly scoring: LeadScoringState;
}

const NOTHING_FOLDED: Folded = { revision: 0, state: initialState, scoring: initialLeadScoringState };

/** The events of a lead this batch needs: those after `base`, up to its last event in the batch. */
interface Stream {
  readonly base: Folded;
  readonly events: readonly LeadEvent[];
}

/** Leads whose folds are kept between batches: a few kB a typical lead. */
const RECENT_LEADS = 1000;

@Injectable()
export class AutoQualificationProcessManager implements Projection {
  readonly name = 'auto-qualification';
  /**
   * The events whose score change may move a lead, and a reopening (the score judged again as the
   * lead returns from disqualified, where crossings were let pass). Not `LeadPersonalDataErased`: an erasure takes the
   * rules that read personal fields (free-mail, student or competitor address, seniority) out of the
   * score, which can raise it past a threshold, and forgetting a person must not qualify them.
   * Every event of a lead is still folded (`readStreams`): the erasure counts in the scores after it.
   */
  readonly eventTypes = ['LeadCaptured', 'LeadDetailsUpdated', 'EngagementRecorded', 'MarketingQualified', 'LeadReopened'];
  readonly tables: readonly string[] = [];
  private readonly logger = new Logger('AutoQualification');
  /**
   * Each lead as the last batch that saw it left it folded (recent-by-revision.ts): the next batch
   * reads only the lead's events after it, not its whole stream again.
   */
  private readonly recent = new RecentByRevision<Folded>(RECENT_LEADS);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bus: CommandBus,
    @Inject(SCORING_MODEL) private readonly model: ScoringModel,
    @Inject(ROUTING_RULES) private readonly rules: readonly RoutingRule[],
  ) {}

  async apply(events: readonly RecordedEvent[], client: PoolClient): Promise<void> {
    const streams = await this.readStreams(events);
    // Each lead folded once through the batch, each event scored against the state before it: not
    // the whole history folded and scored twice per event, which grew with the lead's length.
    const folded = new Map<string, Folded>();
    for (const recorded of events) {
      const stream = streams.get(recorded.streamId) ?? { base: NOTHING_FOLDED, events: [] };
      const before = this.foldedUpTo(folded.get(recorded.streamId) ?? stream.base, stream, recorded.revision - 1);
      const event = stream.events[recorded.revision - 1 - stream.base.revision];
      const { scoring, state: scoringState } = scoreNextEvent(before.scoring, event, this.model);
      const state = evolve(before.state, event);
      folded.set(recorded.streamId, { revision: recorded.revision, state, scoring: scoringState });
      await this.handle(recorded, event, state, scoring, client);
    }
    for (const [streamId, last] of folded) this.recent.remember(streamId, last.revision, last);
  }

  /** The lead folded up to `revision`, on from `from` with the stream's events in between (if any). */
  private foldedUpTo(from: Folded, stream: Stream, revision: number): Folded {
    if (from.revision === revision) return from;
    const between = stream.events.slice(from.revision - stream.base.revision, revision - stream.base.revision);
    return { revision, state: foldLead(between, from.state), scoring: leadScoringStateAfter(from.scoring, between, this.model) };
  }

  /**
   * Each lead of the batch read once, up to its last event in the batch, and only after what was
   * kept of it folded: one read per lead instead of one per event, which kept this manager seconds
   * behind under steady command load, and not the whole stream of a long-lived lead every batch.
   */
  private async readStreams(events: readonly RecordedEvent[]): Promise<Map<string, Stream>> {
    const range = new Map<string, { first: number; last: number }>();
    for (const { streamId, revision } of events) {
      const seen = range.get(streamId);
      range.set(streamId, { first: Math.min(seen?.first ?? revision, revision), last: Math.max(seen?.last ?? 0, revision) });
    }
    const pending = [...range];
    const streams = new Map<string, Stream>();
    const reader = async (): Promise<void> => {
      for (let next = pending.pop(); next; next = pending.pop()) {
        const [streamId, { first, last }] = next;
        const kept = this.recent.get(streamId);
        // a fold past the batch's first event of the lead (a batch tried again) is no place to start
        const base = kept !== undefined && kept.revision < first ? kept.value : NOTHING_FOLDED;
        const read = await this.store.readStream(streamId, { fromRevision: base.revision + 1, maxCount: last - base.revision });
        streams.set(streamId, { base, events: read.map(toLeadEvent) });
      }
    };
    await Promise.all(Array.from({ length: STREAM_READERS }, reader));
    return streams;
  }

  /** `state`: the lead right after `event`; `scoring`: its score just before and right after it. */
  private async handle(recorded: RecordedEvent, event: LeadEvent, state: LeadState, scoring: EventScoring, client: PoolClient): Promise<void> {
    if (state.status !== 'active') return;
    if (event.type === 'MarketingQualified') {
      // Qualified by any basis while the score is already high enough: accept on the rep's behalf.
      // Scored at the lead's time, which includes engagements that arrived before this event did.
      if (qualifiesForAutoAccept(scoring.after, this.model)) {
        await this.autoAccept(recorded, event, state, client);
      }
      return;
    }
    const { before, after } = scoring;
    const preQualified = state.stage === 'lead' || state.stage === 'nurturing';
    if (event.type === 'LeadReopened') {
      // Back from disqualified, where crossings were let pass (not active): judged as it returns.
      if (preQualified && qualifiesForMql(after, this.model)) await this.qualify(recorded, event, state, after.total);
      else if (state.stage === 'mql' && qualifiesForAutoAccept(after, this.model)) await this.autoAccept(recorded, event, state, client);
      return;
    }
    const crossed = thresholdsCrossed(before.total, after.total, this.model);
    if (crossed.length === 0) return;
    if (preQualified && qualifiesForMql(after, this.model)) {
      await this.qualify(recorded, event, state, after.total);
    } else if (state.stage === 'mql' && crossed.includes('autoAccept')) {
      await this.autoAccept(recorded, event, state, client);
    }
  }

  /** Auto-MQL. Auto-accept, if due, follows when this MarketingQualified comes back through here. */
  private async qualify(recorded: RecordedEvent, event: LeadEvent, state: LeadState, score: number): Promise<void> {
    await this.issue(recorded, event, state, 'auto-mql', () => ({
      type: 'QualifyMarketing',
      data: { leadId: event.data.leadId, basis: 'score', score, reason: `score ${score} reached the MQL threshold ${this.model.thresholds.mql}` },
      metadata: { now: event.data.occurredAt },
    }));
  }

  private async autoAccept(recorded: RecordedEvent, event: LeadEvent, state: LeadState, client: PoolClient): Promise<void> {
    const rule = routeOf(this.rules, state);
    if (!rule) return;
    const ownerId = await this.nextOwner(client, rule);
    await this.issue(recorded, event, state, 'auto-accept', () => ({
      type: 'AcceptLead',
      data: { leadId: event.data.leadId, ownerId, onBehalfOfOwner: true },
      metadata: { now: event.data.occurredAt },
    }));
  }

  /** The rule's next owner in turn; the turn moves in the batch's transaction. */
  private async nextOwner(client: PoolClient, rule: RoutingRule): Promise<string> {
    const { rows } = await client.query<{ next_index: number }>(
      `INSERT INTO pm_routing_cursors (rule_key, next_index) VALUES ($1, 1)
       ON CONFLICT (rule_key) DO UPDATE SET next_index = pm_routing_cursors.next_index + 1
       RETURNING next_index`,
      [rule.name],
    );
    return rule.owners[(rows[0].next_index - 1) % rule.owners.length];
  }

  /**
   * Issues the command for `event`, `state` being the lead right after it, unless the lead moved
   * since: a stage entered or a status changed meanwhile (a rep accepted and rejected it, recycled or
   * disqualified it) while this manager lagged or replayed, and the verdict on that event's score is
   * about a lead that is gone. Issued, it would undo the rep's move, dated before it.
   */
  private async issue(
    recorded: RecordedEvent, event: LeadEvent, state: LeadState, kind: string, build: () => LeadCommand,
  ): Promise<void> {
    const guarded = (current: LeadState): LeadCommand => {
      if (current.stageHistory.length !== state.stageHistory.length || current.status !== state.status) throw new NoLongerApplicable();
      return build();
    };
    const context: CommandContext = {
      actor: SCORING_ACTOR,
      correlationId: recorded.metadata.correlationId,
      causationId: recorded.eventId,
      now: event.data.occurredAt,
      idempotencySeed: `${kind}:${recorded.eventId}`,
    };
    try {
      await this.bus.execute(new ExecuteLeadCommand(event.data.leadId, guarded, context));
    } catch (error) {
      if (error instanceof NoLongerApplicable || isDomainError(error)) {
        this.logger.debug(`${kind} for ${event.data.leadId} no longer applies`);
        return;
      }
      throw error;
    }
  }
}
