// Suggestions in real Chromium, keyboard only: the chief switches the PCC's section to suggest
// mode and types; nothing reaches the section's text, while the PCC sees the suggestions inline
// and in the list, live, accepts one and rejects another. A suggestion whose passage is deleted
// turns stale; an open one blocks publication and is named in the Publish panel; a member who
// may edit suggests on their own draft; the page passes axe with suggestions shown, at 1366 and
// 320 pixels wide.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDetail, Suggestion } from '../../shared/api';
import { docFromUpdates } from '../../server/content/sectionContent';
import { eventually, normalise, openFirstResponse, runAxe, signIn, waitUntilSaved, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, fragmentText, login, sampleResponse } from '../helpers/clients';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const HMI_SECTION = 'HMI comments';
// The PCC section's first words, and its last.
const FIRST_WORDS = 'I am writing to you';
const LAST_WORD = 'communities.';
// Typed into a suggestion: shown as text, never run.
const MARKUP = '<img src=x onerror="window.__suggestionRan=true">';

function editor(page: Page, section = PCC_SECTION) {
  return page.getByRole('textbox', { name: section });
}

function toggle(page: Page, section = PCC_SECTION) {
  return page.getByRole('button', { name: `Suggest changes to ${section}` });
}

/** The suggest-mode toggle and its messages, above a section's editor. */
function modeBar(page: Page, section = PCC_SECTION) {
  return page.getByRole('group', { name: `Suggest mode for ${section}` });
}

function panel(page: Page) {
  return page.getByRole('region', { name: 'Suggestions' });
}

/** The suggestion in the list that says `text`. */
function item(page: Page, text: string | RegExp) {
  return panel(page).getByRole('article').filter({ hasText: text });
}

/** An editor's own text: without others' carets, and without the suggestions drawn in it. */
async function documentText(page: Page, section = PCC_SECTION): Promise<string> {
  const text = await editor(page, section).evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    for (const extra of copy.querySelectorAll('.collaboration-carets__caret, .suggestion-change')) extra.remove();
    return copy.textContent ?? '';
  });
  return normalise(text);
}

interface DrawnSuggestion {
  deleted: string;
  inserted: string;
  label: string;
}

/** The open suggestions drawn in an editor: the text struck, the text inserted, and the label read with them. */
async function drawn(page: Page, section = PCC_SECTION): Promise<DrawnSuggestion[]> {
  return editor(page, section).evaluate((el) => {
    const ids: string[] = [];
    for (const node of el.querySelectorAll<HTMLElement>('[data-suggestion-id]')) {
      const id = node.dataset.suggestionId!;
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.map((id) => {
      const deleted = [...el.querySelectorAll(`del[data-suggestion-id="${id}"]`)].map((d) => d.textContent).join('');
      const widget = el.querySelector(`.suggestion-change[data-suggestion-id="${id}"]`);
      return {
        deleted,
        inserted: widget?.querySelector('ins')?.textContent ?? '',
        label: (widget?.querySelector('.suggestion-by')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    });
  });
}

/** The draft being typed in an editor: struck text and inserted text. */
async function draft(page: Page, section = PCC_SECTION): Promise<{ deleted: string; inserted: string }> {
  return editor(page, section).evaluate((el) => ({
    deleted: [...el.querySelectorAll('.suggestion-del--draft')].map((d) => d.textContent).join(''),
    inserted: [...el.querySelectorAll('.suggestion-change--draft ins')].map((d) => d.textContent).join(''),
  }));
}

async function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('aria-label') ?? active?.textContent ?? null;
  });
}

