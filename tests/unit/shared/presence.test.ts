// The presence schema: every caret our editor can send is accepted as it is; every other shape
// becomes no caret (or, for a state that is not an object, is refused), and nothing throws.
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { absolutePositionToRelativePosition, initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { remoteCaret, sanitizePresence } from '../../../shared/presence';
import { SECTION_FRAGMENT } from '../../../shared/protocol';
import { presenceShapes, type CaretJson } from '../../helpers/presenceShapes';

const USER = { name: 'Alex Morgan', role: 'pcc', color: '#1d70b8' };

/** A section doc as TipTap builds it: paragraphs of XmlText, one of them empty. */
function sectionDoc(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    fragment.insert(
      0,
      paragraphs.map(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText()]);
        return paragraph;
      }),
    );
    paragraphs.forEach((text, i) => ((fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText).insert(0, text));
  });
  return doc;
}

/** Every caret y-tiptap's cursor plugin can send for a doc, as JSON travels (one per position). */
function everyCaret(doc: Y.Doc): CaretJson[] {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, getSchema([StarterKit]));
  const carets: CaretJson[] = [];
  for (let pos = 0; pos <= pmDoc.content.size; pos++) {
    const position = JSON.parse(JSON.stringify(absolutePositionToRelativePosition(pos, fragment, mapping))) as Record<string, unknown>;
    const start = JSON.parse(JSON.stringify(absolutePositionToRelativePosition(0, fragment, mapping))) as Record<string, unknown>;
    carets.push({ anchor: start, head: position });
  }
  return carets;
}

describe('presence schema', () => {
  it('accepts every caret our editor sends, unchanged', () => {
    const doc = sectionDoc(['The PCC welcomes the report.', '', 'Actions follow.']);
    const carets = everyCaret(doc);
    expect(carets.length).toBeGreaterThan(40);
    for (const cursor of carets) {
      expect(sanitizePresence({ user: { name: 'anyone' }, cursor })).toStrictEqual({ cursor });
      expect(remoteCaret({ user: USER, cursor })).toStrictEqual({ user: USER, cursor });
    }
    // Y.relativePositionToJSON leaves unset keys out; that form is valid too.
    const text = (doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const compact = JSON.parse(JSON.stringify(Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 4)))) as Record<string, unknown>;
    expect(Object.keys(compact)).toEqual(['type', 'item', 'assoc']);
    expect(sanitizePresence({ cursor: { anchor: compact, head: compact } })).toStrictEqual({ cursor: { anchor: compact, head: compact } });
  });

  it('keeps a member without a caret present', () => {
    expect(sanitizePresence({})).toEqual({ cursor: null });
    expect(sanitizePresence({ cursor: null })).toEqual({ cursor: null });
    expect(remoteCaret({ user: USER, cursor: null })).toBeNull();
  });

  it('refuses states that are not objects', () => {
    for (const state of [null, undefined, 42, 'hello', true, [], [{ cursor: null }]]) expect(sanitizePresence(state)).toBeNull();
  });

  it('turns every hostile shape into no caret, or the valid caret it holds, without throwing', () => {
    const doc = sectionDoc(['The PCC welcomes the report.']);
    const caret = everyCaret(doc)[5]!;
    for (const shape of presenceShapes({ caret, seed: 0x51a9e, mutations: 3_000 })) {
      const state: unknown = JSON.parse(shape.json);
      const presence = sanitizePresence(state);
      if (shape.refused) {
        expect(presence, shape.name).toBeNull();
        continue;
      }
      expect(presence, shape.name).not.toBeNull();
      const cursor = (state as { cursor?: unknown }).cursor;
      if (presence!.cursor !== null) expect(presence!.cursor, shape.name).toStrictEqual(cursor);
      const drawn = remoteCaret(state);
      if (drawn) {
        expect(drawn.cursor, shape.name).toStrictEqual(cursor);
        expect(typeof drawn.user.name, shape.name).toBe('string');
        expect(drawn.user.color, shape.name).toMatch(/^#[0-9a-f]{6}$/i);
      }
    }
  });

  it('names the shapes it must refuse', () => {
    const caret = everyCaret(sectionDoc(['Text']))[2]!;
    const bad = (cursor: unknown) => sanitizePresence({ cursor })!.cursor;
    const at = caret.anchor;
    expect(bad({ anchor: null, head: null })).toBeNull();
    expect(bad({ anchor: at })).toBeNull();
    expect(bad({ anchor: at, head: at, extra: 1 })).toBeNull();
    expect(bad({ anchor: { assoc: 0 }, head: at })).toBeNull();
    expect(bad({ anchor: { tname: 'comments', assoc: 0 }, head: at })).toBeNull();
    expect(bad({ anchor: { tname: 'default', assoc: 0.5 }, head: at })).toBeNull();
    expect(bad({ anchor: { item: { client: 2 ** 53, clock: 0 }, assoc: 0 }, head: at })).toBeNull();
    expect(bad({ anchor: { item: { client: 1, clock: -1 }, assoc: 0 }, head: at })).toBeNull();
    expect(bad({ anchor: { item: { client: 1, clock: 1, x: 1 }, assoc: 0 }, head: at })).toBeNull();
    expect(bad({ anchor: { item: { client: '1', clock: 1 }, assoc: 0 }, head: at })).toBeNull();
    expect(bad(JSON.parse(`{"__proto__":{"x":1},"anchor":${JSON.stringify(at)},"head":${JSON.stringify(at)}}`))).toBeNull();
    // A caret is drawn only with the name and colour the server stamps.
    expect(remoteCaret({ cursor: caret })).toBeNull();
    expect(remoteCaret({ user: 'Mallory', cursor: caret })).toBeNull();
    expect(remoteCaret({ user: { name: 'Mallory', color: 'red' }, cursor: caret })).toBeNull();
    expect(remoteCaret({ user: { name: '', color: '#000000' }, cursor: caret })).toBeNull();
  });

  it('survives objects no JSON makes', () => {
    const throwing = Object.defineProperty({}, 'cursor', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(sanitizePresence(throwing)).toBeNull();
    const inherited = Object.create({ cursor: { anchor: { tname: 'default', assoc: 0 }, head: { tname: 'default', assoc: 0 } } }) as object;
    expect(sanitizePresence(inherited)).toEqual({ cursor: null });
    const cyclic: Record<string, unknown> = { assoc: 0 };
    cyclic.item = cyclic;
    expect(sanitizePresence({ cursor: { anchor: cyclic, head: cyclic } })).toEqual({ cursor: null });
  });
});
