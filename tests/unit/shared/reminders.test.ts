// When reminders fall due: 14, 7, 3 and 1 days before each date, daily for four weeks after,
// by UK calendar dates (a UK day, not the server's, decides which day it is).
import { describe, expect, it } from 'vitest';
import { ukHour } from '../../../server/domain/reminders';
import { addDays, ukToday } from '../../../shared/deadline';
import { MAX_OVERDUE_REMINDER_DAYS, remindersDue } from '../../../shared/reminders';

const deadline = '2027-03-31';

describe('remindersDue', () => {
  it.each([
    [15, []],
    [14, [14]],
    [13, []],
    [7, [7]],
    [3, [3]],
    [2, []],
    [1, [1]],
    [0, []],
    [-1, [-1]],
    [-MAX_OVERDUE_REMINDER_DAYS, [-MAX_OVERDUE_REMINDER_DAYS]],
    [-MAX_OVERDUE_REMINDER_DAYS - 1, []],
  ])('with %i days left: %j', (daysLeft, expected) => {
    const today = addDays(deadline, -daysLeft);
    expect(remindersDue(today, { state: 'drafting', deadline, chiefCommentsDueOn: null }).map((r) => r.daysLeft)).toEqual(expected);
  });

  it('reminds of the chief’s date and the deadline each on its own days, and nothing once published', () => {
    const response = { state: 'drafting', deadline, chiefCommentsDueOn: '2027-03-10' };
    expect(remindersDue('2027-03-03', response)).toEqual([{ which: 'chief_comments', date: '2027-03-10', daysLeft: 7 }]);
    expect(remindersDue('2027-03-17', response)).toEqual([
      { which: 'deadline', date: deadline, daysLeft: 14 },
      { which: 'chief_comments', date: '2027-03-10', daysLeft: -7 },
    ]);
    expect(remindersDue('2027-03-17', { ...response, state: 'published' })).toEqual([]);
  });

  it('counts days across the clocks going forward (28 March 2027) as whole calendar days', () => {
    expect(remindersDue('2027-03-24', { state: 'drafting', deadline, chiefCommentsDueOn: null })).toEqual([{ which: 'deadline', date: deadline, daysLeft: 7 }]);
  });

  it('takes the day and the hour in the UK: 23:30 UTC in summer is already the next UK day', () => {
    const lateUtc = new Date('2027-06-30T23:30:00Z');
    expect(ukToday(lateUtc)).toBe('2027-07-01');
    expect(ukHour(lateUtc)).toBe(0);
    expect(ukHour(new Date('2027-01-15T08:00:00Z'))).toBe(8);
    expect(ukHour(new Date('2027-07-15T07:00:00Z'))).toBe(8);
  });
});
