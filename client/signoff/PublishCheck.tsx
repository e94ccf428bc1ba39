// The check step before publishing (GOV.UK "check your answers"): what will be published, each
// section with who signed it off, that publication is public and final, and the statutory steps
// that follow. Then "Confirm and publish" or "Cancel".
import { useEffect, useId, useRef } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { roleLabel } from '../../shared/roles';
import { formatDate, formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';

interface PublishCheckProps {
  response: ResponseDetail;
  busy: boolean;
  errors: string[];
  onConfirm: () => void;
  onCancel: () => void;
}

export function PublishCheck({ response, busy, errors, onConfirm, onCancel }: PublishCheckProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="check-step" role="region" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h3 className="check-step__title" id={titleId}>
        Check before you publish
      </h3>
      <ErrorSummary errors={errors} title="The response was not published" />
      <p>
        You are publishing <strong>{response.title}</strong>, the response to {response.report.title}.
      </p>
      <dl className="summary-list">
        {response.sections.map((section) => (
          <div className="summary-list__row" key={section.id}>
            <dt>{section.title}</dt>
            <dd>
              {section.signOff
                ? `Signed off by ${section.signOff.name}, ${formatDateTime(section.signOff.at)} (${roleLabel(section.ownerRole)})`
                : 'Not signed off'}
            </dd>
          </div>
        ))}
      </dl>
      <div className="warning-text">
        <span className="warning-text__icon" aria-hidden="true">
          !
        </span>
        <p className="warning-text__text">
          <span className="visually-hidden">Warning: </span>
          Publishing is public and final. The response, as signed off, becomes a public web page and a DOCX, each with its SHA-256 and the sign-off
          record, at an address that does not change. No section can be changed or reopened afterwards.
        </p>
      </div>
      <h4>What happens next</h4>
      <p>
        The last day to publish is {formatDate(response.deadline)} (Police Act 1996 s.55(5A)). After publishing here, under s.55(6) the PCC’s office:
      </p>
      <ul className="list">
        <li>puts the response on the PCC’s website (the links to it are given once it is published)</li>
        <li>sends a copy to HMICFRS</li>
        <li>sends a copy to the Home Secretary</li>
      </ul>
      <p>An administrator records each step on this page once it is done.</p>
      <div className="button-group">
        <button className="button" type="button" onClick={onConfirm} disabled={busy}>
          Confirm and publish
        </button>
        <button className="button button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
