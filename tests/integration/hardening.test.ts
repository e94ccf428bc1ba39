// Hostile members and hostile input (issue 20): one test per finding that the in-process server
// can show, each named after its finding. Every test here failed on the code before the fixes
// (e54714d); the comment of each says how. Sessions are in sessions.test.ts; what needs a
// server as a child process (start-up refusals, log lines, memory) in childServer*.test.ts.
import { scryptSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditEvent, ResponseDetail, ResponseSummary } from '../../shared/api';
import { SECTION_FRAGMENT, WRITE_REFUSED, WRITE_STORED } from '../../shared/protocol';
import { DEMO_USERS } from '../../server/demo/seedDemo';
import {
  api,
  appendParagraph,
  codeIn,
  connectSection,
  fragmentText,
  latestMailTo,
  login,
  recordWriteAcks,
  sampleResponse,
  serverRoundTrip,
  DEMO_PASSWORD,
  type SectionClient,
  type WriteAck,
} from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

type ErrorBody = { error: { code: string; message: string } };

/** The second demo response (its sections start empty). */
async function recentResponse(server: TestServer, cookie: string): Promise<ResponseDetail> {
  const list = await api<{ responses: ResponseSummary[] }>(server.url, cookie, 'GET', '/api/responses');
  const recent = list.body.responses.find((response) => response.title.includes('neighbourhood policing'));
  if (!recent) throw new Error('the demo has no recent response');
  return (await api<ResponseDetail>(server.url, cookie, 'GET', `/api/responses/${recent.id}`)).body;
}

function sectionTitled(response: ResponseDetail, title: string): string {
  const section = response.sections.find((candidate) => candidate.title === title);
  if (!section) throw new Error(`no section "${title}"`);
  return section.id;
}

/** A provider with write acks, once it has synced. */
async function writer(server: TestServer, cookie: string, responseId: string, sectionId: string): Promise<{ client: SectionClient; acks: WriteAck[] }> {
  const client = connectSection(server.url, cookie, responseId, sectionId, { acks: '1' });
  const acks = recordWriteAcks(client.provider);
  await waitFor(() => expect(client.provider.synced).toBe(true));
  // The handshake's own SyncStep2 is acknowledged too: let it be, then count from nothing.
  await serverRoundTrip(client.provider);
  acks.splice(0);
  return { client, acks };
}

