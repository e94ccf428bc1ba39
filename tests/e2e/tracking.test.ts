// After publication (issue 18) in real Chromium: the Chief Constable's signatory updates a
// recommendation's status from the keyboard alone, the PCC filters the tracker and prints its
// summary, and anyone reads the public register, at desktop width and at 320 px. Each screen
// passes axe-core. The tests run in order and build on each other (the tracker test filters what
// the keyboard test recorded).
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, ukToday } from '../../shared/deadline';
import type { ResponseDetail } from '../../shared/api';
import { formatDate } from '../../client/format/dates';
import { api } from '../helpers/clients';
import { eventually, fillDate, runAxe, signIn, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { demoCookies, publishSample, type DemoCookies } from '../helpers/publishSample';

/** Whether an element has the keyboard focus. */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The tracker's rows, as "Recommendation N of <response>" link names. */
async function trackerRows(page: Page): Promise<string[]> {
  return page.getByRole('table').getByRole('row').filter({ has: page.getByRole('link') }).getByRole('link').allTextContents();
}

describe('tracking recommendations after publication', () => {
  const suite = browserSuite();
  let cookies: DemoCookies;
  let sample: ResponseDetail;
  let followUp: ResponseDetail;

  async function user(email: string): Promise<BrowserUser> {
    const u = await suite.newUser();
    await signIn(u.page, email);
    return u;
  }

  beforeAll(async () => {
    const { url } = suite.server;
    cookies = await demoCookies(url);
    ({ sample } = await publishSample(url, cookies));
    const rec2 = sample.sections.find((section) => section.title === 'Recommendation 2')!;
    // Recommendation 2 is overdue: its target date has passed.
    const overdue = await api(url, cookies.chief, 'POST', `/api/responses/${sample.id}/recommendations/${rec2.id}/updates`, {
      status: 'in_progress',
      targetDate: addDays(ukToday(), -10),
      note: 'Awaiting the regional board.',
    });
    expect(overdue.status).toBe(201);
    // A follow-up carries both on, and gets a recommendation of its own owned by the PCC.
    const created = await api<ResponseDetail>(url, cookies.pcc, 'POST', `/api/responses/${sample.id}/follow-ups`, {
      title: 'Response to the ROCU revisit',
      report: { title: 'Regional Organised Crime Units: a revisit', publishedOn: addDays(ukToday(), -3), url: 'https://example.org/revisit' },
    });
    expect(created.status).toBe(201);
    followUp = created.body;
    const added = await api(url, cookies.pcc, 'POST', `/api/responses/${followUp.id}/sections`, {
      kind: 'recommendation',
      title: 'Recommendation 3',
      ownerRole: 'pcc',
      recommendation: 'Within six months, the PCC should publish how ROCU funding is allocated.',
    });
    expect(added.status).toBe(201);
  }, E2E_TIMEOUT);

  it(
    "the owning role's signatory updates a recommendation's status with the keyboard alone",
    async () => {
      const { page } = await user('chief@example.org');
      // From the header to the tracker, and on to the recommendation, by keyboard.
      const trackerLink = page.getByRole('link', { name: 'Recommendation tracker' });
      await trackerLink.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Recommendation tracker' }).waitFor();
      const rec1 = page.getByRole('link', { name: `Recommendation 1 of ${sample.title}` });
      await rec1.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Recommendation 1' }).waitFor();
      expect(await runAxe(page)).toEqual([]);

      const notStarted = page.getByRole('radio', { name: 'Not started' });
      expect(await notStarted.isChecked()).toBe(true);
      await notStarted.focus();
      // Arrow keys move through a radio group and choose as they go.
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'In progress' }).isChecked()).toBe(true);
      // Tab leaves the group for the next one (HMICFRS's view), then the target date.
      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByRole('radio', { name: 'Not known yet' }))).toBe(true);
      await page.keyboard.press('Tab');
      const targetDate = page.getByLabel('Target date');
      expect(await isFocused(targetDate)).toBe(true);
      // A date whose day and month are the same number types the same whichever order the
      // browser's date field puts them in (day first in en-GB, month first in en-US).
      let target = addDays(ukToday(), 60);
      while (target.slice(5, 7) !== target.slice(8, 10)) target = addDays(target, 1);
      const [y, m, d] = target.split('-');
      await page.keyboard.type(`${d}${m}${y}`);
      expect(await targetDate.inputValue()).toBe(target);
      // Chromium's date field keeps one more Tab stop of its own (its calendar button).
      await page.keyboard.press('Tab');
      if (await isFocused(targetDate)) await page.keyboard.press('Tab');
      expect(await isFocused(page.getByLabel('Progress note'))).toBe(true);
      await page.keyboard.type('Joint SIO and LRO training runs from next month.');
      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByLabel('Links to evidence (optional)'))).toBe(true);
      await page.keyboard.type('https://example.org/training-plan');
      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByRole('button', { name: 'Save update' }))).toBe(true);
      await page.keyboard.press('Enter');

      await eventually(() => page.getByRole('status').filter({ hasText: 'Update saved' }).count()).toBe(1);
      const now = page.getByRole('definition');
      await eventually(() => now.allTextContents()).toEqual(
        expect.arrayContaining(['Chief Constable', 'In progress', formatDate(target), `Green: due in ${daysBetween(ukToday(), target)} days`]),
      );
      const history = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 3 }) }).getByRole('listitem').first();
      expect(await history.getByRole('heading', { level: 3 }).textContent()).toMatch(/^In progress, /);
      expect(await history.textContent()).toContain('Joint SIO and LRO training runs from next month.');
      expect(await history.getByRole('link', { name: 'https://example.org/training-plan' }).count()).toBe(1);
      expect(await page.getByLabel('Progress note').inputValue()).toBe('');
      expect(await runAxe(page)).toEqual([]);

      // The server has it: the API says the same.
      const stored = await api<{ recommendations: Array<{ title: string; status: string; updates: unknown[] }> }>(
        suite.server.url,
        cookies.pcc,
        'GET',
        `/api/responses/${sample.id}/recommendations`,
      );
      expect(stored.body.recommendations[0]).toMatchObject({ title: 'Recommendation 1', status: 'in_progress', updates: [expect.anything()] });
    },
    E2E_TIMEOUT,
  );

  it(
    'a member who may not update a recommendation is told why, with no form',
    async () => {
      const { page } = await user('lead@example.org');
      const rec1 = sample.sections.find((section) => section.title === 'Recommendation 1')!;
      await page.goto(`/responses/${sample.id}/recommendations/${rec1.id}`);
      await page.getByRole('heading', { level: 1, name: 'Recommendation 1' }).waitFor();
      await page.getByText("Only the Chief Constable's signatories and drafters, or an administrator, can update this recommendation.").waitFor();
      expect(await page.getByRole('button', { name: 'Save update' }).count()).toBe(0);
      expect(await runAxe(page)).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'the tracker filters by response, owner, status and overdue, keeps the filters in its address, and prints a summary',
    async () => {
      const { page } = await user('pcc@example.org');
      await page.goto('/tracker');
      const count = page.getByRole('status').filter({ hasText: /^Showing/ });
      await eventually(() => count.textContent()).toBe('Showing 5 of 5 recommendations');
      expect(await runAxe(page)).toEqual([]);
      expect(await trackerRows(page)).toEqual([
        `Recommendation 1 of ${sample.title}`,
        `Recommendation 2 of ${sample.title}`,
        `Recommendation 1 of ${followUp.title}`,
        `Recommendation 2 of ${followUp.title}`,
        `Recommendation 3 of ${followUp.title}`,
      ]);

      const filters = page.getByRole('search', { name: 'Filter the recommendations' });
      await filters.getByLabel('Response').selectOption({ label: followUp.title });
      await eventually(() => count.textContent()).toBe('Showing 3 of 5 recommendations');
      await filters.getByLabel('Owner').selectOption({ label: 'Police and Crime Commissioner' });
      await eventually(() => trackerRows(page)).toEqual([`Recommendation 3 of ${followUp.title}`]);
      expect(new URL(page.url()).search).toBe(`?response=${followUp.id}&owner=pcc`);

      await filters.getByLabel('Response').selectOption({ label: 'All responses' });
      await filters.getByLabel('Owner').selectOption({ label: 'All owners' });
      await filters.getByLabel('Status').selectOption({ label: 'In progress' });
      // Recommendation 2's history is carried into the follow-up, so it shows in both.
      await eventually(() => trackerRows(page)).toEqual([
        `Recommendation 1 of ${sample.title}`,
        `Recommendation 2 of ${sample.title}`,
        `Recommendation 1 of ${followUp.title}`,
        `Recommendation 2 of ${followUp.title}`,
      ]);
      await filters.getByLabel('Status').selectOption({ label: 'All statuses' });
      await filters.getByLabel('Overdue only').check();
      await eventually(() => trackerRows(page)).toEqual([`Recommendation 2 of ${sample.title}`, `Recommendation 2 of ${followUp.title}`]);
      const overdueRow = page.getByRole('row').filter({ hasText: `Recommendation 2 of ${sample.title}` });
      expect(await overdueRow.getByRole('cell').allTextContents()).toEqual(
        expect.arrayContaining(['Chief Constable', 'In progress', formatDate(addDays(ukToday(), -10)), 'Red: overdue by 10 days']),
      );
      expect(await page.getByRole('region', { name: 'Summary' }).textContent()).toContain('Red (overdue): 2');
      expect(await runAxe(page)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await runAxe(page)).toEqual([]);
      await page.setViewportSize({ width: 1366, height: 768 });

      // The address keeps the filters: a reload (or a shared link) shows the same.
      await page.reload();
      await eventually(() => count.textContent()).toBe('Showing 2 of 5 recommendations');
      expect(await page.getByLabel('Overdue only').isChecked()).toBe(true);

      // Printed: the summary and the list, without the page's controls.
      await page.emulateMedia({ media: 'print' });
      expect(await filters.isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'Download as CSV' }).isVisible()).toBe(false);
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('table').isVisible()).toBe(true);
      expect(await page.getByText(`Printed ${formatDate(ukToday())}.`).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // The export links download what the API serves.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^countersign-recommendations-\d{4}-\d{2}-\d{2}\.csv$/);
    },
    E2E_TIMEOUT,
  );

  it(
    'the public register lists the published response for anyone, axe-clean at 1366 and at 320 pixels',
    async () => {
      const visitor = await suite.newUser();
      const { page } = visitor;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto('/published');
      await page.getByRole('heading', { level: 1, name: 'Published responses to HMICFRS inspection reports' }).waitFor();
      expect(await runAxe(page)).toEqual([]);
      const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: sample.title }) });
      const facts = await entry.getByRole('definition').allTextContents();
      expect(facts).toEqual(expect.arrayContaining([sample.report.title, '2 December 2021', '26 January 2022', formatDate(ukToday())]));
      expect(await entry.locator('.tag').textContent()).toMatch(/^Late by [\d,]+ days$/);
      expect(await entry.getByRole('link', { name: `Download the DOCX of ${sample.title}` }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Atom feed' }).getAttribute('href')).toBe('/published/feed.atom');

      await page.setViewportSize({ width: 320, height: 640 });
      expect(await runAxe(page)).toEqual([]);
      // Nothing to scroll sideways (WCAG 1.4.10): the page reflows into one column.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // From the register to the published page, which says how to check it.
      await entry.getByRole('link', { name: `Read the response: ${sample.title}` }).click();
      await page.getByRole('heading', { level: 2, name: 'Checking this record' }).waitFor();
      expect(await page.getByText('npm run verify', { exact: true }).count()).toBe(1);
      expect(visitor.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
  it(
    "an administrator reaches the follow-up form from the published response, which refuses a second follow-up",
    async () => {
      const { page } = await user('pcc@example.org');
      await page.goto(`/responses/${sample.id}`);
      await page.getByRole('link', { name: 'Start a follow-up response' }).click();
      await page.getByRole('heading', { level: 1, name: 'New follow-up response' }).waitFor();
      expect(await page.getByRole('group', { name: 'Your part in this response' }).count()).toBe(0);
      expect(await runAxe(page)).toEqual([]);
      await page.getByLabel('Report title').fill('Regional Organised Crime Units: a second revisit');
      await fillDate(page, 'Date the report was published', ukToday());
      await page.getByLabel('Report web address').fill('https://example.org/second-revisit');
      await page.getByLabel('Response title').fill('Response to the second ROCU revisit');
      await page.getByRole('button', { name: 'Create follow-up response' }).click();
      await eventually(() => page.getByRole('alert').textContent()).toContain('already has a follow-up response');
      expect(await runAxe(page)).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
