import type { Store, Stores } from '../Store';
import { openDatabase } from './openDatabase';
import { SqliteAuditLog } from './SqliteAuditLog';
import { SqliteConnection } from './SqliteConnection';
import { SqliteInvitationStore } from './SqliteInvitationStore';
import { SqliteMemberStore } from './SqliteMemberStore';
import { SqlitePublicationStore } from './SqlitePublicationStore';
import { SqliteResponseStore } from './SqliteResponseStore';
import { SqliteSessionStore } from './SqliteSessionStore';
import { SqliteSignOffStore } from './SqliteSignOffStore';
import { SqliteSuggestionStore } from './SqliteSuggestionStore';
import { SqliteThreadStore } from './SqliteThreadStore';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import { SqliteUserStore } from './SqliteUserStore';
import { SqliteVersionStore } from './SqliteVersionStore';

/** The embedded store: one SQLite database (WAL) in the data folder. */
export function openSqliteStore(dataDir: string): Store & { connection: SqliteConnection } {
  const connection = new SqliteConnection(openDatabase(dataDir));
  const updates = new SqliteUpdateStore(connection);
  const stores: Stores = {
    users: new SqliteUserStore(connection),
    sessions: new SqliteSessionStore(connection),
    responses: new SqliteResponseStore(connection),
    members: new SqliteMemberStore(connection),
    signOffs: new SqliteSignOffStore(connection),
    invitations: new SqliteInvitationStore(connection),
    publications: new SqlitePublicationStore(connection),
    audit: new SqliteAuditLog(connection),
    threads: new SqliteThreadStore(connection),
    updates,
    versions: new SqliteVersionStore(connection),
    suggestions: new SqliteSuggestionStore(connection),
  };
  return {
    ...stores,
    connection,
    // One connection: the transaction's stores are the same objects, run in its context.
    transaction: (work) => connection.transaction(() => work(stores)),
    close: async () => {
      await updates.flush();
      await connection.run(() => connection.db.close());
    },
  };
}
