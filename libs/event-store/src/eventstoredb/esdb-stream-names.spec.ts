import { CLAIM_STREAM_PREFIX, StreamNames } from './esdb-stream-names.js';

describe('stream names: namespace, claims, filters', () => {
  const names = new StreamNames('test.a1+');

  it('prefixes the namespace and takes it off again; claim and system streams are no port streams', () => {
    expect(names.stream('lead-1')).toBe('test.a1+lead-1');
    expect(names.portId('test.a1+lead-1')).toBe('lead-1');
    expect(names.portId('lead-1')).toBeNull();
    expect(names.portId(names.claim('ABC'))).toBeNull();
    expect(names.claim('ABC')).toBe(`test.a1+${CLAIM_STREAM_PREFIX}abc`);
    expect(new StreamNames('').portId('$stats-127.0.0.1:2113')).toBeNull();
    expect(new StreamNames('').portId('$$lead-1')).toBeNull();
  });

  it('refuses stream ids that would read as system or claim streams, and a $ namespace', () => {
    for (const bad of ['', '$ce-lead', `${CLAIM_STREAM_PREFIX}x`]) expect(() => names.stream(bad)).toThrow(RangeError);
    expect(() => new StreamNames('$x')).toThrow(RangeError);
  });

  it('the server-side regex selects exactly what the client-side check selects', () => {
    const streams = [
      'test.a1+lead-1', 'test.a1+lead-', 'test.a1+planning-2026', 'test.a1+other', `test.a1+${CLAIM_STREAM_PREFIX}u`,
      'test.a1+$x', 'test.a2+lead-1', 'test.a1Xlead-1', '$ce-lead', '$$test.a1+lead-1', 'lead-1',
    ];
    for (const prefixes of [undefined, ['lead-'], ['lead-', 'planning-'], ['le.d-'], []]) {
      const regex = new RegExp(names.filterRegex(prefixes));
      for (const stream of streams) expect([stream, prefixes, regex.test(stream)]).toEqual([stream, prefixes, names.matches(stream, prefixes)]);
    }
    const root = new StreamNames('');
    const regex = new RegExp(root.filterRegex(undefined));
    expect(['lead-1', '$ce-lead', '$$lead-1', `${CLAIM_STREAM_PREFIX}u`].map((s) => regex.test(s))).toEqual([true, false, false, false]);
  });
});
