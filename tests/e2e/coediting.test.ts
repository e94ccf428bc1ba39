// Two people writing for the same role co-edit one section and each sees the other's text live;
// the sign-in page, the dashboard and the response page pass axe-core.
import { describe, expect, it } from 'vitest';
import {
  eventually,
  editorText,
  openFirstResponse,
  runAxe,
  signIn,
  typeAtEnd,
  waitUntilSaved,
  type BrowserUser,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const PCC_SECTION = "Police and Crime Commissioner's comments";

describe('co-editing a section', () => {
  const suite = browserSuite();

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    return u;
  }

  it(
    'the PCC and a PCC drafter type into the PCC section and each sees the other\'s text',
    async () => {
      const pcc = await user('pcc@example.org');
      const officer = await user('officer@example.org');
      await openFirstResponse(pcc.page);
      await openFirstResponse(officer.page);

      const pccEditor = pcc.page.getByRole('textbox', { name: PCC_SECTION });
      const officerEditor = officer.page.getByRole('textbox', { name: PCC_SECTION });
      await eventually(() => pccEditor.getAttribute('aria-readonly')).toBeNull();
      await eventually(() => officerEditor.getAttribute('aria-readonly')).toBeNull();

      await typeAtEnd(pccEditor, ' Typed by the PCC.');
      await eventually(() => editorText(officerEditor)).toContain('Typed by the PCC.');

      await typeAtEnd(officerEditor, ' Drafted by the officer.');
      await eventually(() => editorText(pccEditor)).toContain('Drafted by the officer.');

      // Both converge on the same text, and both are told it is stored.
      await waitUntilSaved(pcc.page);
      await waitUntilSaved(officer.page);
      await eventually(async () => (await editorText(pccEditor)) === (await editorText(officerEditor))).toBe(true);

      // The text survives a reload: it came back from the server, not from memory.
      await officer.page.reload();
      await waitUntilSaved(officer.page);
      await eventually(() => editorText(officer.page.getByRole('textbox', { name: PCC_SECTION }))).toContain(
        'Typed by the PCC. Drafted by the officer.',
      );

      expect(pcc.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'the sign-in page, the dashboard and the response page have no axe-core violations',
    async () => {
      const visitor = await suite.newUser();
      await visitor.page.goto('/sign-in');
      await visitor.page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await runAxe(visitor.page)).toEqual([]);

      // A failed sign-in shows the error summary, which must pass too.
      await visitor.page.getByLabel('Email address').fill('pcc@example.org');
      await visitor.page.getByLabel('Password').fill('not the password');
      await visitor.page.getByRole('button', { name: 'Sign in' }).click();
      await visitor.page.getByRole('alert').waitFor();
      expect(await runAxe(visitor.page)).toEqual([]);

      await signIn(visitor.page, 'pcc@example.org');
      expect(await runAxe(visitor.page)).toEqual([]);

      await openFirstResponse(visitor.page);
      expect(await runAxe(visitor.page)).toEqual([]);
      expect(visitor.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
