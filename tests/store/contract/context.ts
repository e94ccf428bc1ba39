import type { Store } from '../../../server/store/Store';

/** A store under test, with what the contract needs to look at its database from outside. */
export interface StoreUnderTest {
  /** The open store (replaced by `reopen`). */
  readonly store: Store;
  /**
   * Runs one SQL statement from a connection of its own, as anyone with access to the database
   * could (portable SQL only); resolves with the rows it returns.
   */
  raw(sql: string): Promise<Array<Record<string, unknown>>>;
  /** Closes the store and opens the same database again. */
  reopen(): Promise<void>;
  /** Closes the store and deletes its database. */
  dispose(): Promise<void>;
}

/** Opens a new, empty store. */
export type StoreFactory = () => Promise<StoreUnderTest>;

/** What each group of contract tests is given. */
export interface ContractContext {
  readonly subject: StoreUnderTest;
  readonly store: Store;
}
