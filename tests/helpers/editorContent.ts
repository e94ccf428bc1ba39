// Content written into a section document the way the editor writes it: ProseMirror documents
// of the editor's schema (StarterKit with TableKit), turned into Yjs by y-prosemirror's own code.
import { getSchema, type JSONContent } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { updateYFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';

/** The editor's schema: what client/editor/extensions.ts binds, with the tables of the editor issue. */
export const editorSchema = getSchema([StarterKit, TableKit]);

/** y-prosemirror's record of which Yjs type stands for which node; keep one per document across edits. */
export type EditorBinding = Parameters<typeof updateYFragment>[3];

/** A fresh binding for a document. */
export function newBinding(): EditorBinding {
  return { mapping: new Map(), isOMark: new Map() };
}

/** Makes the section document hold `content` (a ProseMirror doc as JSON), as an edit in the editor would. */
export function writeAsEditor(doc: Y.Doc, content: JSONContent, binding: EditorBinding = newBinding()): void {
  updateYFragment(doc, doc.getXmlFragment(SECTION_FRAGMENT), ProseMirrorNode.fromJSON(editorSchema, content), binding);
}
