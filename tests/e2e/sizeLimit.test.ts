// Finding 2 of the hostile-members issue, in the browser: a section that reaches its size limit
// refuses the write that crosses it, and the editor says so in words that fit (before, the alert
// said "this section was signed off or is read-only" for every refusal), keeps the refused text
// for the user to copy, and shows the stored text again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editorText,
  eventually,
  launchBrowser,
  newUser,
  runAxe,
  signIn,
  typeAtEnd,
  waitUntilSaved,
  type BrowserUser,
} from '../helpers/browser';
import { E2E_TIMEOUT } from '../helpers/browserSuite';
import { startTestServer, type TestServer } from '../helpers/server';

const LIMIT = 64 * 1024;
const SECTION = "Police and Crime Commissioner's comments";

describe('finding 2: a full section, in the editor', () => {
  let server: TestServer;
  let browser: Browser;
  let pcc: BrowserUser;

  beforeAll(async () => {
    server = await startTestServer({ config: { maxSectionBytes: LIMIT } });
    browser = await launchBrowser();
    pcc = await newUser(browser, server.url);
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await pcc?.context.close();
    await browser?.close();
    await server?.dispose();
  });

  it(
    'says the section has reached its size limit, keeps the refused text, and shows what is stored',
    async () => {
      const { page } = pcc;
      await signIn(page, 'pcc@example.org');
      await page.getByRole('link', { name: /neighbourhood policing/ }).click();
      await page.waitForURL(/\/responses\/[^/]+$/);
      await waitUntilSaved(page);

      const editor = page.getByRole('textbox', { name: SECTION, exact: true });
      await typeAtEnd(editor, 'Stored before the section filled up.');
      await waitUntilSaved(page);

      // A paste larger than the whole section may be: one write, refused as a whole.
      const pasted = 'The force has agreed a plan of action for every recommendation. '.repeat(1_200);
      await page.keyboard.insertText(pasted);

      const alert = page.getByRole('alert').filter({ hasText: 'not saved' });
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.locator('.alert__title').textContent()).toMatch(/^\d+ of your changes (was|were) not saved: this section has reached its size limit\.$/);
      expect(await alert.textContent()).toContain('The server said: This section has reached its size limit (64 kB); nothing more can be added to it');
      expect(await alert.textContent()).toContain('Put the rest of your text in another section');
      expect(await alert.textContent()).not.toContain('signed off or is read-only');
      const kept = page.getByRole('textbox', { name: `Your unsaved text of ${SECTION}` });
      expect(await kept.inputValue()).toContain(pasted.trim().slice(0, 2_000));
      await expect.poll(() => alert.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))).toBe(true);

      // The editor shows what is stored: the sentence, not the paste; and the page is saved again.
      const rebuilt = page.getByRole('textbox', { name: SECTION, exact: true });
      await eventually(() => editorText(rebuilt)).toBe('Stored before the section filled up.');
      await waitUntilSaved(page);
      expect(await runAxe(page)).toEqual([]);

      await alert.getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.getByRole('alert').filter({ hasText: 'not saved' }).count()).toBe(0);
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
