// The parts of the paste clean-up that need no DOM: reading inline CSS and Word's list
// definitions, ranking headings, the message about what was left out, and link addresses. The
// DOM work is tested in Chromium (tests/e2e/pasteTransform.test.ts, tests/e2e/paste.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedHref, isAllowedLinkUri, normaliseLinkAddress } from '../../../client/editor/linkAddress';
import { formattingFromStyle, listTypeFromStyle, parseStyle } from '../../../client/editor/paste/cssDeclarations';
import { droppedMessage, nothingDropped } from '../../../client/editor/paste/droppedMessage';
import { headingLevelMap, wordHeadingLevel } from '../../../client/editor/paste/headingLevels';
import {
  isNumberedFormat,
  isNumberMarker,
  listTypeOf,
  markerNumber,
  msoListOf,
  parseMsoList,
  parseWordListStyles,
} from '../../../client/editor/paste/wordListStyles';

function fixtureStyle(name: string): string {
  const html = fs.readFileSync(path.join(__dirname, '../../fixtures/paste', name), 'utf8');
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('\n');
}

describe('inline CSS', () => {
  it('reads declarations, Word’s line-wrapped ones included', () => {
    const style = parseStyle("font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:\r\nSymbol; FONT-WEIGHT: Bold !important");
    expect(style.get('mso-bidi-font-family')).toBe('symbol');
    expect(style.get('font-weight')).toBe('bold');
    expect(parseStyle('').size).toBe(0);
  });

  it('says what turns bold, italic, underline and strikethrough on or off', () => {
    expect(formattingFromStyle('font-weight:700')).toEqual({ bold: true });
    expect(formattingFromStyle('font-weight:normal')).toEqual({ bold: false });
    expect(formattingFromStyle('font-weight:400;font-style:italic')).toEqual({ bold: false, italic: true });
    expect(formattingFromStyle('text-decoration:underline;-webkit-text-decoration-skip:none')).toEqual({ underline: true, strike: false });
    expect(formattingFromStyle('text-decoration-line: line-through')).toEqual({ underline: false, strike: true });
    expect(formattingFromStyle('text-decoration:none')).toEqual({ underline: false, strike: false });
    // Word's bidi variants say nothing about Latin text.
    expect(formattingFromStyle('mso-bidi-font-weight:normal;mso-bidi-font-style:normal')).toEqual({});
    expect(formattingFromStyle("text-underline:single")).toEqual({ underline: true });
  });

  it('reads letters and Roman numerals from a list style', () => {
    expect(listTypeFromStyle('list-style-type:lower-alpha;font-size:11pt')).toBe('a');
    expect(listTypeFromStyle('list-style: upper-roman inside')).toBe('I');
    expect(listTypeFromStyle('list-style-type:decimal')).toBeNull();
    expect(listTypeFromStyle(null)).toBeNull();
  });
});

describe("Word's list definitions", () => {
  it('reads a paragraph’s place in a list', () => {
    expect(parseMsoList('l1 level3 lfo2')).toEqual({ list: 'l1', level: 3, override: 'lfo2' });
    expect(parseMsoList('l0 level1\r\nlfo1')).toEqual({ list: 'l0', level: 1, override: 'lfo1' });
    expect(parseMsoList('Ignore')).toBeNull();
    expect(parseMsoList('none')).toBeNull();
    expect(msoListOf("text-indent:-18.0pt;mso-list:l0 level2 lfo1")).toBe('l0 level2 lfo1');
    expect(msoListOf('mso-list-id:1148937375')).toBeNull();
  });

  it('reads each level’s number format, first number and the styles that carry a list', () => {
    const windows = parseWordListStyles(fixtureStyle('word-windows.html'));
    expect(isNumberedFormat(windows.levels.get('l0:1'))).toBe(false);
    expect(isNumberedFormat(windows.levels.get('l0:2'))).toBe(false);
    expect(isNumberedFormat(windows.levels.get('l1:1'))).toBe(true);
    expect(windows.levels.get('l1:2')).toEqual({ format: 'alpha-lower', startAt: null });
    expect(isNumberedFormat(windows.levels.get('l9:1'))).toBeNull();
    expect([1, 2, 3].map((level) => listTypeOf(windows.levels.get(`l1:${level}`)))).toEqual([null, 'a', 'i']);

    const mac = parseWordListStyles(fixtureStyle('word-mac.html'));
    expect(mac.classLists.get('MsoListBullet')).toBe('l0 level1 lfo1');
    expect(mac.classLists.get('MsoListBullet2')).toBe('l0 level2 lfo1');
    expect(mac.classLists.has('MsoNormal')).toBe(false);
    expect(mac.levels.get('l1:1')).toEqual({ format: null, startAt: 3 });
  });

  it('tells numbers from bullets by their marker when there is no definition', () => {
    for (const marker of ['1.', '12)', '(a)', 'iv.', 'B.', '1.2.', '3']) expect(isNumberMarker(marker)).toBe(true);
    for (const marker of ['·', 'o', '§', '', '–', '•']) expect(isNumberMarker(marker)).toBe(false);
    expect(markerNumber('3.\u00a0')).toBe(3);
    expect(markerNumber('a.')).toBeNull();
  });
});

