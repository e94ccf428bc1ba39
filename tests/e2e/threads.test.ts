// Comment threads in real Chromium: a passage selected with the keyboard is commented on, others
// see its highlight and the thread live, reply and resolve; the highlight follows the text as
// others type around it, and a deleted passage leaves the thread with its quote. Viewers and a
// published response get threads read-only.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseDetail, ThreadListBody } from '../../shared/api';
import {
  eventually,
  normalise,
  openFirstResponse,
  runAxe,
  signIn,
  textWithoutCarets,
  waitUntilSaved,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const LEAD_SECTION = 'Portfolio lead comments';
// The PCC section's first words, and its last.
const FIRST_WORDS = 'I am writing to you';
const LAST_WORDS = 'local communities.';
// Shown as text, never run.
const SCRIPT = '<script>window.__threadScriptRan = true</script>';

/** The comment bar under a section's editor. */
function commentBar(page: Page, section: string) {
  return page.getByRole('group', { name: `Comments on ${section}` });
}

/** Every thread shown on the page: each beside (or under) its section. */
function threads(page: Page) {
  return page.getByRole('article');
}

/** The thread whose comments say `text`. */
function threadWith(page: Page, text: string | RegExp) {
  return threads(page).filter({ hasText: text });
}

/** Shows the resolved threads of every section that has some. */
async function showResolvedThreads(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: /^Show resolved threads/ });
  for (let left = await buttons.count(); left > 0; left = await buttons.count()) {
    await buttons.first().click();
    await eventually(() => buttons.count()).toBe(left - 1);
  }
}

/** The texts of the passages highlighted in a section's editor. */
async function highlights(page: Page, section = PCC_SECTION): Promise<string[]> {
  const marks = await page.getByRole('textbox', { name: section }).locator('.thread-highlight').all();
  return Promise.all(marks.map(async (mark) => normalise(await textWithoutCarets(mark))));
}

/** Whether the caret is at the very start or end of an editor (others' carets aside). */
async function caretAt(page: Page, editorName: string, where: 'start' | 'end'): Promise<boolean> {
  return page.getByRole('textbox', { name: editorName }).evaluate((editor, where) => {
    const selection = window.getSelection();
    if (!selection?.focusNode || !editor.contains(selection.focusNode)) return false;
    const range = document.createRange();
    if (where === 'start') {
      range.setStart(editor, 0);
      range.setEnd(selection.focusNode, selection.focusOffset);
    } else {
      range.setStart(selection.focusNode, selection.focusOffset);
      range.setEnd(editor, editor.childNodes.length);
    }
    const between = range.cloneContents();
    for (const caret of between.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return (between.textContent ?? '').trim() === '';
  }, where);
}

/** Selects the editor's first or last `length` characters with Shift and the arrow keys. */
async function selectWithKeyboard(page: Page, editorName: string, where: 'start' | 'end', length: number): Promise<void> {
  const editor = page.getByRole('textbox', { name: editorName });
  await editor.click();
  // ProseMirror settles the selection of a click a moment after it: a key pressed at once
  // can be undone, so press until the caret is there.
  await eventually(async () => {
    await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
    return caretAt(page, editorName, where);
  }).toBe(true);
  const key = where === 'start' ? 'Shift+ArrowRight' : 'Shift+ArrowLeft';
  for (let i = 0; i < length; i++) await page.keyboard.press(key);
  // The editor reads the browser's selection a moment after each key (selectionchange): wait
  // until its own selection is the whole span, or a key pressed next acts on a shorter one.
  await eventually(() => editorSelectionLength(page, editorName)).toBe(length);
}

/** The length of the text selected in an editor, as the editor itself (TipTap's view) has it. */
async function editorSelectionLength(page: Page, editorName: string): Promise<number> {
  return page.getByRole('textbox', { name: editorName }).evaluate((dom) => {
    const editor = (dom as HTMLElement & { editor?: { state: { selection: { from: number; to: number }; doc: { textBetween(from: number, to: number): string } } } }).editor;
    if (!editor) return -1;
    const { from, to } = editor.state.selection;
    return editor.state.doc.textBetween(from, to).length;
  });
}

async function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('aria-label') ?? active?.textContent ?? null;
  });
}

