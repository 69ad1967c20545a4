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

/**
 * How a file separates fields and writes decimals. `standard`: `,` and `1234.5` (RFC 4180, what
 * scripts and English-locale spreadsheets read). `pt-BR`: `;` and `1234,5`, what a spreadsheet set to
 * Brazilian Portuguese opens into columns and numbers by double-click. Neither groups thousands.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}

export const csvDialects = {
  standard: { separator: ',', decimal: '.' },
  'pt-BR': { separator: ';', decimal: ',' },
} as const satisfies Record<string, CsvDialect>;

// A spreadsheet treats a text cell starting with one of these as a formula (CSV injection).
const formulaStart = /^[=+\-@\t\r]/;

/** One field. Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: CsvCell, dialect: CsvDialect = csvDialects.standard): string {
  if (value === null || value === undefined) return '';
  const number = (text: string) => (dialect.decimal === '.' ? text : text.replace('.', dialect.decimal));
  if (value instanceof CsvNumber) return number(value.text);
  if (typeof value === 'number') return Number.isFinite(value) ? number(String(value)) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: header, rows, CRLF after every record, UTF-8 with BOM. */
export function csvFile(header: string[], rows: Iterable<CsvCell[]>, dialect: CsvDialect = csvDialects.standard): Uint8Array {
  const line = (cells: CsvCell[]) => cells.map((c) => csvField(c, dialect)).join(dialect.separator);
  const lines = ['\ufeff' + line(header)];
  for (const row of rows) lines.push(line(row));
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}
