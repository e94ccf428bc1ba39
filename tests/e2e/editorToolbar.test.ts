// The formatting toolbar, driven from the keyboard as a policy officer would: one Tab stop,
// arrows between buttons, Enter and Space toggling bold, Ctrl+K's link dialog, headings at the
// right levels, undo that leaves another member's edit alone, and axe-core at 1366 and 320 px.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  editorText,
  eventually,
  openFirstResponse,
  runAxe,
  signIn,
  typeAtEnd,
  waitUntilSaved,
  WITH_TARGET_SIZE,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";

/** The name of the focused element (for the toolbar's buttons, their words, not their pictures). */
function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    return element?.getAttribute('aria-label') ?? element?.querySelector('.visually-hidden')?.textContent ?? element?.textContent ?? null;
  });
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** How far each table in the editor (or its text) sticks out of the editor's box, for those that do. */
function tablesOverflow(editor: Locator): Promise<number[]> {
  return editor.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    // Other members' caret labels may stick out: they float over the text, as they should.
    return [...root.querySelectorAll('table')]
      .map((table) => Math.max(...[table, ...table.querySelectorAll('p')].map((box) => box.getBoundingClientRect().right - right)))
      .filter((overflow) => overflow > 0);
  });
}

describe('the formatting toolbar', () => {
  const suite = browserSuite();

  async function member(email: string, width = 1366): Promise<BrowserUser> {
    const user = await suite.newUser();
    await user.page.setViewportSize({ width, height: 900 });
    await signIn(user.page, email);
    await openFirstResponse(user.page);
    return user;
  }

  function parts(page: Page) {
    const editor = page.getByRole('textbox', { name: PCC_SECTION });
    const toolbar = page.getByRole('toolbar', { name: `Formatting for ${PCC_SECTION}` });
    return { editor, toolbar, button: (name: string) => toolbar.getByRole('button', { name, exact: true }) };
  }

  it(
    'is one Tab stop whose buttons the arrow keys reach, and Enter and Space toggle bold',
    async () => {
      const { page, pageErrors } = await member('pcc@example.org');
      const { editor, toolbar, button } = parts(page);
      await eventually(() => editor.getAttribute('aria-readonly')).toBeNull();
      expect(await editor.getAttribute('lang')).toBe('en-GB');
      expect(await editor.getAttribute('spellcheck')).toBe('true');
      expect(await toolbar.getAttribute('aria-controls')).toBe(await editor.getAttribute('id'));
      expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);

      // A new paragraph, selected, then Shift+Tab back to the toolbar (it comes before the text).
      await typeAtEnd(editor, '');
      await editor.press('Enter');
      await editor.pressSequentially('Plain words');
      await editor.press('Shift+Home');
      await page.keyboard.press('Shift+Tab');
      await eventually(() => focusedName(page)).toBe('Bold');
      expect(await button('Bold').getAttribute('aria-pressed')).toBe('false');

      await page.keyboard.press('Enter');
      await eventually(() => button('Bold').getAttribute('aria-pressed')).toBe('true');
      await eventually(() => editor.innerHTML()).toContain('<strong>Plain words</strong>');
      await page.keyboard.press('Space');
      await eventually(() => button('Bold').getAttribute('aria-pressed')).toBe('false');
      expect(await editor.innerHTML()).not.toContain('<strong>Plain words</strong>');

      // Arrows, Home and End move along (and round) the row; the Tab stop follows.
      await page.keyboard.press('ArrowRight');
      await eventually(() => focusedName(page)).toBe('Italic');
      expect(await button('Italic').getAttribute('tabindex')).toBe('0');
      expect(await button('Bold').getAttribute('tabindex')).toBe('-1');
      await page.keyboard.press('End');
      await eventually(() => focusedName(page)).toBe('Keyboard shortcuts');
      await page.keyboard.press('ArrowRight');
      await eventually(() => focusedName(page)).toBe('Bold');
      await page.keyboard.press('ArrowLeft');
      await eventually(() => focusedName(page)).toBe('Keyboard shortcuts');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await eventually(() => editor.innerHTML()).toContain('<em>Plain words</em>');

      // Escape goes back to the text with the selection kept; Alt+F10 returns to the toolbar.
      await page.keyboard.press('Escape');
      await eventually(() => isFocused(editor)).toBe(true);
      await page.keyboard.type('Replaced');
      await eventually(() => editorText(editor)).toContain('Replaced');
      expect(await editorText(editor)).not.toContain('Plain words');
      await page.keyboard.press('Alt+F10');
      await eventually(() => focusedName(page)).toBe('Italic');
      await page.keyboard.press('Escape');
      await eventually(() => isFocused(editor)).toBe(true);

      // A mouse click on a button leaves the focus (and the caret) in the text.
      await editor.press('Shift+Home');
      await button('Underline').click();
      await eventually(() => editor.innerHTML()).toContain('<u>Replaced</u>');
      expect(await isFocused(editor)).toBe(true);
      // Lists and headings from the buttons; Clear formatting takes them and the marks off again.
      await button('Bulleted list').click();
      await eventually(() => editor.locator('ul > li').last().textContent()).toBe('Replaced');
      expect(await button('Bulleted list').getAttribute('aria-pressed')).toBe('true');
      await button('Bulleted list').click();
      await button('Heading').click();
      await eventually(() => editor.locator('h3').last().textContent()).toBe('Replaced');
      await button('Clear formatting').click();
      await eventually(() => editor.locator('p').last().innerHTML()).toBe('Replaced');
      expect(await button('Heading').getAttribute('aria-pressed')).toBe('false');

      // Read-only sections have no toolbar.
      expect(await page.getByRole('toolbar', { name: 'Formatting for Chief Officer comments' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'adds a link with its own text through Ctrl+K, checks the address, and removes it',
    async () => {
      const { page, pageErrors } = await member('pcc@example.org');
      const { editor } = parts(page);
      await eventually(() => editor.getAttribute('aria-readonly')).toBeNull();
      await typeAtEnd(editor, ' See ');
      await editor.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Add a link' });
      await dialog.waitFor();
      await dialog.getByLabel('Text to show').fill('the inspection report');
      await dialog.getByLabel('Address').fill('not an address');
      await dialog.getByRole('button', { name: 'Add link' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      expect(await dialog.getByLabel('Address').getAttribute('aria-invalid')).toBe('true');
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);

      await dialog.getByLabel('Address').fill('www.justiceinspectorates.gov.uk/hmicfrs');
      await dialog.getByRole('button', { name: 'Add link' }).click();
      await eventually(() => dialog.count()).toBe(0);
      await eventually(() => isFocused(editor)).toBe(true);
      const link = editor.getByRole('link', { name: 'the inspection report' });
      expect(await link.getAttribute('href')).toBe('https://www.justiceinspectorates.gov.uk/hmicfrs');
      // Typing straight after the link is not part of it.
      await page.keyboard.type('.');
      await eventually(() => editorText(editor)).toContain('See the inspection report.');
      expect(await link.textContent()).toBe('the inspection report');

      // Escape closes the dialog without a change, back in the text.
      await editor.press('Control+k');
      await page.getByRole('dialog', { name: 'Add a link' }).waitFor();
      await page.keyboard.press('Escape');
      await eventually(() => page.getByRole('dialog').count()).toBe(0);
      await eventually(() => isFocused(editor)).toBe(true);

      // In the link, Ctrl+K changes it; Remove link takes the link off and keeps the text.
      await link.click();
      await editor.press('Control+k');
      const change = page.getByRole('dialog', { name: 'Change link' });
      await change.waitFor();
      expect(await change.getByLabel('Text to show').inputValue()).toBe('the inspection report');
      expect(await change.getByLabel('Address').inputValue()).toBe('https://www.justiceinspectorates.gov.uk/hmicfrs');
      await change.getByRole('button', { name: 'Remove link' }).click();
      await eventually(() => editor.getByRole('link', { name: 'the inspection report' }).count()).toBe(0);
      expect(await editorText(editor)).toContain('See the inspection report.');
      await waitUntilSaved(page);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'makes headings that sit under the section title (h3, h4), larger than the text',
    async () => {
      const { page, pageErrors } = await member('pcc@example.org');
      const { editor, button } = parts(page);
      await eventually(() => editor.getAttribute('aria-readonly')).toBeNull();
      await typeAtEnd(editor, '');
      await editor.press('Enter');
      await editor.pressSequentially('# Our priorities');
      await editor.press('Enter');
      await editor.pressSequentially('## Tasking');
      await eventually(() => editor.locator('h3').last().textContent()).toBe('Our priorities');
      await eventually(() => editor.locator('h4').last().textContent()).toBe('Tasking');
      expect(await button('Subheading').getAttribute('aria-pressed')).toBe('true');
      expect(await button('Heading').getAttribute('aria-pressed')).toBe('false');
      // Ctrl+Alt+1 makes it a Heading, as the help dialog says.
      await editor.press('Control+Alt+1');
      await eventually(() => editor.locator('h3').last().textContent()).toBe('Tasking');
      await editor.press('Control+Alt+2');
      await eventually(() => editor.locator('h4').last().textContent()).toBe('Tasking');
      // The page keeps its one h1; the section's headings follow its h2.
      expect(await page.locator('h1').count()).toBe(1);
      const sizes = await editor.evaluate((element) => {
        const size = (selector: string) => parseFloat(getComputedStyle(element.querySelector(selector)!).fontSize);
        return { h3: size('h3'), h4: size('h4'), text: size('p') };
      });
      expect(sizes.h3).toBeGreaterThan(sizes.h4);
      expect(sizes.h4).toBeGreaterThan(sizes.text);
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
      await waitUntilSaved(page);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    "undoes only the member's own edit, never another member's, and says when there is nothing to undo",
    async () => {
      const pcc = await member('pcc@example.org');
      const officer = await member('officer@example.org');
      const mine = parts(pcc.page);
      const theirs = parts(officer.page);
      await eventually(() => mine.editor.getAttribute('aria-readonly')).toBeNull();
      await eventually(() => theirs.editor.getAttribute('aria-readonly')).toBeNull();
      expect(await mine.button('Undo').getAttribute('aria-disabled')).toBe('true');

      await typeAtEnd(mine.editor, ' Written by the PCC.');
      await eventually(() => editorText(theirs.editor)).toContain('Written by the PCC.');
      await typeAtEnd(theirs.editor, ' Drafted by the officer.');
      await eventually(() => editorText(mine.editor)).toContain('Drafted by the officer.');
      expect(await mine.button('Undo').getAttribute('aria-disabled')).toBeNull();

      await mine.button('Undo').click();
      await eventually(() => editorText(theirs.editor)).not.toContain('Written by the PCC.');
      expect(await editorText(mine.editor)).toContain('Drafted by the officer.');
      expect(await editorText(theirs.editor)).toContain('Drafted by the officer.');
      await eventually(() => mine.button('Undo').getAttribute('aria-disabled')).toBe('true');
      await eventually(() => mine.button('Redo').getAttribute('aria-disabled')).toBeNull();

      await mine.button('Redo').click();
      await eventually(() => editorText(theirs.editor)).toContain('Written by the PCC.');
      await eventually(() => mine.button('Redo').getAttribute('aria-disabled')).toBe('true');
      await waitUntilSaved(pcc.page);
      await waitUntilSaved(officer.page);
      expect(pcc.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  for (const width of [1366, 320]) {
    it(
      `passes axe-core (target size included) at ${width} px with the toolbar and its dialogs open`,
      async () => {
        const { page, pageErrors } = await member('pcc@example.org', width);
        const { editor, toolbar, button } = parts(page);
        await eventually(() => editor.getAttribute('aria-readonly')).toBeNull();
        expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
        const box = await toolbar.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(width);
        for (const name of ['Bold', 'Undo', 'Keyboard shortcuts']) {
          const size = await button(name).boundingBox();
          expect(Math.min(size!.width, size!.height)).toBeGreaterThanOrEqual(44);
        }

        // The shortcuts dialog, from the keyboard; Escape returns to its button.
        await button('Keyboard shortcuts').focus();
        await page.keyboard.press('Enter');
        const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await help.waitFor();
        expect(await help.getByRole('row', { name: /Bold Ctrl \+ B/ }).count()).toBe(1);
        expect(await help.getByText('Alt + F10').count()).toBeGreaterThan(0);
        expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
        await page.keyboard.press('Escape');
        await eventually(() => help.count()).toBe(0);
        await eventually(() => focusedName(page)).toBe('Keyboard shortcuts');

        // The link dialog, and the table a section may hold, reflowed to the width.
        await button('Link').click();
        await page.getByRole('dialog', { name: 'Add a link' }).waitFor();
        expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
        await page.keyboard.press('Escape');
        // A new empty paragraph just before the sample's first paragraph, for the table. (Not
        // Ctrl+Home: the run at the other width may have left its table first, and a caret in its
        // cell would nest the new table; and a key pressed just after a click can be undone.)
        await editor.getByText(/^I am writing/).click({ position: { x: 1, y: 4 } });
        await editor.press('Home');
        await editor.press('Enter');
        await editor.press('ArrowUp');
        const tables = await editor.locator('table').count();
        await button('Insert table').click();
        await eventually(() => editor.locator('table').count()).toBe(tables + 1);
        // Earlier runs' tables come before it.
        const table = editor.locator('table').nth(tables);
        expect(await table.locator('th').count()).toBe(2);
        // Tab moves to the next cell, as in Word.
        await page.keyboard.type('A header that is long enough to need wrapping at a narrow width');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Due');
        await eventually(() => table.locator('th').nth(1).textContent()).toBe('Due');
        // The table wraps its text inside the editor rather than pushing it wider than the screen.
        expect(await tablesOverflow(editor)).toEqual([]);
        expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
        await waitUntilSaved(page);
        expect(pageErrors).toEqual([]);
      },
      E2E_TIMEOUT,
    );
  }
});
