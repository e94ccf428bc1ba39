// GOV.UK's date pattern: three fields read into a calendar date, or into GOV.UK's error naming
// the fields that are wrong.
import { describe, expect, it } from 'vitest';
import { datePartsFromIso, readDateParts, type DateParts } from '../../../client/ui/dateParts';

const NAME = 'The date sent to HMICFRS';

function parts(day: string, month: string, year: string): DateParts {
  return { day, month, year };
}

describe('readDateParts', () => {
  it('reads a date, with or without leading zeros, the month as a number or a name', () => {
    expect(readDateParts(parts('3', '3', '2026'), NAME)).toEqual({ kind: 'date', iso: '2026-03-03' });
    expect(readDateParts(parts('03', '03', '2026'), NAME)).toEqual({ kind: 'date', iso: '2026-03-03' });
    expect(readDateParts(parts(' 29 ', 'February', '2028'), NAME)).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(readDateParts(parts('1', 'dec', '2026'), NAME)).toEqual({ kind: 'date', iso: '2026-12-01' });
  });

  it('says nothing was entered when all three are empty', () => {
    expect(readDateParts(parts('', ' ', ''), NAME)).toEqual({ kind: 'empty' });
  });

  it.each<[DateParts, string, string[]]>([
    [parts('', '3', '2026'), `${NAME} must include a day`, ['day']],
    [parts('3', '', ''), `${NAME} must include a month and year`, ['month', 'year']],
    [parts('', '', '2026'), `${NAME} must include a day and month`, ['day', 'month']],
    [parts('32', '3', '2026'), `${NAME} must be a real date`, ['day']],
    [parts('3', '13', '2026'), `${NAME} must be a real date`, ['month']],
    [parts('3', 'Marchy', '2026'), `${NAME} must be a real date`, ['month']],
    [parts('x', '3', '2026'), `${NAME} must be a real date`, ['day']],
    [parts('3', '3', '26'), 'Year must include 4 numbers', ['year']],
    [parts('0', '0', '26'), `${NAME} must be a real date`, ['day', 'month', 'year']],
    [parts('31', '4', '2026'), `${NAME} must be a real date`, ['day', 'month', 'year']],
    [parts('29', '2', '2026'), `${NAME} must be a real date`, ['day', 'month', 'year']],
  ])('%j → %s', (input, message, fields) => {
    expect(readDateParts(input, NAME)).toEqual({ kind: 'invalid', message, fields });
  });
});

describe('datePartsFromIso', () => {
  it('fills the fields from a stored date, and leaves them empty for none', () => {
    expect(datePartsFromIso('2026-03-03')).toEqual(parts('3', '3', '2026'));
    expect(datePartsFromIso(null)).toEqual(parts('', '', ''));
    expect(datePartsFromIso('not a date')).toEqual(parts('', '', ''));
  });
});
