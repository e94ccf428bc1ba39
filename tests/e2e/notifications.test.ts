// Notifications, mentions, preferences, the outbox and the dashboard's invitations in real
// Chromium: a mention chosen with the keyboard alone reaches the member live (the unread count
// in their header changes without a reload), the notification links to the thread, "Ask for
// sign-off" reaches the signatory, and every page is axe-clean at 1366 and 320 pixels wide.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, runAxe, signIn, waitUntilSaved, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login } from '../helpers/clients';

const RECENT = 'Response to the HMICFRS report on neighbourhood policing';
const LEAD_SECTION = 'Portfolio lead comments';
const PCC_SECTION = "Police and Crime Commissioner's comments";

/** The page is axe-clean at a desktop width and at 320 px (WCAG 1.4.10 reflow). */
async function expectAxeCleanAtBothWidths(page: Page): Promise<void> {
  for (const width of [1366, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await runAxe(page), `at ${width} px`).toEqual([]);
    // Nothing wider than the screen at 320 px.
    if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

function notificationsLink(page: Page) {
  return page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
}

describe('notifications and mentions', () => {
  const suite = browserSuite();

  async function user(email: string): Promise<BrowserUser> {
    const person = await suite.newUser();
    await person.page.setViewportSize({ width: 1366, height: 900 });
    await signIn(person.page, email);
    return person;
  }

  it(
    'a member mentioned with the keyboard alone is told live, and the notification leads to the thread',
    async () => {
      const lead = await user('lead@example.org');
      const officer = await user('officer@example.org');
      expect(await notificationsLink(lead.page).textContent()).toBe('Notifications');

      await officer.page.getByRole('link', { name: RECENT }).click();
      await waitUntilSaved(officer.page);
      const bar = officer.page.getByRole('group', { name: `Comments on ${LEAD_SECTION}` });
      await bar.getByRole('button', { name: 'Comment on this section' }).click();
      const textarea = officer.page.getByRole('textbox', { name: 'Comment', exact: true });
      expect(await textarea.evaluate((el) => el === document.activeElement)).toBe(true);
      await textarea.pressSequentially('Could you check the figures, @jo');
      const list = officer.page.getByRole('listbox', { name: 'Members to mention' });
      await list.waitFor();
      expect(await list.getByRole('option').allTextContents()).toEqual(['Jordan LeePortfolio lead']);
      expect(await textarea.getAttribute('aria-activedescendant')).toBe(await list.getByRole('option').first().getAttribute('id'));
      expect(await officer.page.getByRole('status').filter({ hasText: 'member matches' }).textContent()).toContain('use the up and down arrows');
      expect(await runAxe(officer.page)).toEqual([]);
      await textarea.press('Enter');
      await eventually(() => list.count()).toBe(0);
      await textarea.pressSequentially('please?');
      expect(await textarea.inputValue()).toBe('Could you check the figures, @Jordan Lee please?');
      // Escape closes the list, not the form.
      await textarea.pressSequentially(' @');
      await list.waitFor();
      await textarea.press('Escape');
      await eventually(() => list.count()).toBe(0);
      expect(await textarea.isVisible()).toBe(true);
      await textarea.press('Backspace');
      await textarea.press('Backspace');
      await officer.page.keyboard.press('Tab');
      await officer.page.keyboard.press('Enter');
      await bar.getByText('Your comment was posted.').waitFor();

      // The lead's header counts it without a reload.
      await eventually(() => notificationsLink(lead.page).textContent()).toBe('Notifications1 unread');
      await notificationsLink(lead.page).click();
      await lead.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      const item = lead.page.getByRole('link', { name: `Robin Shah mentioned you in a comment on “${LEAD_SECTION}”` });
      await item.waitFor();
      await lead.page.getByText('Could you check the figures, @Jordan Lee please?').waitFor();
      await expectAxeCleanAtBothWidths(lead.page);
      await item.click();
      await lead.page.waitForURL(/\/responses\/[^/]+#thread-/);
      const threadId = new URL(lead.page.url()).hash.slice(1);
      await eventually(() => lead.page.evaluate(() => document.activeElement?.id)).toBe(threadId);
      await eventually(() => notificationsLink(lead.page).textContent()).toBe('Notifications');
      expect([...lead.pageErrors, ...officer.pageErrors]).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    '"Ask for sign-off" reaches the signatory live',
    async () => {
      const pcc = await user('pcc@example.org');
      const officer = await user('officer@example.org');
      await officer.page.getByRole('link', { name: RECENT }).click();
      await waitUntilSaved(officer.page);
      const section = officer.page.getByRole('region', { name: PCC_SECTION });
      await section.getByRole('textbox', { name: PCC_SECTION }).click();
      await officer.page.keyboard.type('A draft for the PCC.');
      await waitUntilSaved(officer.page);
      await section.getByRole('button', { name: 'Ask for sign-off' }).click();
      await section.getByText('The Police and Crime Commissioner’s signatory was asked to sign it off.').waitFor();
      await eventually(() => notificationsLink(pcc.page).textContent()).toMatch(/^Notifications\d+ unread$/);
      await notificationsLink(pcc.page).click();
      await pcc.page.getByRole('link', { name: `Robin Shah asks you to sign off “${PCC_SECTION}”` }).waitFor();
      // The PCC signs: no "Ask for sign-off" for a signatory.
      await pcc.page.getByRole('link', { name: `Robin Shah asks you to sign off “${PCC_SECTION}”` }).click();
      await waitUntilSaved(pcc.page);
      const theirs = pcc.page.getByRole('region', { name: PCC_SECTION });
      await theirs.getByRole('button', { name: 'Sign off' }).waitFor();
      expect(await theirs.getByRole('button', { name: 'Ask for sign-off' }).count()).toBe(0);
      expect(await runAxe(pcc.page)).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'preferences are chosen with the keyboard and kept; the outbox shows held mail to an administrator',
    async () => {
      const chief = await user('chief@example.org');
      await chief.page.goto('/preferences');
      await chief.page.getByRole('heading', { level: 1, name: 'What Countersign e-mails you' }).waitFor();
      const replies = chief.page.getByRole('group', { name: 'A reply in a thread you are in' });
      await replies.getByRole('radio', { name: 'E-mail at once' }).focus();
      await chief.page.keyboard.press('ArrowDown');
      expect(await replies.getByRole('radio', { name: 'Daily digest' }).isChecked()).toBe(true);
      await expectAxeCleanAtBothWidths(chief.page);
      await chief.page.getByRole('button', { name: 'Save choices' }).click();
      await chief.page.getByText('Your choices are saved.').waitFor();
      await chief.page.reload();
      expect(await chief.page.getByRole('group', { name: 'A reply in a thread you are in' }).getByRole('radio', { name: 'Daily digest' }).isChecked()).toBe(true);
      // Not an administrator: no outbox.
      expect(await chief.page.getByRole('banner').getByRole('link', { name: 'Outbox' }).count()).toBe(0);

      // A mail to see there: an invitation, held without a mail server.
      const pccCookie = await login(suite.server.url, 'pcc@example.org');
      const list = await api<{ responses: Array<{ id: string; title: string }> }>(suite.server.url, pccCookie, 'GET', '/api/responses');
      await api(suite.server.url, pccCookie, 'POST', `/api/responses/${list.body.responses.find((r) => r.title === RECENT)!.id}/members`, { email: 'new.person@example.org', role: 'pcc', capacity: 'viewer' });
      const pcc = await user('pcc@example.org');
      await pcc.page.getByRole('banner').getByRole('link', { name: 'Outbox' }).click();
      await pcc.page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
      await pcc.page.getByText('No mail server is configured').waitFor();
      await pcc.page.getByRole('article', { name: /^Invitation to/ }).first().getByText('The message').waitFor();
      await expectAxeCleanAtBothWidths(pcc.page);
    },
    E2E_TIMEOUT,
  );

  it(
    "an invitation shows on the invitee's dashboard, where they accept it",
    async () => {
      const pccCookie = await login(suite.server.url, 'pcc@example.org');
      const created = await api<{ id: string }>(suite.server.url, pccCookie, 'POST', '/api/responses', {
        title: 'Response to a report on custody',
        report: { title: 'Custody', publishedOn: '2026-11-20', url: 'https://example.org/custody' },
        optionalSections: [],
      });
      await api(suite.server.url, pccCookie, 'POST', `/api/responses/${created.body.id}/members`, { email: 'viewer@example.org', role: 'pcc', capacity: 'viewer' });
      const viewer = await user('viewer@example.org');
      const invitations = viewer.page.getByRole('region', { name: 'Invitations' });
      await invitations.getByText('Alex Morgan invited you as Police and Crime Commissioner, viewer').waitFor();
      await expectAxeCleanAtBothWidths(viewer.page);
      await invitations.getByRole('button', { name: 'Accept the invitation to Response to a report on custody' }).click();
      await viewer.page.getByRole('heading', { level: 1, name: 'Response to a report on custody' }).waitFor();
      await viewer.page.goto('/');
      await viewer.page.getByRole('link', { name: 'Response to a report on custody' }).waitFor();
      expect(await viewer.page.getByRole('region', { name: 'Invitations' }).count()).toBe(0);
    },
    E2E_TIMEOUT,
  );
});
