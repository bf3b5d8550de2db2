// RFC 9457 problem details: the one error body shape of every endpoint.

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly code?: string;
  readonly stage?: string | null;
  readonly command?: string;
  readonly expectedRevision?: number | string;
  readonly actualRevision?: number;
  readonly correlationId?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (slug: string): string => `urn:leadline:problem:${slug}`;
