import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isEmptyContent, plainText, sectionJson, sha256, writeParagraphs } from '../../../server/content/sectionContent';
import { isAllowedOrigin } from '../../../server/auth/origin';
import { RateLimiter } from '../../../server/auth/RateLimiter';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';

describe('section content', () => {
  it('reads a section document as ProseMirror JSON with marks', () => {
    const doc = new Y.Doc();
    writeParagraphs(doc, [{ text: 'Plain.' }, { text: 'Slanted.', italic: true }]);
    expect(sectionJson(doc)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Plain.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Slanted.', marks: [{ type: 'italic' }] }] },
      ],
    });
    expect(plainText(sectionJson(doc))).toBe('Plain.\n\nSlanted.');
  });

  it('serialises canonically: the same content hashes the same whoever typed it, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}');
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeParagraphs(a, [{ text: 'Same words.' }]);
    writeParagraphs(b, [{ text: 'Same' }]);
    ((b.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(4, ' words.');
    expect(sha256(canonicalJson(sectionJson(a)))).toBe(sha256(canonicalJson(sectionJson(b))));
  });

  it('treats whitespace-only content as empty', () => {
    const doc = new Y.Doc();
    expect(isEmptyContent(sectionJson(doc))).toBe(true);
    writeParagraphs(doc, [{ text: '   ' }]);
    expect(isEmptyContent(sectionJson(doc))).toBe(true);
    writeParagraphs(doc, [{ text: 'x' }]);
    expect(isEmptyContent(sectionJson(doc))).toBe(false);
  });
});

describe('origin check', () => {
  it('allows same-host and configured origins and requests without an Origin', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin(undefined, 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example', 'internal:3000', ['https://app.example'])).toBe(true);
  });
  it('refuses other sites and odd schemes', () => {
    expect(isAllowedOrigin('http://evil.example', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('file://localhost:3000', 'localhost:3000', [])).toBe(false);
  });
});

describe('auth primitives', () => {
  it('rate-limits per key within a window', () => {
    const limiter = new RateLimiter(3, 1000);
    expect([1, 2, 3, 4].map(() => limiter.attempt('a', 0))).toEqual([true, true, true, false]);
    expect(limiter.attempt('b', 0)).toBe(true);
    expect(limiter.attempt('a', 1000)).toBe(true);
  });

  it('hashes passwords with a salt and verifies them', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).not.toBe(second);
    expect(first.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('wrong horse battery', first)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
  });
});
