// Text into spreadsheets: nothing a spreadsheet would evaluate, quoted as RFC 4180 says.
import { describe, expect, it } from 'vitest';
import { csvField, csvFile, looksLikeFormula, neutraliseFormula } from '../../../server/tracking/spreadsheetText';

describe('formula neutralising', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    ' =1+1',
    '\t=1',
    '\r=1',
    '\uFF1D1+1',
    '\uFF0B1',
    '\uFF0D1',
    '\uFF20SUM(A1)',
  ])('makes %j plain text', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
    expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(looksLikeFormula(neutraliseFormula(text))).toBe(false);
  });

  it.each(['Completed', '2026-03-31', 'a=b', 'Target: -3 days', "'already text", ''])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('removes what XML forbids', () => {
    expect(neutraliseFormula('a\uFFFEb\u0000c')).toBe('abc');
  });
});

describe('CSV', () => {
  it('quotes every field, doubles quotes and keeps line breaks', () => {
    expect(csvField('He said "no", then left\nfor good')).toBe('"He said ""no"", then left\nfor good"');
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
  });

  it('writes a byte order mark and CRLF line ends', () => {
    expect(csvFile([['a', 'b'], ['c', '-d']])).toBe(`\uFEFF"a","b"\r\n"c","'-d"\r\n`);
  });
});
