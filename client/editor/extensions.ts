// The TipTap extensions of a section editor: prose bound to the section's Yjs doc, with two
// levels of heading, lists, links, simple tables and a clean-up of pasted HTML.
import Collaboration from '@tiptap/extension-collaboration';
import { TableKit } from '@tiptap/extension-table';
import type { Extensions } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';
import { EditorKeys, type EditorKeysOptions } from './EditorKeys';
import { isAllowedLinkUri } from './linkAddress';
import type { DroppedContent } from './paste/droppedMessage';
import { PasteCleanup } from './paste/PasteCleanup';
import { SafeCollaborationCaret } from './SafeCollaborationCaret';
import { SectionHeading } from './SectionHeading';

/** Who this client is, for the caret others see (the server overwrites it with its own). */
export interface CaretUser {
  name: string;
  color: string;
}

/** What the editor tells the component around it: keys for its toolbar, and what a paste left out. */
export interface EditorHooks extends EditorKeysOptions {
  onPasteCleaned: (dropped: DroppedContent) => void;
}

const NO_HOOKS: EditorHooks = { onLink: () => false, onToolbar: () => false, onPasteCleaned: () => {} };

/** What the carets need of the section's provider: its presence. */
export interface PresenceProvider {
  awareness: Awareness;
}

/** The extensions for one section's editor. */
export function sectionExtensions(doc: Y.Doc, provider: PresenceProvider, user: CaretUser, hooks: EditorHooks = NO_HOOKS): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own Yjs-aware undo; ProseMirror's history would fight it.
      undoRedo: false,
      // The trailing-paragraph rule writes to the document by itself, even for a reader.
      trailingNode: false,
      // Two levels only, drawn as h3 and h4 under the section's h2 title.
      heading: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (uri) => isAllowedLinkUri(uri),
        // Links open where they are: no new window without warning.
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' },
      },
    }),
    SectionHeading,
    // Tables in every section; columns are not resizable (sizes are the browser's, so tables reflow).
    TableKit.configure({ table: { resizable: false } }),
    Collaboration.configure({ document: doc, field: SECTION_FRAGMENT }),
    // Others' carets, drawn only from presence that passes the shared schema (see the file).
    SafeCollaborationCaret.configure({ provider, user: { name: user.name, color: user.color } }),
    PasteCleanup.configure({ onCleaned: hooks.onPasteCleaned }),
    EditorKeys.configure({ onLink: hooks.onLink, onToolbar: hooks.onToolbar }),
  ];
}
