// The list's cursor: the last lead of a page, as an opaque URL-safe string.
import { isUuid } from '#domain';
import { InvalidRequest, isInstant } from '#platform';
import type { LeadCursor } from '#read-models';

export const encodeCursor = (cursor: LeadCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.leadId])).toString('base64url');

export const decodeCursor = (raw: string): LeadCursor => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, leadId] = parsed as unknown[];
      // an instant as PostgreSQL reads it too: Date.parse also takes "1", 2026-02-30 and year +275760
      if (isInstant(createdAt) && typeof leadId === 'string' && isUuid(leadId)) {
        return { createdAt, leadId };
      }
    }
  } catch {
    // reported below
  }
  throw new InvalidRequest([{ field: 'cursor', message: 'is not a cursor of this list (use nextCursor as given)' }]);
};
