// Finding 5 of the hostile-members issue: sessions that end when idle and at a fixed age, a new
// session at sign-in, a password change that ends every other session, and sign-out everywhere,
// each over real HTTP and real sockets. On the code before the fixes (e54714d) sessions lasted a
// fixed 14 days whatever happened, signing in again left the presented session alive, and there
// was no POST /api/session/password or DELETE /api/sessions (404): every test below failed.
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDetail } from '../../shared/api';
import { CLOSE_UNAUTHENTICATED, eventsPath, syncPath } from '../../shared/protocol';
import { api, login, openRawSocket, sampleResponse, DEMO_PASSWORD } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

type ErrorBody = { error: { code: string; message: string } };

async function whoAmI(server: TestServer, cookie: string): Promise<number> {
  return (await api(server.url, cookie, 'GET', '/api/session')).status;
}

/** An open socket and the close code it ends with (null while open). */
interface WatchedSocket {
  socket: WebSocket;
  closeCode(): number | null;
}

async function openSocket(server: TestServer, path: string, cookie: string): Promise<WatchedSocket> {
  const opened = await openRawSocket(server.url, path, { cookie });
  if (!('socket' in opened)) throw new Error(`the upgrade to ${path} was refused with ${opened.refused}`);
  let code: number | null = null;
  opened.socket.on('close', (closeCode) => {
    code = closeCode;
  });
  return { socket: opened.socket, closeCode: () => code };
}

