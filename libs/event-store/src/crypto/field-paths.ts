// Rewrites the values at given paths of an event's data, copying only what changes.

/** A path into an event's data; `*` stands for every key of an object. */
export type FieldPath = readonly string[];

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Calls `rewrite` for each value present (not undefined) at one of `paths`, with the concrete path
 * (wildcards resolved), and returns the data with those values replaced. Data without any such
 * value is returned as is.
 */
export const rewriteFields = (
  data: Json,
  paths: readonly FieldPath[],
  rewrite: (value: unknown, path: readonly string[]) => unknown,
): Json => paths.reduce((current, path) => rewriteAt(current, path, [], rewrite), data);

/** The concrete paths at which `data` holds a value for one of `paths`. */
export const presentFields = (data: Json, paths: readonly FieldPath[]): string[][] => {
  const found: string[][] = [];
  rewriteFields(data, paths, (value, path) => {
    found.push([...path]);
    return value;
  });
  return found;
};

const rewriteAt = (
  node: Json,
  path: FieldPath,
  prefix: readonly string[],
  rewrite: (value: unknown, path: readonly string[]) => unknown,
): Json => {
  const [head, ...rest] = path;
  const keys = head === '*' ? Object.keys(node) : [head];
  let copy: Record<string, unknown> | null = null;
  for (const key of keys) {
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    let next: unknown;
    if (rest.length === 0) {
      if (value === undefined) continue;
      next = rewrite(value, [...prefix, key]);
    } else {
      if (!isObject(value)) continue;
      next = rewriteAt(value, rest, [...prefix, key], rewrite);
    }
    if (next === value) continue;
    copy ??= { ...node };
    copy[key] = next;
  }
  return copy ?? node;
};
