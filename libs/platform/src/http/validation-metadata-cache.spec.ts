import { IsInt, IsString, validate } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class Parent {
  @IsString()
  name!: unknown;
}

class Child extends Parent {
  @IsInt()
  count!: unknown;

  @IsString({ groups: ['strict'] })
  note!: unknown;
}

const failing = async (value: object, options = {}): Promise<string[]> =>
  (await validate(value, { whitelist: true, forbidNonWhitelisted: true, ...options })).map((error) => error.property).sort();

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('keeps the rules of a class and its ancestors, validation after validation', async () => {
    for (let round = 0; round < 3; round++) {
      expect(await failing(Object.assign(new Child(), { name: 1, count: 'x', note: 'n' }))).toEqual(['count', 'name']);
      expect(await failing(Object.assign(new Child(), { name: 'a', count: 1, note: 'n' }))).toEqual([]);
      expect(await failing(Object.assign(new Parent(), { name: 'a', count: 1 }))).toEqual(['count']);
    }
  });

  // Without groups every rule applies; with a group only its rules do, and whitelisting then
  // refuses the properties that have none in it. A cached plain lookup must not answer for a group.
  it('leaves lookups with groups to the library', async () => {
    const child = (): Child => Object.assign(new Child(), { name: 'a', count: 1, note: 2 });
    expect(await failing(child())).toEqual(['note']);
    expect(await failing(child(), { groups: ['strict'] })).toEqual(['count', 'name', 'note']);
    expect(await failing(child())).toEqual(['note']);
  });
});
