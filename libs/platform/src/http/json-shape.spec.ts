import { jsonShapeErrors, MAX_JSON_DEPTH } from './json-shape.js';

/** `levels` arrays, each inside the next: [[[…]]]. */
const nested = (levels: number): unknown => {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
};

describe('jsonShapeErrors', () => {
  it('passes what any DTO may take', () => {
    expect(jsonShapeErrors({ lead: { email: 'a@example.com', company: { name: 'Ex' } }, products: [{ sku: 'x', amount: { value: 1, currency: 'EUR' } }] })).toEqual([]);
    expect(jsonShapeErrors({ x: nested(MAX_JSON_DEPTH - 1) })).toEqual([]);
    expect(jsonShapeErrors('text')).toEqual([]);
  });

  it('names every string holding U+0000 by its dotted path, keys included', () => {
    expect(jsonShapeErrors({ track: 't\u0000', source: { campaignId: 'c\u0000x' }, products: [{ sku: 'ok' }, { sku: '\u0000' }], 'k\u0000': 1 }).map((error) => error.field))
      .toEqual(['track', 'source.campaignId', 'products.1.sku', 'k\u0000']);
  });

  it('names the first container past the bound, without recursing into the rest', () => {
    const errors = jsonShapeErrors({ ok: 1, x: nested(100_000) });
    expect(errors).toEqual([{ field: ['x', ...Array.from({ length: MAX_JSON_DEPTH - 1 }, () => '0')].join('.'), message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('lists a bounded number of errors, whatever the body', () => {
    expect(jsonShapeErrors(Array.from({ length: 10_000 }, () => '\u0000')).length).toBeLessThanOrEqual(50);
  });
});
