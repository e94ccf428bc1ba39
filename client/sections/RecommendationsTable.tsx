import { memo } from 'react';
import type { Section } from '../../shared/model';
import { Link } from '../router/Link';
import { recommendationPath } from '../tracking/trackerFilters';
import { SectionBody, type SectionContext } from './SectionBody';
import { sectionAnchor } from './sectionAnchor';

interface RecommendationsTableProps {
  /** The recommendation sections of one run, with their number in the report. */
  rows: Array<{ section: Section; number: number }>;
  context: SectionContext;
}

/**
 * The report's recommendations beside the response to each, as the published response lays
 * them out: the recommendation's fixed text, then the owning role's editable answer.
 */
export const RecommendationsTable = memo(function RecommendationsTable({ rows, context }: RecommendationsTableProps) {
  return (
    <div className="table-wrapper">
      <table className="table recommendations">
        <caption className="recommendations__caption">Recommendations</caption>
        <thead>
          <tr>
            <th scope="col" className="recommendations__text-col">
              Recommendation
            </th>
            <th scope="col">Response</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ section, number }) => (
            <tr key={section.id} id={sectionAnchor(section.id)} tabIndex={-1}>
              <td className="recommendations__text">
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
              <td className="recommendations__response">
                <SectionBody section={section} label={`Response to recommendation ${number}`} context={context} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