/** Bytes a section takes in storage. */
async function storedBytes(server: TestServer, sectionId: string): Promise<number> {
  const updates = await server.server.context.store.updates.load(sectionId);
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

/** The whole activity record, walked page by page through `?before=`. */
async function auditPages(server: TestServer, cookie: string, responseId: string, limit: number): Promise<AuditEvent[][]> {
  const pages: AuditEvent[][] = [];
  let before: number | null | undefined;
  for (let guard = 0; guard < 1_000; guard++) {
    const query = `?limit=${limit}${before ? `&before=${before}` : ''}`;
    const page = await api<{ events: AuditEvent[]; nextBefore: number | null }>(server.url, cookie, 'GET', `/api/responses/${responseId}/audit${query}`);
    expect(page.status).toBe(200);
    pages.push(page.body.events);
    before = page.body.nextBefore;
    if (before === null) return pages;
  }
  throw new Error('the audit pages never ended');
}

async function auditOf(server: TestServer, cookie: string, responseId: string): Promise<AuditEvent[]> {
  return (await auditPages(server, cookie, responseId, 500)).flat();
}

describe('finding 2: a section has a size limit', () => {
  const LIMIT = 64 * 1024;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { maxSectionBytes: LIMIT } });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // Before: nothing limited a section (one writer stored 30 x 1.9 MB), so every paragraph below
  // was stored and no write was refused.
  it('refuses the write that crosses it, with the reason; storage stays under the limit; other sections take writes', async () => {
    const pcc = await login(server.url, 'pcc@example.org');
    const chief = await login(server.url, 'chief@example.org');
    const recent = await recentResponse(server, pcc);
    const pccSection = sectionTitled(recent, "Police and Crime Commissioner's comments");
    const { client, acks } = await writer(server, pcc, recent.id, pccSection);

    const paragraph = (i: number) => `Paragraph ${i}: ${'the force will report quarterly on progress. '.repeat(180)}`;
    let refusedAt = -1;
    for (let i = 0; i < 40 && refusedAt < 0; i++) {
      appendParagraph(client.doc, paragraph(i));
      await waitFor(() => expect(acks).toHaveLength(i + 1));
      if (acks[i]!.status === WRITE_REFUSED) refusedAt = i;
      else expect(acks[i]).toEqual({ status: WRITE_STORED, reason: '' });
    }
    // About 8 kB a paragraph: the limit is crossed after several were stored.
    expect(refusedAt).toBeGreaterThan(3);
    expect(acks[refusedAt]!.reason).toMatch(/size limit/);
    expect(acks[refusedAt]!.reason).toMatch(/nothing more can be added/);

    // A refused write is neither stored nor relayed: storage stays under the limit (so under
    // it plus one frame), and a new reader sees every stored paragraph and not the refused one.
    const bytes = await storedBytes(server, pccSection);
    expect(bytes).toBeLessThanOrEqual(LIMIT);
    expect(bytes).toBeGreaterThan(LIMIT - 2 * new TextEncoder().encode(paragraph(0)).byteLength);
    const reader = connectSection(server.url, chief, recent.id, pccSection);
    await waitFor(() => expect(reader.provider.synced).toBe(true));
    expect(reader.text()).toContain(`Paragraph ${refusedAt - 1}:`);
    expect(reader.text()).not.toContain(`Paragraph ${refusedAt}:`);

    // The same writer's other sections, and other writers' sections, still take writes.
    const sample = await sampleResponse(server.url, pcc);
    const other = await writer(server, pcc, sample.id, sectionTitled(sample, "Police and Crime Commissioner's comments"));
    appendParagraph(other.client.doc, 'Still writable after another section filled up.');
    await waitFor(() => expect(other.acks).toEqual([{ status: WRITE_STORED, reason: '' }]));
    const chiefWriter = await writer(server, chief, recent.id, sectionTitled(recent, 'Chief Officer comments'));
    appendParagraph(chiefWriter.client.doc, 'The Chief Constable writes on.');
    await waitFor(() => expect(chiefWriter.acks).toEqual([{ status: WRITE_STORED, reason: '' }]));

    // A full section can still be shortened: deleting is never refused for size. (It does not
    // make room: the section's history keeps deleted text, so storage does not shrink.)
    const fragment = client.doc.getXmlFragment(SECTION_FRAGMENT);
    const acked = acks.length;
    // (All but the last paragraph: that one was refused, and is only in this client.)
    fragment.delete(0, fragment.length - 1);
    await waitFor(() => expect(acks).toHaveLength(acked + 1));
    expect(acks[acked]).toEqual({ status: WRITE_STORED, reason: '' });
    for (const open of [client, reader, other.client, chiefWriter.client]) open.destroy();
  });
});

