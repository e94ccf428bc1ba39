// The whole journey with the keyboard only: the PCC signs in, writes, comments on a passage,
// resolves the comment, signs off their sections and publishes, pressing Tab, Shift+Tab,
// arrows, Enter and letters, never the mouse. (The chief's and the lead's sign-offs, other
// people's work, come through the API.) Where a check step asks for confirmation ("Confirm
// sign-off", "Confirm and publish"), the journey confirms it from the keyboard too.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseDetail } from '../../shared/api';
import { editorText, eventually, normalise, waitUntilSaved } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';
import { isFocused, tabTo } from '../helpers/layout';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const WRITTEN = ' We will report progress to the panel each quarter.';
const COMMENT = 'Should the panel see it before publication?';

/** Presses Enter on a control reached with Tab. */
async function press(page: Page, target: Locator, options: { backwards?: boolean } = {}): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press('Enter');
}

/**
 * After pressing an action's button: if a check step appears with `confirm`, confirm it from
 * the keyboard; resolves once `done` is true either way.
 */
async function confirmIfAsked(page: Page, confirm: Locator, done: () => Promise<boolean>): Promise<void> {
  await eventually(async () => (await done()) || (await confirm.count()) > 0, 15_000).toBe(true);
  if (await done()) return;
  await press(page, confirm);
  await eventually(done, 15_000).toBe(true);
}

/** Goes to a section through the contents list; focus lands on it. */
async function jumpToSection(page: Page, title: string): Promise<Locator> {
  await press(page, page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: title }), { backwards: true });
  const region = page.getByRole('region', { name: title });
  await eventually(() => isFocused(region)).toBe(true);
  return region;
}

describe('the whole journey, with the keyboard only', () => {
  const suite = browserSuite();

  it(
    'sign in, write, comment, sign off and publish',
    async () => {
      const { url } = suite.server;
      const pcc = await suite.newUser();
      const { page } = pcc;

      // Sign in.
      await page.goto('/sign-in');
      await tabTo(page, page.getByLabel('Email address'));
      await page.keyboard.type('pcc@example.org');
      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByLabel('Password'))).toBe(true);
      await page.keyboard.type('countersign');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Your responses' }).waitFor();

      // Open the sample response from the dashboard.
      const cookie = await login(url, 'pcc@example.org');
      const sample: ResponseDetail = await sampleResponse(url, cookie);
      await press(page, page.getByRole('link', { name: sample.title }));
      await page.getByRole('heading', { level: 1, name: sample.title }).waitFor();
      await waitUntilSaved(page);

      // Write: to the section through the contents, on to its text, type at its end.
      const section = await jumpToSection(page, PCC_SECTION);
      const editor = page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await tabTo(page, editor);
      const before = await editorText(editor);
      await page.keyboard.press('Control+End');
      await page.keyboard.type(WRITTEN);
      await eventually(() => editorText(editor)).toBe(normalise(before + WRITTEN));
      await waitUntilSaved(page);

      // Comment on what was just written: select it with Shift and the arrows, Tab to the comment bar.
      const quote = WRITTEN.trim();
      for (let i = 0; i < quote.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(quote);
      await press(page, section.getByRole('button', { name: 'Comment on selected text' }));
      const form = page.getByRole('textbox', { name: 'Comment', exact: true });
      await eventually(() => isFocused(form)).toBe(true);
      await page.keyboard.type(COMMENT);
      await press(page, page.getByRole('button', { name: 'Post comment' }));
      await eventually(() => section.getByRole('status').filter({ hasText: 'Your comment was posted.' }).count()).toBe(1);
      const thread = section.getByRole('article').filter({ hasText: COMMENT });
      await eventually(() => thread.getByRole('blockquote').textContent()).toBe(quote);

      // The comment is dealt with: resolve it.
      await press(page, thread.getByRole('button', { name: 'Resolve thread' }));
      await eventually(() => section.getByText('No open threads').count()).toBe(1);

      // The chief and the lead sign off their own sections (their work, through the API).
      const cookies: Record<string, string> = {
        chief_constable: await login(url, 'chief@example.org'),
        portfolio_lead: await login(url, 'lead@example.org'),
      };
      for (const other of sample.sections.filter((s) => s.ownerRole !== 'pcc')) {
        expect((await api(url, cookies[other.ownerRole]!, 'POST', `/api/responses/${sample.id}/sections/${other.id}/signoff`)).status).toBe(200);
      }

      // Sign off the PCC's sections from the keyboard, each reached through the contents.
      for (const title of sample.sections.filter((s) => s.ownerRole === 'pcc').map((s) => s.title)) {
        const region = await jumpToSection(page, title);
        await press(page, region.getByRole('button', { name: 'Sign off' }));
        await confirmIfAsked(page, page.getByRole('button', { name: 'Confirm sign-off' }), async () =>
          (await region.getByText(/^Signed off by Alex Morgan/).count()) > 0,
        );
      }

      // Publish: the contents' last link leads to the panel.
      await press(page, page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Publish' }), { backwards: true });
      const publish = page.getByRole('button', { name: 'Publish', exact: true });
      await eventually(() => publish.isEnabled(), 15_000).toBe(true);
      await press(page, publish);
      await confirmIfAsked(page, page.getByRole('button', { name: 'Confirm and publish' }), async () =>
        (await page.getByRole('link', { name: 'View published response' }).count()) > 0,
      );

      // The published page, reached from the keyboard too, has what was written.
      await press(page, page.getByRole('link', { name: 'View published response' }), { backwards: true });
      await page.waitForURL(/\/published\//);
      expect(normalise((await page.locator('main').textContent()) ?? '')).toContain(WRITTEN.trim());
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
