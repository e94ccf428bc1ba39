import type { Section } from '../../shared/model';

/** A prose section on its own, or a run of consecutive recommendations (one table). */
export type SectionGroup =
  | { kind: 'single'; section: Section }
  | { kind: 'recommendations'; rows: Array<{ section: Section; number: number }> };

/** Groups sections in document order; recommendations are numbered 1, 2, … across the document. */
export function groupSections(sections: Section[]): SectionGroup[] {
  const groups: SectionGroup[] = [];
  let number = 0;
  for (const section of sections) {
    if (section.kind !== 'recommendation') {
      groups.push({ kind: 'single', section });
      continue;
    }
    number += 1;
    const last = groups[groups.length - 1];
    if (last?.kind === 'recommendations') last.rows.push({ section, number });
    else groups.push({ kind: 'recommendations', rows: [{ section, number }] });
  }
  return groups;
}

/**
 * The heading of a run of recommendations: "Recommendations" for the first run, and its numbers
 * for a run after a prose section ("Recommendations 3 to 5"), so that each run's region has a
 * name of its own.
 */
export function recommendationsHeading(rows: ReadonlyArray<{ number: number }>): string {
  const first = rows[0]?.number ?? 1;
  const last = rows[rows.length - 1]?.number ?? first;
  if (first === 1) return 'Recommendations';
  return first === last ? `Recommendation ${first}` : `Recommendations ${first} to ${last}`;
}
