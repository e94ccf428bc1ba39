// Text on its way into a spreadsheet. A cell whose text starts with =, +, - or @ (or their
// full-width forms, or a tab or carriage return before them) is read by Excel, LibreOffice and
// Sheets as a formula when a CSV is opened: `=HYPERLINK("http://evil.example", "Click")` in a
// progress note would become a live link, `=cmd|' /C calc'!A0` worse. Such text gets a leading
// apostrophe, the spreadsheet's own mark for "this is text" (OWASP's advice on CSV injection).
import { stripDisallowedCharacters } from '../../shared/text';

/** The characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/u;

/** Whether a spreadsheet would evaluate text typed into a cell as it stands. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text for a cell that is never evaluated: characters XML forbids removed, a formula made plain text. */
export function neutraliseFormula(text: string): string {
  const clean = stripDisallowedCharacters(text);
  return looksLikeFormula(clean) ? `'${clean}` : clean;
}

/** One CSV field (RFC 4180): always quoted, quotes doubled, and never a formula. */
export function csvField(text: string): string {
  return `"${neutraliseFormula(text).replace(/"/g, '""')}"`;
}

/** A CSV file: a byte order mark (so Excel reads UTF-8), quoted fields, CRLF line ends. */
export function csvFile(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
