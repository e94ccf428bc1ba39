// Setting up a response from a report (issue 6) in real Chromium: the PCC creates a response
// from the dashboard, imports the report's recommendations through the preview, arranges the
// sections from the keyboard, sets the date for the Chief Constable's comments and changes a
// member; each new screen passes axe-core.
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, responseDeadline, ukToday } from '../../shared/deadline';
import { formatDate } from '../../client/format/dates';
import { eventually, fillDate, runAxe, signIn, typeAtEnd, waitUntilSaved, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';


const RESPONSE_TITLE = 'Response of the PCC to the HMICFRS spotlight report on stop and search and the use of force';
const REPORT_TITLE = 'Disproportionate use of police powers: a spotlight on stop and search and the use of force';
const REPORT_URL =
  'https://www.justiceinspectorates.gov.uk/hmicfrs/publications/disproportionate-use-of-police-powers-a-spotlight-on-stop-and-search-and-the-use-of-force/';

/** The pasted text of a parser fixture (after its source note). */
function fixture(name: string): string {
  const raw = fs.readFileSync(new URL(`../fixtures/recommendations/${name}`, import.meta.url), 'utf8');
  return raw.slice(raw.indexOf('\n---\n') + '\n---\n'.length);
}

/** The fixture's five recommendations open like this; the fourth is for the Home Office, not forces. */
const SPLIT_OPENINGS = ['By July 2022, forces should', 'By July 2021, forces should', 'By September 2021, forces should', 'The Home Office and the NPCC', 'By July 2021, forces should ensure they'];
const CORRECTED_FIRST =
  'By July 2022, forces should ensure that officers and staff have effective communication skills, in line with the National Policing Guidelines on Conflict Management.';

/** The titles of the set-up page's sections, in order. */
function setupOrder(page: Page): Promise<string[]> {
  return page.locator('.setup-sections > li h3').allTextContents();
}

/** Whether an element has the keyboard focus. */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('setting up a response from a report', () => {
  const suite = browserSuite();

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    return u;
  }

  it(
    'the PCC creates a response, imports and corrects its recommendations, and reorders its sections from the keyboard',
    async () => {
      const pcc = await user('pcc@example.org');
      const { page } = pcc;
      await page.getByRole('table').waitFor();
      expect(await runAxe(page)).toEqual([]);

      // The form, empty and then with every error showing.
      await page.getByRole('link', { name: 'New response' }).click();
      await page.getByRole('heading', { level: 1, name: 'New response' }).waitFor();
      expect(await runAxe(page)).toEqual([]);
      await page.getByLabel('Report web address').fill('www.justiceinspectorates.gov.uk');
      await page.getByRole('button', { name: 'Create response' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      expect(await summary.getByRole('link').allTextContents()).toEqual([
        'Enter the title of the report',
        'Enter the date the report was published',
        'Enter a web address starting https://, like https://www.justiceinspectorates.gov.uk/hmicfrs/',
        'Enter a title for the response',
      ]);
      expect(await isFocused(summary)).toBe(true);
      expect(await page.title()).toBe('Error: New response - Countersign');
      expect(await runAxe(page)).toEqual([]);
      // Each summary link takes the keyboard to its field, which names its own error.
      await summary.getByRole('link', { name: 'Enter the title of the report' }).click();
      const reportTitle = page.getByLabel('Report title');
      await eventually(() => isFocused(reportTitle)).toBe(true);
      expect(await reportTitle.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => reportTitle.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent)).toBe('Report title');

      // Published yesterday: the hint gives the statutory deadline as soon as the date is entered.
      const publishedOn = addDays(ukToday(), -1);
      // Typing into a field with errors showing keeps the focus there (the summary does not take it back).
      await reportTitle.pressSequentially(REPORT_TITLE.slice(0, 20));
      expect(await isFocused(reportTitle)).toBe(true);
      await reportTitle.fill(REPORT_TITLE);
      await page.getByLabel('Response title').fill(RESPONSE_TITLE);
      // GOV.UK's date pattern: day, month and year under one legend.
      await fillDate(page, 'Date the report was published', publishedOn);
      await eventually(() => page.locator('.deadline-hint').textContent()).toBe(
        `The response must be published by ${formatDate(responseDeadline(publishedOn))} (56 days beginning with the publication day).`,
      );
      await page.getByLabel('Report web address').fill(REPORT_URL);
      await page.getByLabel('HMI comments').uncheck();
      await page.getByRole('button', { name: 'Create response' }).click();

      // The set-up page of the new response: the standard sections, without HMI comments.
      await page.getByRole('heading', { level: 1, name: 'Set up the response' }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/responses\/[^/]+\/setup$/);
      await eventually(() => setupOrder(page)).toEqual([
        "Police and Crime Commissioner's comments",
        'Chief Officer comments',
        'Portfolio lead comments',
        'Areas for improvement',
        "PCC's reply to the Chief Constable's comments",
      ]);
      expect(await runAxe(page)).toEqual([]);

      // Paste, preview: one editable box per recommendation, nothing saved yet.
      await page.getByLabel("Paste the report's recommendations").fill(fixture('disproportionate-use-2021.txt'));
      expect(await page.getByLabel('Who responds to these recommendations?').inputValue()).toBe('chief_constable');
      await page.getByRole('button', { name: 'Preview' }).click();
      const previewHeading = page.getByRole('heading', { level: 3, name: 'Check the recommendations' });
      await previewHeading.waitFor();
      expect(await isFocused(previewHeading)).toBe(true);
      const items = page.getByRole('textbox', { name: /^Recommendation \d+$/ });
      expect(await items.count()).toBe(5);
      for (const [i, opening] of SPLIT_OPENINGS.entries()) {
        expect(await page.getByLabel(`Recommendation ${i + 1}`, { exact: true }).inputValue()).toMatch(new RegExp(`^${opening}`));
      }
      expect(await runAxe(page)).toEqual([]);

      // Remove the Home Office's recommendation, shorten the first, and create the rest.
      await page.getByRole('button', { name: 'Remove recommendation 4' }).click();
      await eventually(() => items.count()).toBe(4);
      expect(await isFocused(page.getByLabel('Recommendation 4', { exact: true }))).toBe(true);
      expect(await page.getByLabel('Recommendation 4', { exact: true }).inputValue()).toMatch(/^By July 2021, forces should ensure they/);
      await page.getByLabel('Recommendation 1', { exact: true }).fill(CORRECTED_FIRST);
      await page.getByRole('button', { name: 'Create 4 recommendation sections' }).click();
      await page.getByText('4 recommendation sections were created, owned by Chief Constable.').waitFor();
      // Focus moves to the confirmation, so it is read out.
      await eventually(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('4 recommendation sections were created');
      await eventually(() => setupOrder(page)).toEqual([
        "Police and Crime Commissioner's comments",
        'Chief Officer comments',
        'Portfolio lead comments',
        'Areas for improvement',
        "PCC's reply to the Chief Constable's comments",
        'Recommendation 1',
        'Recommendation 2',
        'Recommendation 3',
        'Recommendation 4',
      ]);

      // Reorder from the keyboard: focus stays on the moved section's button as it travels.
      const moveUp = page.getByRole('button', { name: 'Move Chief Officer comments up' });
      await moveUp.focus();
      await page.keyboard.press('Enter');
      await eventually(() => setupOrder(page)).toEqual([
        'Chief Officer comments',
        "Police and Crime Commissioner's comments",
        'Portfolio lead comments',
        'Areas for improvement',
        "PCC's reply to the Chief Constable's comments",
        'Recommendation 1',
        'Recommendation 2',
        'Recommendation 3',
        'Recommendation 4',
      ]);
      // At the top "Move up" is disabled, so focus moved to "Move down" beside it.
      expect(await moveUp.isDisabled()).toBe(true);
      const moveDown = page.getByRole('button', { name: 'Move Chief Officer comments down' });
      await eventually(() => isFocused(moveDown)).toBe(true);
      await page.keyboard.press(' ');
      await page.keyboard.press(' ');
      await eventually(() => isFocused(moveDown)).toBe(true);
      const arranged = [
        "Police and Crime Commissioner's comments",
        'Portfolio lead comments',
        'Chief Officer comments',
        'Areas for improvement',
        "PCC's reply to the Chief Constable's comments",
        'Recommendation 1',
        'Recommendation 2',
        'Recommendation 3',
        'Recommendation 4',
      ];
      await eventually(() => setupOrder(page)).toEqual(arranged);
      await eventually(() => page.getByRole('status').filter({ hasText: 'moved to position' }).textContent()).toBe(
        'Chief Officer comments moved to position 3 of 9.',
      );
      // The order is the server's, not only the page's.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Set up the response' }).waitFor();
      await eventually(() => setupOrder(page)).toEqual(arranged);

      // The response page: the recommendations in their table, each with its own editor.
      await page.getByRole('link', { name: 'Back to the response' }).click();
      await page.getByRole('heading', { level: 1, name: RESPONSE_TITLE }).waitFor();
      await waitUntilSaved(page);
      const table = page.getByRole('table', { name: 'Recommendations' });
      for (const n of [1, 2, 3, 4]) {
        await table.getByRole('textbox', { name: `Response to recommendation ${n}` }).waitFor();
      }
      expect(await table.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe(`Recommendation 1${CORRECTED_FIRST}`);
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
        expect.arrayContaining(["Police and Crime Commissioner's comments", 'Portfolio lead comments', 'Chief Officer comments']),
      );
      expect(await page.getByRole('navigation', { name: 'This response' }).getByRole('link', { name: 'Set-up' }).count()).toBe(1);

      // The dashboard lists it with its countdown: published yesterday, 54 days are left.
      await page.getByRole('link', { name: 'Countersign' }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: RESPONSE_TITLE }) });
      await eventually(() => row.textContent()).toContain('54 days left');
      expect(await row.textContent()).toContain('0 of 9');
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    "the PCC sets the date for the Chief Constable's comments, changes members, and renames, reassigns, corrects and removes sections",
    async () => {
      const pcc = await user('pcc@example.org');
      const { page } = pcc;
      await page.getByRole('link', { name: 'Response to the HMICFRS report on neighbourhood policing' }).click();
      await waitUntilSaved(page);

      // The date for the chief's comments is set on the set-up page, as GOV.UK's date pattern.
      const links = page.getByRole('navigation', { name: 'This response' });
      await links.getByRole('link', { name: 'Set-up' }).click();
      await page.getByRole('heading', { level: 1, name: 'Set up the response' }).waitFor();
      // A date two days ago (after the report's publication) is already overdue for the chief's section.
      const due = addDays(ukToday(), -2);
      await fillDate(page, "Date for the Chief Constable's comments", due);
      await page.getByRole('button', { name: 'Set date' }).click();
      await page.getByRole('status').filter({ hasText: `Date set: ${formatDate(due)}` }).waitFor();
      // A date after the deadline is refused before it is sent, the summary linked to the day.
      await fillDate(page, "Date for the Chief Constable's comments", addDays(ukToday(), 60));
      await page.getByRole('button', { name: 'Set date' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'The date must be between' });
      await refusal.waitFor();
      await refusal.getByRole('link').click();
      await eventually(() => isFocused(page.getByRole('group', { name: "Date for the Chief Constable's comments" }).getByLabel('Day'))).toBe(true);
      expect(await runAxe(page)).toEqual([]);

      await page.getByRole('link', { name: 'Back to the response' }).click();
      await waitUntilSaved(page);
      const chiefSection = page.getByRole('region', { name: 'Chief Officer comments' });
      const note = chiefSection.getByText(`Chief Constable's comments due by ${formatDate(due)}`);
      await note.waitFor();
      expect(await note.textContent()).toBe(`Chief Constable's comments due by ${formatDate(due)} Overdue by 2 days`);
      expect(await note.getAttribute('class')).toContain('due-note--overdue');
      // Sections the chief does not own carry no date.
      expect(await page.getByRole('region', { name: 'Portfolio lead comments' }).getByText(/comments due by/).count()).toBe(0);

      // Members, on their own page: the only administrator cannot stop being one; another member's capacity changes.
      await links.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('heading', { level: 1, name: 'Members and invitations' }).waitFor();
      await page.getByRole('button', { name: 'Change Alex Morgan' }).click();
      const mine = page.getByRole('form', { name: 'Change Alex Morgan' });
      await mine.getByLabel('Administrator (can set up the response and manage members)').uncheck();
      await mine.getByRole('button', { name: 'Save changes' }).click();
      await mine.getByRole('alert').filter({ hasText: 'A response must keep at least one administrator' }).waitFor();
      await mine.getByRole('button', { name: 'Cancel' }).click();
      await eventually(() => isFocused(page.getByRole('button', { name: 'Change Alex Morgan' }))).toBe(true);
      await page.getByRole('button', { name: 'Change Sam Taylor' }).click();
      const chief = page.getByRole('form', { name: 'Change Sam Taylor' });
      await chief.getByLabel('Capacity').selectOption('drafter');
      await chief.getByRole('button', { name: 'Save changes' }).click();
      await eventually(() => page.locator('.members__item', { hasText: 'Sam Taylor' }).locator('.members__detail').textContent()).toBe(
        'Chief Constable, drafter',
      );
      expect(await runAxe(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the response' }).click();
      await waitUntilSaved(page);

      // The PCC signs off their own section: set-up can no longer change it.
      const pccSection = page.getByRole('region', { name: "Police and Crime Commissioner's comments", exact: true });
      await typeAtEnd(pccSection.getByRole('textbox', { name: "Police and Crime Commissioner's comments" }), 'The PCC welcomes the report.');
      await waitUntilSaved(page);
      await pccSection.getByRole('button', { name: 'Sign off' }).click();
      const confirm = pccSection.getByRole('button', { name: 'Confirm sign-off' });
      await eventually(() => confirm.isEnabled()).toBe(true);
      await confirm.click();
      await pccSection.getByText(/^Signed off by Alex Morgan, .*\. It is locked for everyone/).waitFor();

      // The set-up page: add a recommendation, correct its text, rename, reassign and remove.
      await links.getByRole('link', { name: 'Set-up' }).click();
      await page.getByRole('heading', { level: 1, name: 'Set up the response' }).waitFor();
      for (const action of ['Rename', 'Change owner of', 'Remove']) {
        const button = page.getByRole('button', { name: `${action} Police and Crime Commissioner's comments` });
        expect(await button.isDisabled()).toBe(true);
        expect(await button.getAttribute('aria-describedby')).toBeTruthy();
      }
      await page.getByText('Signed off by Alex Morgan: reopen it on the response page to rename it, change its owner or remove it.').waitFor();
      // Moving it is still allowed: the order is not part of what was signed.
      expect(await page.getByRole('button', { name: "Move Police and Crime Commissioner's comments down" }).isDisabled()).toBe(false);
      await page.getByLabel('Kind of section').selectOption('recommendation');
      await page.getByLabel('Section title').fill('Recommendation 1');
      await page.getByLabel('Owning role').selectOption('chief_constable');
      await page.getByLabel('Recommendation text').fill('By March 2027, forces should publish their neighbourhood policing plan.');
      await page.getByRole('button', { name: 'Add section' }).click();
      await eventually(() => setupOrder(page)).toContain('Recommendation 1');

      await page.getByRole('button', { name: 'Correct the recommendation text of Recommendation 1' }).click();
      const text = page.getByRole('textbox', { name: 'Text of Recommendation 1' });
      expect(await isFocused(text)).toBe(true);
      await text.fill('By March 2027, forces should publish their neighbourhood policing plans.');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByText('By March 2027, forces should publish their neighbourhood policing plans.', { exact: true }).waitFor();
      await eventually(() => isFocused(page.getByRole('button', { name: 'Correct the recommendation text of Recommendation 1' }))).toBe(true);

      await page.getByRole('button', { name: 'Rename Portfolio lead comments' }).click();
      await page.getByLabel('New title for Portfolio lead comments').fill('Deputy PCC comments');
      await page.getByRole('button', { name: 'Save title' }).click();
      await eventually(() => setupOrder(page)).toContain('Deputy PCC comments');

      await page.getByRole('button', { name: 'Change owner of Deputy PCC comments' }).click();
      await page.getByLabel('Who owns Deputy PCC comments?').selectOption('pcc');
      await page.getByRole('button', { name: 'Save owner' }).click();
      const deputy = page.locator('.setup-sections > li', { hasText: 'Deputy PCC comments' });
      await deputy.getByText('Owned by Police and Crime Commissioner').waitFor();

      await page.getByRole('button', { name: 'Remove Deputy PCC comments' }).click();
      const confirmation = page.getByRole('group', { name: 'Remove Deputy PCC comments?' });
      await confirmation.waitFor();
      expect(await runAxe(page)).toEqual([]);
      await confirmation.getByRole('button', { name: 'Yes, remove it' }).click();
      await eventually(() => setupOrder(page)).toEqual([
        "Police and Crime Commissioner's comments",
        'Chief Officer comments',
        'Recommendation 1',
      ]);
      await eventually(() => isFocused(page.getByRole('heading', { level: 2, name: 'Sections' }))).toBe(true);

      // The correction is on the record, old text and new.
      await page.getByRole('link', { name: 'Back to the response' }).click();
      await links.getByRole('link', { name: 'Activity' }).click();
      await page.getByRole('heading', { level: 1, name: 'Activity record' }).waitFor();
      await page.getByText('Recommendation corrected: Recommendation 1').waitFor();
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
