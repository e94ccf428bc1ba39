import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { RESPONSE_PERIOD_DAYS, ukToday } from '../../shared/deadline';
import { BUILT_IN_ROLES } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { responseDetailSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { Link } from '../router/Link';
import { navigate } from '../router/router';
import { DateInput, dateFieldId } from '../ui/DateInput';
import { usePageTitle } from '../ui/usePageTitle';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from './FieldErrors';
import {
  deadlineFor,
  emptyNewResponse,
  NEW_RESPONSE_FIELDS,
  newResponseRequest,
  OPTIONAL_SECTION_TITLES,
  publishedOnDate,
  publishedOnErrorFields,
  validateNewResponse,
  type NewResponseDraft,
  type NewResponseField,
} from './newResponseForm';
import { responsePath, setupPath } from './paths';

type Errors = Partial<Record<NewResponseField, string>>;

/** "The response must be published by …": the statutory deadline for the date entered so far. */
function DeadlineHint({ id, publishedOn }: { id: string; publishedOn: string | null }) {
  const today = ukToday();
  const deadline = deadlineFor(publishedOn, today);
  return (
    <p className="hint deadline-hint" id={id} role="status">
      {deadline && (
        <>
          The response must be published by <strong>{formatDate(deadline)}</strong> ({RESPONSE_PERIOD_DAYS} days beginning
          with the publication day).
          {deadline < today && <span className="deadline-hint__warning"> That date has passed.</span>}
          {deadline === today && <span className="deadline-hint__warning"> That is today.</span>}
        </>
      )}
    </p>
  );
}

/** The published response a follow-up starts from (its recommendations, history and members are carried over). */
export interface FollowUpOf {
  id: string;
  title: string;
}

/** Creating a response to a newly published report (anyone signed in; they administer it), or a follow-up to a published one. */
export function NewResponsePage({ followUpOf }: { followUpOf?: FollowUpOf } = {}) {
  const [draft, setDraft] = useState<NewResponseDraft>(emptyNewResponse);
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const ids = {
    title: `${id}-title`,
    reportTitle: `${id}-report-title`,
    publishedOn: `${id}-published-on`,
    reportUrl: `${id}-report-url`,
    role: `${id}-role`,
    capacity: `${id}-capacity`,
  };
  const hasErrors = Object.keys(errors).length > 0 || serverError !== null;
  const pageName = followUpOf ? 'New follow-up response' : 'New response';
  usePageTitle(hasErrors ? `Error: ${pageName}` : pageName);

  const summary: FieldError[] = [
    ...NEW_RESPONSE_FIELDS.flatMap((field) => {
      const message = errors[field];
      // A date's error leads to the first of its fields that is wrong.
      const fieldId = field === 'publishedOn' ? dateFieldId(ids.publishedOn, publishedOnErrorFields(draft)[0]) : ids[field];
      return message ? [{ message, fieldId }] : [];
    }),
    ...(serverError ? [{ message: serverError }] : []),
  ];

  const set = <K extends keyof NewResponseDraft>(key: K, value: NewResponseDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const toggleSection = (title: string, included: boolean) =>
    setDraft((current) => ({
      ...current,
      optionalSections: included
        ? [...current.optionalSections, title]
        : current.optionalSections.filter((other) => other !== title),
    }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateNewResponse(draft);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const path = followUpOf ? `/api/responses/${encodeURIComponent(followUpOf.id)}/follow-ups` : '/api/responses';
      const created = await api('POST', path, responseDetailSchema, newResponseRequest(draft));
      navigate(`${setupPath(created.id)}?created=1`);
    } catch (error) {
      setServerError(errorMessage(error));
      setBusy(false);
    }
  };

  const groupClass = (field: NewResponseField) => (errors[field] ? 'form-group form-group--error' : 'form-group');
  const inputClass = (field: NewResponseField, extra = '') =>
    ['input', extra, errors[field] ? 'input--error' : ''].filter(Boolean).join(' ');

  return (
    <div className="narrow">
      <p>
        <Link className="back-link" href={followUpOf ? responsePath(followUpOf.id) : '/'}>
          {followUpOf ? `Back to ${followUpOf.title}` : 'Back to your responses'}
        </Link>
      </p>
      <FieldErrorSummary errors={summary} />
      <h1>{pageName}</h1>
      {followUpOf ? (
        <p>
          Start the response to a later inspection report that follows up “{followUpOf.title}”. Its recommendations are
          carried over with their status history, and its members join in the same seats.
        </p>
      ) : (
        <p>Set up the PCC's response to an HMICFRS inspection report. You can add the report's recommendations next.</p>
      )}
      <form onSubmit={submit} noValidate>
        <h2>The report</h2>
        <div className={groupClass('reportTitle')}>
          <label className="label" htmlFor={ids.reportTitle}>
            Report title
          </label>
          <InlineError id={`${ids.reportTitle}-error`} message={errors.reportTitle} />
          <input
            className={inputClass('reportTitle')}
            id={ids.reportTitle}
            type="text"
            autoComplete="off"
            value={draft.reportTitle}
            aria-invalid={errors.reportTitle ? true : undefined}
            aria-describedby={describedBy(errors.reportTitle && `${ids.reportTitle}-error`)}
            onChange={(event) => set('reportTitle', event.target.value)}
          />
        </div>

        <DateInput
          id={ids.publishedOn}
          legend="Date the report was published"
          hint={
            <>
              The response is due {RESPONSE_PERIOD_DAYS} days from this date, counting the day itself. For example, 27 3 2026
            </>
          }
          value={draft.publishedOn}
          onChange={(value) => set('publishedOn', value)}
          error={errors.publishedOn}
          errorFields={errors.publishedOn ? publishedOnErrorFields(draft) : undefined}
          describedBy={`${ids.publishedOn}-deadline`}
          after={<DeadlineHint id={`${ids.publishedOn}-deadline`} publishedOn={publishedOnDate(draft)} />}
        />

        <div className={groupClass('reportUrl')}>
          <label className="label" htmlFor={ids.reportUrl}>
            Report web address
          </label>
          <p className="hint" id={`${ids.reportUrl}-hint`}>
            The report's page on the HMICFRS website, starting https://
          </p>
          <InlineError id={`${ids.reportUrl}-error`} message={errors.reportUrl} />
          <input
            className={inputClass('reportUrl')}
            id={ids.reportUrl}
            type="url"
            autoComplete="off"
            spellCheck={false}
            value={draft.reportUrl}
            aria-invalid={errors.reportUrl ? true : undefined}
            aria-describedby={describedBy(`${ids.reportUrl}-hint`, errors.reportUrl && `${ids.reportUrl}-error`)}
            onChange={(event) => set('reportUrl', event.target.value)}
          />
        </div>

        <h2>The response</h2>
        <div className={groupClass('title')}>
          <label className="label" htmlFor={ids.title}>
            Response title
          </label>
          <p className="hint" id={`${ids.title}-hint`}>
            For example, "Response of the Police and Crime Commissioner to the HMICFRS report on stop and search"
          </p>
          <InlineError id={`${ids.title}-error`} message={errors.title} />
          <input
            className={inputClass('title')}
            id={ids.title}
            type="text"
            autoComplete="off"
            value={draft.title}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy(`${ids.title}-hint`, errors.title && `${ids.title}-error`)}
            onChange={(event) => set('title', event.target.value)}
          />
        </div>

        <fieldset className="fieldset form-group" aria-describedby={`${id}-sections-hint`}>
          <legend className="fieldset__legend">Optional sections</legend>
          <p className="hint" id={`${id}-sections-hint`}>
            Every response has the PCC's, the Chief Officer's and the portfolio lead's comments. Untick any of these you
            do not need; you can add or remove sections later.
          </p>
          {OPTIONAL_SECTION_TITLES.map((title, index) => (
            <div className="checkbox checkbox--stacked" key={title}>
              <input
                className="checkbox__input"
                id={`${id}-optional-${index}`}
                type="checkbox"
                checked={draft.optionalSections.includes(title)}
                onChange={(event) => toggleSection(title, event.target.checked)}
              />
              <label className="checkbox__label" htmlFor={`${id}-optional-${index}`}>
                {title}
              </label>
            </div>
          ))}
        </fieldset>

        {!followUpOf && (
          <fieldset className="fieldset form-group" aria-describedby={`${id}-seat-hint`}>
            <legend className="fieldset__legend">Your part in this response</legend>
            <p className="hint" id={`${id}-seat-hint`}>
              You will be its administrator: you set up its sections and add its members.
            </p>
            <div className="form-group">
              <label className="label" htmlFor={ids.role}>
                Your role
              </label>
              <select className="select" id={ids.role} value={draft.role} onChange={(event) => set('role', event.target.value)}>
                {BUILT_IN_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleLabel(role)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor={ids.capacity}>
                Your capacity
              </label>
              <select
                className="select"
                id={ids.capacity}
                value={draft.capacity}
                onChange={(event) => set('capacity', event.target.value === 'drafter' ? 'drafter' : 'signatory')}
              >
                <option value="signatory">Signatory (signs off the role's sections)</option>
                <option value="drafter">Drafter</option>
              </select>
            </div>
          </fieldset>
        )}

        <div className="button-group">
          <button className="button" type="submit" disabled={busy}>
            {followUpOf ? 'Create follow-up response' : 'Create response'}
          </button>
          <Link href={followUpOf ? responsePath(followUpOf.id) : '/'}>Cancel</Link>
        </div>
      </form>
    </div>
  );
}
