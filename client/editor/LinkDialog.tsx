import type { Editor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from '../setup/FieldErrors';
import { ModalDialog } from '../ui/ModalDialog';
import { normaliseLinkAddress } from './linkAddress';
import { applyLink, removeLink, type LinkStart } from './linkEdit';

interface LinkDialogProps {
  editor: Editor;
  start: LinkStart;
  /** The dialog is done: focus goes back to the editor. */
  onClose: () => void;
}

const ADDRESS_PROBLEMS = {
  empty: 'Enter the address the link goes to',
  invalid: 'Enter a web address that starts with https:// or http://, or an email address',
} as const;

/**
 * The dialog of Ctrl+K and the Link button: the link's own text ("Text to show") and its
 * address, checked (web pages and e-mail only), with a GOV.UK error summary.
 */
export function LinkDialog({ editor, start, onClose }: LinkDialogProps) {
  const id = useId();
  const ids = { text: `${id}-text`, address: `${id}-address`, hint: `${id}-address-hint` };
  const [text, setText] = useState(start.text);
  const [address, setAddress] = useState(start.href.replace(/^mailto:/i, ''));
  const [problem, setProblem] = useState<string | null>(null);


  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = normaliseLinkAddress(address);
    if (!result.ok) {
      setProblem(ADDRESS_PROBLEMS[result.problem]);
      return;
    }
    applyLink(editor, start, text, result.href);
    onClose();
  };

  const errors: FieldError[] = problem ? [{ message: problem, fieldId: ids.address }] : [];
  const errorId = `${ids.address}-error`;

  return (
    <ModalDialog title={start.editing ? 'Change link' : 'Add a link'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FieldErrorSummary errors={errors} />
        {start.textEditable && (
          <div className="form-group">
            <label className="label" htmlFor={ids.text}>
              Text to show
            </label>
            <input
              className="input"
              id={ids.text}
              type="text"
              autoComplete="off"
              value={text}
              autoFocus
              onChange={(event) => setText(event.target.value)}
            />
          </div>
        )}
        <div className={problem ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor={ids.address}>
            Address
          </label>
          <p className="hint" id={ids.hint}>
            A web address, like https://www.gov.uk, or an email address
          </p>
          <InlineError id={errorId} message={problem ?? undefined} />
          <input
            className={problem ? 'input input--error' : 'input'}
            id={ids.address}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={address}
            autoFocus={!start.textEditable}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy(ids.hint, problem && errorId)}
            onChange={(event) => setAddress(event.target.value)}
          />
        </div>
        <div className="button-group">
          <button className="button" type="submit">
            {start.editing ? 'Save link' : 'Add link'}
          </button>
          {start.editing && (
            <button
              className="button button--secondary"
              type="button"
              onClick={() => {
                removeLink(editor);
                onClose();
              }}
            >
              Remove link
            </button>
          )}
          <button className="button button--secondary" type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
