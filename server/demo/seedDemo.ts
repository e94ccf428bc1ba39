// The demo: on an empty data folder, the sample response and one member per seat, so that a
// new user can try Countersign at once. Demo logins are for a local trial only.
import * as Y from 'yjs';
import { addDays, ukToday } from '../../shared/deadline';
import type { Capacity, RoleId } from '../../shared/model';
import { STANDARD_SECTIONS } from '../../shared/template';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { writeParagraphs } from '../content/sectionContent';
import type { Store } from '../store/Store';
import { SAMPLE_RESPONSE, SAMPLE_SECTIONS } from './sampleResponse';

export const DEMO_PASSWORD = 'countersign';

export interface DemoUser {
  email: string;
  name: string;
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'pcc@example.org', name: 'Alex Morgan', role: 'pcc', capacity: 'signatory', administrator: true, description: 'PCC, signatory, administrator' },
  { email: 'chief@example.org', name: 'Sam Taylor', role: 'chief_constable', capacity: 'signatory', administrator: false, description: 'Chief Constable, signatory' },
  { email: 'lead@example.org', name: 'Jordan Lee', role: 'portfolio_lead', capacity: 'signatory', administrator: false, description: 'Portfolio lead, signatory' },
  { email: 'officer@example.org', name: 'Robin Shah', role: 'pcc', capacity: 'drafter', administrator: false, description: "OPCC policy officer, drafts for the PCC" },
  { email: 'viewer@example.org', name: 'Casey Brown', role: 'pcc', capacity: 'viewer', administrator: false, description: 'viewer' },
];

/** Whether the data folder has never been set up (no accounts yet). */
export async function isEmptyStore(store: Store): Promise<boolean> {
  return (await store.users.count()) === 0;
}

/** Whether any demo login still works with the demo's public password. */
export async function demoLoginsWork(store: Store): Promise<boolean> {
  for (const demo of DEMO_USERS) {
    const account = await store.users.findByEmail(demo.email);
    if (account && (await verifyPassword(DEMO_PASSWORD, account.passwordHash))) return true;
  }
  return false;
}

/** Creates the demo users, the sample response (filled with its text) and a recent response. */
export async function seedDemo(store: Store): Promise<void> {
  // Each with a salt of its own, hashed side by side (scrypt runs on libuv's threads).
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const users = [];
  for (const [i, demo] of DEMO_USERS.entries()) {
    users.push({ demo, user: await store.users.create({ email: demo.email, name: demo.name, passwordHash: hashes[i]! }) });
  }

  const sample = await store.responses.create(SAMPLE_RESPONSE);
  for (const section of SAMPLE_SECTIONS) {
    const created = await store.responses.addSection(sample.id, {
      kind: section.kind,
      title: section.title,
      ownerRole: section.ownerRole,
      recommendation: section.recommendation ?? null,
    });
    const doc = new Y.Doc();
    writeParagraphs(doc, section.paragraphs);
    await store.updates.append(created.id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }

  // A report published ten days ago: its deadline is still ahead.
  const recent = await store.responses.create({
    title: 'Response to the HMICFRS report on neighbourhood policing',
    report: {
      title: 'An inspection of neighbourhood policing (demo report)',
      publishedOn: addDays(ukToday(), -10),
      url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/',
    },
  });
  for (const template of STANDARD_SECTIONS.filter((section) => !section.optional)) {
    await store.responses.addSection(recent.id, { kind: template.kind, title: template.title, ownerRole: template.ownerRole });
  }

  for (const responseId of [sample.id, recent.id]) {
    for (const { demo, user } of users) {
      await store.members.set(responseId, user.id, {
        role: demo.role,
        capacity: demo.capacity,
        administrator: demo.administrator,
      });
    }
  }
}
