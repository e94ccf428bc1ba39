// One better-sqlite3 connection shared by every SQLite store, with transactions that may await.
//
// better-sqlite3 is synchronous; the stores' interfaces are async (PostgreSQL needs them to be).
// A transaction here is BEGIN ... COMMIT around an async function. While it is open, a statement
// from anyone else would silently become part of it (one connection), and be rolled back with
// it: so every statement goes through `run`, which lets the transaction's own statements through
// (they run in its async context) and makes everyone else's wait until it ends.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

export class SqliteConnection {
  /** Each statement compiled once. */
  readonly sql: SqliteDatabase['prepare'];
  private readonly context = new AsyncLocalStorage<symbol>();
  private open: symbol | null = null;
  private waiting: Array<() => void> = [];

  constructor(readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  /** Whether a transaction is open and the caller is not part of it. */
  get blocked(): boolean {
    return this.open !== null && this.context.getStore() !== this.open;
  }

  /** Whether the caller is part of the open transaction. */
  get inOwnTransaction(): boolean {
    return this.open !== null && this.context.getStore() === this.open;
  }

  /** Runs synchronous database work now, or once another caller's open transaction has ended. */
  async run<T>(work: () => T): Promise<T> {
    while (this.blocked) await this.released();
    return work();
  }

  /** Runs `work` between BEGIN and COMMIT (ROLLBACK if it throws); nested calls join the open one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.open !== null && this.context.getStore() === this.open) return work();
    while (this.open !== null) await this.released();
    const token = Symbol('transaction');
    this.open = token;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const result = await this.context.run(token, work);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.open = null;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }

  /** Resolves when the open transaction ends. */
  released(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
