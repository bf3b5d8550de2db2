// The whole configuration of the one-process backend, validated at once: a bad start names every
// bad variable.
import { readPipelines } from '#commands';
import type { Pipeline } from '#domain';
import { readKafkaConfig, type KafkaConfig } from '#messaging';
import { EnvReader, readPlatformConfig, type Env, type PlatformConfig } from '#platform';

export interface StandaloneConfig {
  readonly platform: PlatformConfig;
  readonly pipelines: readonly Pipeline[];
  /** Undefined when KAFKA_BROKERS is unset: Kafka is off. */
  readonly kafka: KafkaConfig | undefined;
}

export const loadStandaloneConfig = (env: Env = process.env): StandaloneConfig => {
  const reader = new EnvReader(env);
  const config = { platform: readPlatformConfig(reader), pipelines: readPipelines(reader), kafka: readKafkaConfig(reader) };
  reader.done();
  return config;
};
