// A date as GOV.UK's date pattern takes it: day, month and year in three fields, read into a
// calendar date or into the error GOV.UK would give, naming the fields that are wrong.
import { isCalendarDate } from '../../shared/deadline';

/** The three fields, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateField = keyof DateParts;

/** The fields in the order they appear. */
export const DATE_FIELDS: readonly DateField[] = ['day', 'month', 'year'];

/** What was typed, read. */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | { kind: 'invalid'; message: string; fields: DateField[] };

/** Three empty fields. */
export function emptyDateParts(): DateParts {
  return { day: '', month: '', year: '' };
}

/** "2026-03-03" -> {day: '3', month: '3', year: '2026'}; empty fields for anything else. */
export function datePartsFromIso(iso: string | null | undefined): DateParts {
  if (!iso || !isCalendarDate(iso)) return emptyDateParts();
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
}

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** A month typed as a number or a name ("3", "03", "March", "mar"); null if it is neither. */
function readMonth(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const name = text.toLowerCase();
  const index = MONTH_NAMES.findIndex((month) => month === name || month.slice(0, 3) === name);
  return index >= 0 ? index + 1 : null;
}

function listFields(fields: DateField[]): string {
  if (fields.length === 1) return fields[0]!;
  return `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}

/**
 * Reads the fields. `name` is what the date is, as a sentence starts ("The date the report was
 * published"); the messages are GOV.UK's: "… must include a month", "… must be a real date",
 * "Year must include 4 numbers". Spaces around a value are ignored.
 */
export function readDateParts(parts: DateParts, name: string): DateReading {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = DATE_FIELDS.filter((field) => !{ day, month, year }[field]);
  if (missing.length > 0) return { kind: 'invalid', message: `${name} must include a ${listFields(missing)}`, fields: missing };

  const wrong: DateField[] = [];
  const dayNumber = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
  if (!(dayNumber >= 1 && dayNumber <= 31)) wrong.push('day');
  const monthNumber = readMonth(month);
  if (monthNumber === null || monthNumber < 1 || monthNumber > 12) wrong.push('month');
  if (!/^\d+$/.test(year)) wrong.push('year');
  else if (year.length !== 4) {
    if (wrong.length === 0) return { kind: 'invalid', message: 'Year must include 4 numbers', fields: ['year'] };
    wrong.push('year');
  }
  if (wrong.length > 0) return { kind: 'invalid', message: `${name} must be a real date`, fields: wrong };

  const iso = `${year}-${String(monthNumber).padStart(2, '0')}-${String(dayNumber).padStart(2, '0')}`;
  // 31 April, 29 February of a common year: each field is fine, the date is not.
  if (!isCalendarDate(iso)) return { kind: 'invalid', message: `${name} must be a real date`, fields: ['day', 'month', 'year'] };
  return { kind: 'date', iso };
}
