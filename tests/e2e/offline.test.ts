// Offline editing (issue 8): edits made with no connection are kept in the browser (IndexedDB)
// through a reload, merge in when the connection returns, and reach other members and the
// store. Sign-out deletes the browser's copies only when nothing in them is pending, and copies
// holding edits the server refused do not bring them back once the user has dismissed them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDetail } from '../../shared/api';
import { docFromUpdates, plainText, sectionJson } from '../../server/content/sectionContent';
import {
  controlWebSockets,
  editorText,
  eventually,
  launchBrowser,
  newUser,
  openFirstResponse,
  runAxe,
  saveStatus,
  signIn,
  typeAtEnd,
  waitUntilSaved,
  type BrowserUser,
  type NetworkSwitch,
} from '../helpers/browser';
import { startTestServer } from '../helpers/server';

const E2E_TIMEOUT = 180_000;
const PCC_SECTION = "Police and Crime Commissioner's comments";
const KEPT_MESSAGE = 'Offline: changes made here are kept in this browser';

/** The names of the IndexedDB databases this page's browser context holds for Countersign. */
function copyNames(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.startsWith('countersign:')),
  );
}

/** How many stored updates all the copies hold (y-indexeddb writes one row per update). */
function copyRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let rows = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('countersign:')) continue;
      rows += await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates').objectStore('updates').count();
          count.onerror = () => reject(count.error);
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      });
    }
    return rows;
  });
}

/** The id of a section of the response the page shows, found by its title. */
async function sectionIdOf(page: Page, title: string): Promise<string> {
  const responseId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const detail = await page.evaluate(
    async (path) => (await fetch(path, { credentials: 'same-origin' })).json() as Promise<ResponseDetail>,
    `/api/responses/${responseId}`,
  );
  const section = detail.sections.find((candidate) => candidate.title === title);
  if (!section) throw new Error(`no section "${title}"`);
  return section.id;
}

