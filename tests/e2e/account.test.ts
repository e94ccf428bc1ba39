// Finding 5 of the hostile-members issue, in the browser: the "Your account" page, linked from
// the header, changes the password (GOV.UK's form pattern: an error summary whose links move
// focus to the fields) and signs out everywhere after a confirmation. The other device's open
// response page is told its session ended. Axe-clean at 1366 and 320 px wide, errors shown too.
// (Before: no such page, and no API behind it.)
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, openFirstResponse, runAxe, signIn } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const EMAIL = 'officer@example.org';
const NEW_PASSWORD = 'kettle orchard lantern ribbon';

/** Axe at a desktop and a phone width, with nothing wider than the phone's screen. */
async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  for (const width of [1366, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function sessionStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/session')).status);
}

function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.id ?? null);
}

describe('finding 5: the account page', () => {
  const suite = browserSuite();

  it(
    'changes the password with GOV.UK errors, ends the other sessions, and signs out everywhere after confirming',
    async () => {
      const laptop = await suite.newUser();
      const phone = await suite.newUser();
      await signIn(laptop.page, EMAIL);
      await signIn(phone.page, EMAIL);
      await openFirstResponse(phone.page);
      const { page } = laptop;

      // From the header, next to "Sign out".
      const header = page.getByRole('banner');
      await header.getByRole('link', { name: 'Your account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      expect(await page.title()).toBe('Your account - Countersign');
      expect(await page.getByText(EMAIL).count()).toBe(1);
      await expectAccessibleAtBothWidths(page);

      // Nothing filled in: the summary lists both fields, takes focus, and links to each.
      const submit = page.getByRole('button', { name: 'Change password' });
      await submit.click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      await eventually(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
      expect(await page.title()).toBe('Error: Your account - Countersign');
      expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter your current password', 'Enter a new password']);
      await summary.getByRole('link', { name: 'Enter a new password' }).click();
      expect(await focusedId(page)).toBe('new-password');
      await expectAccessibleAtBothWidths(page);

      // The field says its error too, and is described by it.
      const current = page.getByLabel('Current password', { exact: true });
      const next = page.getByLabel('New password', { exact: true });
      expect(await next.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => next.evaluate((input) => input.getAttribute('aria-describedby')?.includes('new-password-error'))).toBe(true);

      // The server's refusals land on their fields.
      await current.fill('not my password');
      await next.fill(NEW_PASSWORD);
      await submit.click();
      await eventually(() => summary.getByRole('link').allTextContents()).toEqual(['Your current password is not right']);
      await summary.getByRole('link').click();
      expect(await focusedId(page)).toBe('current-password');

      await current.fill('countersign');
      await next.fill('qwerty123456');
      await submit.click();
      await eventually(() => summary.getByRole('link').allTextContents()).toEqual([
        'New password is too common: it appears in lists of breached passwords. Choose a phrase of several unrelated words',
      ]);

      // "Show" reveals what was typed, and says so.
      const show = page.getByRole('button', { name: 'Show new password' });
      expect(await next.getAttribute('type')).toBe('password');
      await show.click();
      expect(await next.getAttribute('type')).toBe('text');
      expect(await page.getByRole('button', { name: 'Hide new password' }).getAttribute('aria-controls')).toBe('new-password');
      expect(await page.getByText('Your new password is visible').count()).toBe(1);

      // A good one: changed, the fields emptied, this browser still signed in, the phone not.
      await next.fill(NEW_PASSWORD);
      await submit.click();
      const done = page.getByRole('status').filter({ hasText: 'Your password has been changed' });
      await done.waitFor();
      expect(await summary.count()).toBe(0);
      expect(await current.inputValue()).toBe('');
      expect(await next.inputValue()).toBe('');
      expect(await page.title()).toBe('Your account - Countersign');
      expect(await sessionStatus(page)).toBe(200);
      expect(await sessionStatus(phone.page)).toBe(401);
      await phone.page.getByText('Your session has ended. Sign in again to carry on.').first().waitFor();
      await expectAccessibleAtBothWidths(page);

      // The phone signs in again with the new password, then this browser signs out everywhere.
      await signIn(phone.page, EMAIL, NEW_PASSWORD);
      const trigger = page.getByRole('button', { name: 'Sign out everywhere' });
      await trigger.click();
      const question = page.getByRole('heading', { name: 'Sign out on every device and browser?' });
      await question.waitFor();
      expect(await focusedId(page)).toBe('sign-out-everywhere-question');
      await expectAccessibleAtBothWidths(page);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out everywhere');
      expect(await sessionStatus(phone.page)).toBe(200);

      await page.keyboard.press('Enter');
      await question.waitFor();
      await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in to Countersign' }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'You have been signed out everywhere' }).count()).toBe(1);
      expect(await runAxe(page)).toEqual([]);
      expect(await sessionStatus(page)).toBe(401);
      expect(await sessionStatus(phone.page)).toBe(401);

      // The new password is the one that works.
      await signIn(page, EMAIL, NEW_PASSWORD);
      expect(laptop.pageErrors).toEqual([]);
      expect(phone.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
