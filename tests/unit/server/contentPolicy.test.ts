import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionJson, writeParagraphs } from '../../../server/content/sectionContent';
import { checkUpdateContent, EDITOR_MARK_NAMES, EDITOR_NODE_NAMES } from '../../../server/sync/contentPolicy';
import { SECTION_FRAGMENT } from '../../../shared/protocol';
import { editorSchema as schema, newBinding, writeAsEditor } from '../../helpers/editorContent';
import { hostileStrings } from '../../helpers/hostileStrings';
import { seededRandom } from '../../helpers/seededRandom';

/** Every update a document emits while `edit` runs, and its whole state after. */
function updatesOf(edit: (doc: Y.Doc) => void, options: { gc?: boolean } = {}): { updates: Uint8Array[]; state: Uint8Array; doc: Y.Doc } {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  edit(doc);
  return { updates, state: Y.encodeStateAsUpdate(doc), doc };
}

function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(SECTION_FRAGMENT);
}

/** An update made by `edit` on a fresh document with one paragraph. */
function updateOf(edit: (doc: Y.Doc, paragraph: Y.XmlElement, text: Y.XmlText) => void): Uint8Array {
  const doc = new Y.Doc();
  writeParagraphs(doc, [{ text: 'Existing text.' }]);
  const paragraph = fragment(doc).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const before = Y.encodeStateVector(doc);
  edit(doc, paragraph, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const RICH: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'A heading' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A smaller one' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Plain, ' },
        { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' italic underlined struck code', marks: [{ type: 'italic' }, { type: 'underline' }, { type: 'strike' }, { type: 'code' }] },
        { type: 'text', text: ' a link', marks: [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'مرحبا \u{1F469}\u200D\u{1F469}\u200D\u{1F467} \u202Eembedded override\u202C' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'One' }] },
            { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nested' }] }] }] },
          ],
        },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted' }] }] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1;\n\tb();' }] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quarter' }] }] },
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cases' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Q1: 12' }] }] },
          ],
        },
      ],
    },
  ],
};

