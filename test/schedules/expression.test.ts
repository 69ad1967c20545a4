import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../src/domain/schedules/expression';
import { createScheduleBodySchema, updateScheduleBodySchema } from '../../src/domain/schedules/schedule';
import { toFieldIssues } from '../../src/domain/validate';

describe('parseScheduleExpression rejects invalid expressions with the reason', () => {
  it.each([
    ['cron(0 8 * * 8 *)', 'day-of-week: "8" is out of range 1-7'],
    ['cron(0 8 ? * 0 *)', 'day-of-week: "0" is out of range 1-7'],
    ['cron(60 * * * ? *)', 'minutes: "60" is out of range 0-59'],
    ['cron(0 24 * * ? *)', 'hours: "24" is out of range 0-23'],
    ['cron(0 0 32 * ? *)', 'day-of-month: "32" is out of range 1-31'],
    ['cron(0 0 0 * ? *)', 'day-of-month: "0" is out of range 1-31'],
    ['cron(0 0 1 13 ? *)', 'month: "13" is out of range 1-12'],
    ['cron(0 0 1 FOO ? *)', 'month: "FOO" is not a valid value (1-12 or JAN-DEC)'],
    ['cron(0 0 ? * MON-FUN *)', 'day-of-week: "FUN" is not a valid value (1-7 or SUN-SAT)'],
    ['cron(0 0 1 1 ? 1969)', 'year: "1969" is out of range 1970-2199'],
    ['cron(0 0 1 1 ? 2200)', 'year: "2200" is out of range 1970-2199'],
    ['cron(0 8 * * ?)', 'cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 5'],
    ['cron(0 0 8 * * ? *)', 'cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 7'],
    ['cron(0 8 * * * *)', 'one of day-of-month and day-of-week must be "?" (e.g. "cron(0 8 * * ? *)" or "cron(0 8 ? * MON-FRI *)")'],
    ['cron(0 8 1 * MON *)', 'one of day-of-month and day-of-week must be "?" (e.g. "cron(0 8 * * ? *)" or "cron(0 8 ? * MON-FRI *)")'],
    ['cron(0 8 ? * ? *)', 'day-of-month and day-of-week cannot both be "?"; give one of them a value or *'],
    ['cron(0 8 ? * 1#6 *)', 'day-of-week: "#6" in "1#6" is out of range 1-5'],
    ['cron(0 8 ? * 1#1,2#2 *)', 'day-of-week: "1#1,2#2" is not valid; with "#" the field holds a single expression'],
    ['cron(0 8 ? * */2 *)', 'day-of-week: "/" steps are not allowed in day-of-week ("*/2")'],
    ['cron(0 8 L,15 * ? *)', 'day-of-month: "L,15" is not valid; "L", "LW" and "nW" stand alone and cannot be combined with other values'],
    ['cron(0 8 32W * ? *)', 'day-of-month: "32" is out of range 1-31'],
    ['cron(*/0 * * * ? *)', 'minutes: step "0" in "*/0" must be between 1 and 60'],
    ['cron(5-2 * * * ? *)', 'minutes: range "5-2" runs backwards; write it as two ranges'],
    ['cron(1,,2 * * * ? *)', 'minutes: empty item in "1,,2"'],
    ['rate(0 minutes)', 'rate: value must be a positive whole number, got "0"'],
    ['rate(1.5 hours)', 'rate: value must be a positive whole number, got "1.5"'],
    ['rate(1 minutes)', 'rate: use the singular for 1: "1 minute", not "1 minutes"'],
    ['rate(5 minute)', 'rate: use the plural above 1: "5 minutes", not "5 minute"'],
    ['rate(5 weeks)', 'rate: unit must be minute(s), hour(s) or day(s), got "weeks"'],
    ['rate(5)', 'rate needs a value and a unit, e.g. rate(5 minutes)'],
    ['at(2025-02-29T10:00:00)', 'at: day "29" does not exist in 2025-02'],
    ['at(2025-01-01 10:00:00)', 'at: "2025-01-01 10:00:00" must be a local date and time as yyyy-mm-ddThh:mm:ss'],
    ['at(2025-01-01T24:00:00)', 'at: hour "24" is out of range 00-23'],
    ['every 5 minutes', 'must be cron(...), rate(...) or at(...)'],
    ['cron(0 8 * * ? *', 'must be cron(...), rate(...) or at(...)'],
  ])('%s → %s', (expression, error) => {
    expect(parseScheduleExpression(expression)).toEqual({ ok: false, error });
  });
});

describe('parseScheduleExpression accepts EventBridge syntax', () => {
  it.each([
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 9 LW * ? *)',
    'cron(0 9 L * ? 2025-2030)',
    'cron(0 9 ? * 6L *)',
    '  rate(1 day)  ',
    'rate(15 minutes)',
    'at(2030-12-31T23:59:59)',
  ])('%s', (expression) => {
    expect(parseScheduleExpression(expression).ok).toBe(true);
  });

  it('parses day rules into their kinds', () => {
    const r = parseScheduleExpression('cron(30 7 ? JAN-MAR 3#2 2026,2027)');
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'cron',
        source: 'cron(30 7 ? JAN-MAR 3#2 2026,2027)',
        cron: {
          minutes: [30],
          hours: [7],
          dayOfMonth: { kind: 'any' },
          months: [1, 2, 3],
          dayOfWeek: { kind: 'nth-of-month', day: 3, nth: 2 },
          years: [2026, 2027],
        },
      },
    });
  });
});

describe('createScheduleBodySchema', () => {
  const valid = { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin', report: { type: 'inventory' } };

  it('fills defaults (enabled, report defaults)', () => {
    const r = createScheduleBodySchema.parse(valid);
    expect(r.enabled).toBe(true);
    expect(r.report.formats).toEqual(['pdf']);
  });

  it('puts the expression error on the expression path', () => {
    const r = createScheduleBodySchema.safeParse({ ...valid, expression: 'cron(0 8 * * 8 *)' });
    expect(r.success).toBe(false);
    expect(toFieldIssues(r.error!)).toEqual([{ path: 'expression', message: 'day-of-week: "8" is out of range 1-7' }]);
  });

  it('rejects unknown fields, bad zones, reversed dates and dates on at()', () => {
    const issues = (body: unknown) => {
      const r = createScheduleBodySchema.safeParse(body);
      return r.success ? [] : toFieldIssues(r.error);
    };
    expect(issues({ ...valid, cron: 'x' })[0]).toMatchObject({ path: '(body)', message: expect.stringContaining('cron') });
    expect(issues({ ...valid, timezone: 'Mars/Olympus' })).toEqual([{ path: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' }]);
    expect(issues({ ...valid, startDate: '2026-01-02T00:00:00Z', endDate: '2026-01-01T00:00:00Z' })).toEqual([
      { path: 'endDate', message: 'must be after startDate' },
    ]);
    expect(issues({ ...valid, expression: 'at(2030-01-01T00:00:00)', startDate: '2026-01-01T00:00:00Z' })).toEqual([
      { path: 'startDate', message: 'startDate and endDate do not apply to one-time at() schedules' },
    ]);
    expect(issues({ ...valid, report: { type: 'inventory', colour: 'red' } })[0].path).toBe('report');
  });

  it('update body: partial, null clears, empty refused', () => {
    expect(updateScheduleBodySchema.parse({ name: null })).toEqual({ name: null });
    expect(updateScheduleBodySchema.safeParse({}).success).toBe(false);
    expect(updateScheduleBodySchema.safeParse({ expression: 'rate(1 minutes)' }).success).toBe(false);
  });
});
