import type { User } from '../../../shared/api';
import { newId } from '../ids';
import type { UserRecord } from '../records';
import type { UserStore } from '../UserStore';
import type { Sql } from './PgConnection';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

/** UserStore on PostgreSQL (the table `users`; addresses unique by `lower(email)`). */
export class PgUserStore implements UserStore {
  constructor(private readonly sql: Sql) {}

  async create(input: { email: string; name: string; passwordHash: string }): Promise<User> {
    const id = newId();
    await this.sql.query('INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
      id,
      input.email,
      input.name,
      input.passwordHash,
      new Date().toISOString(),
    ]);
    return { id, email: input.email, name: input.name };
  }

  async get(id: string): Promise<User | null> {
    const row = (await this.sql.query<UserRow>('SELECT id, email, name FROM users WHERE id = $1', [id])).rows[0];
    return row ? { id: row.id, email: row.email, name: row.name } : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = (await this.sql.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email])).rows[0];
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.sql.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
  }

  async count(): Promise<number> {
    return (await this.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM users')).rows[0]!.n;
  }
}
