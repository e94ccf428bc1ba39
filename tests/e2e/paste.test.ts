// Pasting real clipboard HTML (Word for Windows and Mac, Google Docs, a web page) into the PCC's
// section, through a real paste event: the structure survives (headings, nested lists, a table,
// links, marks), Office markup and styles do not, and what was left out is said beside the editor.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, eventually, openFirstResponse, runAxe, signIn, waitUntilSaved, WITH_TARGET_SIZE } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";

function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../fixtures/paste', name), 'utf8');
}

/** Empties the editor, then pastes `html` into it as the browser does for a Ctrl+V. */
async function replaceByPaste(editor: Locator, html: string): Promise<void> {
  await editor.click();
  await editor.press('Control+a');
  await editor.press('Delete');
  await eventually(() => editorText(editor)).toBe('');
  await editor.evaluate((element, clipboard) => {
    const data = new DataTransfer();
    data.setData('text/html', clipboard);
    data.setData('text/plain', 'the plain text Word puts beside its HTML');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

function texts(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Each table row's cells' text, joined by " | ". */
function rows(table: Locator): Promise<string[]> {
  return table.locator('tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | ')),
  );
}

/** What must not come through: Office markup, styles, classes, spans and images. */
async function leftovers(editor: Locator): Promise<string[]> {
  return editor.evaluate((live) => {
    // Other members' carets and ProseMirror's own helpers are the editor's, not the paste's.
    const root = live.cloneNode(true) as Element;
    for (const own of root.querySelectorAll('.collaboration-carets__caret, [class^="ProseMirror-"]')) own.remove();
    const found: string[] = [];
    for (const element of root.querySelectorAll('*')) {
      const name = element.localName;
      if (name.includes(':') || name === 'span' || name === 'font' || name === 'img') found.push(name);
      // TipTap sizes a table's columns itself; nothing else carries a style.
      if (element.hasAttribute('style') && name !== 'table' && name !== 'col') found.push(`${name}[style]`);
      const classes = [...element.classList].filter((c) => c !== 'tableWrapper');
      if (classes.length > 0) found.push(`${name}.${classes.join('.')}`);
    }
    return found;
  });
}

function pasteNote(page: Page, text: string): Locator {
  return page.getByRole('status').filter({ hasText: text });
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

describe('pasting into a section', () => {
  const suite = browserSuite();

  async function pccEditor(width = 1366) {
    const user = await suite.newUser();
    await user.page.setViewportSize({ width, height: 900 });
    await signIn(user.page, 'pcc@example.org');
    await openFirstResponse(user.page);
    const editor = user.page.getByRole('textbox', { name: PCC_SECTION });
    await eventually(() => editor.getAttribute('aria-readonly')).toBeNull();
    return { ...user, editor };
  }

  it(
    'keeps Word for Windows headings, nested lists, table and marks, drops its markup, and says what it left out',
    async () => {
      const { page, editor, pageErrors } = await pccEditor();
      await replaceByPaste(editor, fixture('word-windows.html'));
      await eventually(() => texts(editor.locator('h3'))).toEqual(['Our response to the inspection']);
      expect(await texts(editor.locator('h4'))).toEqual(['What the unit will do', 'Timetable']);
      expect(await texts(editor.locator('ul > li > ul > li > ul > li'))).toEqual(['Chaired by the unit’s head']);
      expect(await texts(editor.locator('ol > li > ol > li > ol > li'))).toEqual(['And the Police and Crime Commissioners']);
      // Word's a., i. numbering stays letters and Roman numerals.
      expect(await editor.locator('ol ol').first().getAttribute('type')).toBe('a');
      expect(await editor.locator('ol ol ol').getAttribute('type')).toBe('i');
      expect(await texts(editor.locator('ul > li > p'))).toContain('Share intelligence between forces');
      expect(await rows(editor.locator('table'))).toEqual([
        'Recommendation | Due',
        'Recommendation 1: tasking | 30 June 2024',
        'Recommendation 2: training | 31 December 2024',
      ]);
      expect(await texts(editor.locator('strong'))).toEqual(['accepted every recommendation', 'every', 'Recommendation', 'Due']);
      expect(await texts(editor.locator('em'))).toEqual(['regional unit']);
      expect(await texts(editor.locator('u'))).toEqual(['Police and Crime Panel']);
      expect(await editor.getByRole('link', { name: 'HMICFRS website' }).getAttribute('href')).toBe(
        'https://hmicfrs.justiceinspectorates.gov.uk/publications/',
      );
      expect(await leftovers(editor)).toEqual([]);
      const text = await editorText(editor);
      for (const dropped of ['·', '§', '[JS1]', '[1]', 'Check this date', 'Two forces joined']) expect(text).not.toContain(dropped);
      expect(text).toContain('Funding for the analysts is agreed until March 2026.');

      const note = pasteNote(page, '1 image was not pasted: Countersign sections hold text only.');
      await note.waitFor();
      expect(await note.textContent()).toBe(
        '1 image was not pasted: Countersign sections hold text only. 1 Word comment was not pasted: use a thread to comment. ' +
          '1 footnote was not pasted: add the text to the section if it is needed.',
      );

      // It is stored as pasted: after a reload the structure comes back from the server.
      await waitUntilSaved(page);
      await page.reload();
      await waitUntilSaved(page);
      const reloaded = page.getByRole('textbox', { name: PCC_SECTION });
      await eventually(() => texts(reloaded.locator('ol > li > ol > li > ol > li'))).toEqual(['And the Police and Crime Commissioners']);
      expect(await reloaded.locator('table tr').count()).toBe(3);
      expect(await texts(reloaded.locator('h3'))).toEqual(['Our response to the inspection']);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'keeps Word for Mac styled lists, a list that starts at 3 and an e-mail link',
    async () => {
      const { page, editor, pageErrors } = await pccEditor();
      await replaceByPaste(editor, fixture('word-mac.html'));
      await eventually(() => texts(editor.locator('h3'))).toEqual(['Chief Constable’s comments']);
      expect(await texts(editor.locator('h4'))).toEqual(['Progress since the inspection']);
      expect(await texts(editor.locator('ul > li > ul > li'))).toEqual(['Meets every fortnight']);
      const numbered = editor.locator('ol');
      expect(await numbered.getAttribute('start')).toBe('3');
      expect(await texts(numbered.locator('> li > ul > li'))).toEqual(['Funded by the uplift programme']);
      expect(await editor.getByRole('link', { name: 'roc.unit@example.police.uk' }).getAttribute('href')).toBe(
        'mailto:roc.unit@example.police.uk',
      );
      expect(await leftovers(editor)).toEqual([]);
      await pasteNote(page, '1 image was not pasted: Countersign sections hold text only.').waitFor();
      await waitUntilSaved(page);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'keeps Google Docs formatting without taking its wrapper for bold, and counts its two images',
    async () => {
      const { page, editor, pageErrors } = await pccEditor();
      await replaceByPaste(editor, fixture('google-docs.html'));
      await eventually(() => texts(editor.locator('h3'))).toEqual(['Portfolio lead comments']);
      expect(await texts(editor.locator('h4'))).toEqual(['Actions']);
      expect(await texts(editor.locator('strong'))).toEqual(['agrees', 'Area', 'Owner']);
      expect(await texts(editor.locator('ul > li > ul > li'))).toEqual(['By the end of April', 'Named in the plan']);
      expect(await texts(editor.locator('ol > li'))).toEqual(['Collect the data', 'Publish a dashboard']);
      expect(await editor.locator('table tr').count()).toBe(2);
      expect(await leftovers(editor)).toEqual([]);
      await pasteNote(page, '2 images were not pasted: Countersign sections hold text only.').waitFor();
      await waitUntilSaved(page);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'keeps a web page’s headings, list, table and real link, at 320 px too, and passes axe-core',
    async () => {
      const { page, editor, pageErrors } = await pccEditor(320);
      await replaceByPaste(editor, fixture('web-page.html'));
      await eventually(() => texts(editor.locator('h3'))).toEqual(['What the inspection found']);
      expect(await texts(editor.locator('h4'))).toEqual(['Areas for improvement']);
      expect(await texts(editor.getByRole('link'))).toEqual(['full report']);
      expect(await texts(editor.locator('th'))).toEqual(['Region', 'Grade']);
      expect(await texts(editor.locator('ul > li > ul > li'))).toEqual(['Asset recovery']);
      expect(await editorText(editor)).not.toContain('Print this page');
      expect(await leftovers(editor)).toEqual([]);
      await pasteNote(page, '1 image and 1 video or embedded item were not pasted: Countersign sections hold text only.').waitFor();
      // The table wraps its text inside the editor rather than pushing it wider than the screen.
      expect(await tablesOverflow(editor)).toEqual([]);
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
      await waitUntilSaved(page);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
