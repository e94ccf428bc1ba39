import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { SECTION_KINDS, type Section, type SectionKind } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { sectionSchema } from '../../shared/schemas/model';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { roleOptions } from '../presence/memberOptions';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from './FieldErrors';
import { MAX_TITLE_CHARS } from '../../shared/limits';
import { isSectionKind, sectionKindLabel } from './sectionKinds';

interface AddSectionFormProps {
  response: ResponseDetail;
  refresh: () => Promise<void>;
  announce: (message: string) => void;
}

type Field = 'title' | 'recommendation';

/** Adds one section at the end of the response: its kind, title and owning role. */
export function AddSectionForm({ response, refresh, announce }: AddSectionFormProps) {
  const id = useId();
  const ids = { kind: `${id}-kind`, title: `${id}-title`, owner: `${id}-owner`, recommendation: `${id}-recommendation` };
  const [kind, setKind] = useState<SectionKind>('prose');
  const [title, setTitle] = useState('');
  const [ownerRole, setOwnerRole] = useState('pcc');
  const [recommendation, setRecommendation] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = 'Enter a title for the section';
    else if (title.trim().length > MAX_TITLE_CHARS) found.title = `The title must be ${MAX_TITLE_CHARS} characters or fewer`;
    if (kind === 'recommendation' && !recommendation.trim()) found.recommendation = 'Enter the text of the recommendation, as the report words it';
    setErrors(found);
    setRefused(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const section = await api('POST', `/api/responses/${encodeURIComponent(response.id)}/sections`, sectionSchema, {
        kind,
        title: title.trim(),
        ownerRole,
        ...(kind === 'recommendation' ? { recommendation: recommendation.trim() } : {}),
      });
      setTitle('');
      setRecommendation('');
      announce(`${section.title} was added at the end of the sections.`);
      await refresh();
    } catch (error) {
      setRefused(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const summary: FieldError[] = [
    ...(errors.title ? [{ message: errors.title, fieldId: ids.title }] : []),
    ...(errors.recommendation ? [{ message: errors.recommendation, fieldId: ids.recommendation }] : []),
    ...(refused ? [{ message: refused }] : []),
  ];

  return (
    <section className="setup-block" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add a section</h2>
      <form className="narrow" onSubmit={submit} noValidate>
        <FieldErrorSummary errors={summary} title="The section was not added" />
        <div className="form-group">
          <label className="label" htmlFor={ids.kind}>
            Kind of section
          </label>
          <select
            className="select"
            id={ids.kind}
            value={kind}
            onChange={(event) => {
              if (isSectionKind(event.target.value)) setKind(event.target.value);
            }}
          >
            {SECTION_KINDS.map((option) => (
              <option key={option} value={option}>
                {sectionKindLabel(option)}
              </option>
            ))}
          </select>
        </div>
        <div className={errors.title ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor={ids.title}>
            Section title
          </label>
          <InlineError id={`${ids.title}-error`} message={errors.title} />
          <input
            className={errors.title ? 'input input--error' : 'input'}
            id={ids.title}
            type="text"
            autoComplete="off"
            value={title}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy(errors.title && `${ids.title}-error`)}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={ids.owner}>
            Owning role
          </label>
          <p className="hint" id={`${ids.owner}-hint`}>
            Members of this role write the section, and its signatory signs it off.
          </p>
          <select
            className="select"
            id={ids.owner}
            aria-describedby={`${ids.owner}-hint`}
            value={ownerRole}
            onChange={(event) => setOwnerRole(event.target.value)}
          >
            {roleOptions(response).map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'recommendation' && (
          <div className={errors.recommendation ? 'form-group form-group--error' : 'form-group'}>
            <label className="label" htmlFor={ids.recommendation}>
              Recommendation text
            </label>
            <p className="hint" id={`${ids.recommendation}-hint`}>
              As the report words it.
            </p>
            <InlineError id={`${ids.recommendation}-error`} message={errors.recommendation} />
            <textarea
              className={errors.recommendation ? 'textarea input--error' : 'textarea'}
              id={ids.recommendation}
              rows={4}
              value={recommendation}
              aria-invalid={errors.recommendation ? true : undefined}
              aria-describedby={describedBy(`${ids.recommendation}-hint`, errors.recommendation && `${ids.recommendation}-error`)}
              onChange={(event) => setRecommendation(event.target.value)}
            />
          </div>
        )}
        <button className="button" type="submit" disabled={busy}>
          Add section
        </button>
      </form>
    </section>
  );
}
