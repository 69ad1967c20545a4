/**
 * A schedule expression in words, in English or Brazilian Portuguese: "every Monday at 08:00,
 * Europe/Berlin", "toda segunda-feira às 08:00, Europe/Berlin". EventBridge's six cron fields (with
 * `?`, `L`, `W` and `#`) have no reader on npm that knows them, so this walks the parsed form.
 * Whatever it cannot say briefly it says field by field, never wrongly.
 */
import type { Locale } from '../report-spec';
import type { DayOfMonthRule, DayOfWeekRule } from './cron-fields';
import { cronFields } from './cron-fields';
import type { CronSchedule, LocalDateTime, ScheduleExpression } from './expression';
import { wallClockAt } from '../zoned-time';

/** What a description needs besides the expression. */
export interface DescribeOptions {
  timezone: string;
  locale: Locale;
  startDate?: Date;
  endDate?: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;

/** "a, b and c" / "a, b e c". */
function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** A step list (`0/15`) as its step, when the values are exactly every `step` from `min` to the end of the range. */
function stepOf(values: number[], min: number, max: number): number | undefined {
  if (values.length < 2 || values[0] !== min) return undefined;
  const step = values[1] - values[0];
  for (let i = 1; i < values.length; i++) if (values[i] - values[i - 1] !== step) return undefined;
  return values[values.length - 1] + step > max ? step : undefined;
}

const isAll = (values: number[], min: number, max: number) => values.length === max - min + 1;

/** Consecutive values (8, 9, 10, 11) as a range. */
function isContiguous(values: number[]): boolean {
  return values.length > 2 && values.every((v, i) => i === 0 || v === values[i - 1] + 1);
}

interface Words {
  and: string;
  weekday: (d: number) => string;
  /** "every Monday" / "toda segunda-feira". */
  everyWeekday: (d: number) => string;
  /** "Mondays" style list item: "Monday" / "às segundas-feiras". */
  weekdayInList: (d: number) => string;
  everyDayOf: (days: string) => string;
  everyDay: string;
  mondayToFriday: string;
  nthWeekday: (nth: number, d: number) => string;
  lastWeekday: (d: number) => string;
  monthDays: (days: number[]) => string;
  lastDay: string;
  lastWorkday: string;
  nearestWorkday: (day: number) => string;
  month: (m: number) => string;
  inMonths: (months: string) => string;
  inYears: (years: string) => string;
  at: (times: string[]) => string;
  everyMinute: string;
  everyNMinutes: (n: number) => string;
  hourlyAtMinute: (minute: number) => string;
  between: (from: string, to: string) => string;
  duringHours: (hours: string) => string;
  minutesPastHours: (minutes: string, hours: string) => string;
  rate: (value: number, unit: 'minute' | 'hour' | 'day') => string;
  date: (w: LocalDateTime) => string;
  once: (when: string) => string;
  from: (when: string) => string;
  until: (when: string) => string;
}

const enDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const enOrdinals = ['first', 'second', 'third', 'fourth', 'fifth'];

const en: Words = {
  and: 'and',
  weekday: (d) => enDays[d - 1],
  everyWeekday: (d) => `every ${enDays[d - 1]}`,
  weekdayInList: (d) => enDays[d - 1],
  everyDayOf: (days) => `every ${days}`,
  everyDay: 'every day',
  mondayToFriday: 'every weekday (Monday to Friday)',
  nthWeekday: (nth, d) => `on the ${enOrdinals[nth - 1]} ${enDays[d - 1]} of the month`,
  lastWeekday: (d) => `on the last ${enDays[d - 1]} of the month`,
  monthDays: (days) => (days.length === 1 ? `on day ${days[0]} of the month` : `on days ${joinList(days.map(String), 'and')} of the month`),
  lastDay: 'on the last day of the month',
  lastWorkday: 'on the last weekday of the month',
  nearestWorkday: (day) => `on the weekday nearest day ${day} of the month`,
  month: (m) => enMonths[m - 1],
  inMonths: (months) => `in ${months}`,
  inYears: (years) => `in ${years}`,
  at: (times) => `at ${joinList(times, 'and')}`,
  everyMinute: 'every minute',
  everyNMinutes: (n) => `every ${n} minutes`,
  hourlyAtMinute: (minute) => `every hour at minute ${minute}`,
  between: (from, to) => `between ${from} and ${to}`,
  duringHours: (hours) => `during hours ${hours}`,
  minutesPastHours: (minutes, hours) => `at minutes ${minutes} of hours ${hours}`,
  rate: (value, unit) => (value === 1 ? `every ${unit}` : `every ${value} ${unit}s`),
  date: (w) => `${w.year}-${pad(w.month)}-${pad(w.day)} ${clock(w.hour, w.minute)}`,
  once: (when) => `once, on ${when}`,
  from: (when) => `from ${when}`,
  until: (when) => `until ${when}`,
};

const ptDays = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];
const ptDaysPlural = ['domingos', 'segundas-feiras', 'terças-feiras', 'quartas-feiras', 'quintas-feiras', 'sextas-feiras', 'sábados'];
const ptMonths = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
/** Sunday and Saturday are masculine in Portuguese; the other days feminine. */
const masculine = (d: number) => d === 1 || d === 7;
const ptOrdinals = ['primeir', 'segund', 'terceir', 'quart', 'quint'];

