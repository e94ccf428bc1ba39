import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { describeDeadline, formatDate } from '../format/dates';
import { CHIEF_CONSTABLE_ROLE } from '../../shared/permissions';

/**
 * "Chief Constable's comments due by 12 December 2026" on each section the chief constable
 * owns, with the days left, marked overdue once the date has passed and the section is still open.
 */
export function ChiefCommentsDue({ response, section }: { response: ResponseDetail; section: Section }) {
  const due = response.chiefCommentsDueOn;
  if (!due || section.ownerRole !== CHIEF_CONSTABLE_ROLE || response.state !== 'drafting') return null;
  const open = section.state === 'drafting';
  const status = open ? describeDeadline(due) : null;
  const overdue = status?.text.startsWith('Overdue') ?? false;
  return (
    <p className={overdue ? 'due-note due-note--overdue' : 'due-note'}>
      Chief Constable's comments due by {formatDate(due)}
      {status && (
        <>
          {' '}
          <span className={overdue ? 'tag tag--overdue' : status.warn ? 'tag tag--warning' : 'tag'}>{status.text}</span>
        </>
      )}
    </p>
  );
}
