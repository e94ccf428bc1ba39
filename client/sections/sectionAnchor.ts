/** The id of a section's place on the response page, for links that jump to it. */
export function sectionAnchor(sectionId: string): string {
  return `section-${sectionId}`;
}
