import { useEffect, useRef, useState } from 'react';
import type { Version } from '../../shared/api';
import { MAX_VERSION_NAME_CHARS } from '../../shared/limits';
import { cleanSingleLine, hasVisibleText } from '../../shared/text';
import { InlineEditForm } from '../setup/InlineEditForm';
import { saveNamedVersion, type SectionRef } from './historyApi';

/** What is wrong with a version's name, as GOV.UK words it, or null. */
export function versionNameProblem(name: string): string | null {
  const cleaned = cleanSingleLine(name);
  if (!hasVisibleText(cleaned)) return 'Enter a name for the version';
  if (cleaned.length > MAX_VERSION_NAME_CHARS) return `The name must be ${MAX_VERSION_NAME_CHARS} characters or fewer`;
  return null;
}

/** "Save a version": a button that opens a one-field form (GOV.UK errors, linked to the field). */
export function SaveVersionForm({ section, onSaved }: { section: SectionRef; onSaved: (version: Version) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Back to the button that opened the form, once it is on the page again.
  useEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [open]);
  const close = () => {
    refocus.current = true;
    setOpen(false);
    setName('');
  };
  if (!open) {
    return (
      <button className="button button--secondary" type="button" ref={button} aria-expanded="false" onClick={() => setOpen(true)}>
        Save a version
      </button>
    );
  }
  return (
    <InlineEditForm
      label="Name of the version"
      hint="For example, “Sent to the chief’s office”. The text as it is now is kept under this name."
      submitLabel="Save version"
      errorTitle="The version was not saved"
      validate={() => versionNameProblem(name)}
      save={async () => {
        const version = await saveNamedVersion(section, cleanSingleLine(name));
        close();
        onSaved(version);
      }}
      onCancel={close}
      field={({ invalid, ...attributes }) => (
        <input
          className={invalid ? 'input input--error' : 'input'}
          type="text"
          autoComplete="off"
          spellCheck
          // The form opens on request: put the caret where the user is about to type.
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...attributes}
        />
      )}
    />
  );
}
