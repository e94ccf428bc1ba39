// The response page as a long document is used: its contents list (every section with its owner,
// state, open threads and who is in it now; jump links that move focus; sticky on wide screens),
// a save status that stays in view and speaks only when the connection changes, and presence
// shown as unknown while the connection is down.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ResponseDetail, Thread } from '../../shared/api';
import {
  controlWebSockets,
  eventually,
  openFirstResponse,
  saveStatus,
  signIn,
  waitUntilSaved,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';
import { isFocused, setWidth, tabTo } from '../helpers/layout';
import { liveChanges, recordLiveRegions } from '../helpers/liveRegions';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const CHIEF_SECTION = 'Chief Officer comments';
const LEAD_SECTION = 'Portfolio lead comments';

function contents(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Contents' });
}

/** The words that describe a contents link (its owner, state, threads, who is in it). */
function describedText(link: Locator): Promise<string> {
  return link.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The id of the element that has the focus, and whether it is fully below the sticky status. */
function focusPlace(page: Page): Promise<{ id: string; belowStatus: boolean; inView: boolean }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const status = document.querySelector('.response-status')?.getBoundingClientRect();
    const box = active?.getBoundingClientRect();
    return {
      id: active?.id ?? '',
      belowStatus: Boolean(box && status && box.top >= status.bottom - 1),
      inView: Boolean(box && box.top < window.innerHeight && box.bottom > 0),
    };
  });
}

/** Whether the save status is on screen. */
function statusInView(page: Page): Promise<boolean> {
  return page.locator('.save-status').evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}

