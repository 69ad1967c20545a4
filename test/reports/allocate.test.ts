import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/report-engine/allocate';
import { fromHundredths, toHundredths } from '../../src/report-engine/money';
import { timeSteps } from '../../src/report-engine/time-steps';

describe('largest-remainder allocation', () => {
  it.each([
    ['equal thirds: the leftover cent goes to the earliest step', 100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    ['the largest remainders get the leftover cents', 10n, [3n, 3n, 4n], [3n, 3n, 4n]],
    ['three cents left go to the three largest remainders', 101n, [1n, 2n, 2n, 2n], [14n, 29n, 29n, 29n]],
    ['zero weights keep nothing', 50n, [0n, 5n, 0n], [0n, 50n, 0n]],
    ['a negative total (a credit) splits the same way', -100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
  ])('%s', (_name, total, weights, parts) => {
    const got = allocate(total, weights);
    expect(got).toEqual(parts);
    expect(got.reduce((a, b) => a + b, 0n)).toBe(total);
  });

  it('falls back to the step lengths when every weight is zero, and to the last step without them', () => {
    expect(allocate(10n, [0n, 0n], [1n, 4n])).toEqual([2n, 8n]);
    expect(allocate(10n, [0n, 0n])).toEqual([0n, 10n]);
  });

  it('reads and writes two-decimal figures exactly', () => {
    expect(toHundredths('1234.05')).toBe(123405n);
    expect(toHundredths(0.1 + 0.2 - 0.3 + 12.5)).toBe(1250n);
    expect(fromHundredths(-5n)).toBe('-0.05');
  });
});

describe('time steps', () => {
  it('cut a period at local midnights, clipping the first and last day', () => {
    const steps = timeSteps('day', { start: new Date('2026-03-28T12:00:00Z'), end: new Date('2026-03-30T06:00:00Z') }, 'Europe/Berlin');
    expect(steps.map((s) => [s.label, new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.complete])).toEqual([
      ['2026-03-28', '2026-03-28T12:00:00.000Z', '2026-03-28T23:00:00.000Z', false],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', true],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T06:00:00.000Z', false],
    ]);
  });

  it('start a month on the first, in the zone', () => {
    const steps = timeSteps('month', { start: new Date('2026-01-15T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') }, 'America/New_York');
    expect(steps.map((s) => s.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(new Date(steps[1]!.start).toISOString()).toBe('2026-02-01T05:00:00.000Z');
  });
});
