import type { User } from '../../shared/api';
import type { UserRecord } from './records';

/** Accounts. E-mail addresses are unique regardless of case. */
export interface UserStore {
  create(input: { email: string; name: string; passwordHash: string }): Promise<User>;
  get(id: string): Promise<User | null>;
  /** The user and their password hash, for signing in. */
  findByEmail(email: string): Promise<UserRecord | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}
