import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_PASTE_CHARS } from '../../shared/limits';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import type { ImportedRecommendation } from '../../shared/recommendationImport';
import { roleLabel } from '../../shared/roles';
import { importPreviewBodySchema, sectionListBodySchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { roleOptions } from '../presence/memberOptions';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from './FieldErrors';

/** The most characters the server splits in one go. */

interface ImportRecommendationsProps {
  response: ResponseDetail;
  refresh: () => Promise<void>;
  announce: (message: string) => void;
}

/** A recommendation of the preview; the key stays with it as others are removed. */
interface DraftItem {
  key: number;
  text: string;
}

/** Pasting the list, then checking the split before anything is saved. */
type Step = { kind: 'paste' } | { kind: 'preview'; items: DraftItem[] };

/**
 * "Import recommendations": the report's list pasted as text, split by the server without
 * saving, shown as one editable box per recommendation, then created as sections exactly as
 * corrected here.
 */
export function ImportRecommendations({ response, refresh, announce }: ImportRecommendationsProps) {
  const id = useId();
  const ids = { text: `${id}-text`, owner: `${id}-owner`, previewHeading: `${id}-preview`, done: `${id}-done` };
  const roles = roleOptions(response);
  const [text, setText] = useState('');
  const [ownerRole, setOwnerRole] = useState(roles.includes('chief_constable') ? 'chief_constable' : (roles[0] ?? 'pcc'));
  const [step, setStep] = useState<Step>({ kind: 'paste' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nextKey = useRef(0);
  // Where focus goes after the step changes or an item is removed.
  const focusNext = useRef<string | null>(null);
  const apiPath = `/api/responses/${encodeURIComponent(response.id)}/recommendations/import`;
  const itemId = (key: number) => `${id}-item-${key}`;

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    document.getElementById(target)?.focus();
  });

  const preview = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    if (!text.trim()) {
      setErrors([{ message: "Paste the report's recommendations", fieldId: ids.text }]);
      return;
    }
    if (text.length > MAX_PASTE_CHARS) {
      setErrors([{ message: `The pasted text must be ${MAX_PASTE_CHARS.toLocaleString('en-GB')} characters or fewer`, fieldId: ids.text }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body = await api('POST', apiPath, importPreviewBodySchema, { text, ownerRole, preview: true });
      if (body.recommendations.length === 0) {
        setErrors([{ message: 'No recommendations were found in that text. Check you pasted the list of recommendations.', fieldId: ids.text }]);
        return;
      }
      setStep({ kind: 'preview', items: body.recommendations.map((item) => ({ key: nextKey.current++, text: item.text })) });
      focusNext.current = ids.previewHeading;
    } catch (error) {
      setErrors([{ message: errorMessage(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const items = step.kind === 'preview' ? step.items : [];

  const edit = (key: number, value: string) =>
    setStep({ kind: 'preview', items: items.map((item) => (item.key === key ? { ...item, text: value } : item)) });

  const remove = (index: number) => {
    const rest = items.filter((_, i) => i !== index);
    setStep({ kind: 'preview', items: rest });
    setErrors([]);
    // Focus the recommendation that took its place, or the one before, or the heading.
    const neighbour = rest[index] ?? rest[index - 1];
    focusNext.current = neighbour ? itemId(neighbour.key) : ids.previewHeading;
    announce(`Recommendation ${index + 1} removed. ${rest.length} left.`);
  };

  const cancel = () => {
    setStep({ kind: 'paste' });
    setErrors([]);
    focusNext.current = ids.text;
  };

  const confirm = async () => {
    const empty = items.flatMap((item, index) =>
      item.text.trim() ? [] : [{ message: `Recommendation ${index + 1} is empty: enter its text or remove it`, fieldId: itemId(item.key) }],
    );
    setErrors(empty);
    if (empty.length > 0) return;
    setBusy(true);
    try {
      const body = await api('POST', apiPath, sectionListBodySchema, {
        recommendations: items.map((item) => ({ text: item.text.trim() })),
        ownerRole,
        preview: false,
      });
      const message = `${body.sections.length} recommendation ${body.sections.length === 1 ? 'section was' : 'sections were'} created, owned by ${roleLabel(ownerRole)}.`;
      setText('');
      setStep({ kind: 'paste' });
      setCreated(message);
      focusNext.current = ids.done;
      await refresh();
    } catch (error) {
      setErrors([{ message: errorMessage(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const textError = errors.find((error) => error.fieldId === ids.text)?.message;

  return (
    <section className="setup-block" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Import recommendations</h2>
      {created && (
        <div className="notice" id={ids.done} tabIndex={-1}>
          <p className="notice__title">{created}</p>
          <p>They are listed under Sections above, and the response page shows them in its recommendations table.</p>
        </div>
      )}
      <FieldErrorSummary errors={errors} title={step.kind === 'paste' ? 'The recommendations could not be read' : 'The recommendations were not created'} />
      {step.kind === 'paste' && (
        <form onSubmit={preview} noValidate>
          <div className={textError ? 'form-group form-group--error' : 'form-group'}>
            <label className="label" htmlFor={ids.text}>
              Paste the report's recommendations
            </label>
            <p className="hint" id={`${ids.text}-hint`}>
              Copy the list from the report or its web page: numbered, bulleted or one paragraph each. You can check and
              correct each recommendation before any section is created.
            </p>
            <InlineError id={`${ids.text}-error`} message={textError} />
            <textarea
              className={textError ? 'textarea input--error' : 'textarea'}
              id={ids.text}
              rows={10}
              spellCheck={false}
              value={text}
              aria-invalid={textError ? true : undefined}
              aria-describedby={describedBy(`${ids.text}-hint`, textError && `${ids.text}-error`)}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor={ids.owner}>
              Who responds to these recommendations?
            </label>
            <select className="select" id={ids.owner} value={ownerRole} onChange={(event) => setOwnerRole(event.target.value)}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </select>
          </div>
          <button className="button" type="submit" disabled={busy}>
            Preview
          </button>
        </form>
      )}
      {step.kind === 'preview' && (
        <div className="import-preview">
          <h3 id={ids.previewHeading} tabIndex={-1}>
            Check the recommendations
          </h3>
          <p>
            {items.length === 0
              ? 'You removed every recommendation. Cancel to paste the list again.'
              : `${items.length} ${items.length === 1 ? 'recommendation' : 'recommendations'}, to be answered by the ${roleLabel(ownerRole)}. Correct any that were split or copied wrongly, and remove anything that is not a recommendation.`}
          </p>
          <ol className="import-preview__list">
            {items.map((item, index) => {
              const fieldId = itemId(item.key);
              const error = errors.find((e) => e.fieldId === fieldId)?.message;
              return (
                <li className={error ? 'import-preview__item form-group--error' : 'import-preview__item'} key={item.key}>
                  <label className="label" htmlFor={fieldId}>
                    Recommendation {index + 1}
                  </label>
                  <InlineError id={`${fieldId}-error`} message={error} />
                  <textarea
                    className={error ? 'textarea input--error' : 'textarea'}
                    id={fieldId}
                    rows={Math.min(8, Math.max(3, Math.ceil(item.text.length / 90)))}
                    value={item.text}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(error && `${fieldId}-error`)}
                    onChange={(event) => edit(item.key, event.target.value)}
                  />
                  <button
                    className="button button--secondary button--small import-preview__remove"
                    type="button"
                    aria-label={`Remove recommendation ${index + 1}`}
                    onClick={() => remove(index)}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="button-group">
            {items.length > 0 && (
              <button className="button" type="button" disabled={busy} onClick={confirm}>
                Create {items.length} recommendation {items.length === 1 ? 'section' : 'sections'}
              </button>
            )}
            <button className="button button--secondary" type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