describe('the response page', () => {
  const suite = browserSuite();

  async function user(email: string, width = 1366): Promise<BrowserUser> {
    const u = await suite.newUser();
    await setWidth(u.page, width);
    await signIn(u.page, email);
    await openFirstResponse(u.page);
    return u;
  }

  it(
    'lists every section with its owner, state, open threads and who is in it, and its links move focus',
    async () => {
      const pcc = await user('pcc@example.org');
      const { url } = suite.server;
      const cookies = { pcc: await login(url, 'pcc@example.org'), chief: await login(url, 'chief@example.org') };
      const sample: ResponseDetail = await sampleResponse(url, cookies.pcc);
      const nav = contents(pcc.page);

      // Every section, in order (recommendations by number), then suggestions and the publish panel.
      await eventually(() => nav.getByRole('link').allTextContents()).toEqual([
        PCC_SECTION,
        CHIEF_SECTION,
        LEAD_SECTION,
        'Recommendation 1',
        'Recommendation 2',
        'HMI comments',
        'Suggestions',
        'Publish',
      ]);
      const chiefLink = nav.getByRole('link', { name: CHIEF_SECTION });
      expect(await describedText(chiefLink)).toBe('Chief Constable, Drafting');

      // A thread and a sign-off elsewhere show up live.
      const chiefSection = sample.sections.find((section) => section.title === CHIEF_SECTION)!;
      const thread = await api<Thread>(url, cookies.pcc, 'POST', `/api/responses/${sample.id}/threads`, {
        sectionId: chiefSection.id,
        body: 'Can we add the date of the regional meeting?',
      });
      expect(thread.status).toBe(201);
      await eventually(() => describedText(chiefLink)).toBe('Chief Constable, Drafting, 1 open thread');
      const leadSection = sample.sections.find((section) => section.title === LEAD_SECTION)!;
      const lead = await login(url, 'lead@example.org');
      expect((await api(url, lead, 'POST', `/api/responses/${sample.id}/sections/${leadSection.id}/signoff`)).status).toBe(200);
      await eventually(() => describedText(nav.getByRole('link', { name: LEAD_SECTION }))).toBe('Portfolio lead, Signed off');

      // Who is in a section now: the chief's caret in their section, then in another.
      const chief = await user('chief@example.org');
      await chief.page.getByRole('textbox', { name: CHIEF_SECTION }).click();
      await eventually(() => describedText(chiefLink)).toBe('Chief Constable, Drafting, 1 open thread, Here now: Sam Taylor');
      await chief.page.getByRole('textbox', { name: 'Response to recommendation 2' }).click();
      await eventually(() => describedText(nav.getByRole('link', { name: 'Recommendation 2' }))).toContain('Here now: Sam Taylor');
      await eventually(() => describedText(chiefLink)).toBe('Chief Constable, Drafting, 1 open thread');

      // From the keyboard: Tab to a link, Enter, and focus is on the section, in view below the status.
      await tabTo(pcc.page, nav.getByRole('link', { name: 'HMI comments' }));
      await pcc.page.keyboard.press('Enter');
      const hmi = pcc.page.getByRole('region', { name: 'HMI comments' });
      await eventually(() => isFocused(hmi)).toBe(true);
      await eventually(() => focusPlace(pcc.page)).toMatchObject({ belowStatus: true, inView: true });
      expect(new URL(pcc.page.url()).hash).toBe(`#${await hmi.getAttribute('id')}`);
      // Tab goes on from there: into that section.
      await pcc.page.keyboard.press('Tab');
      expect(await pcc.page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toBe(
        await hmi.getAttribute('aria-labelledby'),
      );
      // The save status stayed on screen, and the contents list beside the text (sticky).
      expect(await statusInView(pcc.page)).toBe(true);
      const navBox = await nav.boundingBox();
      expect(navBox && navBox.y >= 0 && navBox.y < 200).toBe(true);

      // A recommendation, back up the page: its row takes the focus.
      await tabTo(pcc.page, nav.getByRole('link', { name: 'Recommendation 1' }), { backwards: true });
      await pcc.page.keyboard.press('Enter');
      const first = sample.sections.find((section) => section.kind === 'recommendation')!;
      await eventually(() => focusPlace(pcc.page)).toMatchObject({ id: `section-${first.id}`, belowStatus: true, inView: true });
      // And the publish panel, from the last link (back up the page, just before the sections).
      await tabTo(pcc.page, nav.getByRole('link', { name: 'Publish' }), { backwards: true });
      await pcc.page.keyboard.press('Enter');
      await eventually(() => focusPlace(pcc.page)).toMatchObject({ id: 'publish', inView: true });

      // At 320 px the list comes first, above the sections, and the status still stays in view.
      await setWidth(pcc.page, 320);
      await nav.getByRole('link', { name: 'HMI comments' }).click();
      await eventually(() => isFocused(hmi)).toBe(true);
      await eventually(() => focusPlace(pcc.page)).toMatchObject({ belowStatus: true, inView: true });
      expect(await statusInView(pcc.page)).toBe(true);

      expect(pcc.pageErrors).toEqual([]);
      expect(chief.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'announces connection changes, not keystrokes: a handful of announcements while 35 characters are typed',
    async () => {
      const officer = await suite.newUser();
      const network = await controlWebSockets(officer.context);
      await signIn(officer.page, 'officer@example.org');
      await openFirstResponse(officer.page);
      const editor = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await editor.click();
      await editor.press('Control+End');
      await recordLiveRegions(officer.page);

      // 35 characters at a typing pace: the visible status follows, nothing is announced.
      const typed = ' Thirty-five characters typed here.';
      expect(typed.length).toBe(35);
      await editor.pressSequentially(typed, { delay: 40 });
      await waitUntilSaved(officer.page);
      const whileTyping = await liveChanges(officer.page);
      expect(whileTyping.length).toBeLessThanOrEqual(2);
      expect(whileTyping.filter((change) => change.region === 'save status')).toEqual([]);

      // Losing the connection is announced once, typing offline adds nothing, and coming back is said.
      network.goOffline();
      await eventually(() => saveStatus(officer.page)).toBe('Offline: trying to reconnect');
      await editor.pressSequentially(' Offline.', { delay: 40 });
      await eventually(() => saveStatus(officer.page)).toBe('Offline: changes to 1 section not yet saved');
      // While the connection is down, who is where is not known: the page says so.
      await contents(officer.page).getByText('Not connected: who is in each section is unknown.').waitFor();
      network.goOnline();
      await waitUntilSaved(officer.page);
      // Said: the loss, the return, and (if the changes were still on their way then) that they are saved.
      const said = async () => (await liveChanges(officer.page)).filter((change) => change.region === 'save status').map((change) => change.text);
      await eventually(async () => (await said()).at(-1)).toMatch(/All changes saved$/);
      expect([
        ['Offline: trying to reconnect', 'Connected again. Saving your changes…', 'All changes saved'],
        ['Offline: trying to reconnect', 'Connected again. All changes saved'],
      ]).toContainEqual(await said());
      expect((await liveChanges(officer.page)).length).toBeLessThanOrEqual(6);
      await eventually(() => contents(officer.page).getByText('Not connected: who is in each section is unknown.').count()).toBe(0);

      // The members page says who is online is unknown while it cannot know.
      await officer.page.getByRole('navigation', { name: 'This response' }).getByRole('link', { name: 'Members' }).click();
      const members = officer.page.getByRole('region', { name: 'Members' });
      await eventually(() => members.getByText('online', { exact: true }).filter({ visible: true }).count()).toBeGreaterThan(0);
      network.goOffline();
      await officer.page.getByText('Not connected: who is online is unknown until the connection returns.').waitFor();
      expect(await members.getByText(/^(online|offline)$/).filter({ visible: true }).count()).toBe(0);
      network.goOnline();
      await eventually(() => members.getByText('online', { exact: true }).filter({ visible: true }).count()).toBeGreaterThan(0);

      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
