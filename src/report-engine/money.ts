import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for money and usage. A private clone so no other module's settings leak
 * in: 40 significant digits, and half-up rounding (commercial rounding) when a figure is printed.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/** Hours in a month for "per month" prices: 365 × 24 / 12, the convention cloud price lists use. */
export const hoursPerMonth = new Dec(730);

/** Rounds to cents, half-up: the amount a report prints. */
export function toCents(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The printed form of an amount: two decimals, no grouping ("1234.50"). */
export function moneyString(value: Dec): string {
  return toCents(value).toFixed(2);
}

/** A two-decimal string or number as a whole number of hundredths (cents). */
export function toHundredths(value: string | number): bigint {
  const text = typeof value === 'number' ? value.toFixed(2) : value;
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a two-decimal figure: ${text}`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] ? -v : v;
}

/** Hundredths back to a two-decimal string. */
export function fromHundredths(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Sums printed amounts exactly: totals are the sum of the rounded lines the reader sees. Amounts
 * are two-decimal strings, so they are added as integer cents (BigInt), which is exact and far
 * faster than decimal.js on 50,000 lines.
 */
export function sumMoney(amounts: Iterable<string | undefined>): Dec {
  let cents = 0n;
  for (const a of amounts) if (a !== undefined) cents += toHundredths(a);
  return new Dec(cents.toString()).div(100);
}

/** Rounds a usage figure to two decimals, half-up, as a number. */
export function round2(value: Dec | number): number {
  return new Dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Sums already-rounded numbers exactly (no binary drift) and returns a two-decimal number. */
export function sum2(values: Iterable<number>): number {
  let sum = new Dec(0);
  for (const v of values) sum = sum.plus(v);
  return sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}
