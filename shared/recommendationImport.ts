// Splits a report's recommendations, pasted as text, into one item each. Reports list them in
// three ways: numbered ("1.", "(2)", "Recommendation 3:"), bulleted ("•", "-", "*"), or as
// paragraphs ("By February 2022, chief officers ... should ..."). Lines wrapped by the PDF or
// the web page are joined back into their item.
//
// Real pasted text is untidy, and the rules below come from it (see the fixtures of
// tests/unit/shared/recommendationImport.test.ts):
// - HMICFRS's recommendation pages write "1.By July 2018, ..." (no space after the number) and
//   put sub-points inline: "to understand: •the reasons ...; •the extent ...".
// - A list has one kind of marker. Once it is numbered, bullets inside it are sub-points of the
//   current item, not new recommendations (and likewise numbers inside a bulleted list, or a
//   second bullet glyph inside a list bulleted with another).
// - Numbers must follow on (1, 2, 3): a PDF line that wraps to begin "12. " or "43 Recommendations"
//   in the middle of an item is not a new item. A year ("2022 was ...") never is.
// - Recommendation pages put several bullets on one line ("• In order ... • To improve ...").
// - Paragraph lists open with a deadline ("By February 2022, ...", "Within six months ...");
//   without blank lines between them, that opening after a full stop starts the next one.
// - What comes before the list is an introduction and is left out: text before the first
//   marker, a leading paragraph ending in ":" or ";" ("... which are referred to below;"), and
//   anything before a "Recommendations:" label.

export interface ImportedRecommendation {
  text: string;
}

import { MAX_IMPORTED_RECOMMENDATIONS } from './limits';

/** "Recommendation 3" alone on its line, its text on the lines below. */
const RECOMMENDATION_HEADING = /^recommendation\s+(\d{1,3})\s*[:.)–-]?$/i;
/** "Recommendation 3: text", "Recommendation 3 - text", "Recommendation 3 text". */
const RECOMMENDATION_PREFIX = /^recommendation\s+(\d{1,3})(?:\s*[:.)]|\s+[–-])?\s+(?=\S)/i;
/** "1. text", "(2) text", "3: text", "4 - text". */
const NUMBER_SPACED = /^\(?(\d{1,3})(?:[.):]|\s*[–-])\s+(?=\S)/;
/** "1.By July 2018": no space, but a capital letter straight after the number. */
const NUMBER_TIGHT = /^\(?(\d{1,3})[.)](?=\p{Lu})/u;
/** "1 There should be ...": no punctuation; only a capital letter makes this a number. */
const NUMBER_PLAIN = /^(\d{1,3})\s+(?=\p{Lu})/u;
/** "1." alone on its line (a PDF puts the text on the next). */
const NUMBER_ALONE = /^\(?(\d{1,3})[.)]$/;
/** Bullet glyphs that mean nothing else: they may touch the text ("•the reasons"). */
const GLYPHS = '•▪●◦‣○■□➢►';
const GLYPH_BULLET = new RegExp(`^([${GLYPHS}])\\s*`);
/** Characters that are bullets only when a space follows ("- text", "* text", "– text", "· text"). */
const SPACED_BULLET = /^([-*–·])\s+(?=\S)/;
/** Whitespace before a glyph bullet that starts another bullet on the same line. */
const INLINE_GLYPH = new RegExp(`\\s+(?=[${GLYPHS}]\\s*\\S)`, 'g');

const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const COUNT = '(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)';
/** How paragraph recommendations open: "By February 2022", "By 31 March 2023", "By the end of June 2024", "Within six months". */
const DATED_OPENING = new RegExp(
  `^(?:by\\s+(?:the\\s+end\\s+of\\s+)?(?:\\d{1,2}\\s+)?${MONTH}\\s+\\d{4}\\b|within\\s+${COUNT}\\s+(?:days?|weeks?|months?|years?)\\b)`,
  'i',
);
const ENDS_SENTENCE = /[.!?;:]["'’”)\]]?$/;
/** An introduction ends by pointing at what follows. */
const ENDS_INTRODUCTION = /[:;]$/;
/** "Recommendations" as a heading, or "Recommendations: <the first one>" as a label. */
const RECOMMENDATIONS_HEADING = /^recommendations?\s*[:.]?$/i;
const RECOMMENDATIONS_LABEL = /^recommendations?\s*:\s*(?=\S)/i;

/** The largest number a list may start at (a line starting "2022 ..." is a year, not item 2022). */
const MAX_FIRST_NUMBER = 199;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

type Marker =
  | { family: 'numbered'; number: number; prefixed: boolean; plain: boolean; rest: string }
  | { family: 'bullet'; glyph: string; rest: string };

function markerOf(line: string): Marker | null {
  const heading = RECOMMENDATION_HEADING.exec(line);
  if (heading) return { family: 'numbered', number: Number(heading[1]), prefixed: true, plain: false, rest: '' };
  const prefixed = RECOMMENDATION_PREFIX.exec(line);
  if (prefixed) return { family: 'numbered', number: Number(prefixed[1]), prefixed: true, plain: false, rest: line.slice(prefixed[0].length) };
  const glyph = GLYPH_BULLET.exec(line);
  if (glyph) return { family: 'bullet', glyph: glyph[1]!, rest: line.slice(glyph[0].length) };
  const spaced = SPACED_BULLET.exec(line);
  if (spaced) return { family: 'bullet', glyph: spaced[1]!, rest: line.slice(spaced[0].length) };
  for (const pattern of [NUMBER_SPACED, NUMBER_TIGHT, NUMBER_ALONE]) {
    const numbered = pattern.exec(line);
    if (numbered) return { family: 'numbered', number: Number(numbered[1]), prefixed: false, plain: false, rest: line.slice(numbered[0].length) };
  }
  const plain = NUMBER_PLAIN.exec(line);
  if (plain) return { family: 'numbered', number: Number(plain[1]), prefixed: false, plain: true, rest: line.slice(plain[0].length) };
  return null;
}

/** Splits pasted text into recommendations, in order. Text before the list is an introduction and is left out. */
export function splitRecommendations(input: string): ImportedRecommendation[] {
  const lines = input
    .replace(/\r\n?/g, '\n')
    // Non-breaking and other fixed-width spaces become spaces; invisible characters go.
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, '')
    .split('\n')
    .flatMap(splitInlineBullets)
    .map((line) => line.trim());
  const marked = splitMarked(lines);
  const items = marked.length > 0 ? marked : splitParagraphs(lines);
  return items
    .map(clean)
    .filter((text) => text.length > 0)
    .slice(0, MAX_IMPORTED_RECOMMENDATIONS)
    .map((text) => ({ text }));
}

