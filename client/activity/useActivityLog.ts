// The activity record a page at a time, newest first: the latest page when the page opens, an
// earlier one on request (`GET .../audit?before=&limit=`), and every entry the event stream
// brings after that first page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../shared/api';
import { auditPageSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';

/** How many entries each page of the record holds. */
export const ACTIVITY_PAGE_SIZE = 50;

/** What the activity page shows of the record. */
export interface ActivityLog {
  status: 'loading' | 'ready' | 'failed';
  /** Every entry loaded or pushed so far, oldest first (as ActivityPanel takes them). */
  events: AuditEvent[];
  /** Earlier entries exist that are not loaded yet. */
  hasEarlier: boolean;
  loadingEarlier: boolean;
  error: string | null;
  /** Loads the page before the earliest entry shown; resolves to how many it added. */
  showEarlier(): Promise<number>;
  /** Loads the latest page again after a failure. */
  retry(): void;
}

function merge(current: readonly AuditEvent[], incoming: readonly AuditEvent[]): AuditEvent[] {
  const byId = new Map<number, AuditEvent>();
  for (const event of current) byId.set(event.id, event);
  for (const event of incoming) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * The record of a response, paged. `pushed` is what the page's live response holds (its own
 * fetch and the stream): only the entries newer than the first page are taken from it, so the
 * record shown has no gaps.
 */
export function useActivityLog(responseId: string, pushed: readonly AuditEvent[]): ActivityLog {
  const [loaded, setLoaded] = useState<AuditEvent[]>([]);
  // The newest entry of the first page (0 for an empty record): pushed entries after it are new.
  const [newestLoaded, setNewestLoaded] = useState<number | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [status, setStatus] = useState<ActivityLog['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const base = `/api/responses/${encodeURIComponent(responseId)}/audit`;
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    setStatus('loading');
    api('GET', `${base}?limit=${ACTIVITY_PAGE_SIZE}`, auditPageSchema).then(
      (page) => {
        if (!live) return;
        setLoaded(merge([], page.events));
        setNewestLoaded(page.events[page.events.length - 1]?.id ?? 0);
        setNextBefore(page.nextBefore);
        setStatus('ready');
        setError(null);
      },
      (failure: unknown) => {
        if (!live) return;
        setStatus('failed');
        setError(errorMessage(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [base, attempt]);

  const showEarlier = useCallback(async () => {
    if (nextBefore === null || busy.current) return 0;
    busy.current = true;
    setLoadingEarlier(true);
    setError(null);
    try {
      const page = await api('GET', `${base}?before=${nextBefore}&limit=${ACTIVITY_PAGE_SIZE}`, auditPageSchema);
      setLoaded((current) => merge(current, page.events));
      setNextBefore(page.nextBefore);
      return page.events.length;
    } catch (failure) {
      setError(errorMessage(failure));
      return 0;
    } finally {
      busy.current = false;
      setLoadingEarlier(false);
    }
  }, [base, nextBefore]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const newer = newestLoaded === null ? [] : pushed.filter((event) => event.id > newestLoaded);
  return {
    status,
    events: merge(loaded, newer),
    hasEarlier: nextBefore !== null,
    loadingEarlier,
    error,
    showEarlier,
    retry,
  };
}
