import type { LoginThrottle } from './auth/LoginThrottle';
import type { Config } from './config';
import type { SectionHistory } from './history/SectionHistory';
import type { SuggestionWatch } from './suggestions/SuggestionWatch';
import type { Store } from './store/Store';
import type { SyncServer } from './sync/SyncServer';

/** What the domain operations (and so the routes) work with. */
export interface ServerContext {
  config: Config;
  store: Store;
  sync: SyncServer;
  /** Records the versions of sections. */
  history: SectionHistory;
  /** Marks suggestions stale as their passages change. */
  suggestions: SuggestionWatch;
  loginThrottle: LoginThrottle;
}
