// Countersign as a user meets it, for the browser scenario: the bundle with the node options of
// `npm start`, the client as `vite build` writes it into dist/, and the demo data (its logins)
// on an empty data folder; plus the HTTP calls the scenario sets its responses up with.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { PhaseMeter } from '../proc';
import { buildCountersign, startNodeOptions } from './compile';
import { jsonLine, ROOT, spawnServer } from './spawn';
import { newDataDir } from './tmp';

/** The demo logins' password (DESIGN.md's contract). */
export const DEMO_PASSWORD = 'countersign';
export const CLIENT_DIR = path.join(ROOT, 'dist');

export interface CountersignApp {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** ws://127.0.0.1:port */
  readonly wsUrl: string;
  readonly pid: number;
  meter(): PhaseMeter;
  stop(): Promise<void>;
}

let clientBuilt = false;

/** Builds the client into dist/ with `vite build`, once per run. */
export function buildClient(): void {
  if (clientBuilt) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  clientBuilt = true;
}

/** Starts Countersign with the demo data and the built client on loopback. */
export async function startCountersignApp(): Promise<CountersignApp> {
  buildClient();
  const server = await spawnServer({
    script: buildCountersign(),
    nodeOptions: startNodeOptions(),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      COUNTERSIGN_DATA: newDataDir('countersign-app'),
      COUNTERSIGN_DEMO: '1',
      COUNTERSIGN_CLIENT_DIR: CLIENT_DIR,
      COUNTERSIGN_LOG: 'info',
    },
    readyLine: (line) => {
      const json = jsonLine(line);
      if (!json || json.event !== 'server.started' || typeof json.url !== 'string') return null;
      return Number(new URL(json.url).port);
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    pid: server.pid,
    meter: () => new PhaseMeter(server.pid),
    stop: () => server.stop(),
  };
}

/** A signed-in user: the Cookie header to send, and the cookie's value for a browser context. */
export interface Login {
  email: string;
  cookie: string;
  sessionToken: string;
}

function loginFrom(email: string, setCookie: string): Login {
  const pair = setCookie.split(';')[0] ?? '';
  const [name, value] = pair.split('=');
  if (name !== SESSION_COOKIE || !value) throw new Error(`signing in as ${email} set no ${SESSION_COOKIE} cookie`);
  return { email, cookie: pair, sessionToken: value };
}

/** Signs in over HTTP (POST /api/session). */
export async function signIn(app: CountersignApp, email: string, password = DEMO_PASSWORD): Promise<Login> {
  const response = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`signing in as ${email}: ${response.status} ${await response.text()}`);
  return loginFrom(email, response.headers.get('set-cookie') ?? '');
}

/** A JSON request as a signed-in user; throws with the server's error unless the status is 2xx. */
export async function callApi<T>(app: CountersignApp, login: Login | null, method: string, apiPath: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.url}${apiPath}`, {
    method,
    headers: {
      ...(login ? { cookie: login.cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) throw new Error(`${method} ${apiPath}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Accepts an invitation for someone without an account: asks for the one-time code
 * (POST /api/invitations/:token/code), reads it in the outbox as an installation administrator
 * (`admin`; no mail server here), and accepts with it (POST .../accept). The new user, signed in.
 */
export async function acceptInvitation(app: CountersignApp, admin: Login, email: string, invitationUrl: string, name: string, password: string): Promise<Login> {
  const token = invitationUrl.split('/').pop() ?? '';
  await callApi(app, null, 'POST', `/api/invitations/${token}/code`, {});
  const outbox = await callApi<{ mails: Array<{ to: { address: string }; subject: string; text: string }> }>(app, admin, 'GET', '/api/outbox');
  const mail = outbox.mails.find((candidate) => candidate.to.address === email.toLowerCase() && /^Your code/.test(candidate.subject));
  const code = mail && /Your code is (\d{4}) (\d{4})/.exec(mail.text);
  if (!code) throw new Error(`no invitation code mailed to ${email}`);
  const response = await fetch(`${app.url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: code[1]! + code[2]!, name, password }),
  });
  if (response.status !== 201) throw new Error(`accepting the invitation of ${email}: ${response.status} ${await response.text()}`);
  return loginFrom(email, response.headers.get('set-cookie') ?? '');
}

/** Adds someone with an account to a response with their consent: invited, then accepting from their dashboard. */
export async function addMember(app: CountersignApp, admin: Login, responseId: string, member: Login, seat: { role: string; capacity: string }): Promise<void> {
  const invited = await callApi<{ invitation: { id: string } }>(app, admin, 'POST', `/api/responses/${responseId}/members`, { email: member.email, ...seat });
  await callApi(app, member, 'POST', `/api/me/invitations/${invited.invitation.id}/accept`, {});
}
