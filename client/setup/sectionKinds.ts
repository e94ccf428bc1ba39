import { SECTION_KINDS, type SectionKind } from '../../shared/model';

/** A kind of section in words, as the set-up screens offer it. */
export function sectionKindLabel(kind: SectionKind): string {
  switch (kind) {
    case 'prose':
      return 'Comments';
    case 'recommendation':
      return 'Response to a recommendation';
    case 'area_for_improvement':
      return 'Areas for improvement';
  }
}

/** Narrows a select's value to a section kind. */
export function isSectionKind(value: string): value is SectionKind {
  return (SECTION_KINDS as readonly string[]).includes(value);
}