/** Whether the caret is at the very start or end of an editor (carets and drawn suggestions aside). */
async function caretAt(page: Page, section: string, where: 'start' | 'end'): Promise<boolean> {
  return editor(page, section).evaluate((el, where) => {
    const selection = window.getSelection();
    if (!selection?.focusNode || !el.contains(selection.focusNode)) return false;
    const range = document.createRange();
    if (where === 'start') {
      range.setStart(el, 0);
      range.setEnd(selection.focusNode, selection.focusOffset);
    } else {
      range.setStart(selection.focusNode, selection.focusOffset);
      range.setEnd(el, el.childNodes.length);
    }
    const between = range.cloneContents();
    for (const extra of between.querySelectorAll('.collaboration-carets__caret, .suggestion-change')) extra.remove();
    return (between.textContent ?? '').trim() === '';
  }, where);
}

/** Moves the caret of the focused editor to its start or end with Ctrl+Home or Ctrl+End. */
async function caretTo(page: Page, section: string, where: 'start' | 'end'): Promise<void> {
  // ProseMirror settles the selection of a focus a moment after it: press until the caret is there.
  await eventually(async () => {
    await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
    return caretAt(page, section, where);
  }).toBe(true);
}

/** The parts of the suggestions' UI that reach past the page's width, or scroll sideways. */
async function overflowing(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const parts = document.querySelectorAll<HTMLElement>('.suggestions, .suggestions *, .suggest-bar, .suggest-bar *, .suggestion-change, .suggestion-change *, .suggestion-del');
    return [...parts]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 || el.scrollWidth > el.clientWidth + 1)
      .filter((el) => !el.closest('.visually-hidden') && !el.closest('table'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  }, width);
}