describe('comment threads', () => {
  const suite = browserSuite();

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    await openFirstResponse(u.page);
    return u;
  }

  it(
    'the PCC comments on a passage selected with the keyboard; the chief sees it live and replies; the PCC resolves it',
    async () => {
      const pcc = await user('pcc@example.org');
      const chief = await user('chief@example.org');
      await eventually(() => pcc.page.getByRole('textbox', { name: PCC_SECTION }).getAttribute('aria-readonly')).toBeNull();

      // Select the first words, then Tab to the comment bar: the selection is kept.
      await selectWithKeyboard(pcc.page, PCC_SECTION, 'start', FIRST_WORDS.length);
      const bar = commentBar(pcc.page, PCC_SECTION);
      await pcc.page.keyboard.press('Tab');
      expect(await focusedName(pcc.page)).toBe('Comment on this section');
      await pcc.page.keyboard.press('Tab');
      expect(await focusedName(pcc.page)).toBe('Comment on selected text');
      await pcc.page.keyboard.press('Enter');

      const form = pcc.page.getByRole('textbox', { name: 'Comment', exact: true });
      await eventually(() => form.evaluate((el) => el === document.activeElement)).toBe(true);
      // The form quotes the passage.
      await eventually(() => bar.locator('xpath=..').getByRole('blockquote').textContent()).toBe(FIRST_WORDS);
      // An empty comment is refused with an alert.
      await pcc.page.getByRole('button', { name: 'Post comment' }).click();
      await eventually(() => bar.locator('xpath=..').getByRole('alert').textContent()).toContain('Enter your comment');
      const comment = `Should we name the report in full? ${SCRIPT}`;
      await form.fill(comment);
      await pcc.page.getByRole('button', { name: 'Post comment' }).click();
      await eventually(() => bar.getByRole('status').textContent()).toBe('Your comment was posted.');
      await eventually(() => bar.getByText('1 open thread').count()).toBe(1);

      // The chief sees the highlight, the count and the thread without reloading.
      await eventually(() => highlights(chief.page), 5_000).toEqual([FIRST_WORDS]);
      await eventually(() => commentBar(chief.page, PCC_SECTION).getByText('1 open thread').count(), 5_000).toBe(1);
      const chiefThread = threadWith(chief.page, 'Should we name the report in full?');
      await eventually(() => chiefThread.count(), 5_000).toBe(1);
      // The script is shown as text, and never ran.
      await eventually(() => chiefThread.getByText(comment, { exact: true }).count()).toBe(1);
      expect(await chief.page.evaluate(() => (window as { __threadScriptRan?: boolean }).__threadScriptRan)).toBeUndefined();
      expect(await chiefThread.getByRole('blockquote').textContent()).toBe(FIRST_WORDS);

      // "Show passage" focuses the (read-only, for the chief) editor and selects the passage.
      await chiefThread.getByRole('button', { name: 'Show passage' }).click();
      await eventually(() => focusedName(chief.page)).toBe(PCC_SECTION);
      await eventually(() => chief.page.evaluate(() => window.getSelection()?.toString())).toBe(FIRST_WORDS);

      // The chief replies.
      await chiefThread.getByRole('button', { name: 'Reply' }).click();
      await chiefThread.getByRole('textbox', { name: 'Reply' }).fill('Yes: the full title is clearer.');
      await chiefThread.getByRole('button', { name: 'Post reply' }).click();
      await eventually(() => chiefThread.getByText('Yes: the full title is clearer.').count()).toBe(1);

      // The PCC sees the reply; the panel and an open comment form pass axe.
      const pccThread = threadWith(pcc.page, 'Should we name the report in full?');
      await eventually(() => pccThread.getByText('Yes: the full title is clearer.').count(), 5_000).toBe(1);
      await pccThread.getByRole('button', { name: 'Reply' }).click();
      await pccThread.getByRole('textbox', { name: 'Reply' }).waitFor();
      await bar.getByRole('button', { name: 'Comment on this section' }).click();
      await pcc.page.getByRole('textbox', { name: 'Comment', exact: true }).waitFor();
      expect(await runAxe(pcc.page)).toEqual([]);
      // A picture of the page for a look at the layout: THREADS_SCREENSHOT=/tmp/threads.png
      if (process.env.THREADS_SCREENSHOT) await pcc.page.screenshot({ path: process.env.THREADS_SCREENSHOT, fullPage: true });
      await pcc.page.getByRole('button', { name: 'Cancel' }).first().click();
      await pccThread.getByRole('button', { name: 'Cancel' }).click();

      // The PCC resolves the thread: the highlight goes for both, and the thread leaves the open ones.
      await pccThread.getByRole('button', { name: 'Resolve thread' }).click();
      await eventually(() => highlights(pcc.page)).toEqual([]);
      await eventually(() => highlights(chief.page), 5_000).toEqual([]);
      await eventually(() => commentBar(chief.page, PCC_SECTION).getByText('No open threads').count()).toBe(1);
      await eventually(() => threadWith(chief.page, 'Should we name the report in full?').count()).toBe(0);
      // It is still beside its section, behind "Show resolved threads".
      const showResolved = chief.page.getByRole('region', { name: PCC_SECTION }).getByRole('button', { name: 'Show resolved threads (1)' });
      expect(await showResolved.getAttribute('aria-expanded')).toBe('false');
      await showResolved.click();
      await eventually(() => threadWith(chief.page, 'Should we name the report in full?').getByText(/Resolved/).count()).toBeGreaterThan(0);

      // Reopening brings the highlight back.
      await threadWith(chief.page, 'Should we name the report in full?').getByRole('button', { name: 'Reopen thread' }).click();
      await eventually(() => highlights(pcc.page), 5_000).toEqual([FIRST_WORDS]);
      await threadWith(pcc.page, 'Should we name the report in full?').getByRole('button', { name: 'Resolve thread' }).click();
      await eventually(() => highlights(chief.page), 5_000).toEqual([]);

      // The chief cannot write the portfolio lead's section, yet selects a passage of it with
      // the keyboard and comments on it.
      const leadEditor = chief.page.getByRole('textbox', { name: LEAD_SECTION });
      expect(await leadEditor.getAttribute('aria-readonly')).toBe('true');
      await selectWithKeyboard(chief.page, LEAD_SECTION, 'start', 'The force works'.length);
      await chief.page.keyboard.press('Tab');
      await chief.page.keyboard.press('Tab');
      expect(await focusedName(chief.page)).toBe('Comment on selected text');
      await chief.page.keyboard.press('Enter');
      await chief.page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Which meetings?');
      await chief.page.keyboard.press('Tab');
      await chief.page.keyboard.press('Enter');
      await eventually(() => highlights(pcc.page, LEAD_SECTION), 5_000).toEqual(['The force works']);
      await eventually(() => commentBar(pcc.page, LEAD_SECTION).getByText('1 open thread').count()).toBe(1);

      expect(pcc.pageErrors).toEqual([]);
      expect(chief.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'the highlight follows the passage as a co-author types around it; a deleted passage leaves the quote; an author edits and deletes a comment',
    async () => {
      const pcc = await user('pcc@example.org');
      const officer = await user('officer@example.org');
      await eventually(() => pcc.page.getByRole('textbox', { name: PCC_SECTION }).getAttribute('aria-readonly')).toBeNull();

      await selectWithKeyboard(pcc.page, PCC_SECTION, 'end', LAST_WORDS.length);
      await commentBar(pcc.page, PCC_SECTION).getByRole('button', { name: 'Comment on selected text' }).click();
      await pcc.page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Which communities?');
      await pcc.page.getByRole('button', { name: 'Post comment' }).click();
      await eventually(() => highlights(officer.page), 5_000).toEqual([LAST_WORDS]);

      // The officer types right after the passage and at the start of the section.
      const officerEditor = officer.page.getByRole('textbox', { name: PCC_SECTION });
      await officerEditor.click();
      await officerEditor.press('Control+End');
      await officerEditor.pressSequentially(' Added after.');
      await officerEditor.press('Control+Home');
      await officerEditor.pressSequentially('Note: ');
      await waitUntilSaved(officer.page);
      await eventually(() => textWithoutCarets(pcc.page.getByRole('textbox', { name: PCC_SECTION })), 5_000).toContain(
        `${LAST_WORDS} Added after.`,
      );
      expect(await highlights(pcc.page)).toEqual([LAST_WORDS]);
      expect(await highlights(officer.page)).toEqual([LAST_WORDS]);

      // The author edits the comment, and deletes a reply of theirs.
      const thread = threadWith(pcc.page, /Which (local )?communities\?/);
      await thread.getByRole('button', { name: 'Edit your comment' }).click();
      await thread.getByRole('textbox', { name: 'Edit your comment' }).fill('Which local communities?');
      await thread.getByRole('button', { name: 'Save comment' }).click();
      await eventually(() => threadWith(officer.page, 'Which local communities?').getByText('(edited)').count(), 5_000).toBe(1);
      await thread.getByRole('button', { name: 'Reply' }).click();
      await thread.getByRole('textbox', { name: 'Reply' }).fill('A reply to take back.');
      await thread.getByRole('button', { name: 'Post reply' }).click();
      await eventually(() => threadWith(officer.page, 'A reply to take back.').count(), 5_000).toBe(1);
      // Only one's own comments can be edited: the officer has no such buttons here.
      expect(await threadWith(officer.page, 'Which local communities?').getByRole('button', { name: 'Edit your comment' }).count()).toBe(0);
      pcc.page.once('dialog', (dialog) => void dialog.accept());
      await thread.getByRole('button', { name: 'Delete your comment' }).nth(1).click();
      await eventually(() => threadWith(officer.page, 'Which local communities?').getByText('Comment deleted').count(), 5_000).toBe(1);
      expect(await threadWith(officer.page, 'Which local communities?').getByText('A reply to take back.').count()).toBe(0);

      // The PCC types right at the passage's start: the text stays outside the passage.
      await thread.getByRole('button', { name: 'Show passage' }).click();
      await eventually(() => pcc.page.evaluate(() => window.getSelection()?.toString())).toBe(LAST_WORDS);
      await pcc.page.keyboard.press('ArrowLeft');
      await pcc.page.keyboard.type('very ');
      await eventually(() => textWithoutCarets(officer.page.getByRole('textbox', { name: PCC_SECTION })), 5_000).toContain(
        `very ${LAST_WORDS}`,
      );
      expect(await highlights(pcc.page)).toEqual([LAST_WORDS]);
      expect(await highlights(officer.page)).toEqual([LAST_WORDS]);

      // The PCC shows the passage (selecting it) and deletes it with the keyboard.
      await thread.getByRole('button', { name: 'Show passage' }).click();
      await eventually(() => pcc.page.evaluate(() => window.getSelection()?.toString())).toBe(LAST_WORDS);
      await pcc.page.keyboard.press('Backspace');
      for (const page of [pcc.page, officer.page]) {
        const gone = threadWith(page, 'Which local communities?');
        await eventually(() => gone.getByText('The passage was deleted').count(), 5_000).toBe(1);
        expect(await gone.getByRole('blockquote').textContent()).toBe(LAST_WORDS);
        expect(await gone.getByRole('button', { name: 'Show passage' }).count()).toBe(0);
        expect(await highlights(page)).toEqual([]);
      }
      await eventually(() => threadWith(pcc.page, 'Which local communities?').count()).toBe(1);

      expect(pcc.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'a viewer reads threads without forms; after publication threads are read-only for everyone',
    async () => {
      const viewer = await user('viewer@example.org');
      await eventually(() => threadWith(viewer.page, 'Which local communities?').count()).toBe(1);
      expect(await viewer.page.getByRole('button', { name: /^Comment on/ }).count()).toBe(0);
      expect(await threads(viewer.page).getByRole('button', { name: /Reply|Resolve/ }).count()).toBe(0);
      await eventually(() => commentBar(viewer.page, PCC_SECTION).getByText('1 open thread').count()).toBe(1);
      expect(await runAxe(viewer.page)).toEqual([]);

      // Resolve every thread, sign every section off and publish, through the API.
      const cookies = {
        pcc: await login(suite.server.url, 'pcc@example.org'),
        chief_constable: await login(suite.server.url, 'chief@example.org'),
        portfolio_lead: await login(suite.server.url, 'lead@example.org'),
      };
      const sample: ResponseDetail = await sampleResponse(suite.server.url, cookies.pcc);
      const base = `/api/responses/${sample.id}`;
      const { body } = await api<ThreadListBody>(suite.server.url, cookies.pcc, 'GET', `${base}/threads`);
      for (const thread of body.threads.filter((t) => t.state === 'open')) {
        expect((await api(suite.server.url, cookies.pcc, 'POST', `${base}/threads/${thread.id}/resolve`)).status).toBe(200);
      }
      for (const section of sample.sections) {
        const cookie = cookies[section.ownerRole as keyof typeof cookies];
        expect((await api(suite.server.url, cookie, 'POST', `${base}/sections/${section.id}/signoff`)).status).toBe(200);
      }
      expect((await api(suite.server.url, cookies.pcc, 'POST', `${base}/publish`)).status).toBe(201);

      const pcc = await user('pcc@example.org');
      await eventually(() => pcc.page.getByText('Threads are read-only now that the response is published').count()).toBe(1);
      await showResolvedThreads(pcc.page);
      await eventually(() => threads(pcc.page).count()).toBe(3);
      expect(await pcc.page.getByRole('button', { name: /^Comment on/ }).count()).toBe(0);
      expect(await threads(pcc.page).getByRole('button', { name: /Reply|Reopen|Edit|Delete/ }).count()).toBe(0);
      expect(pcc.pageErrors).toEqual([]);
      expect(viewer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
