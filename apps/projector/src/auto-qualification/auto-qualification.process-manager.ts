// Auto-MQL and auto-accept (DOMAIN.md "Thresholds"): a subscriber that issues commands through the
// command bus. Each command's idempotency seed is derived from the event that triggered it, so a
// replay or a restart re-sends the same command, which the handler answers without appending again.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  foldLead, isDomainError, qualifiesForAutoAccept, qualifiesForMql, scoreAroundEvent, thresholdsCrossed,
  type LeadCommand, type LeadEvent, type LeadState, type ScoringModel,
} from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { ExecuteLeadCommand, toLeadEvent, type CommandContext } from '#commands';
import type { Projection } from '#projections';
import { SCORING_MODEL } from '#read-models';
import type { PoolClient } from 'pg';
import { ROUTING_RULES, routeOf, type RoutingRule } from './routing-rules.js';

export const SCORING_ACTOR = 'system:scoring';

/** Streams read at once per batch: enough to hide round trips, few enough to leave the pool to commands. */
const STREAM_READERS = 4;

/** The lead moved on since the triggering event: the command no longer applies. */
class NoLongerApplicable extends Error {}

@Injectable()
export class AutoQualificationProcessManager implements Projection {
  readonly name = 'auto-qualification';
  readonly eventTypes = ['LeadCaptured', 'LeadDetailsUpdated', 'EngagementRecorded', 'LeadPersonalDataErased', 'MarketingQualified'];
  readonly tables: readonly string[] = [];
  private readonly logger = new Logger('AutoQualification');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bus: CommandBus,
    @Inject(SCORING_MODEL) private readonly model: ScoringModel,
    @Inject(ROUTING_RULES) private readonly rules: readonly RoutingRule[],
  ) {}

  async apply(events: readonly RecordedEvent[], client: PoolClient): Promise<void> {
    const streams = await this.readStreams(events);
    for (const recorded of events) {
      await this.handle(recorded, (streams.get(recorded.streamId) ?? []).slice(0, recorded.revision), client);
    }
  }

  /**
   * Each lead of the batch read once, up to its last event in the batch (a stream's first events
   * never change): one read per lead instead of one per event, which kept this manager seconds
   * behind under steady command load.
   */
  private async readStreams(events: readonly RecordedEvent[]): Promise<Map<string, LeadEvent[]>> {
    const last = new Map<string, number>();
    for (const event of events) last.set(event.streamId, Math.max(last.get(event.streamId) ?? 0, event.revision));
    const pending = [...last];
    const streams = new Map<string, LeadEvent[]>();
    const reader = async (): Promise<void> => {
      for (let next = pending.pop(); next; next = pending.pop()) {
        const [streamId, revision] = next;
        streams.set(streamId, (await this.store.readStream(streamId, { maxCount: revision })).map(toLeadEvent));
      }
    };
    await Promise.all(Array.from({ length: STREAM_READERS }, reader));
    return streams;
  }

  /** `history`: the lead's stream up to and including `recorded`. */
  private async handle(recorded: RecordedEvent, history: readonly LeadEvent[], client: PoolClient): Promise<void> {
    const previous = history.slice(0, -1);
    const event = history[history.length - 1];
    const state = foldLead(history);
    if (state.status !== 'active') return;
    if (event.type === 'MarketingQualified') {
      // Qualified by any basis while the score is already high enough: accept on the rep's behalf.
      // Scored at the lead's time, which includes engagements that arrived before this event did.
      if (qualifiesForAutoAccept(scoreAroundEvent(previous, event, this.model).after, this.model)) {
        await this.autoAccept(recorded, event, state, client);
      }
      return;
    }
    const { before, after } = scoreAroundEvent(previous, event, this.model);
    const crossed = thresholdsCrossed(before.total, after.total, this.model);
    if (crossed.length === 0) return;
    if ((state.stage === 'lead' || state.stage === 'nurturing') && qualifiesForMql(after, this.model)) {
      // Auto-accept, if due, follows when this MarketingQualified comes back through here.
      await this.issue(recorded, event, 'auto-mql', (current) => {
        if (current.stage !== 'lead' && current.stage !== 'nurturing') throw new NoLongerApplicable();
        return {
          type: 'QualifyMarketing',
          data: {
            leadId: event.data.leadId, basis: 'score', score: after.total,
            reason: `score ${after.total} reached the MQL threshold ${this.model.thresholds.mql}`,
          },
          metadata: { now: event.data.occurredAt },
        };
      });
    } else if (state.stage === 'mql' && crossed.includes('autoAccept')) {
      await this.autoAccept(recorded, event, state, client);
    }
  }

  private async autoAccept(recorded: RecordedEvent, event: LeadEvent, state: LeadState, client: PoolClient): Promise<void> {
    const rule = routeOf(this.rules, state);
    if (!rule) return;
    const ownerId = await this.nextOwner(client, rule);
    await this.issue(recorded, event, 'auto-accept', (current) => {
      if (current.stage !== 'mql') throw new NoLongerApplicable();
      return {
        type: 'AcceptLead',
        data: { leadId: event.data.leadId, ownerId, onBehalfOfOwner: true },
        metadata: { now: event.data.occurredAt },
      };
    });
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

  private async issue(
    recorded: RecordedEvent, event: LeadEvent, kind: string, build: (state: LeadState) => LeadCommand,
  ): Promise<void> {
    const context: CommandContext = {
      actor: SCORING_ACTOR,
      correlationId: recorded.metadata.correlationId,
      causationId: recorded.eventId,
      now: event.data.occurredAt,
      idempotencySeed: `${kind}:${recorded.eventId}`,
    };
    try {
      await this.bus.execute(new ExecuteLeadCommand(event.data.leadId, build, context));
    } catch (error) {
      if (error instanceof NoLongerApplicable || isDomainError(error)) {
        this.logger.debug(`${kind} for ${event.data.leadId} no longer applies`);
        return;
      }
      throw error;
    }
  }
}
