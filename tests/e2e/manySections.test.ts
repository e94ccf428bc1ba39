// A response with 40 recommendations (46 sections) opens in Chromium over one socket (issue 14):
// every editor shows its text and the page says all is saved; a sign-off locks that section alone
// for another member, live, while the next one stays writable for them; the member's own
// notifications come live on that one socket as well.
import type { WebSocket as PageWebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { responseSyncPath } from '../../shared/protocol';
import { editorText, eventually, runAxe, signIn, typeAtEnd, waitUntilSaved, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, insertText, login } from '../helpers/clients';
import { createLargeResponse } from '../helpers/largeResponse';
import { MultiplexClient } from '../helpers/multiplexClient';

const RECOMMENDATIONS = 40;
const OWNER_EMAILS: Record<string, string> = {
  pcc: 'pcc@example.org',
  chief_constable: 'chief@example.org',
  portfolio_lead: 'lead@example.org',
};

/** The accessible name of a section's editor, as the page names it. */
function editorName(response: ResponseDetail, section: Section): string {
  if (section.kind !== 'recommendation') return section.title;
  const number = response.sections.filter((s) => s.kind === 'recommendation').indexOf(section) + 1;
  return `Response to recommendation ${number}`;
}

function textOf(section: Section): string {
  return `The text of section ${section.id}.`;
}

/** Each section's owner writes its text over a multiplexed socket from Node. */
async function writeEverySection(url: string, response: ResponseDetail): Promise<void> {
  for (const [role, email] of Object.entries(OWNER_EMAILS)) {
    const owned = response.sections.filter((section) => section.ownerRole === role);
    if (owned.length === 0) continue;
    const socket = await MultiplexClient.open(url, await login(url, email), response.id);
    const channels = owned.map((section) => socket.open(section.id));
    await eventually(() => channels.every((channel) => channel.synced)).toBe(true);
    for (const [index, channel] of channels.entries()) insertText(channel.doc, 0, textOf(owned[index]!));
    await Promise.all(channels.map((channel) => channel.roundTrip()));
    socket.close();
  }
}

/**
 * Opens the response in a user's page, recording the WebSockets the response page opens (the
 * dashboard that signing in lands on keeps its own `/events` socket, closed as the page goes).
 */
async function openResponse(user: BrowserUser, email: string, response: ResponseDetail): Promise<PageWebSocket[]> {
  await signIn(user.page, email);
  const sockets: PageWebSocket[] = [];
  user.page.on('websocket', (socket) => sockets.push(socket));
  await user.page.goto(`/responses/${response.id}`);
  await waitUntilSaved(user.page, 30_000);
  return sockets;
}

describe('a response with 40 recommendations', () => {
  const suite = browserSuite();

  it(
    'opens with one socket, every editor live, and a sign-off locks only its section for another member',
    async () => {
      const url = suite.server.url;
      const pccCookie = await login(url, 'pcc@example.org');
      const response = await createLargeResponse(url, pccCookie, { recommendations: RECOMMENDATIONS, ownerRole: 'pcc' });
      expect(response.sections).toHaveLength(6 + RECOMMENDATIONS);
      await writeEverySection(url, response);

      const pcc = await suite.newUser();
      const pccSockets = await openResponse(pcc, 'pcc@example.org', response);
      for (const section of response.sections) {
        const editor = pcc.page.getByRole('textbox', { name: editorName(response, section), exact: true });
        await eventually(() => editorText(editor)).toBe(textOf(section));
      }
      expect(pccSockets.map((socket) => new URL(socket.url()).pathname)).toEqual([responseSyncPath(response.id)]);
      expect(await runAxe(pcc.page)).toEqual([]);

      // The policy officer (a PCC drafter) has the response open too, on one socket of their own.
      const officer = await suite.newUser();
      const officerSockets = await openResponse(officer, 'officer@example.org', response);
      const recommendations = response.sections.filter((section) => section.kind === 'recommendation');
      const first = officer.page.getByRole('textbox', { name: editorName(response, recommendations[0]!), exact: true });
      const second = officer.page.getByRole('textbox', { name: editorName(response, recommendations[1]!), exact: true });
      await eventually(() => first.getAttribute('aria-readonly')).toBeNull();

      // The PCC signs the first recommendation off: it locks for the officer at once, and only it.
      const signed = await api(url, pccCookie, 'POST', `/api/responses/${response.id}/sections/${recommendations[0]!.id}/signoff`);
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      await eventually(() => first.getAttribute('aria-readonly')).toBe('true');
      expect(await second.getAttribute('aria-readonly')).toBeNull();
      await typeAtEnd(second, ' The officer adds a line.');
      await waitUntilSaved(officer.page);
      const pccSecond = pcc.page.getByRole('textbox', { name: editorName(response, recommendations[1]!), exact: true });
      await eventually(() => editorText(pccSecond)).toBe(`${textOf(recommendations[1]!)} The officer adds a line.`);
      await eventually(() => editorText(first)).toBe(textOf(recommendations[0]!));

      // The PCC's own events come on that socket too: the drafter asks for the second's sign-off,
      // and the PCC's header counts it live.
      expect(await pcc.page.getByRole('banner').getByRole('link', { name: /^Notifications/ }).textContent()).toBe('Notifications');
      const asked = await api(url, await login(url, 'officer@example.org'), 'POST', `/api/responses/${response.id}/sections/${recommendations[1]!.id}/request-signoff`, {});
      expect(asked.status, JSON.stringify(asked.body)).toBe(200);
      await eventually(() => pcc.page.getByRole('banner').getByRole('link', { name: /^Notifications/ }).textContent()).toBe('Notifications1 unread');

      // Still the one socket each: the lock closed a channel, not the socket.
      expect(officerSockets).toHaveLength(1);
      expect(pccSockets).toHaveLength(1);
      expect(pcc.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT * 2,
  );
});
