import { describe, expect, it } from 'vitest';
import { multiLineText, singleLineText } from '../../../shared/schemas/text';
import { cleanMultiLine, cleanSingleLine, hasVisibleText, stripDisallowedCharacters } from '../../../shared/text';
import { hostileStrings } from '../../helpers/hostileStrings';

/** Characters XML 1.0 does not allow, written out one by one rather than as the module's pattern. */
function xmlForbids(codePoint: number): boolean {
  const allowed =
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff);
  return !allowed;
}

/** Every code point of a string, lone surrogates included (as their own code points). */
function codePoints(text: string): number[] {
  return [...text].map((character) => character.codePointAt(0)!);
}

const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const RAINBOW_FLAG = '\u{1F3F3}\uFE0F\u200D\u{1F308}';
const ENGLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
const TECHNOLOGIST = '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}';

describe('stripDisallowedCharacters', () => {
  it('removes every character XML 1.0 forbids, across the whole Basic Multilingual Plane and the plane ends', () => {
    const samples: number[] = [];
    for (let c = 0; c <= 0xffff; c++) samples.push(c);
    for (let plane = 1; plane <= 16; plane++) samples.push(plane * 0x10000, plane * 0x10000 + 0xfffd, plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff);
    for (const c of samples) {
      // String.fromCharCode keeps a surrogate lone; fromCodePoint would pair nothing either.
      const character = c <= 0xffff ? String.fromCharCode(c) : String.fromCodePoint(c);
      const out = stripDisallowedCharacters(`a${character}b`);
      if (xmlForbids(c)) expect(out, c.toString(16)).toBe('ab');
      for (const kept of codePoints(out)) expect(xmlForbids(kept), c.toString(16)).toBe(false);
    }
  });

  it('removes DEL, the C1 controls and the noncharacters, which XML allows but are not text', () => {
    for (const c of [0x7f, 0x80, 0x85, 0x9f, 0xfdd0, 0xfdef, 0x1fffe, 0x10ffff]) {
      expect(stripDisallowedCharacters(`a${String.fromCodePoint(c)}b`), c.toString(16)).toBe('ab');
    }
  });

  it('keeps tab, line breaks, surrogate pairs, emoji, right-to-left text and bidi marks in body text', () => {
    const text = `tab\there\nline\r\n${FAMILY} ${ENGLAND} 𝕳 مرحبا \u202Eover\u202C \u200Bzw \u00A0 \uFFFD`;
    expect(stripDisallowedCharacters(text)).toBe(text);
  });

  it('removes a lone surrogate but not a pair, whichever order the halves come in', () => {
    expect(stripDisallowedCharacters('a\uD800b')).toBe('ab');
    expect(stripDisallowedCharacters('a\uDC00b')).toBe('ab');
    expect(stripDisallowedCharacters('\uDC00\uD800')).toBe('');
    expect(stripDisallowedCharacters('end\uD83D')).toBe('end');
    expect(stripDisallowedCharacters('\uD83D\uDE00')).toBe('\u{1F600}');
  });

  it('leaves nothing XML forbids in any hostile string of the fixture', () => {
    for (const hostile of hostileStrings()) {
      for (const c of codePoints(stripDisallowedCharacters(hostile))) expect(xmlForbids(c), JSON.stringify(hostile)).toBe(false);
    }
  });

  it('is quick on long text', () => {
    const text = 'A paragraph of ordinary prose, with an emoji \u{1F600} and a\uFFFE slip. '.repeat(30_000);
    const started = performance.now();
    const out = stripDisallowedCharacters(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out).not.toContain('\uFFFE');
  });
});