async function press(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe('suggestions', () => {
  const suite = browserSuite();
  let sample: ResponseDetail;
  let pccCookie: string;

  beforeAll(async () => {
    pccCookie = await login(suite.server.url, 'pcc@example.org');
    sample = await sampleResponse(suite.server.url, pccCookie);
  });

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    await openFirstResponse(u.page);
    return u;
  }

  function sectionId(title: string): string {
    return sample.sections.find((section) => section.title === title)!.id;
  }

  /** The section's text as the server stores it. */
  async function storedText(title: string): Promise<string> {
    return fragmentText(docFromUpdates(await suite.server.server.context.store.updates.load(sectionId(title))));
  }

  it(
    "the chief suggests on the PCC's section with the keyboard; the PCC sees it live, accepts one and rejects another",
    async () => {
      const pcc = await user('pcc@example.org');
      const chief = await user('chief@example.org');
      const stored = await storedText(PCC_SECTION);
      const before = await documentText(pcc.page);
      expect(await editor(chief.page).getAttribute('aria-readonly')).toBe('true');

      // From the (read-only) editor, Shift+Tab reaches the toggle; Space turns suggest mode on.
      await editor(chief.page).focus();
      await chief.page.keyboard.press('Shift+Tab');
      expect(await focusedName(chief.page)).toBe(`Suggest changes to ${PCC_SECTION}`);
      expect(await toggle(chief.page).getAttribute('aria-pressed')).toBe('false');
      await chief.page.keyboard.press('Space');
      await eventually(() => toggle(chief.page).getAttribute('aria-pressed')).toBe('true');
      expect(await editor(chief.page).getAttribute('aria-readonly')).toBeNull();
      const hint = await editor(chief.page).getAttribute('aria-describedby');
      expect(hint).toBeTruthy();
      await chief.page.keyboard.press('Tab');
      expect(await focusedName(chief.page)).toBe(PCC_SECTION);

      // Replace the first words: the draft is drawn, the text is not changed.
      await caretTo(chief.page, PCC_SECTION, 'start');
      await press(chief.page, 'Shift+ArrowRight', FIRST_WORDS.length);
      await chief.page.keyboard.type('We are writing');
      expect(await draft(chief.page)).toEqual({ deleted: FIRST_WORDS, inserted: 'We are writing' });
      expect(await documentText(chief.page)).toBe(before);
      // A typo, taken back with Backspace: the insertion shrinks first.
      await chief.page.keyboard.type('x');
      await chief.page.keyboard.press('Backspace');
      expect(await draft(chief.page)).toEqual({ deleted: FIRST_WORDS, inserted: 'We are writing' });
      // Enter sends it.
      await chief.page.keyboard.press('Enter');
      const replacement = { deleted: FIRST_WORDS, inserted: 'We are writing', label: '(suggested replacement by Sam Taylor, Chief Constable)' };
      await eventually(() => drawn(chief.page)).toEqual([replacement]);
      await eventually(() => modeBar(chief.page).getByRole('status').textContent()).toContain('Your suggestion was sent');

      // The PCC sees it inline and in the list without reloading; the text is as it was.
      await eventually(() => drawn(pcc.page)).toEqual([replacement]);
      const first = item(pcc.page, 'We are writing');
      await eventually(() => first.count()).toBe(1);
      expect(normalise((await first.textContent()) ?? '')).toContain('Sam Taylor, Chief Constable suggested a replacement');
      expect(await first.getByRole('deletion').textContent()).toBe(FIRST_WORDS);
      expect(await first.getByRole('insertion').textContent()).toBe('We are writing');

      // An insertion typed at the very end is sent when the chief pauses.
      await caretTo(chief.page, PCC_SECTION, 'end');
      await chief.page.keyboard.type(' Thank you.');
      expect(await draft(chief.page)).toEqual({ deleted: '', inserted: ' Thank you.' });
      const insertion = { deleted: '', inserted: ' Thank you.', label: '(suggested insertion by Sam Taylor, Chief Constable)' };
      await eventually(() => drawn(pcc.page)).toEqual([replacement, insertion]);
      // Backspace past what was typed strikes the text before it; Escape discards the draft.
      await press(chief.page, 'Backspace', LAST_WORD.length);
      expect(await draft(chief.page)).toEqual({ deleted: LAST_WORD, inserted: '' });
      await chief.page.keyboard.press('Escape');
      expect(await draft(chief.page)).toEqual({ deleted: '', inserted: '' });
      await eventually(() => modeBar(chief.page).getByRole('status').textContent()).toBe('Your suggestion was discarded.');

      // Nothing was written: not in the browsers, not on the server.
      expect(await documentText(pcc.page)).toBe(before);
      expect(await documentText(chief.page)).toBe(before);
      expect(await storedText(PCC_SECTION)).toBe(stored);
      expect(await drawn(chief.page)).toEqual([replacement, insertion]);

      // The PCC accepts the replacement with the keyboard: the text changes for both.
      await first.getByRole('button', { name: 'Accept suggestion' }).focus();
      await pcc.page.keyboard.press('Enter');
      const accepted = before.replace(FIRST_WORDS, 'We are writing');
      await eventually(() => documentText(pcc.page)).toBe(accepted);
      await eventually(() => documentText(chief.page)).toBe(accepted);
      expect(await storedText(PCC_SECTION)).toBe(stored.replace(FIRST_WORDS, 'We are writing'));
      await eventually(() => drawn(pcc.page)).toEqual([insertion]);
      await eventually(() => drawn(chief.page)).toEqual([insertion]);
      await eventually(() => panel(pcc.page).getByRole('status').textContent()).toBe('Sam Taylor’s suggestion was accepted: the text has changed.');
      // The accepted one left the "Open" list: focus is on the next one's heading.
      const second = item(pcc.page, 'Thank you.');
      await eventually(() => second.getByRole('heading').evaluate((h) => h === document.activeElement)).toBe(true);

      // Tab to its Reject button and press it: the text stays as it is.
      await pcc.page.keyboard.press('Tab');
      expect(await focusedName(pcc.page)).toBe('Show in text');
      await pcc.page.keyboard.press('Tab');
      expect(await focusedName(pcc.page)).toBe('Accept suggestion');
      await pcc.page.keyboard.press('Tab');
      expect(await focusedName(pcc.page)).toBe('Reject suggestion');
      await pcc.page.keyboard.press('Enter');
      await eventually(() => panel(pcc.page).getByText('No open suggestions.').count()).toBe(1);
      await eventually(() => pcc.page.evaluate(() => document.activeElement?.textContent)).toBe('Suggestions');
      expect(await panel(pcc.page).getByRole('status').textContent()).toBe('Sam Taylor’s suggestion was rejected.');
      await eventually(() => drawn(chief.page)).toEqual([]);
      expect(await documentText(pcc.page)).toBe(accepted);
      expect(await storedText(PCC_SECTION)).toBe(stored.replace(FIRST_WORDS, 'We are writing'));

      // Both lists say what became of them.
      await eventually(() => panel(chief.page).getByRole('radio', { name: 'Accepted (1)' }).count()).toBe(1);
      await panel(chief.page).getByRole('radio', { name: 'Rejected (1)' }).check();
      await eventually(() => item(chief.page, 'Thank you.').getByText('by Alex Morgan, Police and Crime Commissioner').count()).toBe(1);

      // Typing over a selection across paragraphs makes one suggestion per paragraph: the first
      // takes the text, the next is deleted; no paragraph break is removed.
      await editor(chief.page).focus();
      await caretTo(chief.page, PCC_SECTION, 'end');
      const lastParagraph = normalise((await editor(chief.page).locator('p').last().textContent()) ?? '');
      // To the start of the last paragraph, then over the break into the end of the one before
      // (where Ctrl+Up stops differs a little between platforms: the struck text ends "concern.").
      await chief.page.keyboard.press('Shift+Control+ArrowUp');
      await press(chief.page, 'Shift+ArrowLeft', 1 + 'concern.'.length);
      await chief.page.keyboard.type('worry.');
      expect(await editor(chief.page).locator('.suggestion-del--draft').count()).toBe(2);
      await chief.page.keyboard.press('Enter');
      await eventually(() => drawn(pcc.page)).toEqual([
        { deleted: expect.stringMatching(/concern\.$/), inserted: 'worry.', label: '(suggested replacement by Sam Taylor, Chief Constable)' },
        { deleted: expect.stringContaining('It is paramount'), inserted: '', label: '(suggested deletion by Sam Taylor, Chief Constable)' },
      ]);
      expect(normalise((await drawn(pcc.page))[1]!.deleted)).toBe(lastParagraph);
      expect(await documentText(pcc.page)).toBe(accepted);

      // The PCC rejects both at once.
      await panel(pcc.page).getByRole('radio', { name: /^Open/ }).check();
      const rejectAll = panel(pcc.page).getByRole('button', { name: 'Reject all by Sam Taylor, Chief Constable (2)' });
      await eventually(() => rejectAll.count()).toBe(1);
      pcc.page.once('dialog', (dialog) => void dialog.accept());
      await rejectAll.focus();
      await pcc.page.keyboard.press('Enter');
      await eventually(() => panel(pcc.page).getByRole('status').textContent()).toBe('2 suggestions by Sam Taylor, Chief Constable were rejected.');
      await eventually(() => drawn(chief.page)).toEqual([]);
      expect(await documentText(chief.page)).toBe(accepted);

      expect(pcc.pageErrors).toEqual([]);
      expect(chief.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'a suggestion whose passage is deleted turns stale; an open one blocks publication and is named; on a signed-off section it says to reopen; axe-clean at 1366 and 320 pixels',
    async () => {
      const pcc = await user('pcc@example.org');
      const chief = await user('chief@example.org');
      await toggle(chief.page).focus();
      await chief.page.keyboard.press('Space');
      await eventually(() => toggle(chief.page).getAttribute('aria-pressed')).toBe('true');
      await chief.page.keyboard.press('Tab');

      // The chief suggests deleting the last word (Backspace strikes it), then replacing the first.
      await caretTo(chief.page, PCC_SECTION, 'end');
      await press(chief.page, 'Backspace', LAST_WORD.length);
      await chief.page.keyboard.press('Enter');
      const deletion = { deleted: LAST_WORD, inserted: '', label: '(suggested deletion by Sam Taylor, Chief Constable)' };
      await eventually(() => drawn(pcc.page)).toEqual([deletion]);
      await caretTo(chief.page, PCC_SECTION, 'start');
      const firstWord = (await documentText(chief.page)).split(' ')[0]!;
      await press(chief.page, 'Shift+ArrowRight', firstWord.length);
      await chief.page.keyboard.type('Together we');
      await chief.page.keyboard.press('Enter');
      const replacement = { deleted: firstWord, inserted: 'Together we', label: '(suggested replacement by Sam Taylor, Chief Constable)' };
      await eventually(() => drawn(pcc.page)).toEqual([replacement, deletion]);

      // The PCC deletes that last word themselves: the chief's deletion turns stale, for both.
      await editor(pcc.page).focus();
      await caretTo(pcc.page, PCC_SECTION, 'end');
      await press(pcc.page, 'Shift+ArrowLeft', LAST_WORD.length);
      await pcc.page.keyboard.press('Backspace');
      await waitUntilSaved(pcc.page);
      for (const page of [pcc.page, chief.page]) {
        await eventually(() => panel(page).getByRole('radio', { name: 'Stale (1)' }).count()).toBe(1);
        await panel(page).getByRole('radio', { name: 'Stale (1)' }).check();
        const stale = item(page, 'suggested a deletion');
        await eventually(() => stale.getByText('Stale', { exact: true }).count()).toBe(1);
        expect(await stale.textContent()).toContain('It can no longer be accepted: the passage was changed after the suggestion was made.');
        // It can still be read.
        expect(await stale.getByRole('deletion').textContent()).toBe(LAST_WORD);
        expect(await stale.getByRole('button', { name: 'Accept suggestion' }).count()).toBe(0);
        await eventually(() => drawn(page)).toEqual([replacement]);
      }
      // Only the owner may reject it; the chief may read it.
      expect(await item(pcc.page, 'suggested a deletion').getByRole('button', { name: 'Reject suggestion' }).count()).toBe(1);
      expect(await item(chief.page, 'suggested a deletion').getByRole('button', { name: 'Reject suggestion' }).count()).toBe(0);
      await panel(pcc.page).getByRole('radio', { name: /^Open/ }).check();

      // The open one blocks publication, and the Publish panel names it.
      const publish = pcc.page.getByRole('region', { name: 'Publish' });
      await eventually(() => publish.getByText("A suggestion on Police and Crime Commissioner's comments must be accepted or rejected (suggested by Sam Taylor)").count()).toBe(1);
      expect(await publish.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

      // Once the section is signed off, accepting needs it reopened; rejecting does not.
      expect((await api(suite.server.url, pccCookie, 'POST', `/api/responses/${sample.id}/sections/${sectionId(PCC_SECTION)}/signoff`, {})).status).toBe(200);
      const open = item(pcc.page, 'Together we');
      await eventually(() => open.getByText('Reopen the section to accept').count()).toBe(1);
      expect(await open.getByRole('button', { name: 'Accept suggestion' }).count()).toBe(0);
      expect(await open.getByRole('button', { name: 'Reject suggestion' }).count()).toBe(1);

      // A suggestion can still be made on the signed-off section.
      await editor(chief.page).focus();
      await caretTo(chief.page, PCC_SECTION, 'end');
      await chief.page.keyboard.type(' Signed.');
      await chief.page.keyboard.press('Enter');
      const late = { deleted: '', inserted: ' Signed.', label: '(suggested insertion by Sam Taylor, Chief Constable)' };
      await eventually(() => drawn(pcc.page)).toEqual([replacement, late]);

      // Accessible with suggestions drawn, a draft being typed, and a reply form open in the list.
      await chief.page.keyboard.type(' Draft');
      expect(await draft(chief.page)).toEqual({ deleted: '', inserted: ' Draft' });
      await open.getByRole('button', { name: 'Reply' }).click();
      await open.getByRole('textbox', { name: 'Reply' }).waitFor();
      for (const size of [{ width: 1366, height: 768 }, { width: 320, height: 640 }]) {
        for (const page of [pcc.page, chief.page]) {
          await page.setViewportSize(size);
          expect(await runAxe(page)).toEqual([]);
          // The list, the toggles and the drawn suggestions reflow: nothing wider than the page.
          expect(await overflowing(page, size.width)).toEqual([]);
          // Pictures for a look at the layout: SUGGESTIONS_SCREENSHOT=/tmp/suggestions (-pcc-1366.png, ...).
          const shots = process.env.SUGGESTIONS_SCREENSHOT;
          if (shots) await page.screenshot({ path: `${shots}-${page === pcc.page ? 'pcc' : 'chief'}-${size.width}.png` });
        }
      }
      expect(pcc.pageErrors).toEqual([]);
      expect(chief.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    "a drafter suggests on their own role's section (no toolbar, nothing saved) and replies; the PCC accepts all of theirs at once; a viewer cannot suggest",
    async () => {
      const pcc = await user('pcc@example.org');
      const officer = await user('officer@example.org');
      const viewer = await user('viewer@example.org');
      const stored = await storedText(HMI_SECTION);
      const before = await documentText(pcc.page, HMI_SECTION);
      const toolbar = officer.page.getByRole('toolbar', { name: `Formatting for ${HMI_SECTION}` });
      expect(await toolbar.count()).toBe(1);
      expect(await modeBar(officer.page, HMI_SECTION).getByText('Editing', { exact: true }).count()).toBe(1);

      // The officer may edit the section, and suggests instead: the toolbar goes while suggesting.
      await toggle(officer.page, HMI_SECTION).focus();
      await officer.page.keyboard.press('Enter');
      await eventually(() => toolbar.count()).toBe(0);
      expect(await modeBar(officer.page, HMI_SECTION).getByText('Suggesting', { exact: true }).count()).toBe(1);
      await officer.page.keyboard.press('Tab');
      expect(await focusedName(officer.page)).toBe(HMI_SECTION);
      // Formatting keys change nothing while suggesting, and say so.
      await officer.page.keyboard.press('Control+a');
      await officer.page.keyboard.press('Control+b');
      await eventually(() => modeBar(officer.page, HMI_SECTION).getByRole('status').textContent()).toContain('only text can be changed');
      expect(await editor(officer.page, HMI_SECTION).locator('strong').count()).toBe(0);
      await caretTo(officer.page, HMI_SECTION, 'end');
      await officer.page.keyboard.type(` Noted by the OPCC.${MARKUP}`);
      expect(await draft(officer.page, HMI_SECTION)).toEqual({ deleted: '', inserted: ` Noted by the OPCC.${MARKUP}` });
      // Tab leaves the editor, which sends the suggestion at once (long before a pause would).
      await officer.page.keyboard.press('Tab');
      expect(await focusedName(officer.page)).not.toBe(HMI_SECTION);
      expect(await draft(officer.page, HMI_SECTION)).toEqual({ deleted: '', inserted: '' });
      const noted = { deleted: '', inserted: ` Noted by the OPCC.${MARKUP}`, label: '(suggested insertion by Robin Shah, Police and Crime Commissioner)' };
      await eventually(() => drawn(pcc.page, HMI_SECTION)).toEqual([noted]);
      await eventually(() => drawn(viewer.page, HMI_SECTION)).toEqual([noted]);
      expect(await documentText(officer.page, HMI_SECTION)).toBe(before);
      expect(await documentText(pcc.page, HMI_SECTION)).toBe(before);
      expect(await storedText(HMI_SECTION)).toBe(stored);
      await waitUntilSaved(officer.page);

      // Back to editing: the toolbar returns.
      await toggle(officer.page, HMI_SECTION).focus();
      await officer.page.keyboard.press('Enter');
      await eventually(() => toolbar.count()).toBe(1);

      // The officer replies to their suggestion; the PCC sees the reply live.
      const mine = item(officer.page, 'Noted by the OPCC.');
      await mine.getByRole('button', { name: 'Reply' }).focus();
      await officer.page.keyboard.press('Enter');
      const reply = mine.getByRole('textbox', { name: 'Reply' });
      await eventually(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);
      await officer.page.keyboard.type('The HMI asked for this.');
      await officer.page.keyboard.press('Tab');
      await officer.page.keyboard.press('Enter');
      await eventually(() => item(pcc.page, 'Noted by the OPCC.').getByText('The HMI asked for this.').count()).toBe(1);
      await eventually(() => mine.getByRole('button', { name: 'Reply' }).evaluate((el) => el === document.activeElement)).toBe(true);

      // The viewer reads suggestions but has no toggle, no decisions and no replies.
      expect(await viewer.page.getByRole('button', { name: /^Suggest changes/ }).count()).toBe(0);
      expect(await panel(viewer.page).getByRole('button', { name: /Accept|Reject|Reply/ }).count()).toBe(0);
      expect(await item(viewer.page, 'Noted by the OPCC.').getByRole('button', { name: 'Show in text' }).count()).toBe(1);
      expect(await runAxe(viewer.page)).toEqual([]);

      // The PCC accepts all of the officer's suggestions at once.
      const acceptAll = panel(pcc.page).getByRole('button', { name: 'Accept all by Robin Shah, Police and Crime Commissioner (1)' });
      await eventually(() => acceptAll.count()).toBe(1);
      pcc.page.once('dialog', (dialog) => void dialog.accept());
      await acceptAll.focus();
      await pcc.page.keyboard.press('Enter');
      const after = `${before} Noted by the OPCC.${MARKUP}`;
      await eventually(() => documentText(pcc.page, HMI_SECTION)).toBe(after);
      await eventually(() => documentText(officer.page, HMI_SECTION)).toBe(after);
      await eventually(() => documentText(viewer.page, HMI_SECTION)).toBe(after);
      expect(await storedText(HMI_SECTION)).toBe(`${stored} Noted by the OPCC.${MARKUP}`);
      // The markup was text all along, and never ran.
      for (const u of [pcc, officer, viewer]) expect(await u.page.evaluate(() => (window as { __suggestionRan?: boolean }).__suggestionRan)).toBeUndefined();
      await eventually(() => panel(pcc.page).getByRole('status').textContent()).toBe('1 suggestion by Robin Shah, Police and Crime Commissioner was accepted.');
      expect(await drawn(pcc.page, HMI_SECTION)).toEqual([]);

      for (const u of [pcc, officer, viewer]) expect(u.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
  it(
    'text composed with an input method (IME) is suggested whole, not each step of its composition',
    async () => {
      const LEAD_SECTION = 'Portfolio lead comments';
      const chief = await user('chief@example.org');
      await toggle(chief.page, LEAD_SECTION).click();
      await eventually(() => toggle(chief.page, LEAD_SECTION).getAttribute('aria-pressed')).toBe('true');
      await editor(chief.page, LEAD_SECTION).focus();
      await caretTo(chief.page, LEAD_SECTION, 'end');
      // What Chromium gets from a Japanese IME: the composition as it grows, then the text chosen.
      const cdp = await chief.page.context().newCDPSession(chief.page);
      for (const step of ['k', 'か', 'かん', '漢']) await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
      await cdp.send('Input.insertText', { text: '漢字' });
      await eventually(() => draft(chief.page, LEAD_SECTION)).toEqual({ deleted: '', inserted: '漢字' });
      await chief.page.keyboard.press('Enter');
      await eventually(() => drawn(chief.page, LEAD_SECTION)).toEqual([{ deleted: '', inserted: '漢字', label: '(suggested insertion by Sam Taylor, Chief Constable)' }]);
      const suggestions = await api<{ suggestions: Suggestion[] }>(suite.server.url, pccCookie, 'GET', `/api/responses/${sample.id}/suggestions`);
      expect(suggestions.body.suggestions.filter((s) => s.sectionId === sectionId(LEAD_SECTION)).map((s) => s.insert)).toEqual(['漢字']);
      expect(chief.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
