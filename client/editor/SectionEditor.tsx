import { Editor, type Extensions } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { connectSection, type SectionConnection } from '../sync/SectionConnection';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';
import type { SaveState } from '../sync/SaveTracker';
import { useSectionLocalCopy } from '../sync/useSectionLocalCopy';
import { sectionExtensions, type CaretUser } from './extensions';
import { LostChangesAlert, type LostChanges } from './LostChangesAlert';

interface SectionEditorProps {
  responseId: string;
  sectionId: string;
  /** The editor's accessible name. */
  label: string;
  editable: boolean;
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

function editorAttributes(label: string, editable: boolean, describedBy: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    class: editable ? 'editor__content' : 'editor__content editor__content--readonly',
    // Reachable from the keyboard even when read-only, so it can be read and copied from.
    tabindex: '0',
  };
  if (!editable) attributes['aria-readonly'] = 'true';
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
  const hostRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [generation, setGeneration] = useState(0);
  const [lost, setLost] = useState<LostChanges | null>(null);
  // Refused edits waiting for the rebuilt document to sync, to check they are really missing.
  const pendingLost = useRef<LostChanges | null>(null);
  const registry = useSaveStatusRegistry();
  // The section's copy in this browser, held back while refused edits are shown.
  const localCopy = useSectionLocalCopy(responseId, sectionId);
  const connectionRef = useRef<SectionConnection | null>(null);
  // Read when the editor is (re)built; later changes go through the effect below.
  const current = useRef(props);
  current.current = props;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const connection = connectSection({ responseId, sectionId, localCopy: localCopy.forConnection() });
    connectionRef.current = connection;
    const options = current.current;
    const instance = new Editor({
      element: host,
      extensions: [
        ...sectionExtensions(connection.doc, connection.provider, options.user),
        ...(options.moreExtensions?.() ?? []),
      ],
      editable: options.editable,
      // Styles live in styles.css; injecting a <style> element would need a CSP exception.
      injectCSS: false,
      editorProps: { attributes: editorAttributes(options.label, options.editable, options.describedBy) },
    });
    setEditor(instance);
    const untrack = registry?.track(sectionId, connection.tracker);
    const text = () => (instance.isDestroyed ? '' : instance.getText({ blockSeparator: '\n\n' }));

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
      if (state.synced && pendingLost.current) settlePending();
      if (state.refused > 0 && !handledRefusal) {
        handledRefusal = true;
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
      unsubscribe();
      untrack?.();
      instance.destroy();
      connection.destroy();
      if (connectionRef.current === connection) connectionRef.current = null;
      host.replaceChildren();
      setEditor(null);
    };
  }, [responseId, sectionId, generation, registry, localCopy]);

  useEffect(() => {
    current.current.onEditor?.(editor);
  }, [editor]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable, describedBy) } });
  }, [editor, editable, label, describedBy]);

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
      <div className="editor__host" ref={hostRef} />
    </div>
  );
}
