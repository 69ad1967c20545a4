/**
 * A workbook as plain data: sheets of typed columns and rows, built from a report without any
 * spreadsheet library (so it is cheap to test), then written to `.xlsx` by `write-xlsx.ts`.
 */

/**
 * How a column's numbers read. Each maps to one Excel number format (`numberFormat`); the file
 * stores the plain number, so sums and filters work, and the reader's spreadsheet shows its own
 * decimal and thousands separators.
 */
export type CellKind = 'text' | 'int' | 'decimal' | 'money' | 'hours' | 'gb' | 'rate' | 'percent' | 'dateTime';

/** A value of a cell: text stays text (never a formula), numbers are numbers, `Date` a wall-clock date-time. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A cell whose kind differs from its column's (the Summary sheet's value column). */
export interface TypedCell {
  value: CellValue;
  kind: CellKind;
}

export type Cell = CellValue | TypedCell;

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** Width in characters; a default per kind otherwise. */
  width?: number;
}

export interface SheetModel {
  name: string;
  columns: SheetColumn[];
  rows: Cell[][];
  /** Rows printed bold after the data (totals); they are outside the auto-filter range. */
  footer?: Cell[][];
}

export interface WorkbookModel {
  title: string;
  /** ISO 4217 code shown with every amount; absent for reports without money. */
  currency?: string;
  sheets: SheetModel[];
}

export function isTypedCell(cell: Cell): cell is TypedCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** The Excel number format of a kind; amounts carry the ISO code as literal text (`"EUR "#,##0.00`). */
export function numberFormat(kind: CellKind, currency: string | undefined): string | undefined {
  switch (kind) {
    case 'text':
      return undefined;
    case 'int':
      return '#,##0';
    case 'decimal':
      return '#,##0.00';
    case 'money':
      // A quoted literal reads the same in Excel and LibreOffice whatever their locale; `[$USD]` does not.
      return currency ? `"${currency} "#,##0.00;"${currency} "-#,##0.00` : '#,##0.00';
    case 'hours':
      return '#,##0.00" h"';
    case 'gb':
      return '#,##0.00" GB"';
    case 'rate':
      return '#,##0.00####';
    case 'percent':
      return '0.0"%"';
    case 'dateTime':
      return 'yyyy-mm-dd hh:mm';
  }
}

/** Largest text a cell holds (Excel's limit). */
export const maxCellText = 32_767;

// XML 1.0 cannot carry these; a name holding one would make the whole file unreadable.
// eslint-disable-next-line no-control-regex
const notXmlChar = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as a cell can hold it: characters XML refuses become U+FFFD, and it is cut at Excel's limit. */
export function cellText(text: string): string {
  const clean = text.replace(notXmlChar, '\ufffd');
  return clean.length > maxCellText ? clean.slice(0, maxCellText) : clean;
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    cellText(wanted)
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}
