import { useEffect, useId, useRef, useState } from 'react';
import { MAX_RECOMMENDATION_CHARS, MAX_TITLE_CHARS } from '../../shared/limits';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { sectionSchema } from '../../shared/schemas/model';
import { errorMessage } from '../api/ApiError';
import { api, apiCall } from '../api/http';
import { roleOptions } from '../presence/memberOptions';
import { RoleBadge } from '../ui/RoleBadge';
import { FieldErrorSummary } from './FieldErrors';
import { InlineEditForm } from './InlineEditForm';
import { sectionKindLabel } from './sectionKinds';
import type { Direction } from './sectionOrder';

/** The forms a section's row can open in place, one at a time on the page. */
export type SectionEditMode = 'rename' | 'owner' | 'recommendation' | 'remove';

/** The most characters of a recommendation's text (as the server allows). */

interface SetupSectionItemProps {
  response: ResponseDetail;
  section: Section;
  /** 1-based place in the response. */
  position: number;
  count: number;
  /** The form open on this row, if any. */
  mode: SectionEditMode | null;
  onOpen: (mode: SectionEditMode | null) => void;
  onMove: (direction: Direction) => void;
  /** Hands the page the move buttons, so it can keep focus on them as the row moves. */
  moveButtonRef: (direction: Direction, button: HTMLButtonElement | null) => void;
  /** After the server accepted a change: announce it and fetch the response again. */
  onChanged: (announcement: string) => Promise<void>;
  onRemoved: (announcement: string) => Promise<void>;
}

/** One section on the set-up page: its owner and kind, and moving, renaming, reassigning or removing it. */
export function SetupSectionItem(props: SetupSectionItemProps) {
  const { response, section, position, count, mode, onOpen, onMove, moveButtonRef } = props;
  const id = useId();
  const reasonId = `${id}-reason`;
  const signedOff = section.state === 'signed_off';
  const openers = useRef(new Map<SectionEditMode, HTMLButtonElement>());
  // The opener to focus again once its form has closed.
  const returnTo = useRef<SectionEditMode | null>(null);
  const sectionPath = `/api/responses/${encodeURIComponent(response.id)}/sections/${encodeURIComponent(section.id)}`;

  useEffect(() => {
    if (mode === null && returnTo.current) {
      openers.current.get(returnTo.current)?.focus();
      returnTo.current = null;
    }
  }, [mode]);

  const close = (from: SectionEditMode) => {
    returnTo.current = from;
    onOpen(null);
  };

  const opener = (which: SectionEditMode, text: string, name: string, extraClass = '') => (
    <button
      className={`button button--secondary button--small ${extraClass}`.trim()}
      type="button"
      ref={(button) => {
        if (button) openers.current.set(which, button);
        else openers.current.delete(which);
      }}
      aria-label={name}
      aria-expanded={mode === which}
      aria-describedby={signedOff ? reasonId : undefined}
      disabled={signedOff}
      onClick={() => (mode === which ? close(which) : onOpen(which))}
    >
      {text}
    </button>
  );

  const patch = async (body: Record<string, string>, from: SectionEditMode, announcement: string) => {
    await api('PATCH', sectionPath, sectionSchema, body);
    close(from);
    await props.onChanged(announcement);
  };

  return (
    <li className="setup-section">
      <div className="setup-section__summary">
        <h3 className="setup-section__title">
          {section.title}
        </h3>
        <p className="setup-section__meta">
          <RoleBadge role={section.ownerRole} text={`Owned by ${roleLabel(section.ownerRole)}`} />
          <span>{sectionKindLabel(section.kind)}</span>
          <span className={signedOff ? 'section-state section-state--signed' : 'section-state'}>
            {signedOff ? 'Signed off' : 'Drafting'}
          </span>
        </p>
        {section.recommendation !== null && <blockquote className="setup-section__quote">{section.recommendation}</blockquote>}
        {signedOff && (
          <p className="readonly-note" id={reasonId}>
            Signed off{section.signOff ? ` by ${section.signOff.name}` : ''}: reopen it on the response page to rename it,
            change its owner or remove it.
          </p>
        )}
      </div>
      <div className="button-group setup-section__actions">
        <button
          className="button button--secondary button--small"
          type="button"
          ref={(button) => moveButtonRef('up', button)}
          disabled={position === 1}
          onClick={() => onMove('up')}
        >
          {/* Named "Move Chief Officer comments up": the hidden words say which section. */}
          Move<span className="visually-hidden"> {section.title}</span> up
        </button>
        <button
          className="button button--secondary button--small"
          type="button"
          ref={(button) => moveButtonRef('down', button)}
          disabled={position === count}
          onClick={() => onMove('down')}
        >
          {/* Named "Move Chief Officer comments down": the hidden words say which section. */}
          Move<span className="visually-hidden"> {section.title}</span> down
        </button>
        {opener('rename', 'Rename', `Rename ${section.title}`)}
        {opener('owner', 'Change owner', `Change owner of ${section.title}`)}
        {section.kind === 'recommendation' &&
          opener('recommendation', 'Correct the recommendation text', `Correct the recommendation text of ${section.title}`)}
        {opener('remove', 'Remove', `Remove ${section.title}`, 'button--warning')}
      </div>
      {mode === 'rename' && <RenameForm section={section} onCancel={() => close('rename')} save={(title) => patch({ title }, 'rename', `Renamed to ${title}.`)} />}
      {mode === 'owner' && (
        <OwnerForm
          section={section}
          roles={roleOptions(response)}
          onCancel={() => close('owner')}
          save={(ownerRole) => patch({ ownerRole }, 'owner', `${section.title} is now owned by ${roleLabel(ownerRole)}.`)}
        />
      )}
      {mode === 'recommendation' && (
        <RecommendationForm
          section={section}
          onCancel={() => close('recommendation')}
          save={(recommendation) =>
            patch({ recommendation }, 'recommendation', `The text of ${section.title} was corrected; the correction is in the activity log.`)
          }
        />
      )}
      {mode === 'remove' && (
        <RemoveConfirmation
          section={section}
          onCancel={() => close('remove')}
          remove={async () => {
            await apiCall('DELETE', sectionPath);
            await props.onRemoved(`${section.title} was removed.`);
          }}
        />
      )}
    </li>
  );
}

