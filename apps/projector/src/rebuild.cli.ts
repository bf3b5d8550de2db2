// `npm run rebuild -- <projection>`: replays one projection from position 0 into fresh tables and
// swaps them in, against DATABASE_URL (or the embedded database: a running `npm start`'s, shared,
// or started here). A running backend keeps serving from the old tables meanwhile and follows the
// new ones after.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError, DatabaseModule, EnvReader, migrateDatabase, PlatformModule, readPlatformConfig, resolveDatabase, type PlatformConfig,
} from '#platform';
import { ProjectionsService } from '#projections';
import { ReadModelsModule, readScoringModel } from '#read-models';
import type { ScoringModel } from '#domain';
import { ALL_MIGRATIONS } from '../../standalone/src/schema.js';
import { readProjectorConfig, type ProjectorConfig } from './projector.config.js';
import { ProjectorModule } from './projector.module.js';

interface CliConfig {
  readonly platform: PlatformConfig;
  readonly scoringModel: ScoringModel;
  readonly projector: ProjectorConfig;
}

@Module({})
class RebuildCliModule {
  static forRoot(config: CliConfig, url: string): DynamicModule {
    return {
      module: RebuildCliModule,
      imports: [
        PlatformModule.forRoot(config.platform),
        DatabaseModule.forRoot({ url }),
        ReadModelsModule.forRoot({ url, scoringModel: config.scoringModel }),
        // this process only rebuilds: the live runners belong to the running backend
        ProjectorModule.forRoot({ ...config.projector, run: false }),
      ],
    };
  }
}

async function main(): Promise<number> {
  const name = process.argv[2];
  const env = new EnvReader(process.env);
  const config: CliConfig = { platform: readPlatformConfig(env), scoringModel: readScoringModel(env), projector: readProjectorConfig(env) };
  env.done();
  const database = await resolveDatabase(config.platform, { shareRunning: true });
  await migrateDatabase(database.url, ALL_MIGRATIONS); // as every start does: the schema this code reads and checks
  const app = await NestFactory.createApplicationContext(RebuildCliModule.forRoot(config, database.url), { logger: ['error', 'warn', 'log'] });
  try {
    const projections = app.get(ProjectionsService);
    if (name === undefined || !projections.names().includes(name)) {
      console.error(`usage: npm run rebuild -- <projection>, one of: ${projections.names().join(', ')}`);
      return 2;
    }
    await projections.startRebuild(name).done;
    const status = (await projections.status()).find((projection) => projection.name === name);
    if (status?.lastRebuild?.error) {
      console.error(`rebuild of ${name} failed: ${status.lastRebuild.error}`);
      return 1;
    }
    console.log(`rebuilt ${name}: checkpoint ${status?.checkpoint}`);
    return 0;
  } finally {
    await app.close();
    await database.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
