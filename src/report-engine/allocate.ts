import { Dec } from './money';

/** Said in every series (`series.rounding`). */
export const roundingSentence =
  'Each group’s printed figure (cents, or hundredths of an hour) is split among the steps in proportion to its exact, ' +
  'unrounded amount in each step (each resource’s hours clipped to the step), by the largest-remainder method: every step ' +
  'gets the whole cents of its share, and the cents left go one each to the steps with the largest remainders (earlier ' +
  'steps first on ties). So each group’s steps sum exactly to its printed figure, and the groups of a step to the step’s total.';

/**
 * Splits `total` (a whole number of cents, or of hundredths) among `weights` by the largest-remainder
 * method, so the parts sum exactly to `total`. All-zero weights split by `fallback` (e.g. step
 * lengths), or put everything in the last part when there is none.
 */
export function allocate(total: bigint, weights: readonly Dec[], fallback?: readonly Dec[]): bigint[] {
  const n = weights.length;
  if (n === 0) return [];
  let w = weights;
  let sum = w.reduce((a, b) => a.plus(b), new Dec(0));
  if (sum.isZero() && fallback) {
    w = fallback;
    sum = w.reduce((a, b) => a.plus(b), new Dec(0));
  }
  if (sum.isZero()) return weights.map((_, i) => (i === n - 1 ? total : 0n));
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const absDec = new Dec(abs.toString());
  const parts: bigint[] = [];
  const remainders: { i: number; r: Dec }[] = [];
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const share = absDec.times(w[i]!).div(sum);
    const whole = share.floor();
    parts.push(BigInt(whole.toFixed(0)));
    given += parts[i]!;
    remainders.push({ i, r: share.minus(whole) });
  }
  remainders.sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  for (let k = 0; given < abs; k++, given++) parts[remainders[k % n]!.i]! += 1n;
  return negative ? parts.map((p) => -p) : parts;
}

/** A two-decimal string or number as a whole number of hundredths. */
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
