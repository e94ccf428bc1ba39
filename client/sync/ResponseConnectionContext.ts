import { createContext, useContext } from 'react';
import type { ResponseConnection } from './ResponseConnection';

/** The response page's one socket, for its sections' editors. */
export const ResponseConnectionContext = createContext<ResponseConnection | null>(null);

/** The page's socket (null outside a response page). */
export function useResponseConnection(): ResponseConnection | null {
  return useContext(ResponseConnectionContext);
}
