// The clean-up of HTML pasted into a section, from Word (Windows, Mac and, for its flat lists,
// the web), Google Docs or a web page, before ProseMirror parses it: structure kept (headings, real nested lists, simple
// tables, links, bold, italic, underline), Office markup, styles and comments dropped, and
// what could not be kept counted so the person pasting can be told.
import { nothingDropped, type DroppedContent } from './droppedMessage';
import { headingLevelMap, wordHeadingLevel, type SectionHeadingLevel } from './headingLevels';
import { nestLevelledLists } from './levelledLists';
import { HtmlRebuilder } from './rebuildHtml';
import { convertWordLists } from './wordLists';
import { parseWordListStyles } from './wordListStyles';
import { countMedia, removeDownlevelBlocks, removeWordNotes } from './wordMarkup';

/** Cleaned HTML, and what was left out of it. */
export interface CleanedPaste {
  html: string;
  dropped: DroppedContent;
}

/** The level a pasted element has in its source's outline, or null if it is not a heading. */
function sourceHeadingLevel(element: Element): number | null {
  const tag = /^h([1-6])$/.exec(element.localName);
  if (tag) return Number(tag[1]);
  if (element.localName === 'p' || element.localName === 'div') {
    for (const className of element.classList) {
      const level = wordHeadingLevel(className);
      if (level !== null) return level;
    }
  }
  if (element.getAttribute('role') === 'heading') {
    const level = Number(element.getAttribute('aria-level') ?? '2');
    return Number.isInteger(level) && level > 0 ? level : 2;
  }
  return null;
}

function headingLevels(body: Element): (element: Element) => SectionHeadingLevel | null {
  const candidates = body.querySelectorAll('h1, h2, h3, h4, h5, h6, p[class], div[class], [role="heading"]');
  const levels = [...candidates].map(sourceHeadingLevel).filter((level): level is number => level !== null);
  const toSection = headingLevelMap(levels);
  return (element) => {
    const level = sourceHeadingLevel(element);
    return level === null ? null : toSection(level);
  };
}

/**
 * Cleans pasted HTML. `parser` is the browser's DOMParser (this runs in the page). HTML copied
 * from a ProseMirror editor (another section) is already clean and is passed through, so that
 * ProseMirror can read its `data-pm-slice` marker.
 */
export function cleanPastedHtml(html: string, parser: DOMParser = new DOMParser()): CleanedPaste {
  const dropped = nothingDropped();
  if (/\sdata-pm-slice=/.test(html)) return { html, dropped };
  const doc = parser.parseFromString(html, 'text/html');
  const css = [...doc.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  const body = doc.body;
  countMedia(body, dropped);
  removeWordNotes(body, dropped);
  convertWordLists(body, parseWordListStyles(css));
  nestLevelledLists(body);
  removeDownlevelBlocks(body);
  const rebuilt = new HtmlRebuilder(doc, headingLevels(body)).rebuild(body);
  const container = doc.createElement('div');
  container.append(...rebuilt);
  return { html: container.innerHTML, dropped };
}
