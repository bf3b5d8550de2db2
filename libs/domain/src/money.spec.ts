import { isCurrencyCode } from './money.js';

describe('isCurrencyCode', () => {
  it.each(['EUR', 'USD', 'SEK', 'JPY'])('takes %s, an ISO 4217 code', (code) => expect(isCurrencyCode(code)).toBe(true));
  it.each(['XYZ', 'AAA', 'eur', 'EURO', '', 42])('refuses %p: three capital letters are not enough', (code) => expect(isCurrencyCode(code)).toBe(false));
});
