import { memo, useId } from 'react';
import type { Section } from '../../shared/model';
import { Link } from '../router/Link';
import { recommendationPath } from '../tracking/trackerFilters';
import { SectionThreadList } from '../threads/SectionThreadList';
import { recommendationsHeading } from './groupSections';
import { SectionBody, type SectionContext } from './SectionBody';
import { sectionAnchor } from './sectionAnchor';

interface RecommendationsTableProps {
  /** The recommendation sections of one run, with their number in the report. */
  rows: Array<{ section: Section; number: number }>;
  context: SectionContext;
}

/**
 * The report's recommendations beside the response to each, as the published response lays
 * them out: the recommendation's fixed text, then the owning role's editable answer and its
 * threads. On narrow screens each row is a card, one part under the other (styles.css).
 */
export const RecommendationsTable = memo(function RecommendationsTable({ rows, context }: RecommendationsTableProps) {
  const headingId = useId();
  const heading = recommendationsHeading(rows);
  return (
    <section className="recommendations-group" aria-labelledby={headingId}>
      <h2 className="recommendations__heading" id={headingId}>
        {heading}
      </h2>
      {/* Explicit roles keep it a table for screen readers when narrow screens show cards. */}
      <table className="table recommendations" role="table">
        <caption className="visually-hidden">{heading}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader" className="recommendations__text-col">
              Recommendation
            </th>
            <th scope="col" role="columnheader">
              Response
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map(({ section, number }) => (
            <tr key={section.id} id={sectionAnchor(section.id)} tabIndex={-1} role="row">
              <td role="cell" className="recommendations__text">
                <p className="recommendations__number">Recommendation {number}</p>
                <p>{section.recommendation ?? section.title}</p>
                {context.response.state === 'published' && (
                  <p>
                    <Link href={recommendationPath(context.response.id, section.id)}>
                      Action and progress<span className="visually-hidden"> on recommendation {number}</span>
                    </Link>
                  </p>
                )}
              </td>
              <td role="cell" className="recommendations__response">
                <SectionBody section={section} label={`Response to recommendation ${number}`} context={context} />
                <SectionThreadList section={section} label={`recommendation ${number}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
