// A section belongs to one role: others see it read-only and live, the owner writes it.
import { describe, expect, it } from 'vitest';
import {
  eventually,
  editorText,
  openFirstResponse,
  signIn,
  typeAtEnd,
  waitUntilSaved,
} from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

describe('section ownership', () => {
  const suite = browserSuite();

  it(
    "the chief constable cannot write the PCC's section but writes their own, live to the PCC",
    async () => {
      const chief = await suite.newUser();
      const pcc = await suite.newUser();
      await signIn(chief.page, 'chief@example.org');
      await signIn(pcc.page, 'pcc@example.org');
      await openFirstResponse(chief.page);
      await openFirstResponse(pcc.page);

      // The PCC's section, seen by the chief: read-only, and saying whose it is.
      const pccSection = chief.page.getByRole('textbox', { name: "Police and Crime Commissioner's comments" });
      await eventually(() => pccSection.getAttribute('aria-readonly')).toBe('true');
      await eventually(() => pccSection.getAttribute('contenteditable')).toBe('false');
      const description = await pccSection.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      expect(description).toBe('Owned by Police and Crime Commissioner');
      await eventually(() => chief.page.getByRole('region', { name: "Police and Crime Commissioner's comments" }).textContent())
        .toContain('Owned by Police and Crime Commissioner');

      // Typing into it changes nothing, for the chief or for anyone else.
      const before = await editorText(pccSection);
      expect(before.length).toBeGreaterThan(0);
      await pccSection.click();
      await pccSection.press('Control+End');
      await chief.page.keyboard.type('Not allowed here');
      expect(await editorText(pccSection)).toBe(before);

      // The chief's own section is writable, and the text reaches the PCC's open page live.
      const chiefSection = chief.page.getByRole('textbox', { name: 'Chief Officer comments' });
      await eventually(() => chiefSection.getAttribute('aria-readonly')).toBeNull();
      await typeAtEnd(chiefSection, ' The chief adds this.');
      const chiefSectionForPcc = pcc.page.getByRole('textbox', { name: 'Chief Officer comments' });
      await eventually(() => editorText(chiefSectionForPcc)).toContain('The chief adds this.');
      expect(await chiefSectionForPcc.getAttribute('aria-readonly')).toBe('true');
      await waitUntilSaved(chief.page);

      // By now an edit that leaked from the chief's keystrokes would have reached the PCC too.
      expect(await editorText(pcc.page.getByRole('textbox', { name: "Police and Crime Commissioner's comments" }))).toBe(
        before,
      );
      // Nothing was refused either: the chief's keystrokes never became edits.
      expect(await chief.page.getByRole('alert').count()).toBe(0);
      expect(chief.pageErrors).toEqual([]);
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
