// The TipTap extension that cleans pasted (and dropped) HTML before ProseMirror parses it, and
// reports what it left out.
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Extension } from '@tiptap/react';
import { stripDisallowedCharacters } from '../../../shared/text';
import { cleanPastedHtml } from './cleanPastedHtml';
import type { DroppedContent } from './droppedMessage';

/**
 * Pasted text without the characters a section may not hold (the server refuses an edit that
 * carries one): Word's plain text breaks lines with vertical tabs and PDFs leave form feeds, so
 * those become line breaks; the rest go.
 */
function withoutForbiddenCharacters(text: string): string {
  return stripDisallowedCharacters(text.replace(/[\v\f]/g, '\n'));
}

/** Where the extension reports what each paste left out. */
export interface PasteCleanupOptions {
  /** Told after each cleaned paste what was left out (all zero when nothing was). */
  onCleaned: (dropped: DroppedContent) => void;
}

/** Cleans Word, Google Docs and web HTML on paste; see cleanPastedHtml. */
export const PasteCleanup = Extension.create<PasteCleanupOptions>({
  name: 'pasteCleanup',

  addOptions() {
    return { onCleaned: () => {} };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: {
          transformPastedHTML: (html) => {
            const cleaned = cleanPastedHtml(html);
            this.options.onCleaned(cleaned.dropped);
            return withoutForbiddenCharacters(cleaned.html);
          },
          transformPastedText: (text) => withoutForbiddenCharacters(text),
        },
      }),
    ];
  },
});