describe('checkUpdateContent: what the editor writes passes', () => {
  it('passes a document written through y-prosemirror from every node and mark of the editor', () => {
    const { updates, state, doc } = updatesOf((doc) => prosemirrorJSONToYXmlFragment(schema, RICH, fragment(doc)));
    for (const update of [...updates, state]) expect(checkUpdateContent(update)).toBeNull();
    // The document did get every node and mark the policy knows, so the test covers them all.
    const json = JSON.stringify(sectionJson(doc));
    for (const name of EDITOR_NODE_NAMES) expect(json, name).toContain(`"type":"${name}"`);
    for (const name of EDITOR_MARK_NAMES) expect(json, name).toContain(`"type":"${name}"`);
  });

  it('passes the incremental updates of editing through y-prosemirror: typing, marks, levels, deletions, table changes', () => {
    const binding = newBinding();
    const versions: JSONContent[] = [RICH];
    const edited = structuredClone(RICH);
    edited.content![0]!.attrs = { level: 2 };
    edited.content![2]!.content![0]!.text = 'Plain, retyped, ';
    edited.content![2]!.content![1]!.marks = [{ type: 'bold' }, { type: 'italic' }];
    edited.content!.splice(4, 1);
    versions.push(structuredClone(edited));
    edited.content![edited.content!.length - 1]!.content![1]!.content![0]!.attrs = { colspan: 1, rowspan: 1, colwidth: [200] };
    edited.content!.push({ type: 'paragraph' });
    versions.push(structuredClone(edited));
    versions.push({ type: 'doc', content: [{ type: 'paragraph' }] });

    const { updates, state } = updatesOf((doc) => {
      for (const version of versions) writeAsEditor(doc, version, binding);
    });
    expect(updates.length).toBeGreaterThanOrEqual(versions.length);
    for (const update of [...updates, state]) expect(checkUpdateContent(update)).toBeNull();
  });

  it('passes updates that carry GC structs, deleted content, Skip structs and delete sets', () => {
    const { updates, state } = updatesOf((doc) => {
      writeParagraphs(doc, [{ text: 'First paragraph.' }, { text: 'Second, slanted.', italic: true }, { text: 'Third.' }]);
      fragment(doc).delete(0, 1);
      ((fragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 8);
      (fragment(doc).get(1) as Y.XmlElement).setAttribute('level', 1 as never);
      (fragment(doc).get(1) as Y.XmlElement).setAttribute('level', 2 as never);
    });
    const decoded = Y.decodeUpdate(state);
    expect(decoded.structs.some((struct) => struct instanceof Y.GC)).toBe(true);
    expect(decoded.structs.some((struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted)).toBe(true);
    expect(decoded.ds.clients.size).toBeGreaterThan(0);
    // Merging the first and last updates, without those between, leaves a gap: a Skip struct.
    const gapped = Y.mergeUpdates([updates[0]!, updates.at(-1)!]);
    expect(Y.decodeUpdate(gapped).structs.some((struct) => struct instanceof Y.Skip)).toBe(true);
    for (const update of [...updates, state, gapped, Y.mergeUpdates(updates)]) expect(checkUpdateContent(update)).toBeNull();
  });

  it('passes an empty update, and a state vector exchange\'s empty answer', () => {
    expect(checkUpdateContent(Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
    const doc = new Y.Doc();
    writeParagraphs(doc, [{ text: 'x' }]);
    expect(checkUpdateContent(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBeNull();
  });

  it('passes overlapping marks as y-prosemirror names them ("bold--<hash>")', () => {
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.format(0, 4, { 'bold--q2Vd9w==': {}, 'link--Ab+/c=': { href: 'https://example.org' } })))).toBeNull();
  });

  it('passes every hostile string the XML allows, as text, attribute and mark', () => {
    for (const hostile of hostileStrings()) {
      if (/[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u.test(hostile)) continue;
      const update = updateOf((_doc, paragraph, text) => {
        text.insert(0, hostile, { link: { href: hostile } });
        paragraph.setAttribute('data', hostile);
      });
      expect(checkUpdateContent(update), JSON.stringify(hostile)).toBeNull();
    }
  });

  it('passes every update of seeded random editing, and the state after it', () => {
    const random = seededRandom(20261201);
    const words = ['the', 'force', 'will', 'report', 'quarterly', '\u{1F600}', 'مرحبا', '\t', '\n'];
    const { updates, state } = updatesOf((doc) => {
      writeParagraphs(doc, [{ text: 'Seed.' }]);
      for (let step = 0; step < 400; step++) {
        const root = fragment(doc);
        const choice = random();
        if (choice < 0.1 || root.length === 0) {
          writeParagraphs(doc, [{ text: words[Math.floor(random() * words.length)]!, italic: random() < 0.5 }]);
          continue;
        }
        const paragraph = root.get(Math.floor(random() * root.length)) as Y.XmlElement;
        const text = paragraph.get(0) as Y.XmlText;
        const at = Math.floor(random() * (text.length + 1));
        if (choice < 0.6) text.insert(at, `${words[Math.floor(random() * words.length)]!} `);
        else if (choice < 0.75 && text.length > 0) text.delete(Math.min(at, text.length - 1), 1);
        else if (choice < 0.9 && text.length > 0) text.format(0, Math.min(text.length, at + 1), { bold: random() < 0.5 ? {} : null });
        else if (choice < 0.95) paragraph.setAttribute('level', (1 + Math.floor(random() * 2)) as never);
        else root.delete(Math.floor(random() * root.length), 1);
      }
    });
    for (const update of [...updates, state]) expect(checkUpdateContent(update)).toBeNull();
  });
});

describe('checkUpdateContent: what the editor never makes is refused', () => {
  it('refuses text holding a character XML forbids, naming it', () => {
    for (const [character, name] of [
      ['\uFFFE', 'U+FFFE'],
      ['\uFFFF', 'U+FFFF'],
      ['\u0000', 'U+0000'],
      ['\u0001', 'U+0001'],
      ['\u000B', 'U+000B'],
      ['\u000C', 'U+000C'],
      ['\u001F', 'U+001F'],
    ]) {
      const reason = checkUpdateContent(updateOf((_doc, _p, text) => text.insert(3, `a${character}b`)));
      expect(reason, name).toBe(`the text holds ${name}, which XML does not allow`);
    }
  });

  it('refuses a forbidden character in an attribute value, an attribute name, a mark value, a mark name and an element name', () => {
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.setAttribute('level', 'x\uFFFE')))).toMatch(/^an attribute holds U\+FFFE/);
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.setAttribute('colwidth', [{ deep: ['\u0000'] }] as never)))).toMatch(/^an attribute holds U\+0000/);
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.setAttribute('bad\u0007name', 'x')))).toMatch(/^an attribute name holds U\+0007/);
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.format(0, 3, { link: { href: 'https://example.org/\uFFFF' } })))).toMatch(/^a mark holds U\+FFFF/);
    // JSON carries a lone surrogate through ("\ud800"), where UTF-8 text cannot.
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.format(0, 3, { link: { href: '\uD800' } })))).toMatch(/^a mark holds U\+D800/);
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.format(0, 3, { 'bold--\u0000': {} })))).toMatch(/^a mark holds U\+0000/);
    expect(checkUpdateContent(updateOf((doc) => fragment(doc).push([new Y.XmlElement('para\uFFFEgraph')])))).toMatch(/^an element name holds U\+FFFE/);
  });

  it('refuses elements the editor has no node for', () => {
    for (const name of ['text', 'doc', 'marquee', 'script', 'image', 'Paragraph', 'paragraph ', '']) {
      expect(checkUpdateContent(updateOf((doc) => fragment(doc).push([new Y.XmlElement(name)]))), name).toBe(`the editor has no ${JSON.stringify(name)} node`);
    }
  });

  it('refuses marks the editor does not have', () => {
    for (const name of ['highlight', 'ychange', 'comment', 'textStyle', 'Bold']) {
      expect(checkUpdateContent(updateOf((_doc, _p, text) => text.format(0, 3, { [name]: {} }))), name).toBe(`the editor has no ${JSON.stringify(name)} mark`);
    }
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.insert(0, 'new', { highlight: { color: 'red' } })))).toBe('the editor has no "highlight" mark');
  });

  it('refuses other roots, nested shared types, embeds, binary content and subdocuments', () => {
    expect(checkUpdateContent(updateOf((doc) => doc.getMap('evil').set('a', 1)))).toBe('the section has no "evil" root');
    expect(checkUpdateContent(updateOf((doc) => doc.getText('notes').insert(0, 'x')))).toBe('the section has no "notes" root');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.setAttribute('m', new Y.Map() as never)))).toBe('the editor never nests a Yjs map in a section');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Y.Text() as never])))).toBe('the editor never nests a Yjs text type in a section');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Y.Array() as never])))).toBe('the editor never nests a Yjs array in a section');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Y.XmlFragment() as never])))).toBe('the editor never nests a Yjs XML fragment in a section');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Y.XmlHook('hook') as never])))).toBe('the editor never nests a Yjs XML hook in a section');
    expect(checkUpdateContent(updateOf((_doc, _p, text) => text.insertEmbed(0, { image: 'x' })))).toBe('the editor never embeds objects in text');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Uint8Array([1, 2]) as never])))).toBe('the editor never stores binary content');
    expect(checkUpdateContent(updateOf((_doc, paragraph) => paragraph.insert(0, [new Y.Doc() as never])))).toBe('the editor never nests documents');
  });

  it('refuses bytes that are not an update', () => {
    expect(checkUpdateContent(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe('the update cannot be decoded');
    const update = updateOf((_doc, _p, text) => text.insert(0, 'a whole sentence'));
    expect(checkUpdateContent(update.subarray(0, update.length - 6))).toBe('the update cannot be decoded');
  });

  it('finds one bad character at the end of a long update', () => {
    const update = updateOf((doc) => writeParagraphs(doc, [...Array.from({ length: 2000 }, (_, i) => ({ text: `Paragraph ${i} of ordinary prose.` })), { text: 'last\uFFFE' }]));
    expect(checkUpdateContent(update)).toBe('the text holds U+FFFE, which XML does not allow');
  });
});

