/**
 * Number, date and money formatting for a report's locale and time zone, with `Intl`. Formatters
 * are built once per report: constructing `Intl` objects per cell would dominate a 50,000-row table.
 */
export interface Formatters {
  locale: string;
  timezone: string;
  /** Whole numbers with grouping: 12,345 / 12.345. */
  int(n: number): string;
  /** Up to two decimals: 1,234.5 / 1.234,5. */
  num(n: number): string;
  /** Exactly two decimals. */
  fixed2(n: number): string;
  /** MB as GB with up to two decimals. */
  gbFromMb(mb: number): string;
  /** An amount (decimal string) in the report currency: $1,234.50 / R$ 1.234,50. */
  money(amount: string): string;
  /** A decimal string as a plain number with up to `digits` decimals (rates, quantities). */
  decimal(value: string, digits?: number): string;
  percent(value: number): string;
  /** Date and time, minutes: 2026-03-01 14:05 style for the locale. */
  dateTime(iso: string): string;
  /** Date only. */
  date(iso: string): string;
  /** Time only, hours and minutes. */
  time(iso: string): string;
  /** A readable date and time for headings: 15 Mar 2026, 09:00. */
  longDateTime(iso: string): string;
  /** A readable date for headings. */
  longDate(iso: string): string;
}

export function createFormatters(locale: string, timezone: string, currency?: string): Formatters {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const fixed2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const money = currency ? new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }) : fixed2;
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const longDateTime = new Intl.DateTimeFormat(locale, { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  const longDate = new Intl.DateTimeFormat(locale, { timeZone: timezone, dateStyle: 'medium' });
  const valid = (iso: string) => !Number.isNaN(Date.parse(iso));
  return {
    locale,
    timezone,
    int: (n) => int.format(n),
    num: (n) => num.format(n),
    fixed2: (n) => fixed2.format(n),
    gbFromMb: (mb) => num.format(mb / 1024),
    // Amounts have two decimals and stay far below 2^53 cents, so Number() is exact enough to print.
    money: (amount) => money.format(Number(amount)),
    decimal: (value, digits = 6) => {
      let f = decimals.get(digits);
      if (!f) decimals.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
      return f.format(Number(value));
    },
    percent: (value) => `${pct.format(value)}%`,
    dateTime: (iso) => (valid(iso) ? dateTime.format(new Date(iso)) : iso),
    date: (iso) => (valid(iso) ? date.format(new Date(iso)) : iso),
    time: (iso) => (valid(iso) ? time.format(new Date(iso)) : ''),
    longDateTime: (iso) => (valid(iso) ? longDateTime.format(new Date(iso)) : iso),
    longDate: (iso) => (valid(iso) ? longDate.format(new Date(iso)) : iso),
  };
}