describe('pasted headings', () => {
  it('make the highest heading of a paste a Heading and every lower one a Subheading', () => {
    const word = headingLevelMap([1, 2, 3]);
    expect([word(1), word(2), word(3)]).toEqual([1, 2, 2]);
    const web = headingLevelMap([2, 3]);
    expect([web(2), web(3)]).toEqual([1, 2]);
    const titled = headingLevelMap([0, 1]);
    expect([titled(0), titled(1)]).toEqual([1, 2]);
  });

  it('know Word’s heading paragraph styles', () => {
    expect(wordHeadingLevel('MsoTitle')).toBe(0);
    expect(wordHeadingLevel('MsoHeading7')).toBe(7);
    expect(wordHeadingLevel('MsoNormal')).toBeNull();
    expect(wordHeadingLevel('MsoSubtitle')).toBeNull();
  });
});

describe('what a paste left out', () => {
  it('is said in a sentence per kind, and not at all when nothing was', () => {
    expect(droppedMessage(nothingDropped())).toBe('');
    expect(droppedMessage({ ...nothingDropped(), images: 1 })).toBe('1 image was not pasted: Countersign sections hold text only.');
    expect(droppedMessage({ ...nothingDropped(), images: 2, media: 1 })).toBe(
      '2 images and 1 video or embedded item were not pasted: Countersign sections hold text only.',
    );
    expect(droppedMessage({ ...nothingDropped(), comments: 2, footnotes: 1 })).toBe(
      '2 Word comments were not pasted: use a thread to comment. 1 footnote was not pasted: add the text to the section if it is needed.',
    );
  });
});

describe('link addresses', () => {
  it('are absolute web or e-mail addresses', () => {
    expect(isAllowedHref('https://www.gov.uk/')).toBe(true);
    expect(isAllowedHref('mailto:pcc@example.org')).toBe(true);
    for (const href of ['javascript:alert(1)', '/relative', '#top', 'ftp://example.org', 'https://', 'mailto:', 'www.gov.uk']) {
      expect(isAllowedHref(href)).toBe(false);
    }
  });

  it('get https:// or mailto: when typed without', () => {
    expect(normaliseLinkAddress(' www.gov.uk/police ')).toEqual({ ok: true, href: 'https://www.gov.uk/police' });
    expect(normaliseLinkAddress('pcc@example.org')).toEqual({ ok: true, href: 'mailto:pcc@example.org' });
    expect(normaliseLinkAddress('http://example.org')).toEqual({ ok: true, href: 'http://example.org' });
    expect(normaliseLinkAddress('')).toEqual({ ok: false, problem: 'empty' });
    expect(normaliseLinkAddress('not an address')).toEqual({ ok: false, problem: 'invalid' });
    expect(normaliseLinkAddress('javascript:alert(1)')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('pass TipTap’s check as its autolink finds them, before it adds a protocol', () => {
    expect(isAllowedLinkUri('www.gov.uk')).toBe(true);
    expect(isAllowedLinkUri('someone@example.org')).toBe(true);
    expect(isAllowedLinkUri('https://www.gov.uk')).toBe(true);
    expect(isAllowedLinkUri('javascript:alert(1)')).toBe(false);
    expect(isAllowedLinkUri('/relative')).toBe(false);
  });
});
