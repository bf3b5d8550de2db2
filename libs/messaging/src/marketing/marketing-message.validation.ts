// The one validation of marketing messages, for Kafka and HTTP alike: the DTO's field rules, then
// the rules that tie fields to the message type. Every invalid field is named by its dotted path.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, jsonShapeErrors, type FieldError } from '#platform';
import { MarketingMessageDto } from './marketing-message.dto.js';

export type ValidatedMessage =
  | { readonly valid: true; readonly message: MarketingMessageDto }
  | { readonly valid: false; readonly errors: readonly FieldError[]; readonly messageId: string | null };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeRules = (message: MarketingMessageDto): FieldError[] => {
  const errors: FieldError[] = [];
  const forbid = (field: 'source' | 'engagement'): void => {
    if (message[field] !== undefined) errors.push({ field, message: `is not allowed for ${message.type}` });
  };
  switch (message.type) {
    case 'lead.captured':
      forbid('engagement');
      break;
    case 'lead.updated':
      forbid('source');
      forbid('engagement');
      break;
    case 'lead.unsubscribed':
      if (message.engagement !== undefined && message.engagement.kind !== 'unsubscribe') {
        errors.push({ field: 'engagement.kind', message: 'must be unsubscribe for lead.unsubscribed' });
      }
      break;
    case 'lead.engaged':
      break;
  }
  return errors;
};

export const validateMarketingMessage = (raw: unknown): ValidatedMessage => {
  if (!isPlainObject(raw)) return { valid: false, errors: [{ field: 'message', message: 'must be a JSON object' }], messageId: null };
  const messageId = typeof raw.messageId === 'string' && raw.messageId !== '' ? raw.messageId : null;
  // Before the transform, which would overflow the stack on deep nesting and kill the consumer.
  const shapeErrors = jsonShapeErrors(raw);
  if (shapeErrors.length > 0) return { valid: false, errors: shapeErrors, messageId };
  const message = plainToInstance(MarketingMessageDto, raw);
  const fieldErrors = flattenValidationErrors(
    validateSync(message, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }),
  );
  // Type-dependent rules only make sense once the type itself is valid.
  const errors = fieldErrors.some((error) => error.field === 'type') ? fieldErrors : [...fieldErrors, ...typeRules(message)];
  return errors.length > 0 ? { valid: false, errors, messageId } : { valid: true, message };
};

/** A message as bytes (a Kafka value, an NDJSON line): JSON first, then the message rules. */
export const parseMarketingMessage = (text: string): ValidatedMessage => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { valid: false, errors: [{ field: 'message', message: 'is not valid JSON' }], messageId: null };
  }
  return validateMarketingMessage(raw);
};
