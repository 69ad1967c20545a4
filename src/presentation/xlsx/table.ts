import { wallClockAt } from '../../domain/zoned-time';
import type { Cell, CellKind, SheetColumn, SheetModel } from './sheet-model';

/** A column and how a row fills it. */
export type Col<Row> = [SheetColumn['header'], CellKind, (row: Row) => Cell];

/** A sheet of `rows`, one column per `cols` entry, with an optional bold footer row (totals). */
export function table<Row>(name: string, cols: Col<Row>[], rows: readonly Row[], footer?: Cell[]): SheetModel {
  return {
    name,
    columns: cols.map(([header, kind]) => ({ header, kind })),
    rows: rows.map((r) => cols.map(([, , get]) => get(r))),
    ...(footer ? { footer: [footer] } : {}),
  };
}

/** A decimal string amount as a number (exact enough: two decimals, far below 2^53 cents). */
export const money = (amount: string | null | undefined): number | null => (amount === undefined || amount === null ? null : Number(amount));

/** MB as GB, two decimals. */
export const gbFromMb = (mb: number | undefined): number | null => (mb === undefined ? null : Math.round((mb / 1024) * 100) / 100);

/**
 * A spreadsheet date has no zone: the report's wall-clock time, written as if it were UTC (which is
 * how ExcelJS turns a `Date` into a serial number), reads in the sheet as the report's local time.
 */
export function wallClock(iso: string, timeZone: string): Date | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const w = wallClockAt(t, timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}