/** Signs in and returns the whole Set-Cookie answer as well as the cookie. */
async function signIn(server: TestServer, email: string, password: string, presented?: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(presented ? { cookie: presented } : {}) },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('finding 5: sessions end when idle, and at a fixed age', () => {
  const IDLE_MS = 2_000;
  const ABSOLUTE_MS = 1_500;
  let idle: TestServer;
  let aging: TestServer;

  beforeAll(async () => {
    idle = await startTestServer({ config: { sessionIdleMs: IDLE_MS } });
    aging = await startTestServer({ config: { sessionAbsoluteMs: ABSOLUTE_MS } });
  });
  afterAll(async () => {
    await idle?.dispose();
    await aging?.dispose();
  });

  it('keeps a session in use alive past the idle timeout, and ends one left unused for longer', async () => {
    // The unused one first: a sign-in (a password hash) can take longer than an idle period on a
    // busy machine, and the used one's first request must come right after its own.
    const unused = await login(idle.url, 'chief@example.org');
    const used = await login(idle.url, 'pcc@example.org');
    const { store } = idle.server.context;
    // Three idle periods of use: each request is answered, and so keeps the session alive.
    const start = Date.now();
    let requests = 0;
    while (Date.now() - start < 3 * IDLE_MS) {
      expect(await whoAmI(idle, used), `request ${requests + 1}, ${Date.now() - start} ms after sign-in`).toBe(200);
      requests += 1;
      // Paced like a busy page, not a tight loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(requests).toBeGreaterThan(3);
    // The other was not used for all that time: refused, and its row gone.
    const refused = await api<ErrorBody>(idle.url, unused, 'GET', '/api/session');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
    const chief = (await store.users.findByEmail('chief@example.org'))!;
    expect(await store.sessions.deleteForUser(chief.id)).toEqual([]);
    expect(await whoAmI(idle, used)).toBe(200);
  });

  it('ends a session at its fixed age even while it is in use', async () => {
    const signedInAt = Date.now();
    const cookie = await login(aging.url, 'pcc@example.org');
    const statuses: number[] = [];
    await waitFor(
      async () => {
        statuses.push(await whoAmI(aging, cookie));
        expect(statuses.at(-1)).toBe(401);
      },
      15_000,
      50,
    );
    expect(Date.now() - signedInAt).toBeGreaterThanOrEqual(ABSOLUTE_MS);
    expect(statuses[0]).toBe(200);
    // Once refused, for good (the cookie's own expiry says the same to the browser).
    expect(await whoAmI(aging, cookie)).toBe(401);
  });

  // Sockets are authenticated at the upgrade: before the session sweep, a socket opened just
  // before its session's end kept syncing (and writing) for as long as it stayed open.
  it("closes a session's open sockets (4401) once it reaches its fixed age", async () => {
    const cookie = await login(aging.url, 'officer@example.org');
    const sample = await sampleResponse(aging.url, cookie);
    const sync = await openSocket(aging, syncPath(sample.id, sample.sections[0]!.id), cookie);
    const events = await openSocket(aging, eventsPath(sample.id), cookie);
    await waitFor(() => {
      expect(sync.closeCode()).toBe(CLOSE_UNAUTHENTICATED);
      expect(events.closeCode()).toBe(CLOSE_UNAUTHENTICATED);
    }, 15_000);
    expect(await whoAmI(aging, cookie)).toBe(401);
  });
});

describe('finding 5: signing in, changing the password, signing out everywhere', () => {
  let server: TestServer;
  let sample: ResponseDetail;

  beforeAll(async () => {
    server = await startTestServer();
    sample = await sampleResponse(server.url, await login(server.url, 'pcc@example.org'));
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('signing in again ends the session the request came with (a fixed session is worth nothing)', async () => {
    const first = await login(server.url, 'lead@example.org');
    const again = await signIn(server, 'lead@example.org', DEMO_PASSWORD, first);
    expect(again.status).toBe(200);
    expect(again.cookie).not.toBe(first);
    expect(await whoAmI(server, first)).toBe(401);
    expect(await whoAmI(server, again.cookie)).toBe(200);

    // Even when the presented session is someone else's (planted by an attacker), it ends.
    const planted = await login(server.url, 'viewer@example.org');
    const victim = await signIn(server, 'lead@example.org', DEMO_PASSWORD, planted);
    expect(victim.status).toBe(200);
    expect(await whoAmI(server, planted)).toBe(401);
  });

  it('changes a password: refusals change nothing; success ends every other session and socket (4401), the new password works', async () => {
    const email = 'officer@example.org';
    const here = await login(server.url, email);
    const elsewhere = await login(server.url, email);
    const section = sample.sections[0]!;
    const hereSocket = await openSocket(server, syncPath(sample.id, section.id), here);
    const elsewhereSync = await openSocket(server, syncPath(sample.id, section.id), elsewhere);
    const elsewhereEvents = await openSocket(server, eventsPath(sample.id), elsewhere);
    const change = (cookie: string, body: unknown) => api<ErrorBody>(server.url, cookie, 'POST', '/api/session/password', body);

    const wrong = await change(here, { currentPassword: 'not my password', newPassword: 'a new and long passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_password');
    const common = await change(here, { currentPassword: DEMO_PASSWORD, newPassword: 'qwerty123456' });
    expect(common.status).toBe(400);
    expect(common.body.error).toEqual({ code: 'weak_password', message: expect.stringMatching(/^newPassword: is too common/) });
    const short = await change(here, { currentPassword: DEMO_PASSWORD, newPassword: 'too short' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('invalid_request');
    expect(await whoAmI(server, elsewhere)).toBe(200);
    expect(elsewhereSync.closeCode()).toBeNull();

    const changed = await fetch(`${server.url}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: here },
      body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'a new and long passphrase' }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ user: { id: expect.any(String), email, name: 'Robin Shah' } });
    const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(renewed).toMatch(/^countersign_session=.{20,}/);
    expect(renewed).not.toBe(here);

    // Every session but the new one has ended, over HTTP and on its sockets.
    expect(await whoAmI(server, elsewhere)).toBe(401);
    expect(await whoAmI(server, here)).toBe(401);
    expect(await whoAmI(server, renewed)).toBe(200);
    await waitFor(() => {
      expect(elsewhereSync.closeCode()).toBe(CLOSE_UNAUTHENTICATED);
      expect(elsewhereEvents.closeCode()).toBe(CLOSE_UNAUTHENTICATED);
      expect(hereSocket.closeCode()).toBe(CLOSE_UNAUTHENTICATED);
    });
    expect((await signIn(server, email, DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn(server, email, 'a new and long passphrase')).status).toBe(200);
  });

  it('signs out everywhere: every session of the account ends, its sockets too (4401); other accounts are untouched', async () => {
    const email = 'chief@example.org';
    const laptop = await login(server.url, email);
    const phone = await login(server.url, email);
    const someoneElse = await login(server.url, 'pcc@example.org');
    const phoneSocket = await openSocket(server, syncPath(sample.id, sample.sections[1]!.id), phone);
    const otherSocket = await openSocket(server, syncPath(sample.id, sample.sections[1]!.id), someoneElse);

    const ended = await fetch(`${server.url}/api/sessions`, { method: 'DELETE', headers: { cookie: laptop } });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ended: 2 });
    expect(ended.headers.get('set-cookie') ?? '').toMatch(/countersign_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect(await whoAmI(server, laptop)).toBe(401);
    expect(await whoAmI(server, phone)).toBe(401);
    await waitFor(() => expect(phoneSocket.closeCode()).toBe(CLOSE_UNAUTHENTICATED));

    expect(await whoAmI(server, someoneElse)).toBe(200);
    expect(otherSocket.closeCode()).toBeNull();
    otherSocket.socket.close();
    // Without a session there is nothing to end.
    expect((await api(server.url, null, 'DELETE', '/api/sessions')).status).toBe(401);
  });
});
