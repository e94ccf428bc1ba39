import { useId } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { openThreadsText } from '../threads/SectionThreads';
import { useThreadList } from '../threads/ThreadsContext';
import { groupSections } from './groupSections';
import { onJumpLinkClick } from './jumpTo';
import { sectionAnchor } from './sectionAnchor';
import { useSectionVisitors } from './SectionPresence';

/** A place on the page the contents list links to that is not a section (the publish panel). */
export interface ContentsExtra {
  anchor: string;
  title: string;
}

/** Whether the page knows who is in each section: its sockets are up, lost, or still opening. */
export type PresenceKnowledge = 'known' | 'unknown' | 'pending';

interface ContentsNavProps {
  response: ResponseDetail;
  presence: PresenceKnowledge;
  /** Places after the sections. */
  extras: ContentsExtra[];
}

/** "Sam Taylor", "Sam Taylor and Jo Bloggs", "A, B and C". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The words for a section's state in the list. */
export function sectionStateText(section: Section): string {
  return section.state === 'signed_off' ? 'Signed off' : 'Drafting';
}

/** Words read between facts by a screen reader, shown as spacing. */
function Separator() {
  return <span className="visually-hidden">, </span>;
}

function ContentsEntry({
  section,
  title,
  openThreads,
  presenceKnown,
}: {
  section: Section;
  title: string;
  openThreads: number;
  presenceKnown: boolean;
}) {
  const metaId = useId();
  const visitors = useSectionVisitors(section.id);
  const anchor = sectionAnchor(section.id);
  const signed = section.state === 'signed_off';
  return (
    <li className="contents__item">
      <a className="contents__link" href={`#${anchor}`} onClick={onJumpLinkClick(anchor)} aria-describedby={metaId}>
        {title}
      </a>
      <span className="contents__meta" id={metaId}>
        <span className="contents__fact">{roleLabel(section.ownerRole)}</span>
        <Separator />
        <span className={signed ? 'contents__fact contents__state contents__state--signed' : 'contents__fact contents__state'}>
          {sectionStateText(section)}
        </span>
        {openThreads > 0 && (
          <>
            <Separator />
            <span className="contents__fact contents__threads">{openThreadsText(openThreads)}</span>
          </>
        )}
        {presenceKnown && visitors.length > 0 && (
          <>
            <Separator />
            <span className="contents__fact contents__here">
              Here now: {namesText(visitors.map((visitor) => visitor.name))}
            </span>
          </>
        )}
      </span>
    </li>
  );
}

/**
 * The response's contents: every section with its owner, its state, its open threads and who
 * is in it now, each a link that moves focus to the section. Sticky beside the sections on
 * wide screens (styles.css), a list above them on narrow ones.
 */
export function ContentsNav({ response, presence, extras }: ContentsNavProps) {
  const headingId = useId();
  const { threads } = useThreadList();
  const open = new Map<string, number>();
  for (const thread of threads) {
    if (thread.state === 'open') open.set(thread.sectionId, (open.get(thread.sectionId) ?? 0) + 1);
  }
  const entries = groupSections(response.sections).flatMap((group) =>
    group.kind === 'single'
      ? [{ section: group.section, title: group.section.title }]
      : group.rows.map(({ section, number }) => ({ section, title: `Recommendation ${number}` })),
  );
  return (
    <nav className="contents" aria-labelledby={headingId}>
      <h2 className="contents__title" id={headingId}>
        Contents
      </h2>
      {presence === 'unknown' && <p className="contents__note">Not connected: who is in each section is unknown.</p>}
      <ol className="contents__list">
        {entries.map(({ section, title }) => (
          <ContentsEntry
            key={section.id}
            section={section}
            title={title}
            openThreads={open.get(section.id) ?? 0}
            presenceKnown={presence === 'known'}
          />
        ))}
        {extras.map((extra) => (
          <li className="contents__item" key={extra.anchor}>
            <a className="contents__link" href={`#${extra.anchor}`} onClick={onJumpLinkClick(extra.anchor)}>
              {extra.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
