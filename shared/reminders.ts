// When reminders fall due, by the UK calendar rules of shared/deadline.ts: 14, 7, 3 and 1 days
// before the statutory deadline and before the date set for the Chief Constable's comments,
// and every day for four weeks once either has passed. Pure, so the dashboard and the scheduler agree.
import { daysBetween } from './deadline';
import { REMINDER_DAYS } from './notifications';

/**
 * Overdue reminders go out every day for this many days after the date, then stop: a response
 * years past its deadline (the demo's sample) is the dashboard's to show, not a daily mail's.
 */
export const MAX_OVERDUE_REMINDER_DAYS = 28;

/** Which date a reminder is about. */
export type ReminderDate = 'deadline' | 'chief_comments';

/** A reminder due today: `daysLeft` is negative once the date has passed. */
export interface DueReminder {
  which: ReminderDate;
  date: string;
  daysLeft: number;
}

/** The reminders a response in drafting has due on `today` (a UK calendar date). */
export function remindersDue(today: string, response: { state: string; deadline: string; chiefCommentsDueOn: string | null }): DueReminder[] {
  if (response.state !== 'drafting') return [];
  const due: DueReminder[] = [];
  const dates: Array<[ReminderDate, string | null]> = [
    ['deadline', response.deadline],
    ['chief_comments', response.chiefCommentsDueOn],
  ];
  for (const [which, date] of dates) {
    if (!date) continue;
    const daysLeft = daysBetween(today, date);
    const overdue = daysLeft < 0 && -daysLeft <= MAX_OVERDUE_REMINDER_DAYS;
    if ((REMINDER_DAYS as readonly number[]).includes(daysLeft) || overdue) due.push({ which, date, daysLeft });
  }
  return due;
}

/** "in 7 days", "tomorrow", "2 days ago". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 1) return 'tomorrow';
  if (daysLeft > 1) return `in ${daysLeft} days`;
  if (daysLeft === -1) return 'yesterday (1 day overdue)';
  return `${-daysLeft} days ago (overdue)`;
}