/** "• first • second" on one line becomes two lines (only where the line itself opens with that bullet). */
function splitInlineBullets(line: string): string[] {
  const trimmed = line.trim();
  const first = trimmed.charAt(0);
  if (!first || !GLYPHS.includes(first)) return [line];
  return trimmed.split(INLINE_GLYPH).reduce<string[]>((parts, part) => {
    if (part.charAt(0) === first || parts.length === 0) parts.push(part);
    else parts[parts.length - 1] = `${parts[parts.length - 1]} ${part}`;
    return parts;
  }, []);
}

function splitMarked(lines: string[]): string[] {
  const items: string[] = [];
  let list: { family: 'numbered'; last: number } | { family: 'bullet'; glyph: string } | null = null;

  /** Whether a marker starts a new item of the list (rather than being part of the current one). */
  function opensItem(marker: Marker): boolean {
    if (list === null) {
      if (marker.family === 'bullet') return true;
      if (marker.plain) return marker.number === 1;
      return marker.prefixed || marker.number <= MAX_FIRST_NUMBER;
    }
    if (marker.family !== list.family) return false;
    if (marker.family === 'bullet') return list.family === 'bullet' && marker.glyph === list.glyph;
    if (list.family !== 'numbered') return false;
    return marker.prefixed ? marker.number > list.last : marker.number === list.last + 1;
  }

  for (const line of lines) {
    const marker = markerOf(line);
    if (marker && opensItem(marker)) {
      list = marker.family === 'numbered' ? { family: 'numbered', last: marker.number } : { family: 'bullet', glyph: marker.glyph };
      items.push(marker.rest);
    } else if (items.length > 0 && line !== '') {
      // After the first marker, a line continues the current item; before it, it is an introduction.
      items[items.length - 1] = `${items[items.length - 1]} ${line}`;
    }
  }
  return items;
}

function splitParagraphs(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let previous = '';
  for (const line of lines) {
    if (line === '') {
      if (current) paragraphs.push(current);
      current = '';
      previous = '';
      continue;
    }
    // Without blank lines, a new recommendation starts where a sentence ended and the next
    // line opens as recommendations do ("By March 2023, ..."). A "Recommendations" heading or
    // label starts a paragraph of its own, as does the line after a heading.
    const startsNew =
      current !== '' &&
      ((ENDS_SENTENCE.test(previous) && DATED_OPENING.test(line)) ||
        RECOMMENDATIONS_HEADING.test(line) ||
        RECOMMENDATIONS_LABEL.test(line) ||
        RECOMMENDATIONS_HEADING.test(previous));
    if (startsNew) {
      paragraphs.push(current);
      current = line;
    } else {
      current = current ? `${current} ${line}` : line;
    }
    previous = line;
  }
  if (current) paragraphs.push(current);
  return withoutIntroduction(paragraphs.map(clean));
}

/** Leaves out what precedes the recommendations in a list of paragraphs. */
function withoutIntroduction(paragraphs: string[]): string[] {
  // "Recommendations" (a heading) or "Recommendations: By ..." (a label): the list starts there.
  const labelled = paragraphs.findIndex((p) => RECOMMENDATIONS_HEADING.test(p) || RECOMMENDATIONS_LABEL.test(p));
  let rest = paragraphs;
  if (labelled >= 0) {
    const start = paragraphs[labelled]!;
    rest = RECOMMENDATIONS_HEADING.test(start)
      ? paragraphs.slice(labelled + 1)
      : [start.replace(RECOMMENDATIONS_LABEL, ''), ...paragraphs.slice(labelled + 1)];
  }
  // A leading paragraph that ends in ":" or ";" introduces the list, unless it opens as a
  // recommendation does.
  let first = 0;
  while (first < rest.length - 1 && ENDS_INTRODUCTION.test(rest[first]!) && !DATED_OPENING.test(rest[first]!)) first++;
  return rest.slice(first);
}
