// Text that people type, made fit to keep and to publish. XML 1.0 (and so DOCX) cannot hold
// every character a JavaScript string can: one U+FFFE in a section made a publication that
// could never be opened. Titles, names and labels are one line of visible text: invisible
// formatting and bidi controls in them spoof what a reader sees (a title that reads as one
// thing and sorts as another, "invoice\u202Efdp.exe"). Pure functions, for client and server.

/**
 * What XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; lone
 * surrogates; U+FFFE, U+FFFF), and what it allows but is garbage in text: DEL, the C1 controls
 * and the other noncharacters. With the `u` flag a surrogate pair is one code point, so the
 * surrogate range matches only a lone half.
 */
const DISALLOWED = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/gu;

/** Bidi embeddings, overrides and isolates: they change the order of the text after them. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/** Line breaks and the other whitespace controls, which a single line turns into spaces. */
const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/gu;

/**
 * Removed from a single line: the disallowed characters, bidi controls and marks, and every
 * invisible format character (Unicode category Cf: zero-width spaces and joiners, word joiner,
 * invisible operators, soft hyphen, BOM, tags...). The Cf characters that are drawn (the Arabic,
 * Syriac and Kaithi number and end-of-verse signs) are kept. Two emoji sequences are kept whole:
 * a zero-width joiner between two pictographs (a family, a rainbow flag) and the tag sequence of
 * a subdivision flag (England, Scotland, Wales).
 */
const SINGLE_LINE_REMOVED = new RegExp(
  [
    // Kept (first capture): a subdivision flag, black flag then tags then the cancel tag.
    String.raw`(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})`,
    // Kept (second capture): a joiner after a pictograph (and its emoji or skin-tone modifier) and before one.
    String.raw`(\u200D)(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?\u200D)(?=\p{Extended_Pictographic})`,
    // Removed: the disallowed characters and the bidi marks.
    String.raw`[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}\u200E\u200F\u061C]`,
    // Removed: every format character but those drawn.
    String.raw`(?![\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}])\p{Cf}`,
  ].join('|'),
  'gu',
);

/** No-break spaces: kept when one stands alone between words ("10\u00A0km"). */
const NO_BREAK_SPACE = /^[\u00A0\u2007\u202F]$/u;

/**
 * A character a reader can see: not whitespace, a control, a format character, a lone
 * surrogate, a noncharacter or a combining mark on its own, nor one of the blank letters
 * (Hangul fillers, the blank Braille pattern) used to make names that look empty.
 */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Cs}\p{M}\p{Noncharacter_Code_Point}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Body text on its way out: removes what XML 1.0 does not allow and the C1 controls; keeps the rest. */
export function stripDisallowedCharacters(text: string): string {
  return text.replace(DISALLOWED, '');
}

/**
 * A title, name or short label: NFC, one line (breaks and tabs become spaces, runs of
 * whitespace one space, trimmed), without disallowed characters, bidi controls or invisible
 * formatting. May be empty: check with hasVisibleText.
 */
export function cleanSingleLine(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(SINGLE_LINE_REMOVED, (_match, tagSequence?: string, joiner?: string) => tagSequence ?? joiner ?? '')
    .normalize('NFC')
    .replace(/\s+/gu, (run) => (NO_BREAK_SPACE.test(run) ? run : ' '))
    .trim();
}

/**
 * A comment, a reason, any text of several lines: NFC, line breaks kept (as "\n"), without
 * disallowed characters or bidi controls, trimmed. May be empty: check with hasVisibleText.
 */
export function cleanMultiLine(text: string): string {
  return text
    .replace(/\r\n|[\r\u0085\u2028\u2029]/gu, '\n')
    .replace(DISALLOWED, '')
    .replace(BIDI_CONTROLS, '')
    .normalize('NFC')
    .trim();
}

/** Whether at least one character a reader can see remains. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}
