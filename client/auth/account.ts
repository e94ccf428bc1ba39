// The signed-in person's account: their organisation and what it lets them do, read once per
// sign-in from `GET /api/account` and shared by every page through useAccount().
import { useEffect, useSyncExternalStore } from 'react';
import type { AccountBody } from '../../shared/api';
import { accountBodySchema } from '../../shared/schemas/accounts';
import { api } from '../api/http';
import { useSession } from './session';

let account: AccountBody | null = null;
let loadedFor: string | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: AccountBody | null): void {
  account = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function load(userId: string): void {
  if (loadedFor === userId || loading) return;
  loading = api('GET', '/api/account', accountBodySchema).then(
    (body) => {
      loadedFor = userId;
      set(body);
    },
    () => set(null),
  );
  void loading.finally(() => {
    loading = null;
  });
}

/** The account of whoever is signed in, or null while it loads (or when signed out). */
export function useAccount(): AccountBody | null {
  const session = useSession();
  const userId = session.status === 'signedIn' ? session.user.id : null;
  useEffect(() => {
    if (userId) load(userId);
    else if (loadedFor !== null) {
      loadedFor = null;
      set(null);
    }
  }, [userId]);
  const current = useSyncExternalStore(subscribe, () => account);
  return current && current.user.id === userId ? current : null;
}
