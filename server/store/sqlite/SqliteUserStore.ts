import type { User } from '../../../shared/api';
import { newId } from '../ids';
import type { UserRecord } from '../records';
import type { UserStore } from '../UserStore';
import type { SqliteConnection } from './SqliteConnection';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

/** UserStore on SQLite (the table `users`). */
export class SqliteUserStore implements UserStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(input: { email: string; name: string; passwordHash: string }): Promise<User> {
    return this.conn.run(() => {
      const id = newId();
      this.conn.sql('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, input.email, input.name, input.passwordHash, new Date().toISOString());
      return { id, email: input.email, name: input.name };
    });
  }

  get(id: string): Promise<User | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
      return row ? { id: row.id, email: row.email, name: row.name } : null;
    });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email);
      return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
    });
  }

  setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
    });
  }

  count(): Promise<number> {
    return this.conn.run(() => this.conn.sql<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()!.n);
  }
}
