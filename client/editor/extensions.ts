// The TipTap extensions of a section editor: plain prose bound to the section's Yjs doc.
import Collaboration from '@tiptap/extension-collaboration';
import type { Extensions } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';
import { SafeCollaborationCaret } from './SafeCollaborationCaret';

/** Who this client is, for the caret others see (the server overwrites it with its own). */
export interface CaretUser {
  name: string;
  color: string;
}

/** The extensions for one section's editor. */
export function sectionExtensions(doc: Y.Doc, provider: WebsocketProvider, user: CaretUser): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own Yjs-aware undo; ProseMirror's history would fight it.
      undoRedo: false,
      // The trailing-paragraph rule writes to the document by itself, even for a reader.
      trailingNode: false,
    }),
    Collaboration.configure({ document: doc, field: SECTION_FRAGMENT }),
    // Others' carets, drawn only from presence that passes the shared schema (see the file).
    SafeCollaborationCaret.configure({ provider, user: { name: user.name, color: user.color } }),
  ];
}
