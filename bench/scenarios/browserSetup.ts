// The browser scenario's responses, set up as a user would through the HTTP API on the demo
// data (a new response, its recommendations imported, its members added), with a little text
// put in every section through y-websocket clients; and the two members who type beside the
// PCC in the keydown-to-paint measurement, as headless clients that move their carets too.
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';
import { yWebsocketClient } from '../servers/clients';
import { acceptInvitation, addMember, callApi, signIn, type CountersignApp, type Login } from '../servers/countersignApp';
import type { BenchClient } from '../servers/types';
import { destroyAll, sleep, waitFor, withTimeout } from './common';

/** The standard sections a new response starts with (shared/template.ts); the rest are recommendations. */
export const STANDARD_SECTION_COUNT = 6;
/** Who writes beside the PCC: the demo's policy officer and a second PCC-role writer invited here. */
const SECOND_WRITER = { email: 'bench.writer@example.org', name: 'Second PCC writer', password: 'bench-writer-password' };
/** Sections whose text is put in place at once (each with a writer and a reader socket). */
const SEED_WAVE = 25;

export interface Logins {
  pcc: Login;
  chief: Login;
  lead: Login;
  officer: Login;
  /** Created by the first response's invitation. */
  secondWriter: Login | null;
}

export interface BenchSection {
  id: string;
  title: string;
  ownerRole: string;
  /** Text that is in this section only, to see it arrive in its editor. */
  marker: string;
}

export interface BenchResponse {
  id: string;
  sections: BenchSection[];
}

interface ResponseBody {
  id: string;
  sections: Array<{ id: string; title: string; ownerRole: string }>;
}

export async function signInDemoUsers(app: CountersignApp): Promise<Logins> {
  return {
    pcc: await signIn(app, 'pcc@example.org'),
    chief: await signIn(app, 'chief@example.org'),
    lead: await signIn(app, 'lead@example.org'),
    officer: await signIn(app, 'officer@example.org'),
    secondWriter: null,
  };
}

