import { describe, expect, it } from 'vitest';
import { CsvNumber, csvField, csvFile } from '../../src/presentation/csv/csv';
import { parseCsv } from './helpers';

describe('CSV fields', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['مرحبا', 'مرحبا'],
  ])('text %j is written as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes numbers as numbers, negative ones too, and never neutralises them', () => {
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(new CsvNumber('-0.10'))).toBe('-0.10');
    expect(csvField(new CsvNumber('1234.50'))).toBe('1234.50');
    expect(() => new CsvNumber('=1')).toThrow();
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('CSV files', () => {
  it('start with a BOM, end every record with CRLF and round-trip through an RFC 4180 parser', () => {
    const bytes = csvFile(
      ['name', 'amount'],
      [
        ['=cmd', new CsvNumber('-1.00')],
        ['a "b", c', 3],
      ],
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\ufeffname,amount\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(parseCsv(bytes)).toEqual([
      ['name', 'amount'],
      ["'=cmd", '-1.00'],
      ['a "b", c', '3'],
    ]);
  });
});
