// Older pages of a response's activity record, fetched on request (`?before=`), oldest first.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../shared/api';
import { auditPageSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';

/** Entries of the latest page, the one kept live. */
export const LIVE_ACTIVITY_PAGE_SIZE = 50;
/** Entries one "Show earlier activity" fetches. */
export const EARLIER_PAGE_SIZE = 100;

export interface EarlierActivity {
  /** Every earlier entry fetched so far, oldest first (all older than the live page's). */
  events: AuditEvent[];
  /** Whether there is more to fetch. */
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  /** Fetches the next older page; resolves with its entries (none on failure). */
  loadMore(): Promise<AuditEvent[]>;
}

/** `before`: the live page's `nextBefore` (null when it already holds the whole record). */
export function useEarlierActivity(responseId: string, before: number | null): EarlierActivity {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<number | null>(before);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  // A new response, or its first page arriving, starts again.
  useEffect(() => {
    setEvents([]);
    setCursor(before);
    setError(null);
  }, [responseId, before]);

  const loadMore = useCallback(async () => {
    if (busy.current || cursor === null) return [];
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const path = `/api/responses/${encodeURIComponent(responseId)}/audit?before=${cursor}&limit=${EARLIER_PAGE_SIZE}`;
      const page = await api('GET', path, auditPageSchema);
      setEvents((current) => [...page.events, ...current]);
      setCursor(page.nextBefore);
      return page.events;
    } catch (failure) {
      setError(`Earlier activity could not be loaded: ${errorMessage(failure)}`);
      return [];
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [responseId, cursor]);

  return { events, hasMore: cursor !== null, loading, error, loadMore };
}
