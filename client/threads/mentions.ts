// "@" mentions in a comment, as pure functions: the query being typed before the caret, the
// members it matches, the text once one is chosen, and which chosen members are still named.

/** A member that may be mentioned. */
export interface MentionCandidate {
  userId: string;
  name: string;
  role: string;
}

/** The "@..." being typed just before the caret: where it starts and what follows the "@". */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}'’. -]{0,40})$/u.exec(before);
  // A space after the name ends it (as after a chosen "@Name ").
  if (!match || /\s$/u.test(match[2]!)) return null;
  const start = before.length - match[2]!.length - 1;
  return { start, query: match[2]! };
}

/** The members whose name (or a word of it) starts with the query, best first, at most `limit`. */
export function matchingMembers(candidates: MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.trim().toLowerCase();
  const scored = candidates
    .map((candidate) => {
      const name = candidate.name.toLowerCase();
      const score = q === '' ? 1 : name.startsWith(q) ? 3 : name.split(/\s+/).some((word) => word.startsWith(q)) ? 2 : name.includes(q) ? 1 : 0;
      return { candidate, score };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.name.localeCompare(b.candidate.name));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** The text with the "@query" at `start` replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** The chosen members whose "@Name" is still in the text. */
export function mentionedIn(text: string, chosen: MentionCandidate[]): string[] {
  return [...new Set(chosen.filter((member) => text.includes(`@${member.name}`)).map((member) => member.userId))];
}
