// The PostgreSQL side of the stores: one pool, and transactions on one client of it.
//
// Every store takes a `Sql`: the pool (each statement on whichever client is free, committed on
// its own) or, inside `inTransaction`, the one client the transaction holds, so that everything
// it does is committed together. Statements outside a transaction never wait for it: they see
// what was committed before (PostgreSQL's READ COMMITTED), never part of it.
import pg from 'pg';
import { log } from '../../log';

/** What a store runs its statements on: the pool, or a transaction's client. */
export interface Sql {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * Runs statements that must be atomic together: in a new transaction on the pool, or as part
   * of the transaction that is already open on a client.
   */
  atomically<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** Whether this is a transaction's client (a failed statement then fails the whole transaction). */
  readonly inTransaction: boolean;
}

/** Clients the pool may hold at once (rooms' appends share one; requests and sign-offs the rest). */
export const POOL_SIZE = 10;
/** How long to wait for a free client or a new connection before failing the request. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** A statement that runs longer than this is cancelled by the server (a stuck lock, say). */
export const STATEMENT_TIMEOUT_MS = 30_000;

const OID = { INT8: 20, DATE: 1082, TIMESTAMPTZ: 1184 } as const;

/**
 * Values as the SQLite stores give them: counts and row ids as numbers (ids stay below 2^53),
 * calendar dates as `YYYY-MM-DD` text (not a midnight in the server's zone), instants as ISO
 * strings (`toISOString()`, as they were written).
 */
function typeParsers(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  const parseTimestamp = pg.types.getTypeParser(OID.TIMESTAMPTZ, 'text') as (text: string) => Date;
  types.setTypeParser(OID.INT8, 'text', (text: string) => Number(text));
  types.setTypeParser(OID.DATE, 'text', (text: string) => text);
  types.setTypeParser(OID.TIMESTAMPTZ, 'text', (text: string) => parseTimestamp(text).toISOString());
  return types;
}

/** A database URL fit to print: its host, port and database, never its password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/** A pool for a `postgres://` URL, logging (not throwing) the errors of idle clients. */
export function createPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'countersign',
    types: typeParsers(),
  });
  // An idle client whose server went away (a restart) emits here; unhandled, it would end the
  // process. The pool drops it and connects a new one when next asked.
  pool.on('error', (error) => log.warn('store.postgres_client_error', { error: String(error) }));
  return pool;
}

/** Times a transaction is tried when PostgreSQL could not serialize it with another. */
export const TRANSACTION_ATTEMPTS = 8;
const SERIALIZATION_FAILURE = '40001';
const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';

/**
 * Whether an error means "try again": PostgreSQL could not serialize the transaction with
 * another, or another writer took the same place in a response's activity chain (a unique
 * index that only a race can violate). Either way the transaction changed nothing.
 */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED || isUniqueViolation(error, 'audit_chain');
}

/** Whether an error is a unique index's refusal, of the index `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === UNIQUE_VIOLATION && e.constraint === constraint;
}

/**
 * Runs `work` on one client in a SERIALIZABLE transaction (ROLLBACK if it throws): transactions
 * behave as if they ran one at a time, as SQLite runs them. One that PostgreSQL cannot fit in
 * is rolled back and run again (its work is store work only, so running it again is safe).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  isolation: 'SERIALIZABLE' | 'READ COMMITTED' = 'SERIALIZABLE',
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransactionOnce(pool, work, isolation);
    } catch (error) {
      if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

async function inTransactionOnce<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, isolation: string): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection itself failed: the server rolls back on its own; never reuse this client.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The pool as a `Sql`: each statement committed on its own. */
export function poolSql(pool: pg.Pool): Sql {
  const sql: Sql = {
    query: (text, values) => pool.query(text, values),
    atomically: (work) => inTransaction(pool, (client) => work(clientSql(client))),
    inTransaction: false,
  };
  return sql;
}

/** A transaction's client as a `Sql`: everything joins the transaction. */
export function clientSql(client: pg.PoolClient): Sql {
  const sql: Sql = {
    query: (text, values) => client.query(text, values),
    atomically: (work) => work(sql),
    inTransaction: true,
  };
  return sql;
}
