import { describe, expect, it } from 'vitest';
import { nextFireTimes } from '../../src/domain/schedules/fire-times';

/*
 * Every expected instant below is worked out by hand, not by the code under test. Calendar facts
 * used (proleptic Gregorian):
 *   2025: Jan 1 Wed, Feb 1 Sat, Mar 1 Sat, Apr 1 Tue, May 1 Thu, Jun 1 Sun, Jul 1 Tue, Aug 1 Fri,
 *         Sep 1 Mon, Oct 1 Wed, Nov 1 Sat, Dec 1 Mon.   2026: Jan 1 Thu, Mar 1 Sun.   2027: Mar 1 Mon.
 *   Leap years: 2028, 2032.
 * Time zones:
 *   Europe/Berlin     CET +01, CEST +02; 2025 spring forward Sun Mar 30 02:00→03:00 (01:00Z),
 *                     fall back Sun Oct 26 03:00→02:00 (01:00Z). EU changes are always on the last
 *                     Sunday of March/October at 01:00Z.
 *   America/New_York  EST -05, EDT -04; 2025 spring forward Sun Mar 9 02:00→03:00 (07:00Z),
 *                     fall back Sun Nov 2 02:00→01:00 (06:00Z).
 *   America/Sao_Paulo -03 all year since 2019 (its DST, which began on a November Sunday at 00:00,
 *                     was abolished).
 *   Asia/Tokyo +09, Asia/Kolkata +05:30.
 * DST policy (EventBridge Scheduler's documented behaviour): a time in the spring-forward gap does not
 * fire; a time in the fall-back repeat fires once, at its first (daylight-time) occurrence.
 */

interface Case {
  name: string;
  expression: string;
  timezone: string;
  after: string;
  count: number;
  startDate?: string;
  endDate?: string;
  createdAt?: string;
  expected: string[];
}

