// Police Act 1996 s.55(5A): comments are due before the end of the period of 56 days
// beginning with the day the report is published. Published on day D, the last day is D + 55.
// Dates are calendar dates (UK), so the arithmetic is on dates, never on instants: summer
// time cannot move a deadline.

export const RESPONSE_PERIOD_DAYS = 56;
export const DEADLINE_WARNING_DAYS = 7;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toDayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Adds whole days to a calendar date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The last day on which the PCC may publish comments on a report published on `publishedOn`. */
export function responseDeadline(publishedOn: string): string {
  return addDays(publishedOn, RESPONSE_PERIOD_DAYS - 1);
}

// en-CA formats as YYYY-MM-DD. Made once: a formatter takes far longer to make than to use.
const ukDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in the UK, whatever the server's time zone. */
export function ukToday(now: Date = new Date()): string {
  return ukDate.format(now);
}

export type DeadlineStatus =
  | { kind: 'due'; daysLeft: number }
  | { kind: 'due_soon'; daysLeft: number }
  | { kind: 'due_today' }
  | { kind: 'overdue'; daysOver: number };

/** Where a deadline stands on a given day: warning from seven days before, overdue after. */
export function deadlineStatus(deadline: string, today: string): DeadlineStatus {
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft < 0) return { kind: 'overdue', daysOver: -daysLeft };
  if (daysLeft === 0) return { kind: 'due_today' };
  if (daysLeft <= DEADLINE_WARNING_DAYS) return { kind: 'due_soon', daysLeft };
  return { kind: 'due', daysLeft };
}