function RenameForm({ section, save, onCancel }: { section: Section; save: (title: string) => Promise<void>; onCancel: () => void }) {
  const [title, setTitle] = useState(section.title);
  return (
    <InlineEditForm
      label={`New title for ${section.title}`}
      submitLabel="Save title"
      errorTitle="The section was not renamed"
      validate={() => {
        const trimmed = title.trim();
        if (!trimmed) return 'Enter a title for the section';
        if (trimmed.length > MAX_TITLE_CHARS) return `The title must be ${MAX_TITLE_CHARS} characters or fewer`;
        return null;
      }}
      save={() => save(title.trim())}
      onCancel={onCancel}
      field={({ invalid, ...attributes }) => (
        <input
          {...attributes}
          className={invalid ? 'input input--error' : 'input'}
          type="text"
          autoComplete="off"
          autoFocus
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      )}
    />
  );
}

interface OwnerFormProps {
  section: Section;
  roles: string[];
  save: (ownerRole: string) => Promise<void>;
  onCancel: () => void;
}

function OwnerForm({ section, roles, save, onCancel }: OwnerFormProps) {
  const [ownerRole, setOwnerRole] = useState(section.ownerRole);
  return (
    <InlineEditForm
      label={`Who owns ${section.title}?`}
      hint="Members of the owning role write the section, and its signatory signs it off."
      submitLabel="Save owner"
      errorTitle="The owner was not changed"
      validate={() => null}
      save={() => save(ownerRole)}
      onCancel={onCancel}
      field={({ invalid: _invalid, ...attributes }) => (
        <select {...attributes} className="select" autoFocus value={ownerRole} onChange={(event) => setOwnerRole(event.target.value)}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      )}
    />
  );
}

function RecommendationForm({ section, save, onCancel }: { section: Section; save: (text: string) => Promise<void>; onCancel: () => void }) {
  const [text, setText] = useState(section.recommendation ?? '');
  return (
    <InlineEditForm
      label={`Text of ${section.title}`}
      hint="Correct only a mistake in copying the report's text. The correction is recorded in the activity log, with the text before and after it."
      submitLabel="Save correction"
      errorTitle="The recommendation was not corrected"
      validate={() => {
        const trimmed = text.trim();
        if (!trimmed) return 'Enter the text of the recommendation';
        if (trimmed.length > MAX_RECOMMENDATION_CHARS) return `The recommendation must be ${MAX_RECOMMENDATION_CHARS} characters or fewer`;
        return null;
      }}
      save={() => save(text.trim())}
      onCancel={onCancel}
      field={({ invalid, ...attributes }) => (
        <textarea
          {...attributes}
          className={invalid ? 'textarea input--error' : 'textarea'}
          rows={5}
          autoFocus
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
    />
  );
}

function RemoveConfirmation({ section, remove, onCancel }: { section: Section; remove: () => Promise<void>; onCancel: () => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const confirm = async () => {
    setBusy(true);
    setErrors([]);
    try {
      await remove();
    } catch (error) {
      setErrors([errorMessage(error)]);
      setBusy(false);
    }
  };

  return (
    <div className="confirm" role="group" aria-labelledby={`${id}-question`} aria-describedby={`${id}-detail`} tabIndex={-1} ref={ref}>
      <FieldErrorSummary errors={errors.map((message) => ({ message }))} title="The section was not removed" />
      <p className="confirm__question" id={`${id}-question`}>
        Remove {section.title}?
      </p>
      <p id={`${id}-detail`}>Its text is deleted with it, and cannot be brought back.</p>
      <div className="button-group">
        <button className="button button--warning" type="button" disabled={busy} onClick={confirm}>
          Yes, remove it
        </button>
        <button className="button button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
