// Hand-made lead histories for the metrics suites: each step is a lead command sent through the
// command bus at a chosen moment, as a rep or marketing automation would, and returns the lead's
// builder so a history reads as one chain. `position` is the last global position written.
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteLeadCommand, ExecutePlanningCommand, type LeadCommandResult, type PlanningCommandResult } from '#commands';
import {
  DEFAULT_PIPELINES, leadIdFromEmail, type ExpansionKind, type LeadCommand, type LostReason, type Money, type ProductLine, type SourceChannel,
} from '#domain';

const BANT = { budget: { met: true }, authority: { met: true }, need: { met: true }, timeline: { met: true } };
const PIPELINE = DEFAULT_PIPELINES[0];

export const eur = (value: number): Money => ({ value, currency: 'EUR' });
export const usd = (value: number): Money => ({ value, currency: 'USD' });

type Data<T extends LeadCommand['type']> = Omit<Extract<LeadCommand, { type: T }>['data'], 'leadId'>;

export class Positions {
  last = '0';
  note(position: string | null): void {
    if (position !== null && position > this.last) this.last = position;
  }
}

export class LeadHistory {
  readonly leadId: string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly app: INestApplication, private readonly positions: Positions, readonly email: string) {
    this.leadId = leadIdFromEmail(email);
  }

  private step<T extends LeadCommand['type']>(type: T, at: string, data: Data<T>): this {
    const leadId = this.leadId;
    this.chain = this.chain.then(async () => {
      const command = { type, data: { leadId, ...data }, metadata: { now: at } } as unknown as LeadCommand;
      const result: LeadCommandResult = await this.app.get(CommandBus).execute(
        new ExecuteLeadCommand(leadId, () => command, { actor: 'test', correlationId: `${leadId}-${at}`, causationId: null, now: at }),
      );
      this.positions.note(result.position);
    });
    return this;
  }

  /** Resolves once every step so far is written. */
  done(): Promise<unknown> {
    return this.chain;
  }

  capture(at: string, channel: SourceChannel, campaignId?: string): this {
    return this.step('CaptureLead', at, {
      profile: { email: this.email, firstName: 'Test', title: 'Intern', decisionRole: 'other' },
      source: { channel, ...(campaignId !== undefined && { campaignId }) },
    });
  }
  nurture(at: string, track: string): this { return this.step('StartNurturing', at, { track }); }
  mql(at: string): this { return this.step('QualifyMarketing', at, { basis: 'sdr', reason: 'asked' }); }
  accept(at: string, ownerId: string): this { return this.step('AcceptLead', at, { ownerId }); }
  reject(at: string): this { return this.step('RejectLead', at, { reason: 'not ready', feedback: 'later' }); }
  qualify(at: string, amount: Money, expectedCloseDate: string, products: readonly ProductLine[]): this {
    return this.step('QualifySales', at, { framework: 'BANT', criteria: BANT, amount, expectedCloseDate, products, pipeline: PIPELINE });
  }
  dealStage(at: string, stage: string): this { return this.step('ChangeOpportunityStage', at, { stage, pipeline: PIPELINE }); }
  win(at: string, options: { amount?: Money; products?: readonly ProductLine[]; termMonths?: number } = {}): this {
    return this.step('CloseDeal', at, { outcome: 'won', ...options });
  }
  lose(at: string, lostReason: LostReason): this { return this.step('CloseDeal', at, { outcome: 'lost', lostReason }); }
  onboard(at: string, keyAccount: boolean): this {
    return this.step('OnboardCustomer', at, { csmId: 'csm-1', priorities: [], painPoints: [], milestones: [], keyAccount });
  }
  expand(at: string, kind: ExpansionKind, products: readonly ProductLine[], amount: Money): this {
    return this.step('RecordExpansion', at, { kind, products, amount });
  }
  recycle(at: string): this { return this.step('RecycleLead', at, { reason: 'timing' }); }
  disqualify(at: string): this { return this.step('DisqualifyLead', at, { reason: 'no fit' }); }
  reopen(at: string): this { return this.step('ReopenLead', at, { reason: 'back' }); }
  handOver(at: string, ownerId: string): this { return this.step('ChangeOwner', at, { ownerId }); }
}

export const setTarget = async (app: INestApplication, positions: Positions, period: string, ownerId: string | null, amount: Money, at: string): Promise<void> => {
  const result: PlanningCommandResult = await app.get(CommandBus).execute(new ExecutePlanningCommand(
    { type: 'SetSalesTarget', data: { period, ownerId, amount }, metadata: { now: at } },
    { actor: 'test', correlationId: `target-${period}-${ownerId ?? 'team'}`, causationId: null, now: at },
  ));
  positions.note(result.position);
};

export const recordCost = async (app: INestApplication, positions: Positions, campaignId: string, period: string, amount: Money, at: string): Promise<void> => {
  const result: PlanningCommandResult = await app.get(CommandBus).execute(new ExecutePlanningCommand(
    { type: 'RecordCampaignCost', data: { campaignId, period, amount }, metadata: { now: at } },
    { actor: 'test', correlationId: `cost-${campaignId}-${period}`, causationId: null, now: at },
  ));
  positions.note(result.position);
};
