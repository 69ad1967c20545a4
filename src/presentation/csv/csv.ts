/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled. Files start with a UTF-8 byte order mark so spreadsheet programs read accented, Arabic
 * and Japanese names correctly (tools that parse RFC 4180 strictly should skip it).
 */

/** A number written exactly as given (a decimal string such as "1234.50"), never neutralised. */
export class CsvNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal number: ${text}`);
  }
}

export type CsvCell = string | number | boolean | CsvNumber | null | undefined;

// A spreadsheet treats a text cell starting with one of these as a formula (CSV injection).
const formulaStart = /^[=+\-@\t\r]/;

/** One field. Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof CsvNumber) return value.text;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: header, rows, CRLF after every record, UTF-8 with BOM. */
export function csvFile(header: string[], rows: Iterable<CsvCell[]>): Uint8Array {
  const lines = ['\ufeff' + header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}
