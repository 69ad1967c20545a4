/** Said in every series (`series.rounding`). */
export const roundingSentence =
  'Each group’s printed figure (cents, or hundredths of an hour) is split among the steps in proportion to its unrounded ' +
  'amount in each step (each resource’s time clipped to the step × its size or hourly rate), by the largest-remainder method: every step ' +
  'gets the whole cents of its share, and the cents left go one each to the steps with the largest remainders (earlier ' +
  'steps first on ties). So each group’s steps sum exactly to its printed figure, and the groups of a step to the step’s total.';

/**
 * Splits `total` (a whole number of cents, or of hundredths) among non-negative integer `weights` by
 * the largest-remainder method, exactly (integer arithmetic), so the parts sum to `total`. All-zero
 * weights split by `fallback` (e.g. step lengths), or put everything in the last part.
 */
export function allocate(total: bigint, weights: readonly bigint[], fallback?: readonly bigint[]): bigint[] {
  const n = weights.length;
  if (n === 0) return [];
  let w = weights;
  let sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n && fallback) {
    w = fallback;
    sum = w.reduce((a, b) => a + b, 0n);
  }
  if (sum === 0n) return weights.map((_, i) => (i === n - 1 ? total : 0n));
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const parts: bigint[] = [];
  const remainders: { i: number; r: bigint }[] = [];
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const product = abs * w[i]!;
    parts.push(product / sum);
    given += parts[i]!;
    remainders.push({ i, r: product % sum });
  }
  if (given === abs) return negative ? parts.map((p) => -p) : parts;
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; given < abs; k++, given++) parts[remainders[k % n]!.i]! += 1n;
  return negative ? parts.map((p) => -p) : parts;
}
