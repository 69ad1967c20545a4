import { describe, expect, it } from 'vitest';
import { periodSchema, reportSpecSchema } from '../../src/domain/report-spec';
import { resolvePeriod } from '../../src/report-engine/resolve-period';

const now = new Date('2026-03-15T12:00:00Z');

describe('report periods', () => {
  it('take dates as the start of that day in the period’s zone, the end exclusive', () => {
    const period = periodSchema.parse({ start: '2026-01-01', end: '2026-02-01', timezone: 'Europe/Berlin' });
    const resolved = resolvePeriod(period, now);
    expect(resolved.start.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(resolved.end.toISOString()).toBe('2026-01-31T23:00:00.000Z');
  });

  it('take a date and a datetime together', () => {
    const resolved = resolvePeriod(periodSchema.parse({ start: '2026-03-01', end: '2026-03-02T06:00:00-03:00', timezone: 'America/Sao_Paulo' }), now);
    expect(resolved.start.toISOString()).toBe('2026-03-01T03:00:00.000Z');
    expect(resolved.end.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('default to last month, in the zone given, when only a zone is given or no period at all', () => {
    expect(periodSchema.parse({ timezone: 'Europe/Berlin' })).toEqual({ preset: 'last-month', timezone: 'Europe/Berlin' });
    const resolved = resolvePeriod(undefined, now);
    expect([resolved.start.toISOString(), resolved.end.toISOString()]).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(reportSpecSchema.parse({ type: 'usage', period: { timezone: 'America/Sao_Paulo' } }).period).toEqual({
      preset: 'last-month',
      timezone: 'America/Sao_Paulo',
    });
  });

  it.each([
    [{ start: '2026-01-01' }, 'end', 'start and end go together (or give a preset)'],
    [{ start: '2026-01-01', end: '2026-13-01' }, 'end', 'must be a date (2026-01-01) or an ISO datetime with an offset (2026-01-01T00:00:00Z)'],
    [{ start: '2026-02-01', end: '2026-01-01' }, 'end', 'must be after start'],
    [{ preset: 'last-month', start: '2026-01-01', end: '2026-02-01' }, 'preset', 'give either a preset or start and end, not both'],
  ])('refuse %j, naming %s', (input, path, message) => {
    const result = periodSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });
});
