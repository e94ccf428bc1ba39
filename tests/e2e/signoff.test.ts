// Sign-off locks a section for everyone at once; when every section is signed off the PCC
// publishes, and the public page carries every section's text.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  eventually,
  editorText,
  openFirstResponse,
  runAxe,
  normalise,
  signIn,
  textWithoutCarets,
  typeAtEnd,
  waitUntilSaved,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const CHIEF_SECTION = 'Chief Officer comments';
const LEAD_SECTION = 'Portfolio lead comments';

/** Signs off a section: "Sign off", then "Confirm sign-off" in the check step once it has read what changed. */
async function signOff(page: Page, region: Locator): Promise<void> {
  await region.getByRole('button', { name: 'Sign off' }).click();
  const confirm = region.getByRole('region', { name: 'Check before you sign off' }).getByRole('button', { name: 'Confirm sign-off' });
  await eventually(() => confirm.isEnabled()).toBe(true);
  await confirm.click();
  await region.getByRole('group', { name: / is signed off$/ }).waitFor({ timeout: 15_000 });
}

/** Signs off, one by one, every section this user may sign off, and waits for each to lock. */
async function signOffEverythingOwned(page: Page): Promise<number> {
  const buttons = page.getByRole('button', { name: 'Sign off' });
  let signed = 0;
  for (let left = await buttons.count(); left > 0; left = await buttons.count()) {
    // Found by its id: once "Sign off" is pressed, the button that found it is gone.
    const id = await page.locator('.section-card, .recommendations tbody tr').filter({ has: page.getByRole('button', { name: 'Sign off' }) }).first().getAttribute('id');
    await signOff(page, page.locator(`[id="${id}"]`));
    await eventually(() => buttons.count(), 15_000).toBe(left - 1);
    signed += 1;
  }
  return signed;
}

/** The text of every paragraph in every editor of the page. */
async function paragraphsOfEditors(page: Page): Promise<string[]> {
  const paragraphs = await page.getByRole('textbox').locator('p').all();
  const texts = await Promise.all(paragraphs.map((p) => textWithoutCarets(p)));
  return texts.filter((text) => text.length > 0);
}

describe('sign-off and publication', () => {
  const suite = browserSuite();

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    await openFirstResponse(u.page);
    return u;
  }

  it(
    'signing off locks the section in every open view, and the PCC publishes once all are signed off',
    async () => {
      const pcc = await user('pcc@example.org');
      const chief = await user('chief@example.org');
      const lead = await user('lead@example.org');
      const officer = await user('officer@example.org');

      // Each owner writes something of their own first.
      await typeAtEnd(pcc.page.getByRole('textbox', { name: PCC_SECTION }), ' Signed text from the PCC.');
      await typeAtEnd(chief.page.getByRole('textbox', { name: CHIEF_SECTION }), ' Signed text from the chief.');
      await typeAtEnd(lead.page.getByRole('textbox', { name: LEAD_SECTION }), ' Signed text from the lead.');
      for (const u of [pcc, chief, lead]) await waitUntilSaved(u.page);

      // The chief signs off their section: the PCC's open view shows it signed off and locked,
      // and the chief's own editor turns read-only, all without a reload.
      const chiefRegion = chief.page.getByRole('region', { name: CHIEF_SECTION, exact: true });
      await signOff(chief.page, chiefRegion);
      const chiefEditor = chief.page.getByRole('textbox', { name: CHIEF_SECTION });
      await eventually(() => chiefEditor.getAttribute('aria-readonly')).toBe('true');
      await eventually(() => chiefEditor.getAttribute('contenteditable')).toBe('false');
      const pccRegionOfChief = pcc.page.getByRole('region', { name: CHIEF_SECTION, exact: true });
      await eventually(() => pccRegionOfChief.textContent()).toContain('Signed off by Sam Taylor');
      await eventually(() => pccRegionOfChief.textContent()).toContain('Signed off: reopen it to change it');
      expect(await pcc.page.getByRole('textbox', { name: CHIEF_SECTION }).getAttribute('aria-readonly')).toBe('true');
      // The PCC administers the response, so they may reopen it; the chief may too.
      await eventually(() => pccRegionOfChief.getByRole('button', { name: 'Reopen' }).count()).toBe(1);

      // The PCC signs off their own section while the drafter has it open and writable:
      // the drafter's editor locks at once.
      const officerEditor = officer.page.getByRole('textbox', { name: PCC_SECTION });
      await eventually(() => officerEditor.getAttribute('aria-readonly')).toBeNull();
      await signOff(pcc.page, pcc.page.getByRole('region', { name: PCC_SECTION, exact: true }));
      await eventually(() => officerEditor.getAttribute('aria-readonly')).toBe('true');
      await eventually(() => officerEditor.getAttribute('contenteditable')).toBe('false');
      const lockedText = await editorText(officerEditor);
      await officerEditor.click();
      await officer.page.keyboard.type('too late');
      expect(await editorText(officerEditor)).toBe(lockedText);

      // Publishing waits for the rest.
      const publish = pcc.page.getByRole('button', { name: 'Publish', exact: true });
      await eventually(() => publish.isDisabled()).toBe(true);
      expect(await runAxe(pcc.page)).toEqual([]);

      // Every owner signs off everything left that is theirs.
      await signOffEverythingOwned(lead.page);
      await signOffEverythingOwned(chief.page);
      await signOffEverythingOwned(pcc.page);
      await eventually(() => publish.isEnabled(), 15_000).toBe(true);

      const sectionTexts = await paragraphsOfEditors(pcc.page);
      expect(sectionTexts.join(' ')).toContain('Signed text from the chief.');
      await publish.click();
      await pcc.page.getByRole('button', { name: 'Confirm and publish' }).click();
      const published = pcc.page.getByRole('region', { name: 'Published' });
      const viewLink = published.getByRole('link', { name: 'View published response' });
      await viewLink.waitFor();
      await eventually(() => published.getByRole('link', { name: 'Download DOCX' }).count()).toBe(1);
      // Everyone else's page learns of it without a reload.
      await chief.page.getByRole('link', { name: 'View published response' }).waitFor();
      expect(await runAxe(pcc.page)).toEqual([]);

      // The published page, opened by someone who is not signed in.
      const href = await viewLink.getAttribute('href');
      expect(href).toBeTruthy();
      const reader = await suite.newUser();
      const answer = await reader.page.goto(href ?? '');
      expect(answer?.status()).toBe(200);
      const publicText = normalise((await reader.page.locator('body').textContent()) ?? '');
      for (const title of [PCC_SECTION, CHIEF_SECTION, LEAD_SECTION]) expect(publicText).toContain(title);
      for (const text of sectionTexts) expect(publicText).toContain(text);
      expect(await runAxe(reader.page)).toEqual([]);

      for (const u of suite.users) expect(u.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
