import type { User } from '../../shared/api';
import { newId } from './ids';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

/** Accounts. E-mail addresses are unique regardless of case. */
export class UserStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  create(input: { email: string; name: string; passwordHash: string }): User {
    const id = newId();
    this.sql('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, input.email, input.name, input.passwordHash, new Date().toISOString());
    return { id, email: input.email, name: input.name };
  }

  get(id: string): User | null {
    const row = this.sql<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return row ? { id: row.id, email: row.email, name: row.name } : null;
  }

  /** The user and their password hash, for signing in. */
  findByEmail(email: string): (User & { passwordHash: string }) | null {
    const row = this.sql<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
  }

  count(): number {
    return this.sql<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()!.n;
  }
}