const cases: Case[] = [
  // --- plain UTC cron ---
  {
    name: 'daily at 08:00',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-01T08:00:00.000Z', '2025-01-02T08:00:00.000Z', '2025-01-03T08:00:00.000Z'],
  },
  {
    name: 'a fire time equal to `after` is not returned',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T08:00:00Z',
    count: 1,
    expected: ['2025-01-02T08:00:00.000Z'],
  },
  {
    name: 'start/step 0/15 from mid-hour',
    expression: 'cron(0/15 * * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T10:07:00Z',
    count: 4,
    expected: ['2025-01-01T10:15:00.000Z', '2025-01-01T10:30:00.000Z', '2025-01-01T10:45:00.000Z', '2025-01-01T11:00:00.000Z'],
  },
  {
    name: 'step 5/20 starts at minute 5',
    expression: 'cron(5/20 7 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 4,
    expected: ['2025-01-01T07:05:00.000Z', '2025-01-01T07:25:00.000Z', '2025-01-01T07:45:00.000Z', '2025-01-02T07:05:00.000Z'],
  },
  {
    name: '*/20 within an hour range',
    expression: 'cron(*/20 9-10 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 7,
    expected: [
      '2025-01-01T09:00:00.000Z',
      '2025-01-01T09:20:00.000Z',
      '2025-01-01T09:40:00.000Z',
      '2025-01-01T10:00:00.000Z',
      '2025-01-01T10:20:00.000Z',
      '2025-01-01T10:40:00.000Z',
      '2025-01-02T09:00:00.000Z',
    ],
  },
  {
    name: 'minute list with an hour step',
    expression: 'cron(5,35 */6 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T05:40:00Z',
    count: 4,
    expected: ['2025-01-01T06:05:00.000Z', '2025-01-01T06:35:00.000Z', '2025-01-01T12:05:00.000Z', '2025-01-01T12:35:00.000Z'],
  },
  {
    name: 'range with a step 10-40/15',
    expression: 'cron(10-40/15 0 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 4,
    expected: ['2025-01-01T00:10:00.000Z', '2025-01-01T00:25:00.000Z', '2025-01-01T00:40:00.000Z', '2025-01-02T00:10:00.000Z'],
  },
  {
    name: 'weekdays skip the weekend',
    expression: 'cron(0 9 ? * MON-FRI *)',
    timezone: 'UTC',
    after: '2025-01-03T10:00:00Z',
    count: 3,
    expected: ['2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z', '2025-01-08T09:00:00.000Z'],
  },
  {
    name: 'numeric day-of-week list 2,4,6 is MON,WED,FRI',
    expression: 'cron(0 9 ? * 2,4,6 *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-01T09:00:00.000Z', '2025-01-03T09:00:00.000Z', '2025-01-06T09:00:00.000Z'],
  },
  {
    name: 'SUN and SAT as numbers 1,7',
    expression: 'cron(0 10 ? * 1,7 *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-04T10:00:00.000Z', '2025-01-05T10:00:00.000Z', '2025-01-11T10:00:00.000Z'],
  },
  {
    name: 'first of the month',
    expression: 'cron(0 12 1 * ? *)',
    timezone: 'UTC',
    after: '2025-01-15T00:00:00Z',
    count: 3,
    expected: ['2025-02-01T12:00:00.000Z', '2025-03-01T12:00:00.000Z', '2025-04-01T12:00:00.000Z'],
  },
  {
    name: 'day-of-month list 1,15',
    expression: 'cron(30 6 1,15 * ? *)',
    timezone: 'UTC',
    after: '2025-01-10T00:00:00Z',
    count: 3,
    expected: ['2025-01-15T06:30:00.000Z', '2025-02-01T06:30:00.000Z', '2025-02-15T06:30:00.000Z'],
  },
  {
    name: 'month names JAN,JUL',
    expression: 'cron(0 0 1 JAN,JUL ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 2,
    expected: ['2025-07-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  },
  {
    name: 'month range MAR-MAY',
    expression: 'cron(0 0 1 MAR-MAY ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 4,
    expected: ['2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
  },
  {
    name: 'day 31 only in months that have it',
    expression: 'cron(0 0 31 * ? *)',
    timezone: 'UTC',
    after: '2025-01-31T01:00:00Z',
    count: 3,
    expected: ['2025-03-31T00:00:00.000Z', '2025-05-31T00:00:00.000Z', '2025-07-31T00:00:00.000Z'],
  },
  {
    name: 'February 29 only in leap years',
    expression: 'cron(0 0 29 2 ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 2,
    expected: ['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z'],
  },
  {
    name: 'lower-case names',
    expression: 'cron(0 8 ? jan mon 2026)',
    timezone: 'UTC',
    after: '2025-06-01T00:00:00Z',
    count: 5,
    expected: ['2026-01-05T08:00:00.000Z', '2026-01-12T08:00:00.000Z', '2026-01-19T08:00:00.000Z', '2026-01-26T08:00:00.000Z'],
  },

  // --- year field ---
  {
    name: 'year range ends the schedule',
    expression: 'cron(0 10 1 1 ? 2027-2028)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2027-01-01T10:00:00.000Z', '2028-01-01T10:00:00.000Z'],
  },
  {
    name: 'year step 2030/5',
    expression: 'cron(0 0 1 1 ? 2030/5)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2030-01-01T00:00:00.000Z', '2035-01-01T00:00:00.000Z', '2040-01-01T00:00:00.000Z'],
  },
  { name: 'a year in the past never fires', expression: 'cron(0 0 1 1 ? 2020)', timezone: 'UTC', after: '2025-01-01T00:00:00Z', count: 3, expected: [] },

  // --- L, W, LW, #, dL ---
  {
    name: 'L: last day of each month',
    expression: 'cron(0 18 L * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 4,
    expected: ['2025-01-31T18:00:00.000Z', '2025-02-28T18:00:00.000Z', '2025-03-31T18:00:00.000Z', '2025-04-30T18:00:00.000Z'],
  },
  {
    name: 'L in February of a leap year',
    expression: 'cron(0 18 L 2 ? *)',
    timezone: 'UTC',
    after: '2027-06-01T00:00:00Z',
    count: 2,
    expected: ['2028-02-29T18:00:00.000Z', '2029-02-28T18:00:00.000Z'],
  },
  {
    name: 'LW: last weekday (May 31 Sat → Fri 30, Aug 31 Sun → Fri 29)',
    expression: 'cron(0 9 LW * ? *)',
    timezone: 'UTC',
    after: '2025-05-01T00:00:00Z',
    count: 4,
    expected: ['2025-05-30T09:00:00.000Z', '2025-06-30T09:00:00.000Z', '2025-07-31T09:00:00.000Z', '2025-08-29T09:00:00.000Z'],
  },
  {
    name: '15W: Sat → Fri before, Sun → Mon after',
    expression: 'cron(0 9 15W * ? *)',
    timezone: 'UTC',
    after: '2025-02-01T00:00:00Z',
    count: 5,
    expected: ['2025-02-14T09:00:00.000Z', '2025-03-14T09:00:00.000Z', '2025-04-15T09:00:00.000Z', '2025-05-15T09:00:00.000Z', '2025-06-16T09:00:00.000Z'],
  },
  {
    name: '1W never moves into the previous month (Sat 1st → Mon 3rd)',
    expression: 'cron(0 9 1W * ? *)',
    timezone: 'UTC',
    after: '2025-02-01T00:00:00Z',
    count: 5,
    expected: ['2025-02-03T09:00:00.000Z', '2025-03-03T09:00:00.000Z', '2025-04-01T09:00:00.000Z', '2025-05-01T09:00:00.000Z', '2025-06-02T09:00:00.000Z'],
  },
  {
    name: '31W: Sun 31st → Fri 29th, no 31st in September',
    expression: 'cron(0 9 31W * ? *)',
    timezone: 'UTC',
    after: '2025-07-01T00:00:00Z',
    count: 3,
    expected: ['2025-07-31T09:00:00.000Z', '2025-08-29T09:00:00.000Z', '2025-10-31T09:00:00.000Z'],
  },
  {
    name: '3#2: second Tuesday',
    expression: 'cron(0 9 ? * 3#2 *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-14T09:00:00.000Z', '2025-02-11T09:00:00.000Z', '2025-03-11T09:00:00.000Z'],
  },
  {
    name: 'FRI#5: only months with five Fridays',
    expression: 'cron(0 9 ? * FRI#5 *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-31T09:00:00.000Z', '2025-05-30T09:00:00.000Z', '2025-08-29T09:00:00.000Z'],
  },
  {
    name: '6L: last Friday',
    expression: 'cron(0 17 ? * 6L *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 3,
    expected: ['2025-01-31T17:00:00.000Z', '2025-02-28T17:00:00.000Z', '2025-03-28T17:00:00.000Z'],
  },
  {
    name: '1L: last Sunday',
    expression: 'cron(0 3 ? * 1L *)',
    timezone: 'UTC',
    after: '2025-03-01T00:00:00Z',
    count: 2,
    expected: ['2025-03-30T03:00:00.000Z', '2025-04-27T03:00:00.000Z'],
  },
  {
    name: 'L alone in day-of-week is Saturday',
    expression: 'cron(0 10 ? * L *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 2,
    expected: ['2025-01-04T10:00:00.000Z', '2025-01-11T10:00:00.000Z'],
  },

  // --- time zones without a change in sight ---
  {
    name: 'Berlin winter is UTC+1',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-01-10T00:00:00Z',
    count: 1,
    expected: ['2025-01-10T07:00:00.000Z'],
  },
  {
    name: 'Berlin summer is UTC+2',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-07-10T00:00:00Z',
    count: 1,
    expected: ['2025-07-10T06:00:00.000Z'],
  },
  {
    name: 'Tokyo new year is the previous day in UTC',
    expression: 'cron(0 0 1 1 ? *)',
    timezone: 'Asia/Tokyo',
    after: '2025-06-01T00:00:00Z',
    count: 1,
    expected: ['2025-12-31T15:00:00.000Z'],
  },
  {
    name: 'Kolkata half-hour offset',
    expression: 'cron(15 10 * * ? *)',
    timezone: 'Asia/Kolkata',
    after: '2025-01-01T00:00:00Z',
    count: 1,
    expected: ['2025-01-01T04:45:00.000Z'],
  },
  {
    name: 'Sao Paulo stays UTC-3 through its former summer',
    expression: 'cron(0 6 1 * ? *)',
    timezone: 'America/Sao_Paulo',
    after: '2025-10-15T00:00:00Z',
    count: 3,
    expected: ['2025-11-01T09:00:00.000Z', '2025-12-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z'],
  },
  {
    name: 'Sao Paulo midnight on the first Sunday of November exists now',
    expression: 'cron(0 0 * * ? *)',
    timezone: 'America/Sao_Paulo',
    after: '2025-11-02T00:00:00Z',
    count: 2,
    expected: ['2025-11-02T03:00:00.000Z', '2025-11-03T03:00:00.000Z'],
  },

  // --- daylight-saving changes ---
  {
    name: 'Berlin 08:00 moves from 07:00Z to 06:00Z over spring forward',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-03-29T00:00:00Z',
    count: 2,
    expected: ['2025-03-29T07:00:00.000Z', '2025-03-30T06:00:00.000Z'],
  },
  {
    name: 'Berlin 02:30 is skipped on spring-forward day',
    expression: 'cron(30 2 * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-03-28T12:00:00Z',
    count: 3,
    expected: ['2025-03-29T01:30:00.000Z', '2025-03-31T00:30:00.000Z', '2025-04-01T00:30:00.000Z'],
  },
  {
    name: 'Berlin hourly jumps from 01:00 CET to 03:00 CEST',
    expression: 'cron(0 * * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-03-30T00:30:00Z',
    count: 3,
    expected: ['2025-03-30T01:00:00.000Z', '2025-03-30T02:00:00.000Z', '2025-03-30T03:00:00.000Z'],
  },
  {
    name: 'Berlin 02:30 fires once, in CEST, on fall-back day',
    expression: 'cron(30 2 * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-10-25T12:00:00Z',
    count: 3,
    expected: ['2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z', '2025-10-28T01:30:00.000Z'],
  },
  {
    name: 'Berlin every 30 minutes does not repeat the 02:xx hour',
    expression: 'cron(0/30 * * * ? *)',
    timezone: 'Europe/Berlin',
    after: '2025-10-26T00:15:00Z',
    count: 5,
    expected: ['2025-10-26T00:30:00.000Z', '2025-10-26T02:00:00.000Z', '2025-10-26T02:30:00.000Z', '2025-10-26T03:00:00.000Z', '2025-10-26T03:30:00.000Z'],
  },
  {
    name: 'Berlin 02:30 on the last Sunday of March never exists',
    expression: 'cron(30 2 ? 3 1L *)',
    timezone: 'Europe/Berlin',
    after: '2025-01-01T00:00:00Z',
    count: 2,
    expected: [],
  },
  {
    name: 'New York 02:30 is skipped on spring-forward day',
    expression: 'cron(30 2 * * ? *)',
    timezone: 'America/New_York',
    after: '2025-03-08T00:00:00Z',
    count: 3,
    expected: ['2025-03-08T07:30:00.000Z', '2025-03-10T06:30:00.000Z', '2025-03-11T06:30:00.000Z'],
  },
  {
    name: 'New York 01:30 fires once, in EDT, on fall-back day',
    expression: 'cron(30 1 * * ? *)',
    timezone: 'America/New_York',
    after: '2025-11-01T12:00:00Z',
    count: 3,
    expected: ['2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z', '2025-11-04T06:30:00.000Z'],
  },
  {
    name: 'New York hourly skips the repeated 01:00 EST',
    expression: 'cron(0 * * * ? *)',
    timezone: 'America/New_York',
    after: '2025-11-02T04:30:00Z',
    count: 4,
    expected: ['2025-11-02T05:00:00.000Z', '2025-11-02T07:00:00.000Z', '2025-11-02T08:00:00.000Z', '2025-11-02T09:00:00.000Z'],
  },
  {
    name: 'New York 09:00 weekdays: 14:00Z before, 13:00Z after spring forward',
    expression: 'cron(0 9 ? * MON-FRI *)',
    timezone: 'America/New_York',
    after: '2025-03-07T00:00:00Z',
    count: 3,
    expected: ['2025-03-07T14:00:00.000Z', '2025-03-10T13:00:00.000Z', '2025-03-11T13:00:00.000Z'],
  },

  // --- startDate and endDate ---
  {
    name: 'cron between startDate (inclusive) and endDate (exclusive)',
    expression: 'cron(0 12 * * ? *)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 10,
    startDate: '2025-02-10T12:00:00Z',
    endDate: '2025-02-13T12:00:00Z',
    expected: ['2025-02-10T12:00:00.000Z', '2025-02-11T12:00:00.000Z', '2025-02-12T12:00:00.000Z'],
  },

  // --- rate ---
  {
    name: 'rate counts from startDate',
    expression: 'rate(5 minutes)',
    timezone: 'UTC',
    after: '2025-01-01T10:07:00Z',
    count: 3,
    startDate: '2025-01-01T10:00:00Z',
    expected: ['2025-01-01T10:10:00.000Z', '2025-01-01T10:15:00.000Z', '2025-01-01T10:20:00.000Z'],
  },
  {
    name: 'rate with a future startDate fires first at startDate',
    expression: 'rate(2 hours)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 2,
    startDate: '2025-06-01T00:00:00Z',
    expected: ['2025-06-01T00:00:00.000Z', '2025-06-01T02:00:00.000Z'],
  },
  {
    name: 'rate stops before endDate',
    expression: 'rate(1 hour)',
    timezone: 'UTC',
    after: '2024-12-31T00:00:00Z',
    count: 10,
    startDate: '2025-01-01T00:00:00Z',
    endDate: '2025-01-01T03:00:00Z',
    expected: ['2025-01-01T00:00:00.000Z', '2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z'],
  },
  {
    name: 'rate(1 day) is 24 hours, so it drifts on the Berlin wall clock over spring forward',
    expression: 'rate(1 day)',
    timezone: 'Europe/Berlin',
    after: '2025-03-29T10:00:00Z',
    count: 3,
    createdAt: '2025-03-29T10:00:00Z',
    expected: ['2025-03-30T10:00:00.000Z', '2025-03-31T10:00:00.000Z', '2025-04-01T10:00:00.000Z'],
  },

  // --- at ---
  {
    name: 'at in Berlin summer',
    expression: 'at(2025-06-01T09:00:00)',
    timezone: 'Europe/Berlin',
    after: '2025-01-01T00:00:00Z',
    count: 5,
    expected: ['2025-06-01T07:00:00.000Z'],
  },
  {
    name: 'at inside the spring-forward gap fires at the same wall time read with CET',
    expression: 'at(2025-03-30T02:30:00)',
    timezone: 'Europe/Berlin',
    after: '2025-01-01T00:00:00Z',
    count: 1,
    expected: ['2025-03-30T01:30:00.000Z'],
  },
  {
    name: 'at inside the fall-back repeat fires at its first occurrence',
    expression: 'at(2025-10-26T02:30:00)',
    timezone: 'Europe/Berlin',
    after: '2025-01-01T00:00:00Z',
    count: 1,
    expected: ['2025-10-26T00:30:00.000Z'],
  },
  {
    name: 'at keeps its seconds',
    expression: 'at(2030-01-01T00:00:30)',
    timezone: 'UTC',
    after: '2025-01-01T00:00:00Z',
    count: 1,
    expected: ['2030-01-01T00:00:30.000Z'],
  },
  {
    name: 'at in the past never fires',
    expression: 'at(2025-06-01T09:00:00)',
    timezone: 'America/Sao_Paulo',
    after: '2025-07-01T00:00:00Z',
    count: 1,
    expected: [],
  },
  {
    name: 'at ignores startDate and endDate, like EventBridge',
    expression: 'at(2025-06-01T09:00:00)',
    timezone: 'America/Sao_Paulo',
    after: '2025-01-01T00:00:00Z',
    count: 1,
    startDate: '2026-01-01T00:00:00Z',
    endDate: '2025-02-01T00:00:00Z',
    expected: ['2025-06-01T12:00:00.000Z'],
  },
];

