// Dates are entered with GOV.UK's date pattern everywhere: day, month and year under one legend,
// the hint and the error read with the group, the fields in error marked, and the error summary
// linking to the first wrong field. No browser date picker (its format follows the locale).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { formatDate } from '../../client/format/dates';
import { addDays, ukToday } from '../../shared/deadline';
import { eventually, runAxe, signIn, waitUntilSaved, WITH_TARGET_SIZE } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';
import { isFocused } from '../helpers/layout';

/** The day, month and year fields of the date input whose legend is `legend`. */
function dateInput(page: Page, legend: string) {
  const group = page.getByRole('group', { name: legend });
  return { group, day: group.getByLabel('Day'), month: group.getByLabel('Month'), year: group.getByLabel('Year') };
}

async function fill(page: Page, legend: string, day: string, month: string, year: string): Promise<void> {
  const input = dateInput(page, legend);
  await input.day.fill(day);
  await input.month.fill(month);
  await input.year.fill(year);
}

/** Which of a date input's fields are marked invalid. */
async function invalidFields(page: Page, legend: string): Promise<string[]> {
  const input = dateInput(page, legend);
  const marked: string[] = [];
  for (const [name, field] of [['day', input.day], ['month', input.month], ['year', input.year]] as const) {
    if ((await field.getAttribute('aria-invalid')) === 'true') marked.push(name);
  }
  return marked;
}

/** The group's accessible description: its hint and its error. */
function description(page: Page, legend: string): Promise<string> {
  return dateInput(page, legend).group.evaluate((group) =>
    (group.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('GOV.UK date inputs', () => {
  const suite = browserSuite();

  it(
    "for the report's publication, the Chief Constable's comments and the statutory steps",
    async () => {
      const pcc = await suite.newUser();
      const { page } = pcc;
      await signIn(page, 'pcc@example.org');

      // The new response: a month left out is named, and the summary leads to that field.
      await page.goto('/responses/new');
      const published = 'Date the report was published';
      expect(await page.locator('input[type="date"]').count()).toBe(0);
      expect(await dateInput(page, published).day.getAttribute('inputmode')).toBe('numeric');
      await fill(page, published, '2', '', '2026');
      await page.getByRole('button', { name: 'Create response' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.getByRole('link', { name: 'The date the report was published must include a month' }).click();
      await eventually(() => isFocused(dateInput(page, published).month)).toBe(true);
      expect(await invalidFields(page, published)).toEqual(['month']);
      expect(await description(page, published)).toContain('Error: The date the report was published must include a month');
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
      // 30 February: every field is marked; a real date clears the error and gives the deadline.
      await fill(page, published, '30', '2', '2026');
      await page.getByRole('button', { name: 'Create response' }).click();
      await summary.getByRole('link', { name: 'The date the report was published must be a real date' }).waitFor();
      expect(await invalidFields(page, published)).toEqual(['day', 'month', 'year']);
      const yesterday = addDays(ukToday(), -1);
      const [y, m, d] = yesterday.split('-');
      await fill(page, published, String(Number(d)), String(Number(m)), y!);
      await eventually(() => page.locator('.deadline-hint').textContent()).toContain('The response must be published by');

      // The Chief Constable's comments, on the set-up page: filled with the date set, cleared, refused empty.
      const cookie = await login(suite.server.url, 'pcc@example.org');
      const sample: ResponseDetail = await sampleResponse(suite.server.url, cookie);
      const chiefDate = "Date for the Chief Constable's comments";
      await page.goto(`/responses/${sample.id}/setup`);
      const [dy, dm, dd] = sample.deadline.split('-');
      await fill(page, chiefDate, dd!, dm!, dy!);
      await page.getByRole('button', { name: 'Set date' }).click();
      await page.getByRole('status').filter({ hasText: `Date set: ${formatDate(sample.deadline)}` }).waitFor();
      await page.reload();
      expect(await dateInput(page, chiefDate).day.inputValue()).toBe(String(Number(dd)));
      expect(await dateInput(page, chiefDate).year.inputValue()).toBe(dy);
      await fill(page, chiefDate, '', '', '');
      await page.getByRole('button', { name: 'Set date' }).click();
      await page.getByRole('link', { name: "Enter the date for the Chief Constable's comments" }).click();
      await eventually(() => isFocused(dateInput(page, chiefDate).day)).toBe(true);
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);

      // The statutory steps, once published: a month of 13 is refused, a real date recorded.
      const cookies: Record<string, string> = {
        pcc: cookie,
        chief_constable: await login(suite.server.url, 'chief@example.org'),
        portfolio_lead: await login(suite.server.url, 'lead@example.org'),
      };
      for (const section of sample.sections) {
        expect((await api(suite.server.url, cookies[section.ownerRole]!, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`)).status).toBe(200);
      }
      expect((await api<PublicationInfo>(suite.server.url, cookie, 'POST', `/api/responses/${sample.id}/publish`)).status).toBe(201);
      await page.goto(`/responses/${sample.id}`);
      await waitUntilSaved(page);
      const hmicfrs = 'Date sent to HMICFRS';
      await fill(page, hmicfrs, '3', '13', '2026');
      await page.getByRole('button', { name: 'Save statutory steps' }).click();
      await page.getByRole('link', { name: 'The date it was sent to HMICFRS must be a real date' }).click();
      await eventually(() => isFocused(dateInput(page, hmicfrs).month)).toBe(true);
      expect(await invalidFields(page, hmicfrs)).toEqual(['month']);
      expect(await runAxe(page, WITH_TARGET_SIZE)).toEqual([]);
      const today = ukToday();
      const [ty, tm, td] = today.split('-');
      await fill(page, hmicfrs, String(Number(td)), String(Number(tm)), ty!);
      await page.getByRole('button', { name: 'Save statutory steps' }).click();
      const sent = page.locator('.summary-list__row', { hasText: 'Sent to HMICFRS' });
      await eventually(() => sent.textContent()).toBe(`Sent to HMICFRS${formatDate(today)}`);
      expect(await page.locator('input[type="date"]').count()).toBe(0);
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
