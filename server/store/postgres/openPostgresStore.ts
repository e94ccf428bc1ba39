import type { Store, Stores } from '../Store';
import { clientSql, createPool, inTransaction, poolSql, type Sql } from './PgConnection';
import { migrate } from './migrate';
import { PgAuditLog } from './PgAuditLog';
import { PgInvitationStore } from './PgInvitationStore';
import { PgMemberStore } from './PgMemberStore';
import { PgNotificationStore } from './PgNotificationStore';
import { PgOidcLoginStore } from './PgOidcLoginStore';
import { PgOutboxStore } from './PgOutboxStore';
import { PgPublicationStore } from './PgPublicationStore';
import { PgResponseStore } from './PgResponseStore';
import { PgRoleHolderStore } from './PgRoleHolderStore';
import { PgSealStore } from './PgSealStore';
import { PgSessionStore } from './PgSessionStore';
import { PgSignOffStore } from './PgSignOffStore';
import { PgSuggestionStore } from './PgSuggestionStore';
import { PgThreadStore } from './PgThreadStore';
import { PgTrackingStore } from './PgTrackingStore';
import { AppendQueue, PgUpdateStore } from './PgUpdateStore';
import { PgUserStore } from './PgUserStore';
import { PgVersionStore } from './PgVersionStore';

function storesOn(sql: Sql, appends: AppendQueue | null): Stores & { updates: PgUpdateStore } {
  return {
    users: new PgUserStore(sql),
    sessions: new PgSessionStore(sql),
    responses: new PgResponseStore(sql),
    members: new PgMemberStore(sql),
    signOffs: new PgSignOffStore(sql),
    invitations: new PgInvitationStore(sql),
    publications: new PgPublicationStore(sql),
    audit: new PgAuditLog(sql),
    threads: new PgThreadStore(sql),
    updates: new PgUpdateStore(sql, appends),
    versions: new PgVersionStore(sql),
    suggestions: new PgSuggestionStore(sql),
    tracking: new PgTrackingStore(sql),
    seals: new PgSealStore(sql),
    roleHolders: new PgRoleHolderStore(sql),
    oidcLogins: new PgOidcLoginStore(sql),
    outbox: new PgOutboxStore(sql),
    notifications: new PgNotificationStore(sql),
  };
}

/** The store on PostgreSQL: a pool for `url` (postgres://...), the schema migrated at open. */
export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const pool = createPool(url, { max: options.poolSize });
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const sql = poolSql(pool);
  const stores = storesOn(sql, new AppendQueue(sql));
  return {
    ...stores,
    // A transaction's stores run on its one client; everyone else's statements go on in parallel
    // and see none of it until it commits.
    transaction: (work) => inTransaction(pool, (client) => work(storesOn(clientSql(client), null))),
    // The section's row FOR UPDATE first: appends under way (holding it FOR SHARE) finish, later
    // ones wait. READ COMMITTED, so that what `work` reads next is what they committed (a
    // SERIALIZABLE snapshot would date from before the wait).
    sectionBarrier: (sectionId, work) =>
      inTransaction(
        pool,
        async (client) => {
          await client.query('SELECT 1 FROM sections WHERE id = $1 FOR UPDATE', [sectionId]);
          return work(storesOn(clientSql(client), null));
        },
        'READ COMMITTED',
      ),
    close: async () => {
      await stores.updates.flush();
      await pool.end();
    },
  };
}
