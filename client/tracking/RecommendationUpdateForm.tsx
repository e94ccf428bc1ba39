import { useId, useState, type FormEvent } from 'react';
import { isCalendarDate } from '../../shared/deadline';
import { MAX_EVIDENCE_LINKS, MAX_PROGRESS_NOTE_CHARS } from '../../shared/limits';
import { trackedRecommendationSchema } from '../../shared/schemas/tracking';
import { HMICFRS_VIEWS, hmicfrsViewLabel, RECOMMENDATION_STATUSES, statusLabel, TARGET_DATE_RANGE, type HmicfrsView, type RecommendationStatus } from '../../shared/tracking';
import type { TrackedRecommendation } from '../../shared/trackingApi';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { isWebAddress } from '../setup/newResponseForm';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from '../setup/FieldErrors';

interface RecommendationUpdateFormProps {
  recommendation: TrackedRecommendation;
  onSaved: (updated: TrackedRecommendation) => void;
}

type Field = 'status' | 'targetDate' | 'note' | 'links';

/** The links typed one a line, blank lines left out. */
function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Recording an update of a recommendation's action: status, HMICFRS's view, target date, a note and evidence. */
export function RecommendationUpdateForm({ recommendation, onSaved }: RecommendationUpdateFormProps) {
  const [status, setStatus] = useState<RecommendationStatus>(recommendation.status);
  const [view, setView] = useState<HmicfrsView | ''>(recommendation.hmicfrsView ?? '');
  const [targetDate, setTargetDate] = useState(recommendation.targetDate ?? '');
  const [note, setNote] = useState('');
  const [links, setLinks] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const ids = { status: `${id}-status`, view: `${id}-view`, targetDate: `${id}-target`, note: `${id}-note`, links: `${id}-links` };

  const summary: FieldError[] = [
    ...(['status', 'targetDate', 'note', 'links'] as const).flatMap((field) => {
      const message = errors[field];
      return message ? [{ message, fieldId: field === 'status' ? `${ids.status}-0` : ids[field] }] : [];
    }),
    ...(serverError ? [{ message: serverError }] : []),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setServerError(null);
    const found: Partial<Record<Field, string>> = {};
    const linkList = linesOf(links);
    if (targetDate && !isCalendarDate(targetDate)) found.targetDate = 'The target date must be a real date';
    else if (targetDate && (targetDate < TARGET_DATE_RANGE.min || targetDate > TARGET_DATE_RANGE.max)) found.targetDate = 'The target date must be between 2000 and 2100';
    if (note.length > MAX_PROGRESS_NOTE_CHARS) found.note = `The progress note must be ${MAX_PROGRESS_NOTE_CHARS} characters or fewer`;
    if (linkList.length > MAX_EVIDENCE_LINKS) found.links = `Give at most ${MAX_EVIDENCE_LINKS} links`;
    else if (linkList.some((link) => !isWebAddress(link))) found.links = 'Enter each link as a web address starting https://, one a line';
    const unchanged = status === recommendation.status && (view || null) === recommendation.hmicfrsView && (targetDate || null) === recommendation.targetDate;
    if (unchanged && !note.trim() && linkList.length === 0 && Object.keys(found).length === 0) {
      found.status = 'Change the status, the target date or HMICFRS’s view, or add a progress note or a link';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const updated = await api(
        'POST',
        `/api/responses/${encodeURIComponent(recommendation.responseId)}/recommendations/${encodeURIComponent(recommendation.sectionId)}/updates`,
        trackedRecommendationSchema,
        {
          status,
          hmicfrsView: view || null,
          targetDate: targetDate || null,
          ...(note.trim() ? { note } : {}),
          ...(linkList.length > 0 ? { links: linkList } : {}),
        },
      );
      setNote('');
      setLinks('');
      setSaved(true);
      onSaved(updated);
    } catch (error) {
      setServerError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="narrow">
      <FieldErrorSummary errors={summary} />
      <fieldset className={errors.status ? 'fieldset form-group form-group--error' : 'fieldset form-group'}>
        <legend className="fieldset__legend">Status</legend>
        <InlineError id={`${ids.status}-error`} message={errors.status} />
        <div className="radios">
          {RECOMMENDATION_STATUSES.map((value, index) => (
            <div className="radio" key={value}>
              <input
                className="radio__input"
                id={`${ids.status}-${index}`}
                type="radio"
                name={ids.status}
                value={value}
                checked={status === value}
                aria-describedby={describedBy(errors.status && `${ids.status}-error`)}
                onChange={() => setStatus(value)}
              />
              <label htmlFor={`${ids.status}-${index}`}>{statusLabel(value)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset form-group">
        <legend className="fieldset__legend">HMICFRS’s view</legend>
        <div className="radios">
          {(['', ...HMICFRS_VIEWS] as const).map((value, index) => (
            <div className="radio" key={value || 'unknown'}>
              <input
                className="radio__input"
                id={`${ids.view}-${index}`}
                type="radio"
                name={ids.view}
                value={value}
                checked={view === value}
                onChange={() => setView(value)}
              />
              <label htmlFor={`${ids.view}-${index}`}>{value ? hmicfrsViewLabel(value) : 'Not known yet'}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <div className={errors.targetDate ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor={ids.targetDate}>
          Target date
        </label>
        <p className="hint" id={`${ids.targetDate}-hint`}>
          When the action should be complete. Leave it empty if there is none.
        </p>
        <InlineError id={`${ids.targetDate}-error`} message={errors.targetDate} />
        <input
          className={errors.targetDate ? 'input input--date input--error' : 'input input--date'}
          id={ids.targetDate}
          type="date"
          min={TARGET_DATE_RANGE.min}
          max={TARGET_DATE_RANGE.max}
          value={targetDate}
          aria-invalid={errors.targetDate ? true : undefined}
          aria-describedby={describedBy(`${ids.targetDate}-hint`, errors.targetDate && `${ids.targetDate}-error`)}
          onChange={(event) => setTargetDate(event.target.value)}
        />
      </div>

      <div className={errors.note ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor={ids.note}>
          Progress note
        </label>
        <p className="hint" id={`${ids.note}-hint`}>
          What has been done since the last update, for the panel and HMICFRS.
        </p>
        <InlineError id={`${ids.note}-error`} message={errors.note} />
        <textarea
          className="textarea"
          id={ids.note}
          rows={4}
          value={note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy(`${ids.note}-hint`, errors.note && `${ids.note}-error`)}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>

      <div className={errors.links ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor={ids.links}>
          Links to evidence (optional)
        </label>
        <p className="hint" id={`${ids.links}-hint`}>
          One web address a line, starting https://
        </p>
        <InlineError id={`${ids.links}-error`} message={errors.links} />
        <textarea
          className="textarea"
          id={ids.links}
          rows={2}
          spellCheck={false}
          value={links}
          aria-invalid={errors.links ? true : undefined}
          aria-describedby={describedBy(`${ids.links}-hint`, errors.links && `${ids.links}-error`)}
          onChange={(event) => setLinks(event.target.value)}
        />
      </div>

      <div className="button-group">
        <button className="button" type="submit" disabled={busy}>
          Save update
        </button>
        <span className="hint" role="status">
          {saved ? 'Update saved' : ''}
        </span>
      </div>
    </form>
  );
}
