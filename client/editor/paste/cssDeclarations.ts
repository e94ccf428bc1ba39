// Reading inline CSS in pasted HTML: Word, Google Docs and browsers copying a web page say bold,
// italic and underline in `style` attributes as often as with tags.

/** The text formatting an element turns on (true) or off (false); absent means inherited. */
export interface Formatting {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
}

/** The declarations of a `style` attribute, property names lower-cased. Later ones win. */
export function parseStyle(style: string | null | undefined): Map<string, string> {
  const declarations = new Map<string, string>();
  if (!style) return declarations;
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!important/i, '')
      .trim()
      .toLowerCase();
    if (property) declarations.set(property, value);
  }
  return declarations;
}

function weightIsBold(value: string): boolean | undefined {
  if (value === 'bold' || value === 'bolder') return true;
  if (value === 'normal' || value === 'lighter') return false;
  const number = Number(value);
  if (Number.isFinite(number) && number > 0) return number >= 600;
  return undefined;
}

function decorationLines(value: string): { underline: boolean; strike: boolean } | undefined {
  if (value === '') return undefined;
  const words = value.split(/\s+/);
  return { underline: words.includes('underline'), strike: words.includes('line-through') };
}

/** What a `style` attribute says about bold, italic, underline and strikethrough. */
export function formattingFromStyle(style: string | null | undefined): Formatting {
  const declarations = parseStyle(style);
  const formatting: Formatting = {};
  const weight = declarations.get('font-weight');
  if (weight !== undefined) {
    const bold = weightIsBold(weight);
    if (bold !== undefined) formatting.bold = bold;
  }
  const fontStyle = declarations.get('font-style');
  if (fontStyle === 'italic' || fontStyle === 'oblique') formatting.italic = true;
  else if (fontStyle === 'normal') formatting.italic = false;
  // text-decoration-line is the longhand; Google Docs and Chrome write the shorthand.
  const decoration = declarations.get('text-decoration-line') ?? declarations.get('text-decoration');
  const lines = decoration === undefined ? undefined : decorationLines(decoration);
  if (lines) {
    formatting.underline = lines.underline;
    formatting.strike = lines.strike;
  }
  // Word's own way of saying underline on a span.
  const wordUnderline = declarations.get('text-underline');
  if (wordUnderline !== undefined) formatting.underline = wordUnderline !== 'none';
  return formatting;
}

const CSS_LIST_TYPES: Record<string, string> = {
  'lower-alpha': 'a',
  'lower-latin': 'a',
  'upper-alpha': 'A',
  'upper-latin': 'A',
  'lower-roman': 'i',
  'upper-roman': 'I',
};

/** The HTML `type` of an ordered list a `list-style-type` asks for ("a", "I"...); null for numbers. */
export function listTypeFromStyle(style: string | null | undefined): string | null {
  const declarations = parseStyle(style);
  const value = declarations.get('list-style-type') ?? declarations.get('list-style')?.split(/\s+/)[0];
  return (value && CSS_LIST_TYPES[value]) || null;
}
