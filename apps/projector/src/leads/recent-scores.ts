// The score facts of the leads a projection scored last, as its batches left them. A lead's events
// rarely come in one batch (many leads are worked at once), and each batch that sees it again would
// read its facts back, parse them and fold them again; at the revision its stored view has, it takes
// them from here instead. The facts at a revision depend only on the lead's events and the scoring
// model, so they hold whichever tables the batch writes (live, or a rebuild's fresh ones); the
// stored revision decides (a batch that rolled back leaves it behind what is kept here).
import type { ScoredFacts } from '#read-models';

interface Kept {
  readonly revision: number;
  readonly scored: ScoredFacts;
}

export class RecentScores {
  /** Insertion order doubles as least-recently-used order. */
  private readonly leads = new Map<string, Kept>();

  /** @param capacity the most leads kept: what this costs in memory (a few kB a typical lead). */
  constructor(private readonly capacity: number) {}

  /** The lead's facts when they were kept at `revision`. */
  at(leadId: string, revision: number): ScoredFacts | undefined {
    const kept = this.leads.get(leadId);
    return kept?.revision === revision ? kept.scored : undefined;
  }

  remember(leadId: string, revision: number, scored: ScoredFacts): void {
    this.leads.delete(leadId);
    this.leads.set(leadId, { revision, scored: { facts: scored.facts, scoring: scored.scoring } });
    if (this.leads.size > this.capacity) this.leads.delete(this.leads.keys().next().value as string);
  }
}
