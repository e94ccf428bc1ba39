import type { LoginThrottle } from './auth/LoginThrottle';
import type { OidcClients } from './auth/oidc';
import type { Config } from './config';
import type { SectionHistory } from './history/SectionHistory';
import type { SuggestionWatch } from './suggestions/SuggestionWatch';
import type { Store } from './store/Store';
import type { SyncServer } from './sync/SyncServer';

/** The time, as the server reads it (tests give a clock of their own to the scheduler and the domain). */
export type Clock = () => Date;

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
  /** The OpenID Connect providers people sign in with. */
  oidc: OidcClients;
  /** Where people reach this server: COUNTERSIGN_PUBLIC_URL, or the server's own URL once it listens. */
  links: { base: string };
  /** Wakes the mail sender: call it once mail is committed to the outbox. */
  mail: { wake(): void };
  clock: Clock;
}