describe('offline editing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const users: BrowserUser[] = [];
  let officer: BrowserUser;
  let network: NetworkSwitch;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    officer = await newUser(browser, server.url);
    users.push(officer);
    // Reloading with edits not yet stored asks for confirmation first (useWarnBeforeLeaving).
    officer.page.on('dialog', (dialog) => void dialog.accept());
    // Routed before any page opens a socket, so that reloads stay behind the switch too.
    network = await controlWebSockets(officer.context);
    await signIn(officer.page, 'officer@example.org');
  }, E2E_TIMEOUT);

  afterAll(async () => {
    for (const user of users) await user.context.close();
    await browser?.close();
    await server?.dispose();
  });

  it(
    'keeps edits made offline through a reload, and merges them in when the connection returns',
    async () => {
      await openFirstResponse(officer.page);
      const editor = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      const stored = await editorText(editor);
      const rowsBefore = await copyRows(officer.page);

      network.goOffline();
      await eventually(() => saveStatus(officer.page)).toBe('Offline: trying to reconnect');
      await typeAtEnd(editor, ' Written offline.');
      // Counted as a section with changes, not as the characters typed.
      await eventually(() => saveStatus(officer.page)).toBe('Offline: changes to 1 section not yet saved');
      // Every keystroke has reached IndexedDB before the page goes away.
      await eventually(() => copyRows(officer.page)).toBeGreaterThanOrEqual(rowsBefore + ' Written offline.'.length);

      await officer.page.reload();
      const reloaded = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await eventually(() => editorText(reloaded)).toBe(`${stored} Written offline.`);
      // No server contact since the reload: what is unsaved cannot be counted yet.
      await eventually(() => saveStatus(officer.page)).toBe(KEPT_MESSAGE);
      await typeAtEnd(reloaded, ' And more.');
      expect(await saveStatus(officer.page)).toBe(KEPT_MESSAGE);

      network.goOnline();
      await waitUntilSaved(officer.page);
      expect(await editorText(reloaded)).toBe(`${stored} Written offline. And more.`);

      // Another member sees the text, and the server has stored it.
      const pcc = await newUser(browser, server.url);
      users.push(pcc);
      await signIn(pcc.page, 'pcc@example.org');
      await openFirstResponse(pcc.page);
      const theirs = pcc.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await eventually(() => editorText(theirs)).toBe(`${stored} Written offline. And more.`);
      const sectionId = await sectionIdOf(officer.page, PCC_SECTION);
      const storedDoc = docFromUpdates(await server.server.context.store.updates.load(sectionId));
      expect(plainText(sectionJson(storedDoc))).toContain('Written offline. And more.');
      await pcc.context.close();
      users.splice(users.indexOf(pcc), 1);

      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'signs out deleting the copies when all is saved, and warns first when something is not',
    async () => {
      await waitUntilSaved(officer.page);
      expect((await copyNames(officer.page)).length).toBeGreaterThan(0);
      await officer.page.getByRole('button', { name: 'Sign out' }).click();
      await officer.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await copyNames(officer.page)).toEqual([]);

      // Offline edits on the page: its trackers count them.
      await signIn(officer.page, 'officer@example.org');
      await openFirstResponse(officer.page);
      const editor = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      network.goOffline();
      await eventually(() => saveStatus(officer.page)).toMatch(/^Offline/);
      await typeAtEnd(editor, ' Not saved.');
      await officer.page.getByRole('button', { name: 'Sign out' }).click();
      const warning = officer.page.getByRole('dialog', { name: `You have ${' Not saved.'.length} changes not yet saved on this computer` });
      await warning.waitFor();
      expect(await runAxe(officer.page)).toEqual([]);
      await warning.getByRole('button', { name: 'Stay signed in' }).click();
      await warning.waitFor({ state: 'detached' });

      // Left behind by leaving the page while offline: the copies are compared with the server.
      await officer.page.getByRole('link', { name: 'Countersign' }).click();
      await officer.page.getByRole('heading', { level: 1, name: 'Your responses' }).waitFor();
      await officer.page.getByRole('button', { name: 'Sign out' }).click();
      const unchecked = officer.page.getByRole('dialog', { name: 'Changes on this computer could not be checked' });
      await unchecked.waitFor();
      expect(await unchecked.textContent()).toContain('you may be offline');
      await unchecked.getByRole('button', { name: 'Stay signed in' }).click();

      network.goOnline();
      await officer.page.getByRole('button', { name: 'Sign out' }).click();
      const counted = officer.page.getByRole('dialog', { name: `You have ${' Not saved.'.length} changes not yet saved on this computer` });
      await counted.waitFor();
      await counted.getByRole('button', { name: 'Stay signed in' }).click();
      expect(await copyNames(officer.page)).not.toEqual([]);

      // Opening the response sends them; then signing out is quiet.
      await openFirstResponse(officer.page);
      expect(await editorText(editor)).toContain('Written offline. And more. Not saved.');
      await officer.page.getByRole('button', { name: 'Sign out' }).click();
      await officer.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await copyNames(officer.page)).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'forgets edits the server refused once the user has dismissed them, not before',
    async () => {
      await signIn(officer.page, 'officer@example.org');
      await openFirstResponse(officer.page);
      const editor = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      const stored = await editorText(editor);

      network.goOffline();
      await eventually(() => saveStatus(officer.page)).toMatch(/^Offline/);
      await typeAtEnd(editor, ' Too late.');
      await eventually(() => saveStatus(officer.page)).toBe('Offline: changes to 1 section not yet saved');

      const pcc = await newUser(browser, server.url);
      users.push(pcc);
      await signIn(pcc.page, 'pcc@example.org');
      await openFirstResponse(pcc.page);
      const region = pcc.page.getByRole('region', { name: PCC_SECTION, exact: true });
      await region.getByRole('button', { name: 'Sign off' }).click();
      const confirm = region.getByRole('button', { name: 'Confirm sign-off' });
      await eventually(() => confirm.isEnabled()).toBe(true);
      await confirm.click();
      await eventually(() => region.textContent()).toContain('Signed off by');

      network.goOnline();
      const kept = officer.page.getByRole('textbox', { name: `Your unsaved text of ${PCC_SECTION}` });
      await kept.waitFor({ timeout: 20_000 });
      expect(await kept.inputValue()).toContain('Too late.');

      // Not dismissed yet: the browser still holds them, and a reload shows them again.
      await officer.page.reload();
      await kept.waitFor({ timeout: 20_000 });
      expect(await kept.inputValue()).toContain('Too late.');
      const alert = officer.page.getByRole('alert').filter({ hasText: 'not saved' });
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await eventually(() => editorText(editor)).toBe(stored);
      await waitUntilSaved(officer.page);

      // Dismissed: the copy was reset to the stored text, so a reload brings nothing back.
      await officer.page.reload();
      await waitUntilSaved(officer.page);
      expect(await editorText(editor)).toBe(stored);
      expect(await officer.page.getByRole('alert').filter({ hasText: 'not saved' }).count()).toBe(0);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
