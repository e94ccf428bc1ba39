import { Editor, type Extensions } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import { usePageSync } from '../sync/PageSyncContext';
import { connectSection, type SectionConnection } from '../sync/SectionConnection';
import { useSectionPresenceStore } from '../sections/SectionPresence';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';
import type { SaveState } from '../sync/SaveTracker';
import { useSectionLocalCopy } from '../sync/useSectionLocalCopy';
import { EditorToolbar } from './EditorToolbar';
import { queueBuild } from './buildQueue';
import { sectionExtensions, type CaretUser, type EditorHooks } from './extensions';
import { LinkDialog } from './LinkDialog';
import { startLinkEdit, type LinkStart } from './linkEdit';
import { LostChangesAlert, type LostChanges } from './LostChangesAlert';
import { droppedMessage } from './paste/droppedMessage';
import { ShortcutsDialog } from './ShortcutsDialog';

interface SectionEditorProps {
  responseId: string;
  sectionId: string;
  /** The editor's accessible name. */
  label: string;
  editable: boolean;
  /** Suggest mode: the editor takes typing, which its extensions turn into suggestions, never into the text. */
  suggesting?: boolean;
  /** The id of the text that says why the editor is read-only, if it is. */
  describedBy?: string;
  user: CaretUser;
  /** Reports the end of the live connection for good (4401, 4403). */
  onStopped?: (code: number) => void;
  /** More extensions (the threads' highlights), made afresh for each editor instance. */
  moreExtensions?: () => Extensions;
  /** Reports the editor instance whenever it is (re)built, and null when it is gone. */
  onEditor?: (editor: Editor | null) => void;
}

/** How long a rebuilt section may take to sync before refused edits are reported anyway. */
const LOST_CHECK_TIMEOUT_MS = 10_000;
/** How long the editor waits for the server's text before it is built without it. */
const BUILD_WAIT_MS = 2_000;

/** The dialog open over the editor, if any. */
type EditorDialog = { kind: 'link'; start: LinkStart } | { kind: 'shortcuts'; returnTo: HTMLElement | null } | null;

/** What the last paste left out, numbered so that the same message twice is announced twice. */
interface PasteNote {
  message: string;
  count: number;
}

function editorAttributes(id: string, label: string, editable: boolean, describedBy: string | undefined, suggesting = false): Record<string, string> {
  const attributes: Record<string, string> = {
    id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    class: suggesting ? 'editor__content editor__content--suggesting' : editable ? 'editor__content' : 'editor__content editor__content--readonly',
    // The response is written in British English; the browser's spelling checker follows it.
    lang: 'en-GB',
    spellcheck: 'true',
    // Reachable from the keyboard even when read-only, so it can be read and copied from.
    tabindex: '0',
  };
  if (!editable && !suggesting) attributes['aria-readonly'] = 'true';
  if (describedBy) attributes['aria-describedby'] = describedBy;
  return attributes;
}

/**
 * A section's text: a TipTap editor on the section's own Yjs doc and sync room. Read-only
 * editors stay connected and update live. If the server refuses edits (the section locked
 * while they were in flight), the local text is kept in an alert and the doc is rebuilt
 * from the server, so the editor shows what is really stored.
 */
