// One kafkajs client per process, its log lines routed to Nest's logger (warnings and errors only:
// kafkajs is chatty at info).
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaConfig } from './kafka.config.js';

export const KAFKA = Symbol('KAFKA');

const logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ level, log }: LogEntry): void => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else logger.warn(line);
  };
};

const saslOptions = (sasl: NonNullable<KafkaConfig['sasl']>): SASLOptions => {
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username: sasl.username, password: sasl.password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username: sasl.username, password: sasl.password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password };
  }
};

export const createKafka = (config: KafkaConfig): Kafka =>
  new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: config.ssl,
    ...(config.sasl === null ? {} : { sasl: saslOptions(config.sasl) }),
    logLevel: logLevel.WARN,
    logCreator,
  });
