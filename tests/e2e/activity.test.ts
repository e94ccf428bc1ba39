// Finding 11 of the hostile-members issue, in the browser: /audit is paged now, and the response's
// Activity page shows the latest page, kept live, with "Show earlier activity" for the pages before it,
// from the keyboard, focus moving to the first entry it brought. (Before: no paging, and the
// panel drew the whole record at once.)
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, ResponseDetail } from '../../shared/api';
import { EARLIER_PAGE_SIZE, LIVE_ACTIVITY_PAGE_SIZE } from '../../client/activity/useEarlierActivity';
import { eventually, runAxe, signIn } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';

/** The ids of the entries the panel shows, top to bottom. */
function shownIds(panel: Locator): Promise<number[]> {
  return panel.locator('.activity__item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-event-id'))));
}

function focusedEventId(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const id = document.activeElement?.getAttribute('data-event-id');
    return id ? Number(id) : null;
  });
}

describe('finding 11: the Activity panel', () => {
  const suite = browserSuite();

  it(
    'shows the latest page live, and earlier pages on request from the keyboard, each entry once, newest first',
    async () => {
      const { url } = suite.server;
      const cookie = await login(url, 'pcc@example.org');
      const sample: ResponseDetail = await sampleResponse(url, cookie);
      // Enough entries for the live page and two earlier pages.
      const renames = LIVE_ACTIVITY_PAGE_SIZE + EARLIER_PAGE_SIZE + 20;
      for (let i = 0; i < renames; i++) {
        const renamed = await api(url, cookie, 'PATCH', `/api/responses/${sample.id}`, { title: i === renames - 1 ? sample.title : `${sample.title} (draft ${i})` });
        expect(renamed.status).toBe(200);
      }
      const record = async () => (await api<{ events: AuditEvent[] }>(url, cookie, 'GET', `/api/responses/${sample.id}/audit?limit=500`)).body.events;
      const total = (await record()).length;
      expect(total).toBeGreaterThan(LIVE_ACTIVITY_PAGE_SIZE + EARLIER_PAGE_SIZE);

      const { page, pageErrors } = await suite.newUser();
      await signIn(page, 'pcc@example.org');
      await page.goto(`/responses/${sample.id}/activity`);
      const panel = page.getByRole('region', { name: 'Activity' });
      await eventually(async () => (await shownIds(panel)).length).toBe(LIVE_ACTIVITY_PAGE_SIZE);
      expect(await runAxe(page)).toEqual([]);

      // From the keyboard: the button, Enter; focus goes to the newest of the entries it brought.
      const more = panel.getByRole('button', { name: 'Show earlier activity' });
      await more.focus();
      await page.keyboard.press('Enter');
      await eventually(async () => (await shownIds(panel)).length).toBe(LIVE_ACTIVITY_PAGE_SIZE + EARLIER_PAGE_SIZE);
      const afterFirst = await shownIds(panel);
      await eventually(() => focusedEventId(page)).toBe(afterFirst[LIVE_ACTIVITY_PAGE_SIZE]);
      expect(await panel.getByRole('status').textContent()).toBe(`Showing ${EARLIER_PAGE_SIZE} earlier entries`);
      expect(await panel.getByRole('list', { name: 'Earlier activity' }).count()).toBe(1);

      // Activity goes on meanwhile: it appears at the top, live, and nothing is shown twice.
      const thread = await api(url, cookie, 'POST', `/api/responses/${sample.id}/threads`, { sectionId: sample.sections[0]!.id, body: 'Said while reading old activity' });
      expect(thread.status).toBe(201);
      await eventually(async () => (await shownIds(panel)).length).toBe(LIVE_ACTIVITY_PAGE_SIZE + EARLIER_PAGE_SIZE + 1);
      expect(await panel.locator('.activity__item').first().textContent()).toContain('Thread opened');

      // Tab from the focused entry reaches the button again; the last page ends the list.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show earlier activity');
      await page.keyboard.press('Enter');
      await eventually(async () => (await shownIds(panel)).length).toBe(total + 1);
      expect(await more.count()).toBe(0);
      await panel.getByText('This is the start of the activity record.').waitFor();
      const shown = await shownIds(panel);
      await eventually(() => focusedEventId(page)).toBe(shown[LIVE_ACTIVITY_PAGE_SIZE + 1 + EARLIER_PAGE_SIZE]);

      // The whole record, newest first, each entry once.
      expect(shown).toEqual((await record()).map((event) => event.id).reverse());
      expect(await runAxe(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
