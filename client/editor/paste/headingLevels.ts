// Pasted headings onto a section's two levels. A section's title is the page's h2, so a
// section holds only "Heading" (level 1, drawn as h3) and "Subheading" (level 2, h4). Pasted
// text keeps its outline: its highest heading becomes a Heading, every lower one a Subheading,
// whatever numbers the source used (Word's Heading 1/2/3, a web page's h2/h3).

/** A section's heading levels. */
export type SectionHeadingLevel = 1 | 2;

/** How much higher than its level a section heading is drawn on the page (level 1 is h3). */
export const PAGE_HEADING_OFFSET = 2;

/** Word's Title style ranks above Heading 1. */
export const TITLE_SOURCE_LEVEL = 0;

/** The source level of a Word paragraph style that is a heading (MsoTitle, MsoHeading7...). */
export function wordHeadingLevel(className: string): number | null {
  if (/^MsoTitle$/i.test(className)) return TITLE_SOURCE_LEVEL;
  const numbered = /^MsoHeading(\d)$/i.exec(className);
  return numbered ? Number(numbered[1]) : null;
}

/** Maps the source levels found in one paste onto the section's two levels. */
export function headingLevelMap(sourceLevels: Iterable<number>): (level: number) => SectionHeadingLevel {
  let top = Number.POSITIVE_INFINITY;
  for (const level of sourceLevels) top = Math.min(top, level);
  return (level) => (level <= top ? 1 : 2);
}

/** The element a section heading of `level` is drawn as. */
export function headingTag(level: SectionHeadingLevel): 'h3' | 'h4' {
  return level === 1 ? 'h3' : 'h4';
}