describe('cleanSingleLine', () => {
  it('refuses the reported title of two zero-width spaces: nothing is left', () => {
    expect(cleanSingleLine('\u200B\u200B')).toBe('');
    expect(hasVisibleText(cleanSingleLine('\u200B\u200B'))).toBe(false);
  });

  it('removes bidi embeddings, overrides, isolates and marks', () => {
    expect(cleanSingleLine('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanSingleLine('\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069x')).toBe('x');
    expect(cleanSingleLine('a\u200Eb\u200Fc\u061Cd')).toBe('abcd');
  });

  it('removes zero-width and invisible format characters', () => {
    expect(cleanSingleLine('a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf')).toBe('abcdef');
    expect(cleanSingleLine('x\u2061\u2062\u2063\u2064y')).toBe('xy');
    expect(cleanSingleLine('in\u00ADvisible')).toBe('invisible');
    expect(cleanSingleLine('a\u180Eb')).toBe('ab');
    expect(cleanSingleLine('\uFFF9a\uFFFAb\uFFFB')).toBe('ab');
    expect(cleanSingleLine('\u{E0001}\u{E0041}\u{E007F}tags')).toBe('tags');
    expect(cleanSingleLine('\u206Adeprecated\u206F')).toBe('deprecated');
    expect(cleanSingleLine('\u{1D173}music\u{1BCA0}')).toBe('music');
  });

  it('leaves no format character (category Cf) but the visible number signs', () => {
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const character = String.fromCodePoint(c);
      if (!/\p{Cf}/u.test(character)) continue;
      const visible = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]/u.test(character);
      expect(cleanSingleLine(`a${character}b`), c.toString(16)).toBe(visible ? `a${character}b` : 'ab');
    }
  });

  it('keeps emoji sequences whole: zero-width joiners between pictographs, and flag tag sequences', () => {
    for (const emoji of [FAMILY, RAINBOW_FLAG, ENGLAND, TECHNOLOGIST, '1\uFE0F\u20E3', '\u{1F44D}\u{1F3FD}']) {
      expect(cleanSingleLine(`Team ${emoji}`)).toBe(`Team ${emoji}`);
    }
    // A joiner or tags anywhere else are removed.
    expect(cleanSingleLine('a\u200D\u{1F600}')).toBe('a\u{1F600}');
    expect(cleanSingleLine('\u{1F600}\u200Db')).toBe('\u{1F600}b');
    expect(cleanSingleLine('\u{1F3F4}\u{E0067}\u{E0062}')).toBe('\u{1F3F4}');
    expect(cleanSingleLine('x\u{E0067}\u{E007F}')).toBe('x');
  });

  it('turns line breaks and tabs into spaces, collapses whitespace and trims', () => {
    expect(cleanSingleLine('  Chief\tOfficer\r\ncomments \n\n ')).toBe('Chief Officer comments');
    expect(cleanSingleLine('a\u000Bb\u000Cc\u0085d\u2028e\u2029f')).toBe('a b c d e f');
    expect(cleanSingleLine('a \u3000\u2003 b')).toBe('a b');
    expect(cleanSingleLine('\u00A0\u00A0')).toBe('');
  });

  it('keeps a single no-break space between words, and collapses a run of them', () => {
    expect(cleanSingleLine('10\u00A0km')).toBe('10\u00A0km');
    expect(cleanSingleLine('10\u202Fkm')).toBe('10\u202Fkm');
    expect(cleanSingleLine('10\u00A0\u00A0km')).toBe('10 km');
  });

  it('normalises to NFC, after removing what sat between a letter and its accent', () => {
    expect(cleanSingleLine('Cafe\u0301')).toBe('Caf\u00E9');
    expect(cleanSingleLine('Cafe\u200B\u0301')).toBe('Caf\u00E9');
  });

  it('removes controls, noncharacters and lone surrogates', () => {
    expect(cleanSingleLine('a\u0000b\u0007c\u007Fd\u009Be\uFFFEf\uFFFFg\uD800h')).toBe('abcdefgh');
  });

  it('keeps right-to-left text, other scripts, astral characters and private use', () => {
    for (const text of ['مرحبا بالعالم', 'שלום עולם', 'Section 3 — القسم 3', '𝕳𝖔𝖘𝖙𝖎𝖑𝖊 𓀀', 'Pоlice', '\uE000', '\u0600\u0661\u0662']) {
      expect(cleanSingleLine(text)).toBe(text);
    }
  });

  it('is idempotent, and leaves nothing XML forbids and no bidi control, for every hostile string', () => {
    for (const hostile of hostileStrings()) {
      const once = cleanSingleLine(hostile);
      expect(cleanSingleLine(once), JSON.stringify(hostile)).toBe(once);
      expect(once, JSON.stringify(hostile)).not.toMatch(/[\n\r\t\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u061C\uFEFF]/u);
      expect(once).toBe(once.trim());
      for (const c of codePoints(once)) expect(xmlForbids(c), JSON.stringify(hostile)).toBe(false);
    }
  });
});

