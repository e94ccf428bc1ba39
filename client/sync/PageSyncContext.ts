import { createContext, useContext } from 'react';
import type { ResponseConnection } from './ResponseConnection';

/** What a response page's sections share: its one socket, and which browser copies it found. */
export interface PageSync {
  connection: ResponseConnection;
  /**
   * The names of the user's copies in this browser when the page opened (null when the browser
   * cannot list them): a section with none has nothing to restore, so it need not wait for one.
   */
  copiesAtOpen: Promise<ReadonlySet<string> | null>;
}

/** The response page's sync, for its sections' editors. */
export const PageSyncContext = createContext<PageSync | null>(null);

/** The page's sync (null outside a response page). */
export function usePageSync(): PageSync | null {
  return useContext(PageSyncContext);
}
