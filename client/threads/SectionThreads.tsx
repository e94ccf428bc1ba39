import type { Editor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import type { ThreadAnchor } from '../../shared/api';
import type { Section, SectionKind } from '../../shared/model';
import { createAnchor } from './anchors';
import { CommentForm } from './CommentForm';
import { anchorTarget } from './ThreadHighlights';
import { useThreadList, useThreadsContext } from './ThreadsContext';

/** "2 open threads". */
export function openThreadsText(count: number): string {
  if (count === 0) return 'No open threads';
  return count === 1 ? '1 open thread' : `${count} open threads`;
}

function partName(kind: SectionKind): string {
  switch (kind) {
    case 'recommendation':
      return 'recommendation';
    case 'area_for_improvement':
      return 'area for improvement';
    case 'prose':
      return 'section';
  }
}

/** Whether the editor's selection holds some text. Blurring keeps ProseMirror's selection. */
function useTextSelected(editor: Editor | null): boolean {
  const [selected, setSelected] = useState(false);
  useEffect(() => {
    if (!editor) {
      setSelected(false);
      return;
    }
    const check = () => {
      if (editor.isDestroyed) return;
      const { from, to, empty } = editor.state.selection;
      setSelected(!empty && editor.state.doc.textBetween(from, to, ' ').trim() !== '');
    };
    check();
    editor.on('transaction', check);
    return () => {
      editor.off('transaction', check);
    };
  }, [editor]);
  return selected;
}

type Draft = { about: 'section' } | { about: 'passage'; anchor: ThreadAnchor };

/**
 * The comment bar under a section's editor: its count of open threads and, for members who may
 * comment, the buttons (reachable from the keyboard) and form that open a thread.
 */
export function SectionThreads({ section, label, editor }: { section: Section; label: string; editor: Editor | null }) {
  const context = useThreadsContext();
  const { threads } = useThreadList();
  const textSelected = useTextSelected(editor);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const sectionButton = useRef<HTMLButtonElement>(null);
  const passageButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<HTMLButtonElement | null>(null);

  // Back to the button that opened the form once it closes.
  useEffect(() => {
    if (draft || !returnFocusTo.current) return;
    const button = returnFocusTo.current;
    returnFocusTo.current = null;
    (button.disabled ? sectionButton.current : button)?.focus();
  }, [draft]);

  if (!context) return null;
  const { store, access, mentionable } = context;
  const open = threads.filter((thread) => thread.sectionId === section.id && thread.state === 'open').length;
  const part = partName(section.kind);

  const startOnSection = () => {
    setProblem(null);
    setMessage('');
    returnFocusTo.current = sectionButton.current;
    setDraft({ about: 'section' });
  };

  const startOnPassage = () => {
    setProblem(null);
    setMessage('');
    const target = editor && !editor.isDestroyed ? anchorTarget(editor.state) : null;
    if (!editor || !target) {
      setProblem('The text is still loading. Try again in a moment.');
      return;
    }
    const { from, to } = editor.state.selection;
    try {
      const anchor = createAnchor(target, from, to, editor.state.doc.textBetween(from, to, ' '));
      returnFocusTo.current = passageButton.current;
      setDraft({ about: 'passage', anchor });
    } catch {
      setProblem('That selection cannot be commented on. Select some text and try again.');
    }
  };

  const post = async (body: string, mentions: string[]) => {
    if (!draft) return;
    await store.open(section.id, body, draft.about === 'passage' ? draft.anchor : undefined, mentions);
    setMessage('Your comment was posted.');
    setDraft(null);
  };

  return (
    <div className="thread-bar">
      <div className="thread-bar__row" role="group" aria-label={`Comments on ${label}`}>
        <p className="thread-bar__count">{openThreadsText(open)}</p>
        {access === 'comment' && (
          <div className="thread-bar__buttons">
            <button
              className="button button--secondary button--small"
              type="button"
              ref={sectionButton}
              onClick={startOnSection}
              aria-expanded={draft?.about === 'section'}
            >
              Comment on this {part}
            </button>
            <button
              className="button button--secondary button--small"
              type="button"
              ref={passageButton}
              onClick={startOnPassage}
              disabled={!textSelected}
              aria-expanded={draft?.about === 'passage'}
            >
              Comment on selected text
            </button>
          </div>
        )}
        <p className="thread-bar__message hint" role="status">
          {message}
        </p>
      </div>
      {problem && (
        <p className="thread-error" role="alert">
          {problem}
        </p>
      )}
      {access === 'comment' && draft && (
        <CommentForm
          key={draft.about === 'passage' ? draft.anchor.start + draft.anchor.end : 'section'}
          label="Comment"
          submitText="Post comment"
          context={
            draft.about === 'passage' ? (
              <blockquote className="thread__quote comment-form__quote">{draft.anchor.quote}</blockquote>
            ) : (
              <p className="hint">On the whole {part}.</p>
            )
          }
          onSubmit={post}
          mentionable={mentionable}
          onCancel={() => setDraft(null)}
        />
      )}
    </div>
  );
}
