import type { Store, Stores } from '../Store';
import { openDatabase } from './openDatabase';
import { SqliteAuditLog } from './SqliteAuditLog';
import { SqliteConnection } from './SqliteConnection';
import { SqliteInvitationStore } from './SqliteInvitationStore';
import { SqliteMemberStore } from './SqliteMemberStore';
import { SqliteNotificationStore } from './SqliteNotificationStore';
import { SqliteOidcLoginStore } from './SqliteOidcLoginStore';
import { SqliteOutboxStore } from './SqliteOutboxStore';
import { SqlitePublicationStore } from './SqlitePublicationStore';
import { SqliteSealStore } from './SqliteSealStore';
import { SqliteResponseStore } from './SqliteResponseStore';
import { SqliteRoleHolderStore } from './SqliteRoleHolderStore';
import { SqliteSessionStore } from './SqliteSessionStore';
import { SqliteSignOffStore } from './SqliteSignOffStore';
import { SqliteSuggestionStore } from './SqliteSuggestionStore';
import { SqliteThreadStore } from './SqliteThreadStore';
import { SqliteTrackingStore } from './SqliteTrackingStore';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import { SqliteUserStore } from './SqliteUserStore';
import { SqliteVersionStore } from './SqliteVersionStore';

/** The embedded store: one SQLite database (WAL) in the data folder. */
export function openSqliteStore(dataDir: string): Store & { connection: SqliteConnection } {
  const connection = new SqliteConnection(openDatabase(dataDir));
  const updates = new SqliteUpdateStore(connection);
  const audit = new SqliteAuditLog(connection);
  // Entries from before the activity record was a hash chain take their places in it now.
  audit.chainUnchained();
  const stores: Stores = {
    users: new SqliteUserStore(connection),
    sessions: new SqliteSessionStore(connection),
    responses: new SqliteResponseStore(connection),
    members: new SqliteMemberStore(connection),
    signOffs: new SqliteSignOffStore(connection),
    invitations: new SqliteInvitationStore(connection),
    publications: new SqlitePublicationStore(connection),
    audit,
    threads: new SqliteThreadStore(connection),
    updates,
    versions: new SqliteVersionStore(connection),
    suggestions: new SqliteSuggestionStore(connection),
    tracking: new SqliteTrackingStore(connection),
    seals: new SqliteSealStore(connection),
    roleHolders: new SqliteRoleHolderStore(connection),
    oidcLogins: new SqliteOidcLoginStore(connection),
    outbox: new SqliteOutboxStore(connection),
    notifications: new SqliteNotificationStore(connection),
  };
  return {
    ...stores,
    connection,
    // One connection: the transaction's stores are the same objects, run in its context.
    transaction: (work) => connection.transaction(() => work(stores)),
    // One process writes this database, and BEGIN IMMEDIATE holds its write lock: an append
    // asked for meanwhile waits in the update store's queue and is refused if the section is
    // now signed off.
    sectionBarrier: (_sectionId, work) => connection.transaction(() => work(stores)),
    close: async () => {
      await updates.flush();
      await connection.run(() => connection.db.close());
    },
  };
}
