import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isEmptyContent, plainText, sectionJson, sha256, writeParagraphs } from '../../../server/content/sectionContent';

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
