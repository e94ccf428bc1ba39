// Splits a report's recommendations, pasted as text, into one item each. Reports list them in
// three ways: numbered ("1.", "(2)", "Recommendation 3:"), bulleted ("•", "-", "*"), or as
// paragraphs ("By February 2022, chief officers ... should ..."). Lines wrapped by the PDF or
// the web page are joined back into their item.

export interface ImportedRecommendation {
  text: string;
}

/** The most recommendations one import may create. */
export const MAX_IMPORTED_RECOMMENDATIONS = 100;

const NUMBERED = /^(?:recommendation\s+)?\(?(\d{1,3})(?:[.):]|\s+-|\s+–)?\s+(?=\S)/i;
const RECOMMENDATION_HEADING = /^recommendation\s+\d{1,3}\s*[:.–-]?\s*$/i;
const BULLET = /^[•\-*–·▪●◦‣]\s+/;
const DATED_OPENING = /^by\s+(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b/i;
const ENDS_SENTENCE = /[.!?;:]["')\]]?$/;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

type Marker = { kind: 'numbered' | 'heading' | 'bullet'; rest: string } | null;

function markerOf(line: string): Marker {
  if (RECOMMENDATION_HEADING.test(line)) return { kind: 'heading', rest: '' };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'bullet', rest: line.slice(bullet[0].length) };
  const numbered = NUMBERED.exec(line);
  // "2022 was..." is a year starting a sentence, not an item number.
  if (numbered && Number(numbered[1]) < 200) return { kind: 'numbered', rest: line.slice(numbered[0].length) };
  return null;
}

/** Splits pasted text into recommendations, in order. Text before the first list marker is an introduction and is left out. */
export function splitRecommendations(input: string): ImportedRecommendation[] {
  const lines = input
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  const hasMarkers = lines.some((line) => markerOf(line) !== null);
  const items = hasMarkers ? splitMarked(lines) : splitParagraphs(lines);
  return items
    .map(clean)
    .filter((text) => text.length > 0)
    .slice(0, MAX_IMPORTED_RECOMMENDATIONS)
    .map((text) => ({ text }));
}

function splitMarked(lines: string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    const marker = markerOf(line);
    if (marker) items.push(marker.rest);
    // Before the first marker is an introduction; after it, a line continues the item.
    else if (items.length > 0 && line !== '') items[items.length - 1] = `${items[items.length - 1]} ${line}`;
  }
  return items;
}

function splitParagraphs(lines: string[]): string[] {
  const items: string[] = [];
  let current = '';
  let previous = '';
  for (const line of lines) {
    if (line === '') {
      if (current) items.push(current);
      current = '';
      previous = '';
      continue;
    }
    // Without blank lines, a new recommendation starts where a sentence ended and the next
    // line opens as recommendations do ("By March 2023, ...").
    const startsNew = current !== '' && ENDS_SENTENCE.test(previous) && DATED_OPENING.test(line);
    if (startsNew) {
      items.push(current);
      current = line;
    } else {
      current = current ? `${current} ${line}` : line;
    }
    previous = line;
  }
  if (current) items.push(current);
  return items;
}
