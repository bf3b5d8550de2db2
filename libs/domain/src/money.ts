// Money is always integer minor units with an ISO 4217 currency code; never a float.

export interface Money {
  readonly value: number; // integer minor units (cents, öre, ...)
  readonly currency: string; // ISO 4217, upper case, e.g. "EUR"
}

export const isMinorUnits = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

// The runtime's ISO 4217 list (Node 20 ships full ICU): a pattern alone took "XYZ".
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: unknown): code is string =>
  typeof code === 'string' && CURRENCY_CODES.has(code);

export const money = (value: number, currency: string): Money => {
  if (!isMinorUnits(value)) throw new RangeError(`money value must be an integer of minor units, got ${value}`);
  if (!isCurrencyCode(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${currency}`);
  return { value, currency };
};

/** Sums amounts of one currency; several currencies are never added together. */
export const sumMoney = (amounts: readonly Money[], currency: string): Money => {
  let total = 0;
  for (const amount of amounts) {
    if (amount.currency !== currency) throw new RangeError(`cannot add ${amount.currency} to ${currency}`);
    total += amount.value;
  }
  return { value: total, currency };
};