describe('nextFireTimes', () => {
  it('has a table of at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name: $expression in $timezone', (c) => {
    // Act
    const times = nextFireTimes(c.expression, {
      timezone: c.timezone,
      after: new Date(c.after),
      count: c.count,
      ...(c.startDate ? { startDate: new Date(c.startDate) } : {}),
      ...(c.endDate ? { endDate: new Date(c.endDate) } : {}),
      ...(c.createdAt ? { createdAt: new Date(c.createdAt) } : {}),
    });

    // Assert
    expect(times.map((t) => t.toISOString())).toEqual(c.expected);
  });

  it('steps by field: 1000 minute-by-minute fire times across a DST change in well under a second', () => {
    const started = performance.now();
    const times = nextFireTimes('cron(* * * * ? *)', { timezone: 'America/New_York', after: new Date('2025-03-09T06:30:00Z'), count: 1000 });
    expect(times).toHaveLength(1000);
    // 06:31Z ... 06:59Z are 01:31-01:59 EST; 07:00Z is 03:00 EDT: no gap in instants, only on the wall.
    expect(times[29].toISOString()).toBe('2025-03-09T07:00:00.000Z');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('returns nothing for count 0 and throws a readable error for an invalid expression', () => {
    expect(nextFireTimes('rate(5 minutes)', { timezone: 'UTC', after: new Date(), count: 0 })).toEqual([]);
    expect(() => nextFireTimes('cron(0 8 * * 8 *)', { timezone: 'UTC', after: new Date(), count: 1 })).toThrow(
      'Invalid schedule expression: day-of-week: "8" is out of range 1-7',
    );
  });
});