describe('checkUpdateContent: speed', () => {
  /** Median time of a few checks, in milliseconds. */
  function timed(update: Uint8Array): number {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect(checkUpdateContent(update)).toBeNull();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[2]!;
  }

  it('checks a 2 MB update of one long text quickly', () => {
    const { state } = updatesOf((doc) => writeParagraphs(doc, [{ text: 'The force accepts the recommendation. '.repeat(55_000) }]));
    expect(state.length).toBeGreaterThan(2_000_000);
    const median = timed(state);
    if (process.env.COUNTERSIGN_TEST_LOG === '1') console.log(`contentPolicy: ${state.length} bytes of text, ${median.toFixed(0)} ms`);
    expect(median).toBeLessThan(250);
  });

  it('checks a 2 MB update of many small structs (paragraphs, marks, attributes) quickly', () => {
    const { state } = updatesOf((doc) => {
      // Built before it joins the document, then inserted at once: pushing one by one is slow.
      const paragraphs = Array.from({ length: 12_000 }, (_, i) => {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        const label = `Paragraph ${i}: `;
        text.insert(0, label, i % 5 === 0 ? { bold: {} } : undefined);
        text.insert(label.length, `the force will report progress quarterly, ${'and more '.repeat(6)}.`, i % 2 === 0 ? { italic: {} } : undefined);
        paragraph.insert(0, [text]);
        if (i % 3 === 0) paragraph.setAttribute('level', 1 as never);
        return paragraph;
      });
      fragment(doc).insert(0, paragraphs);
    });
    expect(state.length).toBeGreaterThan(2_000_000);
    const structs = Y.decodeUpdate(state).structs.length;
    expect(structs).toBeGreaterThan(40_000);
    const median = timed(state);
    if (process.env.COUNTERSIGN_TEST_LOG === '1') console.log(`contentPolicy: ${state.length} bytes, ${structs} structs, ${median.toFixed(0)} ms`);
    expect(median).toBeLessThan(1_000);
  });
});
