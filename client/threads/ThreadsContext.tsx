// The response page's threads, shared by the section editors, their comment bars and the panel.
import type { Extensions } from '@tiptap/react';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ResponseDetail, Thread } from '../../shared/api';
import type { Membership, ResponseState } from '../../shared/model';
import { canComment } from '../../shared/permissions';
import { PassageRegistry, type PassageStatus } from './PassageRegistry';
import { ThreadHighlights } from './ThreadHighlights';
import { ThreadStore, type ThreadsState } from './ThreadStore';

/** What the signed-in member may do with threads: write, only read, or only read for good. */
export type ThreadAccess = 'comment' | 'read' | 'published';

/** A member's access to a response's threads. */
export function threadAccess(response: ResponseDetail): ThreadAccess {
  if (response.state === 'published') return 'published';
  return canComment(response.me, response) ? 'comment' : 'read';
}

/** The page's threads and the passages its editors found. */
export interface PageThreads {
  store: ThreadStore;
  passages: PassageRegistry;
  /** For the response's event stream: pushed threads, and each (re)opening of the socket. */
  listeners: { onThread(thread: Thread): void; onOpen(): void };
}

interface ThreadsContextValue {
  store: ThreadStore;
  passages: PassageRegistry;
  access: ThreadAccess;
  userId: string;
  /** The member's seat and the response's state, for the shared rules. */
  me: Membership;
  responseState: ResponseState;
  /** The members a comment may mention (everyone but the signed-in person). */
  mentionable: Mentionable[];
}

/** A member offered after "@" in a comment. */
export interface Mentionable {
  userId: string;
  name: string;
  role: string;
}

const ThreadsContext = createContext<ThreadsContextValue | null>(null);

/** Creates the page's threads once and fetches them. */
export function usePageThreads(responseId: string): PageThreads {
  const [threads] = useState<PageThreads>(() => {
    const store = new ThreadStore(responseId);
    return {
      store,
      passages: new PassageRegistry(),
      listeners: {
        onThread: (thread) => store.receive(thread),
        // Threads pushed while the socket was closed (or before it first opened) were missed.
        onOpen: () => void store.load(),
      },
    };
  });
  useEffect(() => {
    void threads.store.load();
  }, [threads]);
  return threads;
}

/** Makes the page's threads available to the sections and the panel. */
export function ThreadsProvider({
  threads,
  response,
  userId,
  children,
}: {
  threads: PageThreads;
  response: ResponseDetail;
  userId: string;
  children: ReactNode;
}) {
  const access = threadAccess(response);
  const { store, passages } = threads;
  const { me, state, members } = response;
  const mentionable = useMemo(() => members.filter((m) => m.userId !== userId).map(({ userId: id, name, role }) => ({ userId: id, name, role })), [members, userId]);
  const value = useMemo(
    () => ({ store, passages, access, userId, me, responseState: state, mentionable }),
    [store, passages, access, userId, me, state, mentionable],
  );
  return <ThreadsContext.Provider value={value}>{children}</ThreadsContext.Provider>;
}

/** The page's threads, or null outside a ThreadsProvider. */
export function useThreadsContext(): ThreadsContextValue | null {
  return useContext(ThreadsContext);
}

const NO_THREADS: ThreadsState = { threads: [], status: 'loading', error: null };
const noSubscription = () => () => {};

/** Every thread of the response, re-rendering when any changes. */
export function useThreadList(): ThreadsState {
  const store = useContext(ThreadsContext)?.store;
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? (() => NO_THREADS));
}

const NO_PASSAGES: ReadonlyMap<string, PassageStatus> = new Map();

/** Where each anchored thread's passage is now, by thread id. */
export function usePassageStatuses(): ReadonlyMap<string, PassageStatus> {
  const passages = useContext(ThreadsContext)?.passages;
  return useSyncExternalStore(passages?.subscribe ?? noSubscription, passages?.getSnapshot ?? (() => NO_PASSAGES));
}

/** The editor extensions that show a section's threads (a factory: one set per editor). */
export function useThreadExtensions(sectionId: string): (() => Extensions) | undefined {
  const context = useContext(ThreadsContext);
  const store = context?.store;
  const passages = context?.passages;
  return useMemo(
    () => (store && passages ? () => [ThreadHighlights.configure({ sectionId, store, passages })] : undefined),
    [store, passages, sectionId],
  );
}
