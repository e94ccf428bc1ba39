import { useEffect, useRef, useState } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { sectionListBodySchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { FieldErrorSummary } from './FieldErrors';
import { applyOrder, moveId, type Direction } from './sectionOrder';
import { SetupSectionItem, type SectionEditMode } from './SetupSectionItem';

interface SetupSectionListProps {
  response: ResponseDetail;
  /** Fetches the response again (resolves once the page shows the new state). */
  refresh: () => Promise<void>;
  /** Tells screen-reader users what just happened. */
  announce: (message: string) => void;
}

/** Which row has which form open: one at a time on the page. */
type Editing = { sectionId: string; mode: SectionEditMode } | null;

/**
 * The response's sections in order, each movable with "Move up" and "Move down". A move shows
 * at once and is sent as the whole new order; moves are sent one after another, and focus
 * stays on the moved section's button as it travels.
 */
export function SetupSectionList({ response, refresh, announce }: SetupSectionListProps) {
  const [order, setOrder] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The moved section's button to focus once the list has re-rendered.
  const focusAfterMove = useRef<{ sectionId: string; direction: Direction } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const moveSeq = useRef(0);
  // Bumped when a move fails: the moves queued behind it built on it and are not sent.
  const moveEpoch = useRef(0);
  const sections = applyOrder(response.sections, order);
  const orderKey = sections.map((section) => section.id).join(',');

  // React moves the row's element, which can take focus from it: put focus back on its button,
  // or on the other one if the section reached the top or the bottom.
  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    const other: Direction = target.direction === 'up' ? 'down' : 'up';
    const same = moveButtons.current.get(`${target.sectionId}:${target.direction}`);
    const button = same && !same.disabled ? same : moveButtons.current.get(`${target.sectionId}:${other}`);
    if (button && document.activeElement !== button) button.focus();
  }, [orderKey]);

  const move = (section: Section, direction: Direction) => {
    const next = moveId(
      sections.map((s) => s.id),
      section.id,
      direction,
    );
    setOrder(next);
    setErrors([]);
    focusAfterMove.current = { sectionId: section.id, direction };
    announce(`${section.title} moved to position ${next.indexOf(section.id) + 1} of ${next.length}.`);
    const seq = ++moveSeq.current;
    const epoch = moveEpoch.current;
    queue.current = queue.current.then(async () => {
      if (epoch !== moveEpoch.current) return;
      try {
        await api('PUT', `/api/responses/${encodeURIComponent(response.id)}/sections/order`, sectionListBodySchema, {
          sectionIds: next,
        });
      } catch (error) {
        // Later moves build on this one: drop them and show what the server has.
        moveEpoch.current++;
        setErrors([`${section.title} was not moved. ${errorMessage(error)}`]);
        await refresh();
        setOrder(null);
        return;
      }
      if (seq !== moveSeq.current) return;
      await refresh();
      if (seq === moveSeq.current) setOrder(null);
    });
  };

  const open = (sectionId: string, mode: SectionEditMode | null) => setEditing(mode ? { sectionId, mode } : null);

  return (
    <section className="setup-block" aria-labelledby="setup-sections-heading">
      <h2 id="setup-sections-heading" tabIndex={-1} ref={headingRef}>
        Sections
      </h2>
      <p className="hint">In the order they appear in the response. Only sections that are not signed off can be changed.</p>
      <FieldErrorSummary errors={errors.map((message) => ({ message }))} title="The section was not moved" />
      <ol className="setup-sections">
        {sections.map((section, index) => (
          <SetupSectionItem
            key={section.id}
            response={response}
            section={section}
            position={index + 1}
            count={sections.length}
            mode={editing?.sectionId === section.id ? editing.mode : null}
            onOpen={(mode) => open(section.id, mode)}
            onMove={(direction) => move(section, direction)}
            moveButtonRef={(direction, button) => {
              const key = `${section.id}:${direction}`;
              if (button) moveButtons.current.set(key, button);
              else moveButtons.current.delete(key);
            }}
            onChanged={async (announcement) => {
              announce(announcement);
              await refresh();
            }}
            onRemoved={async (announcement) => {
              setEditing(null);
              announce(announcement);
              await refresh();
              headingRef.current?.focus();
            }}
          />
        ))}
      </ol>
      {sections.length === 0 && <p>The response has no sections yet. Add one below.</p>}
    </section>
  );
}
