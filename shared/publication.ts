// What stands between a response and its publication, decided once: the server refuses to
// publish while any blocker remains, and the Publish panel lists the same blockers in advance.
import type { SectionKind, SectionState } from './model';

/** What the rule needs to know about a section. */
export interface BlockerSection {
  id: string;
  title: string;
  kind: SectionKind;
  state: SectionState;
  /** Whether the section holds no text (whitespace does not count). */
  empty?: boolean;
}

/** What the rule needs to know about a thread. */
export interface BlockerThread {
  id: string;
  sectionId: string;
  state: 'open' | 'resolved';
  /** The passage or the first comment, for the message. */
  summary: string;
}

/** What the rule needs to know about a suggestion. */
export interface BlockerSuggestion {
  id: string;
  sectionId: string;
  state: 'open' | 'accepted' | 'rejected' | 'stale';
}

/** One reason the response cannot be published yet, with the place to fix it. */
export type PublicationBlocker =
  | { kind: 'no_sections' }
  | { kind: 'not_signed_off'; sectionId: string; title: string }
  | { kind: 'empty_response'; sectionId: string; title: string }
  | { kind: 'open_thread'; threadId: string; sectionId: string; title: string; summary: string }
  | { kind: 'open_suggestion'; suggestionId: string; sectionId: string; title: string };

/** Every blocker, in document order of the sections; empty when the response may be published. */
export function publicationBlockers(sections: BlockerSection[], threads: BlockerThread[], suggestions: BlockerSuggestion[] = []): PublicationBlocker[] {
  if (sections.length === 0) return [{ kind: 'no_sections' }];
  const blockers: PublicationBlocker[] = [];
  const titles = new Map(sections.map((section) => [section.id, section.title]));
  for (const section of sections) {
    if (section.kind === 'recommendation' && section.empty) {
      blockers.push({ kind: 'empty_response', sectionId: section.id, title: section.title });
    }
    if (section.state !== 'signed_off') blockers.push({ kind: 'not_signed_off', sectionId: section.id, title: section.title });
  }
  for (const thread of threads) {
    if (thread.state !== 'open') continue;
    const title = titles.get(thread.sectionId) ?? 'a removed section';
    blockers.push({ kind: 'open_thread', threadId: thread.id, sectionId: thread.sectionId, title, summary: thread.summary });
  }
  for (const suggestion of suggestions) {
    if (suggestion.state !== 'open') continue;
    const title = titles.get(suggestion.sectionId) ?? 'a removed section';
    blockers.push({ kind: 'open_suggestion', suggestionId: suggestion.id, sectionId: suggestion.sectionId, title });
  }
  return blockers;
}

/** A blocker in words for the PCC. */
export function describeBlocker(blocker: PublicationBlocker): string {
  switch (blocker.kind) {
    case 'no_sections':
      return 'The response has no sections';
    case 'not_signed_off':
      return `${blocker.title} is not signed off`;
    case 'empty_response':
      return `${blocker.title} has no response (Police Act 1996 s.55(5B))`;
    case 'open_thread':
      return `An open thread on ${blocker.title} must be resolved: "${blocker.summary}"`;
    case 'open_suggestion':
      return `A suggestion on ${blocker.title} must be accepted or rejected`;
  }
}