const pt: Words = {
  and: 'e',
  weekday: (d) => ptDays[d - 1],
  everyWeekday: (d) => `${masculine(d) ? 'todo' : 'toda'} ${ptDays[d - 1]}`,
  weekdayInList: (d) => `${masculine(d) ? 'aos' : 'às'} ${ptDaysPlural[d - 1]}`,
  everyDayOf: (days) => days,
  everyDay: 'todos os dias',
  mondayToFriday: 'de segunda a sexta-feira',
  nthWeekday: (nth, d) => `${masculine(d) ? 'no' : 'na'} ${ptOrdinals[nth - 1]}${masculine(d) ? 'o' : 'a'} ${ptDays[d - 1]} do mês`,
  lastWeekday: (d) => `${masculine(d) ? 'no último' : 'na última'} ${ptDays[d - 1]} do mês`,
  monthDays: (days) => (days.length === 1 ? `no dia ${days[0]} de cada mês` : `nos dias ${joinList(days.map(String), 'e')} de cada mês`),
  lastDay: 'no último dia do mês',
  lastWorkday: 'no último dia útil do mês',
  nearestWorkday: (day) => `no dia útil mais próximo do dia ${day} de cada mês`,
  month: (m) => ptMonths[m - 1],
  inMonths: (months) => `em ${months}`,
  inYears: (years) => `em ${years}`,
  at: (times) =>
    joinList(
      times.map((t) => `às ${t}`),
      'e',
    ),
  everyMinute: 'a cada minuto',
  everyNMinutes: (n) => `a cada ${n} minutos`,
  hourlyAtMinute: (minute) => `a cada hora, no minuto ${minute}`,
  between: (from, to) => `entre ${from} e ${to}`,
  duringHours: (hours) => `nas horas ${hours}`,
  minutesPastHours: (minutes, hours) => `nos minutos ${minutes} das horas ${hours}`,
  rate: (value, unit) => {
    const names = { minute: ['minuto', 'minutos'], hour: ['hora', 'horas'], day: ['dia', 'dias'] }[unit];
    return value === 1 ? `a cada ${names[0]}` : `a cada ${value} ${names[1]}`;
  },
  date: (w) => `${pad(w.day)}/${pad(w.month)}/${w.year} ${clock(w.hour, w.minute)}`,
  once: (when) => `uma vez, em ${when}`,
  from: (when) => `a partir de ${when}`,
  until: (when) => `até ${when}`,
};