export function SectionEditor(props: SectionEditorProps) {
  const { responseId, sectionId, label, editable, describedBy } = props;
  const suggesting = props.suggesting ?? false;
  const hostRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [generation, setGeneration] = useState(0);
  const [lost, setLost] = useState<LostChanges | null>(null);
  // Refused edits waiting for the rebuilt document to sync, to check they are really missing.
  const pendingLost = useRef<LostChanges | null>(null);
  const registry = useSaveStatusRegistry();
  // The page's one socket (this section is a channel on it) and the browser copies it found.
  const pageSync = usePageSync();
  const presence = useSectionPresenceStore();
  // The section's copy in this browser, held back while refused edits are shown.
  const localCopy = useSectionLocalCopy(responseId, sectionId);
  const connectionRef = useRef<SectionConnection | null>(null);
  // Read when the editor is (re)built; later changes go through the effect below.
  const current = useRef(props);
  current.current = props;
  const editorId = useId();
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [dialog, setDialog] = useState<EditorDialog>(null);
  const [pasteNote, setPasteNote] = useState<PasteNote>({ message: '', count: 0 });
  const afterDialog = useRef<(() => void) | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !pageSync) return;
    const connection = connectSection({
      connection: pageSync.connection,
      sectionId,
      localCopy: localCopy.forConnection(),
      copiesAtOpen: pageSync.copiesAtOpen,
    });
    connectionRef.current = connection;
    let instance: Editor | null = null;
    // The editor's keys and pastes, told to this component (read when they happen).
    const hooks: EditorHooks = {
      onLink: () => {
        if (!current.current.editable || current.current.suggesting || !instance || instance.isDestroyed) return false;
        setDialog({ kind: 'link', start: startLinkEdit(instance) });
        return true;
      },
      onToolbar: () => {
        const button = toolbarRef.current?.querySelector<HTMLElement>('[tabindex="0"]');
        button?.focus();
        return Boolean(button);
      },
      onPasteCleaned: (dropped) => setPasteNote((note) => ({ message: droppedMessage(dropped), count: note.count + 1 })),
    };
    // The editor is built once the document holds the server's text (or the server is out of
    // reach, or slow): it is then drawn once, with its text, not drawn empty and again when the
    // text arrives; and a page's editors are built as their sections sync (in batches, see
    // buildQueue), not all in the task that opens their channels, so the server answers while
    // they are being built.
    let unqueue = () => {};
    const build = () => {
      if (instance) return;
      unqueue();
      clearTimeout(buildTimer);
      const options = current.current;
      instance = new Editor({
        element: host,
        extensions: [
          ...sectionExtensions(connection.doc, connection.provider, options.user, hooks),
          ...(options.moreExtensions?.() ?? []),
        ],
        editable: options.editable || Boolean(options.suggesting),
        // Styles live in styles.css; injecting a <style> element would need a CSP exception.
        injectCSS: false,
        editorProps: { attributes: editorAttributes(editorId, options.label, options.editable, options.describedBy, options.suggesting) },
      });
      setEditor(instance);
      // A rebuilt editor settles the refusal that rebuilt it once it shows the server's text.
      if (pendingLost.current && connection.tracker.getSnapshot().synced) settlePending();
    };
    const buildTimer = setTimeout(build, BUILD_WAIT_MS);
    const untrack = registry?.track(sectionId, connection.tracker);
    const unwatchPresence = presence?.track(sectionId, connection.provider.awareness);
    const text = () => (!instance || instance.isDestroyed ? '' : instance.getText({ blockSeparator: '\n\n' }));

    // A refusal can be a false alarm: edits stored just before the section locked, whose acks
    // were lost with the connection, are refused when resent. So the alert waits until the
    // rebuilt document holds the server's text, and shows only if that text differs.
    const settlePending = () => {
      const pending = pendingLost.current;
      pendingLost.current = null;
      if (pending && pending.text !== text()) setLost(pending);
      else if (pending) localCopy.release(connection);
    };
    const fallback = pendingLost.current ? setTimeout(settlePending, LOST_CHECK_TIMEOUT_MS) : null;

    let handledRefusal = false;
    let reportedStop: number | null = null;
    const onTrackerChange = (state: SaveState) => {
      if (!instance && (state.synced || state.lostContact || state.stoppedCode !== null)) unqueue = queueBuild(build);
      if (instance && state.synced && pendingLost.current) settlePending();
      if (state.refused > 0 && !handledRefusal) {
        handledRefusal = true;
        // The text to keep is the editor's: built now if it was still waiting for its batch.
        build();
        pendingLost.current = { count: state.refused, reason: state.refusedReason, text: text() };
        localCopy.hold();
        // Rebuild from the server: a fresh doc holds only stored text.
        setGeneration((n) => n + 1);
      }
      if (state.stoppedCode !== null && state.stoppedCode !== reportedStop) {
        reportedStop = state.stoppedCode;
        current.current.onStopped?.(state.stoppedCode);
      }
    };
    const unsubscribe = connection.tracker.subscribe(() => onTrackerChange(connection.tracker.getSnapshot()));
    return () => {
      if (fallback) clearTimeout(fallback);
      clearTimeout(buildTimer);
      unqueue();
      unsubscribe();
      untrack?.();
      unwatchPresence?.();
      instance?.destroy();
      connection.destroy();
      if (connectionRef.current === connection) connectionRef.current = null;
      host.replaceChildren();
      setEditor(null);
    };
  }, [responseId, sectionId, generation, registry, presence, localCopy, editorId, pageSync]);

  useEffect(() => {
    current.current.onEditor?.(editor);
  }, [editor]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== (editable || suggesting)) editor.setEditable(editable || suggesting);
    editor.setOptions({ editorProps: { attributes: editorAttributes(editorId, label, editable, describedBy, suggesting) } });
  }, [editor, editable, suggesting, label, describedBy, editorId]);

  // Focus goes back once the dialog has left the page: while a modal dialog is open, the rest is inert.
  useEffect(() => {
    if (dialog || !afterDialog.current) return;
    const place = afterDialog.current;
    afterDialog.current = null;
    place();
  }, [dialog]);
  const closeDialog = (returnTo: HTMLElement | null) => {
    afterDialog.current = () => {
      if (returnTo?.isConnected) returnTo.focus();
      else editor?.commands.focus();
    };
    setDialog(null);
  };
  const formatting = editable && !suggesting && editor && !editor.isDestroyed;

  return (
    <div className="editor">
      {lost && (
        <LostChangesAlert
          lost={lost}
          sectionLabel={label}
          onDismiss={() => {
            setLost(null);
            localCopy.release(connectionRef.current);
          }}
        />
      )}
      {formatting && (
        <EditorToolbar
          ref={toolbarRef}
          editor={editor}
          label={label}
          editorId={editorId}
          actions={{
            openLink: () => setDialog({ kind: 'link', start: startLinkEdit(editor) }),
            openShortcuts: () => setDialog({ kind: 'shortcuts', returnTo: document.activeElement as HTMLElement | null }),
          }}
        />
      )}
      <div className="editor__host" ref={hostRef} aria-busy={editor ? undefined : true} />
      {formatting && (
        <p className="editor__paste-note" role="status">
          {pasteNote.message && <span key={pasteNote.count}>{pasteNote.message}</span>}
        </p>
      )}
      {formatting && dialog?.kind === 'link' && <LinkDialog editor={editor} start={dialog.start} onClose={() => closeDialog(null)} />}
      {formatting && dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={() => closeDialog(dialog.returnTo)} />}
    </div>
  );
}
