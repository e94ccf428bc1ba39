import type { AuditEvent } from '../../shared/api';
import type { Section } from '../../shared/model';
import { formatDateTime } from '../format/dates';

/** "section.signed_off" -> "Section signed off": the log's action codes, readable. */
export function describeAction(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The response's activity log, newest first. Everything is rendered as text, never HTML. */
export function ActivityPanel({ events, sections }: { events: AuditEvent[]; sections: Section[] }) {
  const titles = new Map(sections.map((section) => [section.id, section.title]));
  const newestFirst = [...events].reverse();
  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {newestFirst.length === 0 ? (
        <p>Nothing has happened yet.</p>
      ) : (
        <ol className="activity" aria-live="polite" aria-relevant="additions">
          {newestFirst.map((event) => {
            const sectionTitle = event.sectionId ? titles.get(event.sectionId) : undefined;
            return (
              <li className="activity__item" key={event.id}>
                <p className="activity__what">
                  {describeAction(event.action)}
                  {sectionTitle ? `: ${sectionTitle}` : ''}
                </p>
                <p className="activity__meta">
                  {event.actor?.name ?? 'Countersign'}, <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </p>
                {event.detail && <p className="activity__detail">{event.detail}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
