// The dead-letter topic: the original key and value untouched, and headers that say what was wrong
// and where the message came from, so it can be fixed and re-sent.
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { FieldError } from '#platform';

export type DeadLetterReason =
  | { readonly code: 'invalid_message'; readonly errors: readonly FieldError[] }
  | { readonly code: 'processing_failed'; readonly error: unknown };

export const DEAD_LETTER_HEADERS = {
  code: 'error-code',
  message: 'error-message',
  fields: 'error-fields',
  topic: 'original-topic',
  partition: 'original-partition',
  offset: 'original-offset',
  timestamp: 'original-timestamp',
} as const;

const describe = (reason: DeadLetterReason): string =>
  reason.code === 'invalid_message'
    ? reason.errors.map((error) => `${error.field}: ${error.message}`).join('; ')
    : reason.error instanceof Error ? `${reason.error.name}: ${reason.error.message}` : String(reason.error);

export const toDeadLetter = (topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason): Message => {
  const headers: IHeaders = {
    ...message.headers,
    [DEAD_LETTER_HEADERS.code]: reason.code,
    [DEAD_LETTER_HEADERS.message]: describe(reason),
    [DEAD_LETTER_HEADERS.topic]: topic,
    [DEAD_LETTER_HEADERS.partition]: String(partition),
    [DEAD_LETTER_HEADERS.offset]: message.offset,
    [DEAD_LETTER_HEADERS.timestamp]: message.timestamp,
  };
  if (reason.code === 'invalid_message') headers[DEAD_LETTER_HEADERS.fields] = JSON.stringify(reason.errors);
  return { key: message.key, value: message.value, headers };
};
