import { describe, expect, it } from 'vitest';
import { describeExpression } from '../../src/domain/schedules/describe-expression';
import { parseScheduleExpression } from '../../src/domain/schedules/expression';
import { preferredLocale } from '../../src/handlers/api/accept-language';
import { isoInZone } from '../../src/domain/zoned-time';

function describeIn(expression: string, locale: 'en' | 'pt-BR', extra: { startDate?: string; endDate?: string } = {}, timezone = 'Europe/Berlin') {
  const parsed = parseScheduleExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error);
  return describeExpression(parsed.value, {
    timezone,
    locale,
    startDate: extra.startDate ? new Date(extra.startDate) : undefined,
    endDate: extra.endDate ? new Date(extra.endDate) : undefined,
  });
}

describe('a schedule expression in words', () => {
  describe.each([
    ['cron(0 8 ? * MON *)', 'every Monday at 08:00, Europe/Berlin', 'toda segunda-feira às 08:00, Europe/Berlin'],
    ['cron(0 8 ? * SAT *)', 'every Saturday at 08:00, Europe/Berlin', 'todo sábado às 08:00, Europe/Berlin'],
    ['cron(30 6 * * ? *)', 'every day at 06:30, Europe/Berlin', 'todos os dias às 06:30, Europe/Berlin'],
    [
      'cron(0 8,17 ? * MON-FRI *)',
      'every weekday (Monday to Friday) at 08:00 and 17:00, Europe/Berlin',
      'de segunda a sexta-feira às 08:00 e às 17:00, Europe/Berlin',
    ],
    [
      'cron(0 9 ? * 2,4,7 *)',
      'every Monday, Wednesday and Saturday at 09:00, Europe/Berlin',
      'às segundas-feiras, às quartas-feiras e aos sábados às 09:00, Europe/Berlin',
    ],
    ['cron(0 7 1 * ? *)', 'on day 1 of the month at 07:00, Europe/Berlin', 'no dia 1 de cada mês às 07:00, Europe/Berlin'],
    ['cron(0 7 1,15 * ? *)', 'on days 1 and 15 of the month at 07:00, Europe/Berlin', 'nos dias 1 e 15 de cada mês às 07:00, Europe/Berlin'],
    ['cron(0 18 L * ? *)', 'on the last day of the month at 18:00, Europe/Berlin', 'no último dia do mês às 18:00, Europe/Berlin'],
    ['cron(0 18 LW * ? *)', 'on the last weekday of the month at 18:00, Europe/Berlin', 'no último dia útil do mês às 18:00, Europe/Berlin'],
    [
      'cron(0 9 15W * ? *)',
      'on the weekday nearest day 15 of the month at 09:00, Europe/Berlin',
      'no dia útil mais próximo do dia 15 de cada mês às 09:00, Europe/Berlin',
    ],
    ['cron(0 10 ? * 3#2 *)', 'on the second Tuesday of the month at 10:00, Europe/Berlin', 'na segunda terça-feira do mês às 10:00, Europe/Berlin'],
    ['cron(0 10 ? * 1#1 *)', 'on the first Sunday of the month at 10:00, Europe/Berlin', 'no primeiro domingo do mês às 10:00, Europe/Berlin'],
    ['cron(0 16 ? * 6L *)', 'on the last Friday of the month at 16:00, Europe/Berlin', 'na última sexta-feira do mês às 16:00, Europe/Berlin'],
    ['cron(0/15 * * * ? *)', 'every 15 minutes, Europe/Berlin', 'a cada 15 minutos, Europe/Berlin'],
    ['cron(* * * * ? *)', 'every minute, Europe/Berlin', 'a cada minuto, Europe/Berlin'],
    [
      'cron(0/10 8-17 ? * MON-FRI *)',
      'every 10 minutes between 08:00 and 17:59, every weekday (Monday to Friday), Europe/Berlin',
      'a cada 10 minutos entre 08:00 e 17:59, de segunda a sexta-feira, Europe/Berlin',
    ],
    ['cron(5 * * * ? *)', 'every hour at minute 5, Europe/Berlin', 'a cada hora, no minuto 5, Europe/Berlin'],
    [
      'cron(0 6 1 1,7 ? *)',
      'on day 1 of the month at 06:00, in January and July, Europe/Berlin',
      'no dia 1 de cada mês às 06:00, em janeiro e julho, Europe/Berlin',
    ],
    ['cron(0 6 * * ? 2027)', 'every day at 06:00, in 2027, Europe/Berlin', 'todos os dias às 06:00, em 2027, Europe/Berlin'],
    ['rate(1 hour)', 'every hour, Europe/Berlin', 'a cada hora, Europe/Berlin'],
    ['rate(5 minutes)', 'every 5 minutes, Europe/Berlin', 'a cada 5 minutos, Europe/Berlin'],
    ['rate(2 days)', 'every 2 days, Europe/Berlin', 'a cada 2 dias, Europe/Berlin'],
    ['at(2026-12-24T18:00:00)', 'once, on 2026-12-24 18:00, Europe/Berlin', 'uma vez, em 24/12/2026 18:00, Europe/Berlin'],
  ])('%s', (expression, english, portuguese) => {
    it('reads in English', () => expect(describeIn(expression, 'en')).toBe(english));
    it('reads in Brazilian Portuguese', () => expect(describeIn(expression, 'pt-BR')).toBe(portuguese));
  });

  it('says the start and end dates on the time zone’s wall clock', () => {
    const dates = { startDate: '2026-12-03T03:00:00Z', endDate: '2027-01-01T03:00:00Z' };
    expect(describeIn('rate(6 hours)', 'en', dates, 'America/Sao_Paulo')).toBe('every 6 hours from 2026-12-03 00:00 until 2027-01-01 00:00, America/Sao_Paulo');
    expect(describeIn('rate(6 hours)', 'pt-BR', dates, 'America/Sao_Paulo')).toBe(
      'a cada 6 horas a partir de 03/12/2026 00:00 até 01/01/2027 00:00, America/Sao_Paulo',
    );
  });
});

describe('the language of Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['pt-BR', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['pt-PT,en;q=0.5', 'pt-BR'],
    ['en-US,pt-BR;q=0.9', 'en'],
    ['de-DE,pt;q=0.8,en;q=0.7', 'pt-BR'],
    ['en;q=0.2,pt-BR;q=0.9', 'pt-BR'],
    ['pt-BR;q=0,en', 'en'],
    ['fr', 'en'],
    ['*', 'en'],
  ] as const)('%s reads %s', (header, locale) => expect(preferredLocale(header)).toBe(locale));
});

describe('an instant with the zone’s offset', () => {
  it.each([
    ['2026-12-07T07:00:00Z', 'Europe/Berlin', '2026-12-07T08:00:00+01:00'],
    ['2026-07-06T06:00:00Z', 'Europe/Berlin', '2026-07-06T08:00:00+02:00'],
    ['2026-12-03T03:00:00Z', 'America/Sao_Paulo', '2026-12-03T00:00:00-03:00'],
    ['2026-12-03T03:00:00Z', 'Asia/Kolkata', '2026-12-03T08:30:00+05:30'],
    ['2026-12-03T03:00:00Z', 'UTC', '2026-12-03T03:00:00+00:00'],
  ])('%s in %s is %s', (instant, zone, expected) => expect(isoInZone(Date.parse(instant), zone)).toBe(expected));
});
