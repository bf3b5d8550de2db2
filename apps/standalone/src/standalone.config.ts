// The whole configuration of the one-process backend, validated at once: a bad start names every
// bad variable.
import { readPipelines } from '#commands';
import type { Pipeline, ScoringModel } from '#domain';
import { readKafkaConfig, type KafkaConfig } from '#messaging';
import { readConfig, readPlatformConfig, type Env, type PlatformConfig } from '#platform';
import type { ReadWaitOptions } from '#projections';
import { readScoringModel } from '#read-models';
import { readProjectorConfig, type ProjectorConfig } from '../../projector/src/projector.config.js';
import { readQueryServiceConfig } from '../../query-service/src/query-service.config.js';

export interface StandaloneConfig {
  readonly platform: PlatformConfig;
  readonly pipelines: readonly Pipeline[];
  /** Undefined when KAFKA_BROKERS is unset: Kafka is off. */
  readonly kafka: KafkaConfig | undefined;
  readonly scoringModel: ScoringModel;
  readonly projector: ProjectorConfig;
  readonly queries: { readonly readWait: ReadWaitOptions };
}

export const loadStandaloneConfig = (env: Env = process.env): StandaloneConfig => 
  readConfig(env, (reader) => ({ platform: readPlatformConfig(reader), pipelines: readPipelines(reader), kafka: readKafkaConfig(reader),
    scoringModel: readScoringModel(reader), projector: readProjectorConfig(reader), queries: readQueryServiceConfig(reader),
  }));
