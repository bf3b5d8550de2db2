// The TypeORM connection of the read side: its entities, no `synchronize` (the versioned migrations
// own the schema), a small pool of its own.
import { DataSource } from 'typeorm';
import { BuyingSignalEntity, LeadFactEntity, LeadViewEntity, ScoreHistoryEntity } from './entities/lead.entities.js';
import {
  CampaignCostEntity, ClosedDealEntity, DailyStageCountEntity, ExpansionEntity, FunnelLeadEntity, OpportunityEntity,
  SalesTargetEntity, StageEntryEntity,
} from './entities/funnel.entities.js';

export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

export const READ_MODEL_ENTITIES = [
  LeadViewEntity, LeadFactEntity, ScoreHistoryEntity, BuyingSignalEntity, FunnelLeadEntity, StageEntryEntity,
  DailyStageCountEntity, OpportunityEntity, ClosedDealEntity, ExpansionEntity, SalesTargetEntity, CampaignCostEntity,
];

export const createReadDataSource = (url: string, maxConnections = 10): DataSource =>
  new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    extra: { max: maxConnections, connectionTimeoutMillis: 5000 },
  });
