import { AuditLog } from './AuditLog';
import { InvitationStore } from './InvitationStore';
import { openDatabase, type SqliteDatabase } from './openDatabase';
import { PublicationStore } from './PublicationStore';
import { ResponseStore } from './ResponseStore';
import { SessionStore } from './SessionStore';
import { SignOffStore } from './SignOffStore';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import { ThreadStore } from './ThreadStore';
import type { UpdateStore } from './UpdateStore';
import { UserStore } from './UserStore';

/** Everything the server keeps, behind one object. */
export interface Store {
  db: SqliteDatabase;
  users: UserStore;
  sessions: SessionStore;
  responses: ResponseStore;
  signOffs: SignOffStore;
  invitations: InvitationStore;
  publications: PublicationStore;
  audit: AuditLog;
  threads: ThreadStore;
  updates: UpdateStore;
  /** Runs `work` in one database transaction. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Opens the SQLite store in a data folder. */
export function openStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  const signOffs = new SignOffStore(db);
  const updates = new SqliteUpdateStore(db);
  return {
    db,
    users: new UserStore(db),
    sessions: new SessionStore(db),
    responses: new ResponseStore(db, signOffs),
    signOffs,
    invitations: new InvitationStore(db),
    publications: new PublicationStore(db),
    audit: new AuditLog(db),
    threads: new ThreadStore(db),
    updates,
    transaction: (work) => db.transaction(work)(),
    close: () => {
      updates.flush();
      db.close();
    },
  };
}
