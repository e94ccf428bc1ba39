import type { Editor } from '@tiptap/react';
import { useId, useMemo, useState } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canEdit, whyReadOnly } from '../../shared/permissions';
import { roleColor, roleLabel } from '../../shared/roles';
import { SectionEditor } from '../editor/SectionEditor';
import { SectionHistoryControls } from '../history/SectionHistoryControls';
import { ChiefCommentsDue } from '../setup/ChiefCommentsDue';
import { useReportSectionText } from '../signoff/sectionTexts';
import { AskForSignOff } from '../signoff/AskForSignOff';
import { SignOffControls } from '../signoff/SignOffControls';
import { useSectionSuggestions } from '../suggestions/SuggestionsContext';
import { SuggestModeBar } from '../suggestions/SuggestModeBar';
import { SectionThreads } from '../threads/SectionThreads';
import { useThreadExtensions } from '../threads/ThreadsContext';
import { ownerText, SectionMeta } from './SectionMeta';

/** What every section's body needs from the page. */
export interface SectionContext {
  response: ResponseDetail;
  userName: string;
  /** The live connection ended for good: nothing may be edited any more. */
  stopped: boolean;
  onChanged: () => void;
  onStopped: (code: number) => void;
}

/** A section's owner and state, why it is read-only, its editor and its sign-off controls. */
export function SectionBody({ section, label, context }: { section: Section; label: string; context: SectionContext }) {
  const { response } = context;
  const whyId = useId();
  const [editor, setEditor] = useState<Editor | null>(null);
  const threadExtensions = useThreadExtensions(section.id);
  useReportSectionText(response.id, section.id, editor);
  const suggest = useSectionSuggestions(section, context.stopped);
  const suggestHintId = useId();
  const suggestionExtensions = suggest.extensions;
  const moreExtensions = useMemo(
    () => (threadExtensions || suggestionExtensions ? () => [...(threadExtensions?.() ?? []), ...(suggestionExtensions?.() ?? [])] : undefined),
    [threadExtensions, suggestionExtensions],
  );
  const editable = canEdit(response.me, section, response) && !context.stopped;
  const why = context.stopped
    ? 'Not connected: changes cannot be saved'
    : whyReadOnly(response.me, section, response, roleLabel(section.ownerRole));
  // "Owned by X" is what the owner badge already says: describe the editor by the badge.
  const badgeSaysWhy = why === ownerText(section.ownerRole);
  return (
    <>
      <SectionMeta section={section} ownerId={badgeSaysWhy ? whyId : undefined} />
      <ChiefCommentsDue response={response} section={section} />
      {why && !badgeSaysWhy && (
        <p className="readonly-note" id={whyId}>
          {why}
        </p>
      )}
      {suggest.available && <SuggestModeBar mode={suggest.mode} label={label} hintId={suggestHintId} writer={editable} />}
      <SectionEditor
        responseId={response.id}
        sectionId={section.id}
        label={label}
        editable={editable}
        suggesting={suggest.suggesting}
        describedBy={[why ? whyId : '', suggest.suggesting ? suggestHintId : ''].filter(Boolean).join(' ') || undefined}
        user={{ name: context.userName, color: roleColor(response.me.role) }}
        onStopped={context.onStopped}
        moreExtensions={moreExtensions}
        onEditor={setEditor}
      />
      <SectionThreads section={section} label={label} editor={editor} />
      <SignOffControls response={response} section={section} onChanged={context.onChanged} userName={context.userName} editor={editor} />
      <AskForSignOff response={response} section={section} />
      <SectionHistoryControls response={response} section={section} label={label} editor={editor} stopped={context.stopped} />
    </>
  );
}
