import { memo, useId } from 'react';
import type { Section } from '../../shared/model';
import { SectionThreadList } from '../threads/SectionThreadList';
import { SectionBody, type SectionContext } from './SectionBody';
import { sectionAnchor } from './sectionAnchor';

/** A prose section: its title as a heading, then its body, with its threads beside it on wide screens (re-rendered only when its props change). */
export const SectionCard = memo(function SectionCard({ section, context }: { section: Section; context: SectionContext }) {
  const headingId = useId();
  return (
    <section className="section-card" id={sectionAnchor(section.id)} aria-labelledby={headingId} tabIndex={-1}>
      <h2 className="section-card__title" id={headingId}>
        {section.title}
      </h2>
      <div className="section-card__columns">
        <div className="section-card__text">
          <SectionBody section={section} label={section.title} context={context} />
        </div>
        <div className="section-card__threads">
          <SectionThreadList section={section} label={section.title} />
        </div>
      </div>
    </section>
  );
});