describe('cleanMultiLine', () => {
  it('keeps line breaks, as line feeds', () => {
    expect(cleanMultiLine('one\r\ntwo\rthree\u2028four\u2029five\u0085six')).toBe('one\ntwo\nthree\nfour\nfive\nsix');
    expect(cleanMultiLine('a\n\n\tb')).toBe('a\n\n\tb');
  });

  it('removes disallowed characters and bidi controls, keeps bidi marks and joiners', () => {
    expect(cleanMultiLine('a\u0000b\uFFFEc\u202Ed\u2066e\u2069f')).toBe('abcdef');
    expect(cleanMultiLine(`نصّ\u200F ${FAMILY} \u200Cx`)).toBe(`نصّ\u200F ${FAMILY} \u200Cx`);
  });

  it('normalises to NFC and trims', () => {
    expect(cleanMultiLine('  Cafe\u0301\n')).toBe('Caf\u00E9');
  });
});

describe('hasVisibleText', () => {
  it('is false for nothing, whitespace, controls, format characters, lone marks and blank letters', () => {
    for (const text of ['', ' ', '\n\t', '\u00A0\u3000', '\u0000\u0007', '\u200B\u200B', '\u202E', '\uFEFF', '\u0301\u0302', '\uFE0F', '\u3164\u3164', '\u115F\u1160', '\uFFA0', '\u2800', '\uD800', '\uFFFE', '\u034F']) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('is true once one visible character is there', () => {
    for (const text of ['.', 'a', ' \u200B x', 'مرحبا', '\u{1F600}', 'e\u0301', '\uE000', '0']) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(true);
    }
  });
});

describe('singleLineText', () => {
  const title = singleLineText({ max: 20, label: 'Title' });

  it('gives the cleaned text', () => {
    expect(singleLineText({ max: 300, label: 'Title' }).parse('  \u202EChief\u200B Officer\ncomments ')).toBe('Chief Officer comments');
  });

  it('refuses text with nothing visible after cleaning, saying so', () => {
    for (const text of ['\u200B\u200B', '   ', '\u202E\uFFFE', '\u3164']) {
      const result = title.safeParse(text);
      expect(result.success, JSON.stringify(text)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Title must contain visible text']);
    }
    expect(singleLineText({ max: 5 }).safeParse('\u200B').error?.issues.map((issue) => issue.message)).toEqual(['must contain visible text']);
  });

  it('counts the length after cleaning', () => {
    expect(title.parse(`${'\u200B'.repeat(50)}${'a'.repeat(20)}  `)).toBe('a'.repeat(20));
    expect(title.safeParse('a'.repeat(21)).error?.issues.map((issue) => issue.message)).toEqual(['Title must be 20 characters or fewer']);
  });

  it('refuses what is not a string', () => {
    expect(title.safeParse(42).success).toBe(false);
    expect(title.safeParse(null).success).toBe(false);
  });

  it('composes as a string schema (optional, in an object)', () => {
    const schema = singleLineText({ max: 300 }).optional();
    expect(schema.parse(undefined)).toBeUndefined();
    expect(schema.parse(' x ')).toBe('x');
  });
});

describe('multiLineText', () => {
  const body = multiLineText({ max: 10, label: 'Comment' });

  it('keeps line breaks and removes disallowed and bidi characters', () => {
    expect(body.parse('a\r\nb\u202E\uFFFE')).toBe('a\nb');
  });

  it('refuses text with nothing visible, and text too long after cleaning', () => {
    expect(body.safeParse('\n\u200B\n').error?.issues.map((issue) => issue.message)).toEqual(['Comment must contain visible text']);
    expect(body.safeParse('\u0000'.repeat(30)).success).toBe(false);
    expect(body.parse(`${'\u0000'.repeat(30)}0123456789`)).toBe('0123456789');
    expect(body.safeParse('01234567890').error?.issues.map((issue) => issue.message)).toEqual(['Comment must be 10 characters or fewer']);
  });
});
