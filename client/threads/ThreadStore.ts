// A response's comment threads on the client: fetched when the page opens (and again after the
// event socket reconnects), kept live from the threads the socket pushes whole, and changed
// through the HTTP API.
import type { Thread, ThreadAnchor, ThreadComment, ThreadListBody } from '../../shared/api';
import { threadCommentSchema, threadListBodySchema, threadSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api, apiCall } from '../api/http';

/** What the page shows of the threads. */
export interface ThreadsState {
  /** Every thread of the response, oldest first. */
  threads: readonly Thread[];
  status: 'loading' | 'ready' | 'failed';
  /** Why the last fetch failed, if it did. */
  error: string | null;
}

function byCreation(a: Thread, b: Thread): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The threads of one response. */
export class ThreadStore {
  private readonly byId = new Map<string, Thread>();
  // The socket delivers each thread's states in order, but an HTTP answer may arrive after a
  // newer push. So an answer is applied only if no push for its thread came while it was on
  // its way: otherwise the socket has, or is about to deliver, a state at least as new.
  private pushes = 0;
  private readonly lastPush = new Map<string, number>();
  private state: ThreadsState = { threads: [], status: 'loading', error: null };
  private readonly listeners = new Set<() => void>();
  private readonly base: string;

  constructor(responseId: string) {
    this.base = `/api/responses/${encodeURIComponent(responseId)}/threads`;
  }

  getSnapshot = (): ThreadsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Fetches every thread; what is already known stays if the fetch fails. */
  async load(): Promise<void> {
    const since = this.pushes;
    try {
      const body = await api('GET', this.base, threadListBodySchema);
      for (const thread of body.threads) this.accept(thread, since);
      this.publish({ status: 'ready', error: null });
    } catch (error) {
      this.publish({ status: this.state.status === 'ready' ? 'ready' : 'failed', error: errorMessage(error) });
    }
  }

  /** A thread the server pushed: its newest state. */
  receive(thread: Thread): void {
    this.pushes += 1;
    this.lastPush.set(thread.id, this.pushes);
    this.byId.set(thread.id, thread);
    this.publish();
  }

  /** Opens a thread on a section, or on a passage of it when `anchor` is given. */
  async open(sectionId: string, body: string, anchor?: ThreadAnchor, mentions: string[] = []): Promise<Thread> {
    const since = this.pushes;
    const thread = await api('POST', this.base, threadSchema, { sectionId, body, ...(anchor ? { anchor } : {}), ...(mentions.length > 0 ? { mentions } : {}) });
    this.accept(thread, since);
    this.publish();
    return thread;
  }

  /** Adds a reply at the end of a thread. */
  async reply(threadId: string, body: string, mentions: string[] = []): Promise<void> {
    const since = this.pushes;
    const comment = await api('POST', `${this.threadPath(threadId)}/comments`, threadCommentSchema, mentions.length > 0 ? { body, mentions } : { body });
    this.changeComments(threadId, since, (comments) => [...comments.filter((c) => c.id !== comment.id), comment]);
  }

  /** Marks a thread resolved, or open again. */
  async setResolved(threadId: string, resolved: boolean): Promise<void> {
    const since = this.pushes;
    const thread = await api('POST', `${this.threadPath(threadId)}/${resolved ? 'resolve' : 'reopen'}`, threadSchema);
    this.accept(thread, since);
    this.publish();
  }

  /** Changes the text of one's own comment. */
  async editComment(threadId: string, commentId: string, body: string): Promise<void> {
    const since = this.pushes;
    const comment = await api('PATCH', this.commentPath(threadId, commentId), threadCommentSchema, { body });
    this.changeComments(threadId, since, (comments) => comments.map((c) => (c.id === comment.id ? comment : c)));
  }

  /** Deletes one's own comment; it keeps its place in the thread. */
  async deleteComment(threadId: string, commentId: string): Promise<void> {
    const since = this.pushes;
    await apiCall('DELETE', this.commentPath(threadId, commentId));
    this.changeComments(threadId, since, (comments) =>
      comments.map((c) => (c.id === commentId ? { ...c, body: '', deleted: true } : c)),
    );
  }

  private threadPath(threadId: string): string {
    return `${this.base}/${encodeURIComponent(threadId)}`;
  }

  private commentPath(threadId: string, commentId: string): string {
    return `${this.threadPath(threadId)}/comments/${encodeURIComponent(commentId)}`;
  }

  private accept(thread: Thread, since: number): void {
    if ((this.lastPush.get(thread.id) ?? 0) > since) return;
    this.byId.set(thread.id, thread);
  }

  private changeComments(threadId: string, since: number, change: (comments: ThreadComment[]) => ThreadComment[]): void {
    const thread = this.byId.get(threadId);
    if (!thread) return;
    this.accept({ ...thread, comments: change(thread.comments) }, since);
    this.publish();
  }

  private publish(change: Partial<Pick<ThreadsState, 'status' | 'error'>> = {}): void {
    this.state = { ...this.state, ...change, threads: [...this.byId.values()].sort(byCreation) };
    for (const listener of [...this.listeners]) listener();
  }
}
