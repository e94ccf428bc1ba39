import { describeDeadline, formatDate } from '../format/dates';

/** "12 May 2026 (9 days left)", marked as a warning within seven days and when overdue. */
export function DeadlineText({ deadline, published = false }: { deadline: string; published?: boolean }) {
  if (published) return <span>{formatDate(deadline)}</span>;
  const { text, warn } = describeDeadline(deadline);
  return (
    <span>
      {formatDate(deadline)} <span className={warn ? 'tag tag--warning' : 'tag'}>{text}</span>
    </span>
  );
}
