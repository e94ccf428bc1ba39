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
