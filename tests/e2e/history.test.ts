// Section history in real Chromium, with the keyboard only: a version saved by name, compared
// with the text now after two members changed it (each change names its member), "Who wrote
// this", and a restore that a second browser sees live. axe-core with the history open, at
// 1366 and 320 px.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  editorText,
  eventually,
  normalise,
  openFirstResponse,
  runAxe,
  signIn,
  waitUntilSaved,
  WITH_TARGET_SIZE,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const VERSION_NAME = 'Sent to the chief’s office';
// The PCC section's first words (the demo's text), which the PCC deletes.
const DELETED = 'I am writing to you to';
const ROBINS_SENTENCE = ' Robin adds a sentence.';

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

function historyDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: `History of ${PCC_SECTION}` });
}

/** Opens the section's history from the keyboard. */
async function openHistory(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: `History of ${PCC_SECTION}` }).press('Enter');
  const dialog = historyDialog(page);
  await dialog.waitFor();
  return dialog;
}

/** The label of the option of the comparison's list that starts with `start`. */
function versionOption(dialog: Locator, start: string): Promise<string | undefined> {
  return dialog
    .getByLabel('Compare this version with')
    .locator('option')
    .allTextContents()
    .then((labels) => labels.find((label) => label.startsWith(start)));
}

/** What in an element reaches past the right edge of the window (WCAG 1.4.10 at 320 px). */
function pastTheWindow(element: Locator): Promise<string[]> {
  return element.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)} ${JSON.stringify(e.getBoundingClientRect())} ${(e as HTMLElement).style.left} ${document.activeElement === e.parentElement}`),
  );
}

/** axe-core finds nothing at 1366 and at 320 px, and at 320 `shown` fits the window. */
async function axeAtBothWidths(page: Page, shown: Locator): Promise<void> {
  expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
    expect(await pastTheWindow(shown)).toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
}

describe('section history', () => {
  const suite = browserSuite();
  let alex: BrowserUser;
  let robin: BrowserUser;

  async function member(email: string): Promise<BrowserUser> {
    const user = await suite.newUser();
    await user.page.setViewportSize({ width: 1366, height: 900 });
    await signIn(user.page, email);
    await openFirstResponse(user.page);
    return user;
  }

  it(
    'saves a version by name, and compares it with the text now: each insertion and deletion names its member',
    async () => {
      alex = await member('pcc@example.org');
      robin = await member('officer@example.org');
      const page = alex.page;

      // Save a version: an empty name is refused, the error linked to its field.
      let dialog = await openHistory(page);
      await dialog.getByText(/No versions yet/).waitFor();
      await dialog.getByRole('button', { name: 'Save a version' }).press('Enter');
      const name = dialog.getByRole('textbox', { name: 'Name of the version' });
      await eventually(() => isFocused(name)).toBe(true);
      await name.press('Enter');
      const summary = dialog.getByRole('alert').filter({ hasText: 'The version was not saved' });
      await summary.getByRole('link', { name: 'Enter a name for the version' }).waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      await axeAtBothWidths(page, dialog);
      await summary.getByRole('link', { name: 'Enter a name for the version' }).press('Enter');
      await eventually(() => isFocused(name)).toBe(true);
      await page.keyboard.type(VERSION_NAME);
      await page.keyboard.press('Enter');
      await dialog.getByRole('status').filter({ hasText: `Version saved: Saved as ${VERSION_NAME}.` }).waitFor();
      const versions = dialog.getByRole('list', { name: `Versions of ${PCC_SECTION}, newest first` });
      await eventually(() => versions.getByRole('listitem').first().textContent()).toContain(`Saved as ${VERSION_NAME}`);
      expect(await versions.getByRole('listitem').first().textContent()).toContain('Alex Morgan (Police and Crime Commissioner)');

      // Escape closes the history and gives focus back to its button.
      await page.keyboard.press('Escape');
      await eventually(() => dialog.count()).toBe(0);
      expect(await isFocused(page.getByRole('button', { name: `History of ${PCC_SECTION}` }))).toBe(true);

      // Robin writes a sentence at the end; Alex deletes the first words.
      const robinsEditor = robin.page.getByRole('textbox', { name: PCC_SECTION });
      await robinsEditor.focus();
      await robin.page.keyboard.press('Control+End');
      await robin.page.keyboard.type(ROBINS_SENTENCE);
      const alexsEditor = page.getByRole('textbox', { name: PCC_SECTION });
      await alexsEditor.focus();
      await page.keyboard.press('Control+Home');
      for (let word = 0; word < 6; word++) await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press('Backspace');
      await waitUntilSaved(robin.page);
      await waitUntilSaved(page);
      await eventually(() => editorText(alexsEditor)).toContain(ROBINS_SENTENCE.trim());
      expect(await editorText(alexsEditor)).not.toContain(DELETED);

      // The version, opened read-only, then compared with the text now.
      dialog = await openHistory(page);
      await dialog.getByRole('button', { name: new RegExp(`^Open the version: Saved as ${VERSION_NAME}`) }).press('Enter');
      const title = dialog.getByRole('heading', { level: 3, name: `Saved as ${VERSION_NAME}` });
      await eventually(() => isFocused(title)).toBe(true);
      const text = dialog.getByRole('region', { name: 'Text of this version' });
      await eventually(() => text.textContent()).toContain(DELETED);
      expect(await text.textContent()).not.toContain(ROBINS_SENTENCE.trim());
      expect(await dialog.getByLabel('Compare this version with').inputValue()).toBe('current');
      await dialog.getByRole('button', { name: 'Compare' }).press('Enter');
      const comparison = dialog.getByRole('region', { name: 'Changes from this version to the text now' });
      await comparison.getByRole('list').waitFor();
      expect(await isFocused(comparison.getByRole('heading', { name: 'Changes from this version to the text now' }))).toBe(true);

      // Inline: one insertion by Robin, one deletion by Alex, each with its credit.
      const inserted = comparison.locator('ins');
      const deleted = comparison.locator('del');
      expect(await inserted.count()).toBe(1);
      expect(await deleted.count()).toBe(1);
      expect(normalise((await inserted.textContent()) ?? '')).toMatch(/^Inserted by Robin Shah \(Police and Crime Commissioner\), \d+ \w+ \d{4} \d\d:\d\d: Robin adds a sentence\. \(end of insertion\)$/);
      expect(normalise((await deleted.textContent()) ?? '')).toMatch(/^Deleted by Alex Morgan \(Police and Crime Commissioner\), .+: I am writing to you to \(end of deletion\)$/);
      // The list under the text says the same, for keyboard and screen-reader users.
      const items = (await comparison.getByRole('list').getByRole('listitem').allTextContents()).map(normalise);
      expect(items).toHaveLength(2);
      expect(items[0]).toMatch(/^Deleted “I am writing to you to”, by Alex Morgan \(Police and Crime Commissioner\), /);
      expect(items[1]).toMatch(/^Inserted “Robin adds a sentence\.”, by Robin Shah \(Police and Crime Commissioner\), /);

      // Focus shows the credit over the passage; Escape hides it without closing the dialog.
      await inserted.focus();
      const tip = inserted.locator('.tip');
      await eventually(async () => (await tip.boundingBox())?.width ?? 0).toBeGreaterThan(50);
      await page.keyboard.press('Escape');
      await eventually(async () => (await tip.boundingBox())?.width ?? 0).toBeLessThan(2);
      expect(await dialog.isVisible()).toBe(true);

      await axeAtBothWidths(page, dialog);
      for (const user of [alex, robin]) expect(user.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    '"Show who wrote this" marks each run of the text now with its author, and follows new text',
    async () => {
      const page = alex.page;
      await page.keyboard.press('Escape');
      await eventually(() => historyDialog(page).count()).toBe(0);
      const toggle = page.getByRole('button', { name: `Show who wrote this (${PCC_SECTION})` });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.press('Enter');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      const panel = page.getByRole('group', { name: `Who wrote ${PCC_SECTION}` });
      const runs = panel.locator('.author');
      await eventually(() => runs.count()).toBeGreaterThan(1);
      const credits = async () => (await runs.locator('.tip').allTextContents()).map(normalise);
      // The demo's text has no author on record; Robin's sentence is his.
      expect(await credits()).toContain('Author not recorded (written before Countersign kept a record)');
      const robinsRun = runs.filter({ hasText: 'Robin adds a sentence.' });
      expect(normalise((await robinsRun.locator('.tip').textContent()) ?? '')).toBe('Written by Robin Shah (Police and Crime Commissioner)');
      // Not colour alone: initials on the run and in the key.
      expect(await robinsRun.locator('.author__initials').textContent()).toBe('RS');
      expect((await panel.getByRole('list', { name: 'Authors' }).getByRole('listitem').allTextContents()).map(normalise)).toContain(
        'RS Robin Shah (Police and Crime Commissioner)',
      );
      // Focus shows the author.
      await robinsRun.focus();
      await eventually(async () => (await robinsRun.locator('.tip').boundingBox())?.width ?? 0).toBeGreaterThan(50);

      // Robin writes more; the marking follows without a reload.
      const robinsEditor = robin.page.getByRole('textbox', { name: PCC_SECTION });
      await robinsEditor.focus();
      await robin.page.keyboard.press('Control+End');
      await robin.page.keyboard.type(' And one more.');
      await waitUntilSaved(robin.page);
      await eventually(() => panel.textContent(), 15_000).toContain('And one more.');
      await axeAtBothWidths(page, panel);
      await toggle.press('Enter');
      await eventually(() => panel.count()).toBe(0);
    },
    E2E_TIMEOUT,
  );

  it(
    'restores a version, after a confirmation, as a change the other member sees live',
    async () => {
      const page = alex.page;
      const dialog = await openHistory(page);
      await dialog.getByRole('button', { name: new RegExp(`^Open the version: Saved as ${VERSION_NAME}`) }).press('Enter');
      const restore = dialog.getByRole('button', { name: 'Restore this version' });
      await restore.press('Enter');
      const confirm = dialog.getByRole('group', { name: `Restore this version of ${PCC_SECTION}?` });
      await eventually(() => isFocused(confirm)).toBe(true);
      await axeAtBothWidths(page, dialog);
      // Cancel leaves everything as it was.
      await confirm.getByRole('button', { name: 'Cancel' }).press('Enter');
      await eventually(() => isFocused(restore)).toBe(true);
      await restore.press('Enter');
      await confirm.getByRole('button', { name: 'Yes, restore this version' }).press('Enter');
      const message = dialog.getByRole('status').filter({ hasText: 'is now this version’s text' });
      await message.waitFor();
      await eventually(() => isFocused(message)).toBe(true);

      // Robin's open editor shows the restored text at once: the first words back, his sentences gone.
      const robinsEditor = robin.page.getByRole('textbox', { name: PCC_SECTION });
      await eventually(() => editorText(robinsEditor)).toContain(DELETED);
      expect(await editorText(robinsEditor)).not.toContain('Robin adds a sentence.');
      expect(await editorText(robinsEditor)).not.toContain('And one more.');
      expect(await editorText(page.getByRole('textbox', { name: PCC_SECTION }))).toBe(await editorText(robinsEditor));

      // Nothing is lost: the text as it was is a version, and the history lists it newest first.
      const versions = dialog.getByRole('list', { name: `Versions of ${PCC_SECTION}, newest first` });
      await eventually(() => versions.getByRole('listitem').first().textContent()).toMatch(/^Automatic: Before restoring a version/);
      expect(await versions.getByRole('listitem').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining(`Saved as ${VERSION_NAME}`)]),
      );

      // Two versions compared, older to newer: the named one, and the text as it was before the restore.
      await dialog.getByRole('button', { name: /^Open the version: Automatic: Before restoring/ }).press('Enter');
      await dialog.getByLabel('Compare this version with').selectOption({ label: (await versionOption(dialog, `Saved as ${VERSION_NAME}`)) ?? '' });
      await dialog.getByRole('button', { name: 'Compare' }).press('Enter');
      const between = dialog.getByRole('region', { name: new RegExp(`^Changes from Saved as ${VERSION_NAME}, .* to this version$`) });
      await between.getByRole('list').waitFor();
      const items = (await between.getByRole('list').getByRole('listitem').allTextContents()).map(normalise);
      expect(items).toEqual([
        expect.stringMatching(/^Deleted “I am writing to you to”, by Alex Morgan /),
        expect.stringMatching(/^Inserted “Robin adds a sentence\. And one more\.”, by Robin Shah /),
      ]);
      await page.keyboard.press('Escape');
      await eventually(() => historyDialog(page).count()).toBe(0);

      // A viewer reads the history and opens a version, but may neither save nor restore.
      const casey = await member('viewer@example.org');
      const theirs = await openHistory(casey.page);
      await theirs.getByRole('button', { name: new RegExp(`^Open the version: Saved as ${VERSION_NAME}`) }).press('Enter');
      await eventually(() => theirs.getByRole('region', { name: 'Text of this version' }).textContent()).toContain(DELETED);
      expect(await theirs.getByRole('button', { name: 'Restore this version' }).count()).toBe(0);
      await theirs.getByRole('button', { name: 'Back to all versions' }).press('Enter');
      expect(await theirs.getByRole('button', { name: 'Save a version' }).count()).toBe(0);
      for (const user of [alex, robin, casey]) expect(user.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
