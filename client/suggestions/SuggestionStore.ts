// A response's suggestions on the client: fetched when the page opens (and again after the event
// socket reconnects), kept live from the suggestions the socket pushes whole, and made and
// decided through the HTTP API.
import type { Suggestion, SuggestionDecisionsBody } from '../../shared/api';
import { suggestionDecisionsBodySchema, suggestionListBodySchema, suggestionSchema, threadCommentSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';

/** What the page shows of the suggestions. */
export interface SuggestionsState {
  /** Every suggestion of the response, oldest first. */
  suggestions: readonly Suggestion[];
  status: 'loading' | 'ready' | 'failed';
  /** Why the last fetch failed, if it did. */
  error: string | null;
}

/** The passage of a new suggestion: two base64 Yjs relative positions (equal for a pure insertion). */
export interface SuggestionEnds {
  start: string;
  end: string;
}

function byCreation(a: Suggestion, b: Suggestion): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The suggestions of one response. */
export class SuggestionStore {
  private readonly byId = new Map<string, Suggestion>();
  // As in ThreadStore: the socket delivers each suggestion's states in order, but an HTTP answer
  // may arrive after a newer push; an answer is applied only if no push for it came meanwhile.
  private pushes = 0;
  private readonly lastPush = new Map<string, number>();
  private state: SuggestionsState = { suggestions: [], status: 'loading', error: null };
  private readonly listeners = new Set<() => void>();
  private readonly responsePath: string;

  constructor(responseId: string) {
    this.responsePath = `/api/responses/${encodeURIComponent(responseId)}`;
  }

  getSnapshot = (): SuggestionsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Fetches every suggestion; what is already known stays if the fetch fails. */
  async load(): Promise<void> {
    const since = this.pushes;
    try {
      const body = await api('GET', `${this.responsePath}/suggestions`, suggestionListBodySchema);
      for (const suggestion of body.suggestions) this.take(suggestion, since);
      this.publish({ status: 'ready', error: null });
    } catch (error) {
      this.publish({ status: this.state.status === 'ready' ? 'ready' : 'failed', error: errorMessage(error) });
    }
  }

  /** A suggestion the server pushed: its newest state. */
  receive(suggestion: Suggestion): void {
    this.pushes += 1;
    this.lastPush.set(suggestion.id, this.pushes);
    this.byId.set(suggestion.id, suggestion);
    this.publish();
  }

  /** Suggests replacing a passage of a section with `insert`. */
  async create(sectionId: string, anchor: SuggestionEnds, insert: string): Promise<Suggestion> {
    return this.applyAnswer(() =>
      api('POST', `${this.responsePath}/sections/${encodeURIComponent(sectionId)}/suggestions`, suggestionSchema, {
        anchor: { start: anchor.start, end: anchor.end },
        insert,
      }),
    );
  }

  /** Accepts a suggestion: the server makes its change. */
  accept(suggestionId: string): Promise<Suggestion> {
    return this.applyAnswer(() => api('POST', `${this.suggestionPath(suggestionId)}/accept`, suggestionSchema));
  }

  /** Rejects a suggestion: the text stays as it is. */
  reject(suggestionId: string): Promise<Suggestion> {
    return this.applyAnswer(() => api('POST', `${this.suggestionPath(suggestionId)}/reject`, suggestionSchema));
  }

  /** Accepts or rejects every open suggestion of one member the caller may decide. */
  async decideAllBy(userId: string, decision: 'accept' | 'reject'): Promise<SuggestionDecisionsBody> {
    const since = this.pushes;
    const body = await api('POST', `${this.responsePath}/suggestions/decide`, suggestionDecisionsBodySchema, { by: userId, decision });
    for (const suggestion of body.decided) this.take(suggestion, since);
    this.publish();
    return body;
  }

  /** Adds a reply to a suggestion's thread. */
  async reply(suggestionId: string, body: string, mentions: string[] = []): Promise<void> {
    const since = this.pushes;
    const comment = await api('POST', `${this.suggestionPath(suggestionId)}/comments`, threadCommentSchema, { body, ...(mentions.length > 0 ? { mentions } : {}) });
    const suggestion = this.byId.get(suggestionId);
    if (!suggestion) return;
    this.take({ ...suggestion, comments: [...suggestion.comments.filter((c) => c.id !== comment.id), comment] }, since);
    this.publish();
  }

  private async applyAnswer(request: () => Promise<Suggestion>): Promise<Suggestion> {
    const since = this.pushes;
    const suggestion = await request();
    this.take(suggestion, since);
    this.publish();
    return suggestion;
  }

  private suggestionPath(suggestionId: string): string {
    return `${this.responsePath}/suggestions/${encodeURIComponent(suggestionId)}`;
  }

  private take(suggestion: Suggestion, since: number): void {
    if ((this.lastPush.get(suggestion.id) ?? 0) > since) return;
    this.byId.set(suggestion.id, suggestion);
  }

  private publish(change: Partial<Pick<SuggestionsState, 'status' | 'error'>> = {}): void {
    this.state = { ...this.state, ...change, suggestions: [...this.byId.values()].sort(byCreation) };
    for (const listener of [...this.listeners]) listener();
  }
}