describe('findings 8 to 12 (one demo server)', () => {
  let server: TestServer;
  let pcc: string;
  let sample: ResponseDetail;

  beforeAll(async () => {
    server = await startTestServer();
    pcc = await login(server.url, 'pcc@example.org');
    sample = await sampleResponse(server.url, pcc);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // Before: the folder was made with the process's umask (0755) and the database files too
  // (0644): every local user could read the password hashes and every section's text.
  it('finding 8: the data folder is 0700 and the database files 0600, also when they were made looser before', async () => {
    const modes = () => {
      const files = ['countersign.db', 'countersign.db-wal', 'countersign.db-shm'].filter((file) => fs.existsSync(path.join(server.dataDir, file)));
      return {
        folder: fs.statSync(server.dataDir).mode & 0o777,
        files: Object.fromEntries(files.map((file) => [file, fs.statSync(path.join(server.dataDir, file)).mode & 0o777])),
      };
    };
    const expected = { folder: 0o700, files: { 'countersign.db': 0o600, 'countersign.db-wal': 0o600, 'countersign.db-shm': 0o600 } };
    expect(modes()).toEqual(expected);

    // A folder an older version left readable is tightened at the next start.
    await server.stop();
    fs.chmodSync(server.dataDir, 0o755);
    fs.chmodSync(path.join(server.dataDir, 'countersign.db'), 0o644);
    await server.restart();
    pcc = await login(server.url, 'pcc@example.org');
    expect(modes()).toEqual(expected);
  });

  // Before: passwords of 10 characters were accepted and no list was consulted.
  it('finding 9: an invitation is not accepted with an 11-character or a common password', async () => {
    const invite = async (email: string) => {
      const invited = await api<{ url: string }>(server.url, pcc, 'POST', `/api/responses/${sample.id}/invitations`, { email, role: 'pcc', capacity: 'drafter' });
      expect(invited.status).toBe(201);
      const token = invited.body.url.replace(/^\/invite\//, '');
      expect((await api(server.url, null, 'POST', `/api/invitations/${token}/code`, {})).status).toBe(202);
      const mail = await latestMailTo(server.url, pcc, email, /^Your code/);
      return { token, code: codeIn(mail!.text) };
    };
    const accept = (invitation: { token: string; code: string }, password: string) =>
      api<ErrorBody>(server.url, null, 'POST', `/api/invitations/${invitation.token}/accept`, { code: invitation.code, name: 'Pat Newcomer', password });

    const token = await invite('newcomer@example.org');
    const short = await accept(token, 'elevenchars');
    expect(short.status).toBe(400);
    expect(short.body.error).toEqual({ code: 'invalid_request', message: 'password: must be at least 12 characters' });

    for (const common of ['qwerty123456', '1q2w3e4r5t6y', 'Password1234!', 'sunshine2024!!']) {
      const refused = await accept(token, common);
      expect(refused.status, common).toBe(400);
      expect(refused.body.error.code, common).toBe('weak_password');
      expect(refused.body.error.message, common).toMatch(/^password: is too common/);
    }
    const ownAddress = await accept(token, 'newcomer-at-home');
    expect(ownAddress.body.error).toEqual({ code: 'weak_password', message: 'password: must not contain your e-mail address' });

    // Nothing above used the invitation: a good password still accepts it.
    const accepted = await accept(token, 'correct horse battery staple');
    expect(accepted.status).toBe(201);
  });

  // Before: N=2^15, r=8, p=1, and nothing ever replaced a stored hash.
  it('finding 9: a hash with the old scrypt parameters is replaced at the next sign-in', async () => {
    const { store } = server.server.context;
    const account = (await store.users.findByEmail('lead@example.org'))!;
    const salt = randomBytes(16);
    const key = scryptSync(DEMO_PASSWORD.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    await store.users.setPasswordHash(account.id, ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$'));

    await login(server.url, 'lead@example.org');
    const upgraded = (await store.users.findByEmail('lead@example.org'))!.passwordHash;
    expect(upgraded).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(upgraded.split('$')[4]).not.toBe(salt.toString('base64url'));
    // The new hash is of the same password.
    await login(server.url, 'lead@example.org');
    expect((await store.users.findByEmail('lead@example.org'))!.passwordHash).toBe(upgraded);
  });

  // Before: the demo hashed its one password once and gave every demo user that hash.
  it('finding 9: every demo user has a salt of their own', async () => {
    const { store } = server.server.context;
    const salts = await Promise.all(DEMO_USERS.map(async (demo) => (await store.users.findByEmail(demo.email))!.passwordHash.split('$')[4]));
    expect(salts.every((salt) => typeof salt === 'string' && salt.length >= 22)).toBe(true);
    expect(new Set(salts).size).toBe(DEMO_USERS.length);
  });

  // Before: the API's answers had no Cache-Control at all.
  it('finding 10: every /api answer says Cache-Control: no-store, errors included', async () => {
    const requests: Array<[string | null, string, string, unknown?]> = [
      [null, 'GET', '/api/health'],
      [null, 'GET', '/api/session'],
      [pcc, 'GET', '/api/session'],
      [null, 'POST', '/api/session', { email: 'pcc@example.org', password: 'not the password' }],
      [pcc, 'GET', '/api/responses'],
      [pcc, 'GET', `/api/responses/${sample.id}`],
      [pcc, 'GET', `/api/responses/${sample.id}/audit`],
      [pcc, 'GET', `/api/responses/${sample.id}/threads`],
      [pcc, 'GET', '/api/responses/no-such-response'],
      [pcc, 'GET', '/api/no-such-endpoint'],
      [pcc, 'POST', `/api/responses/${sample.id}/threads`, '{"not json'],
    ];
    for (const [cookie, method, url, body] of requests) {
      const response = await fetch(`${server.url}${url}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      await response.arrayBuffer();
      expect(response.headers.get('cache-control'), `${method} ${url} (${response.status})`).toBe('no-store');
    }
  });

  // Before: each refused write was its own entry (a viewer made 300 in 8 s).
  it('finding 11: a viewer sending 300 writes leaves at most 2 write.refused entries, the count in the second', async () => {
    const viewer = await login(server.url, 'viewer@example.org');
    const sectionId = sectionTitled(sample, "Police and Crime Commissioner's comments");
    const { client, acks } = await writer(server, viewer, sample.id, sectionId);
    for (let i = 0; i < 300; i++) appendParagraph(client.doc, `Viewer's write ${i}`);
    await waitFor(() => expect(acks).toHaveLength(300));
    expect(acks.every((ack) => ack.status === WRITE_REFUSED)).toBe(true);
    client.destroy();

    const refusals = async () => (await auditOf(server, pcc, sample.id)).filter((event) => event.action === 'write.refused');
    const during = await refusals();
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ actor: { name: 'Casey Brown' }, sectionId });

    // The hour's count is written when its window closes, or when the server stops.
    await server.restart();
    pcc = await login(server.url, 'pcc@example.org');
    const after = await refusals();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ actor: { name: 'Casey Brown' }, sectionId, detail: expect.stringMatching(/^300 edits to a section this member may not write were refused since /) });
  });

  // Before: /audit answered every entry at once, with no way to ask for fewer.
  it('finding 11: the activity record pages, and walking the pages gives every entry once, in order', async () => {
    const sectionId = sectionTitled(sample, "Police and Crime Commissioner's comments");
    for (let i = 0; i < 7; i++) {
      const opened = await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/threads`, { sectionId, body: `Paging check ${i}` });
      expect(opened.status).toBe(201);
    }
    const whole = (await api<{ events: AuditEvent[]; nextBefore: number | null }>(server.url, pcc, 'GET', `/api/responses/${sample.id}/audit?limit=500`)).body;
    expect(whole.nextBefore).toBeNull();
    expect(whole.events.length).toBeGreaterThanOrEqual(9);

    const pages = await auditPages(server, pcc, sample.id, 3);
    expect(pages.length).toBe(Math.ceil(whole.events.length / 3));
    expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
    // The newest page comes first; each page is oldest first inside.
    expect(pages.reverse().flat()).toEqual(whole.events);
    const ids = whole.events.map((event) => event.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const bad = await api<ErrorBody>(server.url, pcc, 'GET', `/api/responses/${sample.id}/audit?limit=100000`);
    expect(bad.status).toBe(400);
  });

  // Before: a writer could delete a whole section and the record said nothing.
  it('finding 12: deleting most of a section through a provider leaves text.deleted naming the member; small edits leave none', async () => {
    const officer = await login(server.url, 'officer@example.org');
    const sectionId = sectionTitled(sample, "Police and Crime Commissioner's comments");
    const deletions = async () => (await auditOf(server, pcc, sample.id)).filter((event) => event.action === 'text.deleted');
    const before = (await deletions()).length;
    const { client, acks } = await writer(server, officer, sample.id, sectionId);
    const fragment = client.doc.getXmlFragment(SECTION_FRAGMENT);
    const original = fragmentText(client.doc);
    expect(original.length).toBeGreaterThan(1_000);

    // Small edits: a few words removed, a sentence typed, one short paragraph dropped.
    const firstText = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstText.delete(0, 12);
    firstText.insert(0, 'Edited: ');
    appendParagraph(client.doc, 'A short paragraph.');
    fragment.delete(fragment.length - 1, 1);
    await waitFor(() => expect(acks).toHaveLength(4));
    expect(acks.every((ack) => ack.status === WRITE_STORED)).toBe(true);
    expect(await deletions()).toHaveLength(before);

    // Most of the text at once.
    const chars = fragmentText(client.doc).replace(/\n/g, '').length;
    fragment.delete(0, fragment.length - 1);
    await waitFor(() => expect(acks).toHaveLength(5));
    expect(acks[4]).toEqual({ status: WRITE_STORED, reason: '' });
    const recorded = await waitFor(async () => {
      const found = await deletions();
      expect(found).toHaveLength(before + 1);
      return found.at(-1)!;
    });
    expect(recorded).toMatchObject({ actor: { name: 'Robin Shah' }, sectionId, detail: expect.stringMatching(/^Deleted [\d,]+ characters in one change \(\d+% of the section's text\)$/) });
    const deleted = Number(/^Deleted ([\d,]+)/.exec(recorded.detail)![1]!.replace(/,/g, ''));
    expect(deleted).toBeGreaterThan(chars / 2);
    expect(deleted).toBeLessThanOrEqual(chars);
    client.destroy();
  });
});
