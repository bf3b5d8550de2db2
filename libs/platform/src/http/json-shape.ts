// What a client's parsed JSON may not hold, whatever the DTO: checked before any class-transformer
// or class-validator sees the value, for HTTP bodies and marketing messages alike.
import type { FieldError } from './problem.js';

/**
 * Containers (objects, arrays) nested deeper than this are refused. No message of the API nests
 * beyond four; class-transformer recurses once per level and overflows the stack a few thousand
 * levels down, so the bound must hold before it runs.
 */
export const MAX_JSON_DEPTH = 32;

/** Past this many, further bad fields are not listed: the answer stays small whatever the body. */
const MAX_ERRORS = 50;

const NUL = '\u0000';
const NO_NUL = 'must not contain the NUL character (U+0000)';

const fieldOf = (path: readonly string[]): string => (path.length === 0 ? 'body' : path.join('.'));

/**
 * Every string (value or key) holding U+0000, which PostgreSQL text and jsonb cannot store (the
 * event would be kept but stop every projection that reads it), and the first container nested
 * deeper than MAX_JSON_DEPTH on each branch, named by dotted path (`products.0.sku`).
 */
export const jsonShapeErrors = (value: unknown): FieldError[] => {
  const errors: FieldError[] = [];
  // Recursion is safe: it never goes deeper than MAX_JSON_DEPTH.
  const visit = (node: unknown, path: string[]): void => {
    if (errors.length >= MAX_ERRORS) return;
    if (typeof node === 'string') {
      if (node.includes(NUL)) errors.push({ field: fieldOf(path), message: NO_NUL });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (path.length >= MAX_JSON_DEPTH) {
      errors.push({ field: fieldOf(path), message: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const childPath = [...path, key];
      if (key.includes(NUL)) errors.push({ field: fieldOf(childPath), message: `${NO_NUL} in its name` });
      visit(child, childPath);
    }
  };
  visit(value, []);
  return errors.slice(0, MAX_ERRORS);
};
