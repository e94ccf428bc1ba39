// A section's headings: two levels, "Heading" and "Subheading", stored as levels 1 and 2 and
// drawn as h3 and h4, because the section's own title is the page's h2 (the publication draws
// them the same way). "# " and "## " make them as they type.
import Heading from '@tiptap/extension-heading';
import { mergeAttributes } from '@tiptap/react';
import { PAGE_HEADING_OFFSET, type SectionHeadingLevel } from './paste/headingLevels';

/** The stored heading levels a section may hold. */
export const SECTION_HEADING_LEVELS: SectionHeadingLevel[] = [1, 2];

/** TipTap's Heading with levels 1 and 2, drawn two levels down the page's outline. */
export const SectionHeading = Heading.extend({
  parseHTML() {
    return [
      // As this editor draws them (copied from one section into another).
      { tag: 'h3', attrs: { level: 1 } },
      { tag: 'h4', attrs: { level: 2 } },
      // HTML that did not pass through the paste clean-up.
      { tag: 'h1', attrs: { level: 1 } },
      { tag: 'h2', attrs: { level: 1 } },
      { tag: 'h5', attrs: { level: 2 } },
      { tag: 'h6', attrs: { level: 2 } },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const level: SectionHeadingLevel = node.attrs.level === 2 ? 2 : 1;
    return [`h${level + PAGE_HEADING_OFFSET}`, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },
}).configure({ levels: SECTION_HEADING_LEVELS });