/** Today minus some days, as YYYY-MM-DD (a report published recently, never in the future). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function ownerLogin(logins: Logins, role: string): Login {
  switch (role) {
    case 'pcc':
      return logins.pcc;
    case 'chief_constable':
      return logins.chief;
    case 'portfolio_lead':
      return logins.lead;
    default:
      throw new Error(`no demo writer for the role ${role}`);
  }
}

/** The first paragraph's text of a section document. */
export function firstParagraph(doc: Y.Doc): Y.XmlText | null {
  const paragraph = doc.getXmlFragment(SECTION_FRAGMENT).get(0);
  if (!(paragraph instanceof Y.XmlElement)) return null;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** Puts a paragraph of text in each section (as its owner), and waits until a reader sees every one through the server. */
async function seedText(app: CountersignApp, logins: Logins, response: BenchResponse): Promise<void> {
  for (let start = 0; start < response.sections.length; start += SEED_WAVE) {
    const wave = response.sections.slice(start, start + SEED_WAVE);
    const clients: BenchClient[] = [];
    try {
      const writers = wave.map((section) => {
        const client = yWebsocketClient(`${app.wsUrl}/sync/${response.id}`, section.id, new Y.Doc(), ownerLogin(logins, section.ownerRole).cookie, { presence: false });
        clients.push(client);
        return client;
      });
      await withTimeout(Promise.all(writers.map((client) => client.synced)), 30_000, 'the first sync of the seeding clients');
      wave.forEach((section, index) => {
        const doc = writers[index]!.doc;
        doc.transact(() => {
          const paragraph = new Y.XmlElement('paragraph');
          const text = new Y.XmlText();
          paragraph.insert(0, [text]);
          doc.getXmlFragment(SECTION_FRAGMENT).push([paragraph]);
          text.insert(0, `${section.marker} The owner's response to "${section.title}": what will be done, by whom and by when.`);
        });
      });
      // The server relays an update only once it is stored: a second client that sees the
      // text has proved it is in the database.
      const readers = wave.map((section) => {
        const client = yWebsocketClient(`${app.wsUrl}/sync/${response.id}`, section.id, new Y.Doc(), logins.pcc.cookie, { presence: false });
        clients.push(client);
        return client;
      });
      const seen = await waitFor(() => readers.every((reader, index) => firstParagraph(reader.doc)?.toString().startsWith(wave[index]!.marker) ?? false), 30_000, 20);
      if (!seen) throw new Error('the seeded text did not reach a second client within 30 s');
    } finally {
      destroyAll(clients);
    }
  }
}

/**
 * A response with `sectionCount` sections (the standard six and the rest as recommendations
 * owned by the chief constable), the demo's chief, portfolio lead and policy officer as
 * members, the second PCC writer (invited with the first response), and text in every section.
 */
export async function createBenchResponse(app: CountersignApp, logins: Logins, sectionCount: number): Promise<BenchResponse> {
  const created = await callApi<ResponseBody>(app, logins.pcc, 'POST', '/api/responses', {
    title: `Benchmark response with ${sectionCount} sections`,
    report: { title: `Benchmark inspection report (${sectionCount} sections)`, publishedOn: daysAgo(10), url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/' },
  });
  const recommendations = sectionCount - STANDARD_SECTION_COUNT;
  if (recommendations < 0) throw new Error(`a response has at least ${STANDARD_SECTION_COUNT} sections`);
  if (recommendations > 0) {
    await callApi(app, logins.pcc, 'POST', `/api/responses/${created.id}/recommendations/import`, {
      recommendations: Array.from({ length: recommendations }, (_, index) => ({
        text: `Recommendation ${index + 1}: by the end of next year, the force should review how it manages the work this report describes, and act on what it finds.`,
      })),
      ownerRole: 'chief_constable',
      preview: false,
    });
  }
  const members: Array<[Login, string, string]> = [
    [logins.chief, 'chief_constable', 'signatory'],
    [logins.lead, 'portfolio_lead', 'signatory'],
    [logins.officer, 'pcc', 'drafter'],
  ];
  for (const [login, role, capacity] of members) await addMember(app, logins.pcc, created.id, login, { role, capacity });
  if (logins.secondWriter) {
    await addMember(app, logins.pcc, created.id, logins.secondWriter, { role: 'pcc', capacity: 'drafter' });
  } else {
    const invitation = await callApi<{ url: string }>(app, logins.pcc, 'POST', `/api/responses/${created.id}/invitations`, {
      email: SECOND_WRITER.email,
      role: 'pcc',
      capacity: 'drafter',
    });
    logins.secondWriter = await acceptInvitation(app, logins.pcc, SECOND_WRITER.email, invitation.url, SECOND_WRITER.name, SECOND_WRITER.password);
  }
  const detail = await callApi<ResponseBody>(app, logins.pcc, 'GET', `/api/responses/${created.id}`);
  if (detail.sections.length !== sectionCount) throw new Error(`the response has ${detail.sections.length} sections, not ${sectionCount}`);
  const response: BenchResponse = {
    id: detail.id,
    sections: detail.sections.map((section, index) => ({ id: section.id, title: section.title, ownerRole: section.ownerRole, marker: `[bench text ${index + 1}]` })),
  };
  await seedText(app, logins, response);
  return response;
}

/** A member typing into a section at a human pace from a headless client, moving their caret as they go. */
export interface Typist {
  /** Characters inserted so far. */
  readonly inserted: () => number;
  readonly client: BenchClient;
  /** Stops typing (the client stays connected until destroy). */
  stop(): Promise<void>;
  destroy(): void;
}

/** Keystrokes a second at a human pace, and how often a caret moves instead of typing. */
const TYPIST_KEYS_PER_SECOND = 5;
const TYPIST_MOVE_EVERY = 5;

/**
 * Types `words` over and over into the first paragraph of a section, starting at `startAt` (0..1
 * of the text), one character every 1/5 s with some jitter; every fifth step moves the caret to
 * another place instead. The caret is a Yjs relative position, shared in the awareness 'cursor'
 * field as y-prosemirror reads it, so the browser draws it and keeps it where others type.
 */
export async function startTypist(app: CountersignApp, login: Login, responseId: string, sectionId: string, words: string, startAt: number, seed: number): Promise<Typist> {
  const client = yWebsocketClient(`${app.wsUrl}/sync/${responseId}`, sectionId, new Y.Doc(), login.cookie);
  await withTimeout(client.synced, 30_000, `the first sync of ${login.email}'s typing client`);
  const text = firstParagraph(client.doc);
  if (!text) throw new Error('the section to type into has no paragraph of text');
  let random = seed;
  const next = (): number => {
    // A small LCG: the same steps every run.
    random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
    return random / 2_147_483_648;
  };
  let caret = Y.createRelativePositionFromTypeIndex(text, Math.floor(text.length * startAt));
  const share = (): void => {
    const json = Y.relativePositionToJSON(caret);
    client.awareness.setLocalStateField('cursor', { anchor: json, head: json });
  };
  share();
  let inserted = 0;
  let stopped = false;
  let step = 0;
  const loop = (async () => {
    while (!stopped) {
      await sleep((1000 / TYPIST_KEYS_PER_SECOND) * (0.5 + next()));
      if (stopped) break;
      const at = Y.createAbsolutePositionFromRelativePosition(caret, client.doc);
      let index = at && at.type === text ? at.index : text.length;
      step += 1;
      if (step % TYPIST_MOVE_EVERY === 0) {
        index = Math.floor(next() * text.length);
      } else {
        text.insert(index, words[inserted % words.length]!);
        inserted += 1;
        index += 1;
      }
      caret = Y.createRelativePositionFromTypeIndex(text, index);
      share();
    }
  })();
  return {
    inserted: () => inserted,
    client,
    stop: async () => {
      stopped = true;
      await loop;
    },
    destroy: () => client.destroy(),
  };
}