/** The days a cron fires on, in words. */
function dayPhrase(dom: DayOfMonthRule, dow: DayOfWeekRule, w: Words): string {
  switch (dow.kind) {
    case 'days': {
      const days = dow.days;
      if (isAll(days, 1, 7)) return w.everyDay;
      if (days.length === 1) return w.everyWeekday(days[0]);
      if (days.join() === '2,3,4,5,6') return w.mondayToFriday;
      return w.everyDayOf(joinList(days.map(w.weekdayInList), w.and));
    }
    case 'nth-of-month':
      return w.nthWeekday(dow.nth, dow.day);
    case 'last-of-month':
      return w.lastWeekday(dow.day);
    case 'any':
      break;
  }
  switch (dom.kind) {
    case 'days':
      return isAll(dom.days, 1, 31) ? w.everyDay : w.monthDays(dom.days);
    case 'last':
      return w.lastDay;
    case 'last-weekday':
      return w.lastWorkday;
    case 'nearest-weekday':
      return w.nearestWorkday(dom.day);
    case 'any':
      // The parser refuses `?` in both fields.
      return w.everyDay;
  }
}

/** The times of day a cron fires at, in words, and whether they read as "at hh:mm" (placed after the days). */
function timePhrase(cron: CronSchedule, w: Words): { text: string; atTimes: boolean } {
  const { minutes, hours } = cron;
  const allMinutes = isAll(minutes, 0, 59);
  const allHours = isAll(hours, 0, 23);
  const minuteStep = stepOf(minutes, 0, 59);
  if (!allMinutes && !minuteStep && minutes.length * hours.length <= 6) {
    return { text: w.at(hours.flatMap((h) => minutes.map((m) => clock(h, m)))), atTimes: true };
  }
  const everyMinutes = allMinutes ? w.everyMinute : minuteStep ? w.everyNMinutes(minuteStep) : undefined;
  if (everyMinutes) {
    if (allHours) return { text: everyMinutes, atTimes: false };
    const hoursText = isContiguous(hours)
      ? w.between(clock(hours[0], 0), clock(hours[hours.length - 1], 59))
      : w.duringHours(joinList(hours.map(String), w.and));
    return { text: `${everyMinutes} ${hoursText}`, atTimes: false };
  }
  if (allHours && minutes.length === 1) return { text: w.hourlyAtMinute(minutes[0]), atTimes: false };
  return { text: w.minutesPastHours(joinList(minutes.map(String), w.and), joinList(hours.map(String), w.and)), atTimes: false };
}

function describeCron(cron: CronSchedule, w: Words): string {
  const days = dayPhrase(cron.dayOfMonth, cron.dayOfWeek, w);
  const time = timePhrase(cron, w);
  let text = time.atTimes ? `${days} ${time.text}` : days === w.everyDay ? time.text : `${time.text}, ${days}`;
  if (!isAll(cron.months, 1, 12)) text += `, ${w.inMonths(joinList(cron.months.map(w.month), w.and))}`;
  const { min, max } = cronFields.year;
  if (!isAll(cron.years, min, max)) {
    const years = isContiguous(cron.years) ? `${cron.years[0]}–${cron.years[cron.years.length - 1]}` : joinList(cron.years.map(String), w.and);
    text += `, ${w.inYears(years)}`;
  }
  return text;
}

/**
 * The expression in words, ending with its time zone. Start and end dates are said as wall-clock
 * times in that zone; `at()` ignores them, as EventBridge does.
 */
export function describeExpression(expression: ScheduleExpression, options: DescribeOptions): string {
  const w = options.locale === 'pt-BR' ? pt : en;
  const when = (d: Date) => w.date(wallClockAt(d.getTime(), options.timezone));
  let text: string;
  if (expression.kind === 'at') {
    text = w.once(w.date(expression.at));
  } else {
    text = expression.kind === 'rate' ? w.rate(expression.value, expression.unit) : describeCron(expression.cron, w);
    if (options.startDate) text += ` ${w.from(when(options.startDate))}`;
    if (options.endDate) text += ` ${w.until(when(options.endDate))}`;
  }
  return `${text}, ${options.timezone}`;
}
