// Check, then confirm, in real Chromium with the keyboard only: "Sign off" opens a check step
// (who signs, what locks, and what changed since the last sign-off, from the server's history),
// "Publish" lists every blocker in advance and is enabled exactly when the server would accept,
// and both end on a confirmation panel that takes focus. axe-core with the check steps open, at
// 1366 and 320 px.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseDetail, Thread } from '../../shared/api';
import type { Section } from '../../shared/model';
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
import { api, appendParagraph, connectSection, login, sampleResponse, serverRoundTrip } from '../helpers/clients';
import { waitFor } from '../helpers/waitFor';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const LEAD_SECTION = 'Portfolio lead comments';

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** A section's own region (other regions and groups in it carry its name too). */
function sectionRegion(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** What in an element reaches past the right edge of the window (WCAG 1.4.10 at 320 px). */
function pastTheWindow(element: Locator): Promise<string[]> {
  return element.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`),
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

/** Confirms the check step open in a section, once it has read what changed (the button waits for that). */
async function confirmSignOff(region: Locator): Promise<void> {
  const confirm = region.getByRole('region', { name: 'Check before you sign off' }).getByRole('button', { name: 'Confirm sign-off' });
  await eventually(() => confirm.isEnabled()).toBe(true);
  await confirm.press('Enter');
}

/** Types at the end of a section's editor, from the keyboard, and waits until it is stored. */
async function typeAtEndOf(page: Page, section: string, text: string): Promise<void> {
  await page.getByRole('textbox', { name: section, exact: true }).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await waitUntilSaved(page);
}

describe('check, then confirm', () => {
  const suite = browserSuite();
  let jordan: BrowserUser;
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
    'Sign off opens a check step; Cancel goes back; Confirm locks the section and moves focus to the confirmation',
    async () => {
      jordan = await member('lead@example.org');
      const page = jordan.page;
      const region = sectionRegion(page, LEAD_SECTION);
      await typeAtEndOf(page, LEAD_SECTION, ' Checked before signing.');

      const signOff = region.getByRole('button', { name: 'Sign off' });
      await signOff.press('Enter');
      const check = region.getByRole('region', { name: 'Check before you sign off' });
      await eventually(() => isFocused(check)).toBe(true);
      await eventually(() => check.textContent()).toContain('Never: this is its first sign-off');
      const facts = normalise((await check.locator('dl').textContent()) ?? '');
      expect(facts).toContain(`Section${LEAD_SECTION}`);
      expect(facts).toContain('Signed off byJordan Lee (Portfolio lead)');
      expect(facts).toContain('locked for everyone, you included, until a signatory for Portfolio lead or an administrator reopens it');
      // Nothing is signed yet: the editor is still writable.
      const editor = page.getByRole('textbox', { name: LEAD_SECTION, exact: true });
      expect(await editor.getAttribute('aria-readonly')).toBeNull();
      await axeAtBothWidths(page, check);

      await check.getByRole('button', { name: 'Cancel' }).press('Enter');
      await eventually(() => check.count()).toBe(0);
      await eventually(() => isFocused(signOff)).toBe(true);
      expect(await editor.getAttribute('aria-readonly')).toBeNull();

      await signOff.press('Enter');
      await confirmSignOff(region);
      const confirmation = region.getByRole('group', { name: `${LEAD_SECTION} is signed off` });
      await eventually(() => isFocused(confirmation)).toBe(true);
      await eventually(() => editor.getAttribute('aria-readonly')).toBe('true');
      expect(normalise((await confirmation.textContent()) ?? '')).toMatch(/^Portfolio lead comments is signed off\s*Signed off by Jordan Lee, \d+ \w+ \d{4} \d\d:\d\d\./);

      // The hash, shortened, with its full value one key press away: the one the server recorded.
      const cookie = await login(suite.server.url, 'lead@example.org');
      const section = (await sampleResponse(suite.server.url, cookie)).sections.find((s) => s.title === LEAD_SECTION)!;
      const hash = section.signOff!.contentHash;
      const disclosure = confirmation.locator('summary');
      expect(normalise((await disclosure.textContent()) ?? '')).toBe(`${hash.slice(0, 12)}… (show the full hash)`);
      await disclosure.press('Enter');
      await eventually(() => confirmation.locator('.hash-value__full').textContent()).toBe(hash);
      await axeAtBothWidths(page, confirmation);
      expect(jordan.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'signing off again shows what changed since the last sign-off, who changed it, and follows edits made meanwhile',
    async () => {
      alex = await member('pcc@example.org');
      robin = await member('officer@example.org');
      const page = alex.page;
      const region = sectionRegion(page, PCC_SECTION);

      // The first sign-off, then a reopen with a reason.
      await region.getByRole('button', { name: 'Sign off' }).press('Enter');
      await confirmSignOff(region);
      await eventually(() => isFocused(region.getByRole('group', { name: `${PCC_SECTION} is signed off` }))).toBe(true);
      await region.getByRole('button', { name: 'Reopen' }).press('Enter');
      await page.keyboard.type('The chief asked for a change');
      await region.getByRole('button', { name: 'Reopen', exact: true }).last().press('Enter');
      const robinsEditor = robin.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await eventually(() => robinsEditor.getAttribute('aria-readonly')).toBeNull();
      // The confirmation ended with the reopen.
      await eventually(() => region.getByRole('group', { name: `${PCC_SECTION} is signed off` }).count()).toBe(0);

      // Robin changes the text; Alex signs off again and sees exactly that.
      await typeAtEndOf(robin.page, PCC_SECTION, ' A late change from Robin.');
      await region.getByRole('button', { name: 'Sign off' }).press('Enter');
      const check = region.getByRole('region', { name: 'Check before you sign off' });
      await eventually(() => isFocused(check)).toBe(true);
      const changes = check.getByRole('region', { name: 'What changed since the last sign-off' });
      const items = () => changes.getByRole('list').getByRole('listitem').allTextContents().then((texts) => texts.map(normalise));
      await eventually(items).toHaveLength(1);
      expect((await items())[0]).toMatch(/^Inserted “A late change from Robin\.”, by Robin Shah \(Police and Crime Commissioner\), \d+ \w+ \d{4} \d\d:\d\d$/);
      expect(normalise((await changes.locator('ins').textContent()) ?? '')).toContain('Inserted by Robin Shah (Police and Crime Commissioner)');
      expect(normalise((await check.locator('dl').textContent()) ?? '')).toMatch(/Last signed off\d+ \w+ \d{4} \d\d:\d\d, by Alex Morgan \(Police and Crime Commissioner\)/);

      // Robin writes again while Alex checks: the changes shown follow.
      await typeAtEndOf(robin.page, PCC_SECTION, ' And another.');
      await eventually(items, 15_000).toEqual([expect.stringMatching(/^Inserted “A late change from Robin\. And another\.”, by Robin Shah/)]);
      await check.getByRole('status').filter({ hasText: 'The text changed while you were checking' }).waitFor();
      await axeAtBothWidths(page, check);

      await confirmSignOff(region);
      await eventually(() => isFocused(region.getByRole('group', { name: `${PCC_SECTION} is signed off` }))).toBe(true);
      await eventually(() => robinsEditor.getAttribute('aria-readonly')).toBe('true');
      expect(await editorText(robinsEditor)).toContain('A late change from Robin. And another.');
      for (const user of [alex, robin]) expect(user.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'Publish lists every blocker in advance and is enabled exactly when the server accepts; check, confirm, focus on the confirmation',
    async () => {
      const { url } = suite.server;
      const page = alex.page;
      const cookies = { pcc: await login(url, 'pcc@example.org'), chief: await login(url, 'chief@example.org') };
      const sample: ResponseDetail = await sampleResponse(url, cookies.pcc);
      const panel = page.getByRole('region', { name: 'Publish', exact: true });
      const publish = panel.getByRole('button', { name: 'Publish', exact: true });
      const blockers = () => panel.getByRole('list').first().getByRole('listitem').allTextContents().then((texts) => texts.map(normalise));
      /** Whether the server publishes now: asked with a request that would publish if it could. */
      const serverRefuses = async () => {
        const answer = await api<{ error: { code: string } }>(url, cookies.pcc, 'POST', `/api/responses/${sample.id}/publish`);
        return answer.status === 409 && answer.body.error.code === 'not_ready';
      };

      // A recommendation added with no response yet: a blocker of its own, linked to its place.
      const added = await api<Section>(url, cookies.pcc, 'POST', `/api/responses/${sample.id}/sections`, {
        kind: 'recommendation',
        title: 'Recommendation 3',
        ownerRole: 'chief_constable',
        recommendation: 'By June 2027, forces should review their regional collaboration agreements.',
      });
      expect(added.status).toBe(201);
      await eventually(blockers).toContain('Recommendation 3 has no response (Police Act 1996 s.55(5B))');
      expect(await panel.getByRole('link', { name: 'Recommendation 3 has no response (Police Act 1996 s.55(5B))' }).getAttribute('href')).toBe(
        `#section-${added.body.id}`,
      );
      expect(await blockers()).toEqual(
        expect.arrayContaining(['Chief Officer comments is not signed off', 'HMI comments is not signed off', 'Recommendation 3 is not signed off']),
      );
      expect(await publish.isDisabled()).toBe(true);
      expect(await serverRefuses()).toBe(true);
      await axeAtBothWidths(page, panel);

      // The chief answers it (over a real provider): that blocker goes at once, the sign-off remains.
      const writer = connectSection(url, cookies.chief, sample.id, added.body.id);
      try {
        await waitFor(() => expect(writer.provider.synced).toBe(true));
        appendParagraph(writer.doc, 'The force will review its agreements by June 2027.');
        await serverRoundTrip(writer.provider);
      } finally {
        writer.destroy();
      }
      await eventually(blockers).not.toContain('Recommendation 3 has no response (Police Act 1996 s.55(5B))');
      expect(await blockers()).toContain('Recommendation 3 is not signed off');

      // Every other section signed off by its owner; one thread still open.
      const sections = (await sampleResponse(url, cookies.pcc)).sections.filter((s) => s.state === 'drafting');
      for (const section of sections) {
        const signed = await api(url, section.ownerRole === 'pcc' ? cookies.pcc : cookies.chief, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`, {});
        expect(signed.status, section.title).toBe(200);
      }
      const thread = await api<Thread>(url, cookies.chief, 'POST', `/api/responses/${sample.id}/threads`, {
        sectionId: added.body.id,
        body: 'Should we give the date of the review?',
      });
      expect(thread.status).toBe(201);
      await eventually(blockers).toEqual(['An open thread on Recommendation 3 must be resolved: "Should we give the date of the review?"']);
      expect(await publish.isDisabled()).toBe(true);
      expect(await serverRefuses()).toBe(true);

      // Resolved from the section's threads: the button is enabled, and the server would accept.
      await page
        .getByRole('region', { name: 'Recommendation 3', exact: true })
        .getByRole('article')
        .filter({ hasText: 'Should we give the date of the review?' })
        .getByRole('button', { name: 'Resolve thread' })
        .press('Enter');
      await eventually(() => publish.isEnabled()).toBe(true);
      expect(await panel.textContent()).toContain('Every section is signed off and no thread is open.');

      // The check step: what is published, by whom, that it is final, and what follows.
      await publish.press('Enter');
      const check = panel.getByRole('region', { name: 'Check before you publish' });
      await eventually(() => isFocused(check)).toBe(true);
      const rows = normalise((await check.locator('dl').textContent()) ?? '');
      for (const title of [PCC_SECTION, 'Chief Officer comments', LEAD_SECTION, 'Recommendation 3', 'HMI comments']) expect(rows).toContain(title);
      expect(rows).toContain('Signed off by Jordan Lee');
      expect(rows).toContain('Signed off by Sam Taylor');
      expect(await check.textContent()).toContain('Publishing is public and final');
      expect(await check.getByRole('list').getByRole('listitem').allTextContents()).toEqual([
        'puts the response on the PCC’s website (the links to it are given once it is published)',
        'sends a copy to HMICFRS',
        'sends a copy to the Home Secretary',
      ]);
      await axeAtBothWidths(page, check);
      await check.getByRole('button', { name: 'Cancel' }).press('Enter');
      await eventually(() => isFocused(publish)).toBe(true);

      await publish.press('Enter');
      await check.getByRole('button', { name: 'Confirm and publish' }).press('Enter');
      const published = page.getByRole('region', { name: 'Published' });
      const confirmation = published.getByRole('group', { name: 'The response is published' });
      await eventually(() => isFocused(confirmation)).toBe(true);
      const view = confirmation.getByRole('link', { name: 'View published response' });
      expect(await confirmation.getByRole('link', { name: 'Download DOCX' }).count()).toBe(1);
      await axeAtBothWidths(page, confirmation);

      // The publication's sign-off record names, per section, the version signed and its hash.
      const reader = await suite.newUser();
      expect((await reader.page.goto((await view.getAttribute('href')) ?? ''))?.status()).toBe(200);
      const record = reader.page.getByRole('table', { name: /Who signed off each section/ });
      for (const section of (await sampleResponse(url, cookies.pcc)).sections) {
        const row = normalise((await record.getByRole('row', { name: new RegExp(`^${section.title.replace(/[()']/g, '.')}`) }).textContent()) ?? '');
        expect(row, section.title).toContain(section.signOff!.versionId!);
        expect(row, section.title).toContain(section.signOff!.contentHash);
      }
      for (const user of [alex, robin]) expect(user.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
