// Word's lists, as its clipboard HTML describes them. Word does not write <ul>/<ol>: each item is
// a paragraph with `mso-list:l0 level2 lfo1` (list l0, nesting level 2, list override 1) and its
// bullet or number as text. The <style> in the clipboard's <head> defines each list's levels
// (`@list l0:level2 {mso-level-number-format:bullet; ...}`) and each paragraph style's list.

/** Where a Word list paragraph sits: its list, its level (1 = outermost) and its override. */
export interface WordListPlace {
  list: string;
  level: number;
  override: string;
}

/** One level of a list definition: its number format (none means decimal) and first number. */
export interface WordListLevel {
  format: string | null;
  startAt: number | null;
}

/** What the clipboard's <style> says about lists. */
export interface WordListStyles {
  /** Keyed `l0:1` (list and level). */
  levels: Map<string, WordListLevel>;
  /** The `mso-list` of paragraph styles that carry one ("List Bullet", "List Number"), by class. */
  classLists: Map<string, string>;
}

const MSO_LIST = /\bl(\d+)\s+level(\d+)\s+lfo(\d+)/i;

/** Reads an `mso-list` value such as `l0 level2 lfo1`; null for `Ignore`, `none` and others. */
export function parseMsoList(value: string | null | undefined): WordListPlace | null {
  if (!value) return null;
  const match = MSO_LIST.exec(value);
  if (!match) return null;
  return { list: `l${match[1]}`, level: Math.max(1, Number(match[2])), override: `lfo${match[3]}` };
}

/** The value of `mso-list` in a declaration block or a style attribute, if any. */
export function msoListOf(declarations: string): string | null {
  const match = /(?:^|[;{\s])mso-list\s*:\s*([^;}]+)/i.exec(declarations);
  return match ? match[1]!.trim() : null;
}

function declaration(block: string, property: string): string | null {
  const match = new RegExp(`(?:^|[;{\\s])${property}\\s*:\\s*([^;}]+)`, 'i').exec(block);
  return match ? match[1]!.trim() : null;
}

/** Reads the list definitions and the paragraph styles' lists out of the clipboard's CSS. */
export function parseWordListStyles(css: string): WordListStyles {
  const levels = new Map<string, WordListLevel>();
  const classLists = new Map<string, string>();
  // Comments would hide nothing Word writes, but `<!--`/`-->` wrap the whole sheet.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/<!--|-->/g, ' ');
  const rule = /([^{}]+)\{([^{}]*)\}/g;
  for (let match = rule.exec(text); match; match = rule.exec(text)) {
    const selector = match[1]!.trim();
    const body = match[2]!;
    const level = /^@list\s+(l\d+)\s*:\s*level(\d+)$/i.exec(selector);
    if (level) {
      const format = declaration(body, 'mso-level-number-format');
      const start = declaration(body, 'mso-level-start-at');
      levels.set(`${level[1]!.toLowerCase()}:${Number(level[2])}`, {
        format: format ? format.toLowerCase() : null,
        startAt: start !== null && /^\d+$/.test(start) ? Number(start) : null,
      });
      continue;
    }
    const list = msoListOf(body);
    if (!list || selector.startsWith('@')) continue;
    for (const one of selector.split(',')) {
      const className = /^(?:p|li|div)?\.([\w-]+)$/i.exec(one.trim());
      if (className) classLists.set(className[1]!, list);
    }
  }
  return { levels, classLists };
}

/** Number formats that draw a symbol rather than count. */
const UNNUMBERED_FORMATS = new Set(['bullet', 'image', 'none']);

/** Whether a level's format numbers its items; null when the format is not known. */
export function isNumberedFormat(level: WordListLevel | undefined): boolean | null {
  if (!level) return null;
  return level.format === null || !UNNUMBERED_FORMATS.has(level.format);
}

// "1.", "1)", "(a)", "iv.", "1.2.", "A." are numbers; a lone "o" (Word's level-2 bullet, in
// Courier New) and symbols such as "·" or "§" are bullets.
const NUMBER_MARKER = /^\(?(?:\d+(?:\.\d+)*|[a-z]|[ivxlcdm]+)[.)]$|^\d+$/i;

/** Whether a list item's marker text is a number (else it is a bullet). */
export function isNumberMarker(marker: string): boolean {
  return NUMBER_MARKER.test(marker.replace(/[\s\u00a0]+/g, ''));
}

/** The number a marker shows ("3." gives 3), for an ordered list that does not start at 1. */
export function markerNumber(marker: string): number | null {
  const match = /^(\d+)[.)]?$/.exec(marker.replace(/[\s\u00a0]+/g, ''));
  return match ? Number(match[1]) : null;
}

const LIST_TYPES: Record<string, string> = {
  'alpha-lower': 'a',
  'alpha-upper': 'A',
  'roman-lower': 'i',
  'roman-upper': 'I',
};

/** The HTML `type` of an ordered list for a level's number format ("a", "I"...); null for decimal. */
export function listTypeOf(level: WordListLevel | undefined): string | null {
  return (level?.format && LIST_TYPES[level.format]) || null;
}
