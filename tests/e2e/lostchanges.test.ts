// Edits made while offline to a section that is signed off meanwhile are refused by the server:
// the page says so, keeps the text for the user to copy, and shows the stored text again.
import { describe, expect, it } from 'vitest';
import {
  eventually,
  controlWebSockets,
  editorText,
  openFirstResponse,
  saveStatus,
  signIn,
  typeAtEnd,
  waitUntilSaved,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";

describe('edits refused after a sign-off', () => {
  const suite = browserSuite();

  it(
    'an offline drafter whose section is signed off meanwhile is told, and keeps their text',
    async () => {
      const pcc = await suite.newUser();
      const officer = await suite.newUser();
      await signIn(pcc.page, 'pcc@example.org');
      const network = await controlWebSockets(officer.context);
      await signIn(officer.page, 'officer@example.org');
      await openFirstResponse(pcc.page);
      await openFirstResponse(officer.page);

      const editor = officer.page.getByRole('textbox', { name: PCC_SECTION });
      const stored = await editorText(editor);

      network.goOffline();
      await eventually(() => saveStatus(officer.page)).toMatch(/^Offline/);
      await typeAtEnd(editor, ' Written offline.');
      await eventually(() => saveStatus(officer.page)).toBe('Offline: changes to 1 section not yet saved');

      const region = pcc.page.getByRole('region', { name: PCC_SECTION, exact: true });
      await region.getByRole('button', { name: 'Sign off' }).click();
      const confirm = region.getByRole('button', { name: 'Confirm sign-off' });
      await eventually(() => confirm.isEnabled()).toBe(true);
      await confirm.click();
      await eventually(() => region.textContent()).toContain('Signed off by');

      network.goOnline();
      const alert = officer.page.getByRole('alert').filter({ hasText: 'not saved' });
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.textContent()).toMatch(/\d+ of your changes (was|were) not saved: this section was signed off or is read-only/);
      const kept = officer.page.getByRole('textbox', { name: `Your unsaved text of ${PCC_SECTION}` });
      expect(await kept.inputValue()).toContain('Written offline.');
      expect(await alert.getByRole('button', { name: 'Copy text' }).count()).toBe(1);

      // The editor shows what the server stored, read-only, and the page is all saved again.
      const rebuilt = officer.page.getByRole('textbox', { name: PCC_SECTION, exact: true });
      await eventually(() => editorText(rebuilt)).toBe(stored);
      await eventually(() => rebuilt.getAttribute('aria-readonly')).toBe('true');
      await waitUntilSaved(officer.page);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
