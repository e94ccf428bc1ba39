// Dates as UK readers expect them: "3 March 2026", "3 March 2026 14:05", always UK time.
import { deadlineStatus, isCalendarDate, ukToday, type DeadlineStatus } from '../../shared/deadline';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2026-03-03" -> "3 March 2026" (a calendar date, so no time zone applies). */
export function formatDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// formatToParts is slow (a response's activity record has hundreds of entries): each instant is
// formatted once, and once into its parts.
const formattedDateTimes = new Map<string, string>();
const MAX_FORMATTED = 5_000;

/** An instant as "3 March 2026 14:05" in UK time. */
export function formatDateTime(iso: string): string {
  const known = formattedDateTimes.get(iso);
  if (known !== undefined) return known;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Map(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? '';
  const month = MONTHS[Number(part('month')) - 1] ?? '';
  const formatted = `${Number(part('day'))} ${month} ${part('year')} ${part('hour')}:${part('minute')}`;
  if (formattedDateTimes.size >= MAX_FORMATTED) formattedDateTimes.clear();
  formattedDateTimes.set(iso, formatted);
  return formatted;
}

/** Where a response's deadline stands today, in words, and whether to warn about it. */
export function describeDeadline(deadline: string, today: string = ukToday()): { text: string; warn: boolean } {
  const status: DeadlineStatus = deadlineStatus(deadline, today);
  switch (status.kind) {
    case 'due':
      return { text: `${status.daysLeft} days left`, warn: false };
    case 'due_soon':
      return { text: status.daysLeft === 1 ? '1 day left' : `${status.daysLeft} days left`, warn: true };
    case 'due_today':
      return { text: 'Due today', warn: true };
    case 'overdue':
      return { text: status.daysOver === 1 ? 'Overdue by 1 day' : `Overdue by ${status.daysOver} days`, warn: true };
  }
}
