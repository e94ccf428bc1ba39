// Every page at 1366 px and at 320 px (WCAG 1.4.10 reflow), in each state a response goes
// through (drafting with a thread open, every section signed off, published): nothing scrolls
// sideways, and axe-core finds nothing, WCAG 2.2's target size included.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PublicationInfo, ResponseDetail, ResponseListBody, Thread } from '../../shared/api';
import { eventually, runAxe, signIn, waitUntilSaved, WITH_TARGET_SIZE, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';
import { setWidth, sidewaysOverflow, WIDTHS } from '../helpers/layout';

/** A page to check: where it is, and how to know it has finished loading. */
interface PageCheck {
  name: string;
  path: string;
  ready(page: Page): Promise<void>;
}

function heading(name: string) {
  return (page: Page) => page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The signed-in pages of a response, and the pages around it. */
function pagesOf(responseId: string): PageCheck[] {
  const base = `/responses/${responseId}`;
  return [
    { name: 'dashboard', path: '/', ready: async (page) => void (await page.getByRole('table', { name: 'Your responses' }).waitFor()) },
    {
      name: 'response',
      path: base,
      ready: async (page) => {
        await page.getByRole('navigation', { name: 'Contents' }).waitFor();
        await waitUntilSaved(page);
      },
    },
    { name: 'set-up', path: `${base}/setup`, ready: heading('Set up the response') },
    {
      name: 'members',
      path: `${base}/members`,
      ready: async (page) => {
        await page.getByRole('region', { name: 'Members' }).waitFor();
        // Presence has arrived: someone (this user) is shown online.
        await page.getByText('online', { exact: true }).first().waitFor();
      },
    },
    {
      name: 'activity',
      path: `${base}/activity`,
      ready: async (page) => void (await page.getByRole('region', { name: 'Activity' }).waitFor()),
    },
    { name: 'new response', path: '/responses/new', ready: heading('New response') },
  ];
}

/** Opens each page at each width: no sideways scrolling, no axe violation. */
async function checkPages(user: BrowserUser, pages: PageCheck[], state: string): Promise<void> {
  for (const width of WIDTHS) {
    await setWidth(user.page, width);
    for (const check of pages) {
      const where = `${check.name} (${state}) at ${width} px`;
      await user.page.goto(check.path);
      await check.ready(user.page);
      expect(await sidewaysOverflow(user.page), where).toEqual([]);
      expect(await runAxe(user.page, WITH_TARGET_SIZE), where).toEqual([]);
    }
  }
}

describe('every page at 1366 and 320 px', () => {
  const suite = browserSuite();

  async function setUp() {
    const { url } = suite.server;
    const cookies = {
      pcc: await login(url, 'pcc@example.org'),
      chief_constable: await login(url, 'chief@example.org'),
      portfolio_lead: await login(url, 'lead@example.org'),
    };
    const sample: ResponseDetail = await sampleResponse(url, cookies.pcc);
    return { url, cookies, sample, base: `/api/responses/${sample.id}` };
  }

  it(
    'reflows and passes axe while drafting, once every section is signed off, and once published',
    async () => {
      const { url, cookies, sample, base } = await setUp();
      const pcc = await suite.newUser();
      await signIn(pcc.page, 'pcc@example.org');
      const pages = pagesOf(sample.id);

      // Drafting, with a thread open on a passage and one on a recommendation.
      const somewhere = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('t'), 0))).toString('base64');
      const recommendation = sample.sections.find((section) => section.kind === 'recommendation')!;
      const threads = [
        await api<Thread>(url, cookies.chief_constable, 'POST', `${base}/threads`, {
          sectionId: sample.sections[0]!.id,
          body: 'Should we name the report in full, with its publication reference https://www.justiceinspectorates.gov.uk/hmicfrs/publications/an-inspection-of-the-effectiveness-of-the-regional-organised-crime-units/?',
          anchor: { start: somewhere, end: somewhere, quote: 'I am writing to you' },
        }),
        await api<Thread>(url, cookies.pcc, 'POST', `${base}/threads`, { sectionId: recommendation.id, body: 'Agreed: add the date.' }),
      ];
      for (const thread of threads) expect(thread.status).toBe(201);
      await checkPages(pcc, pages, 'drafting');
      // The same pages with the forms' errors showing: the new response sent empty.
      for (const width of WIDTHS) {
        await setWidth(pcc.page, width);
        await pcc.page.goto('/responses/new');
        await pcc.page.getByRole('button', { name: 'Create response' }).click();
        await pcc.page.getByRole('alert').waitFor();
        expect(await sidewaysOverflow(pcc.page), `new response with errors at ${width} px`).toEqual([]);
        expect(await runAxe(pcc.page, WITH_TARGET_SIZE), `new response with errors at ${width} px`).toEqual([]);
      }

      // Every section signed off (the threads resolved): the page offers Publish.
      for (const thread of threads) expect((await api(url, cookies.pcc, 'POST', `${base}/threads/${thread.body.id}/resolve`)).status).toBe(200);
      for (const section of sample.sections) {
        const cookie = cookies[section.ownerRole as keyof typeof cookies];
        expect((await api(url, cookie, 'POST', `${base}/sections/${section.id}/signoff`)).status, section.title).toBe(200);
      }
      await checkPages(pcc, pages, 'signed off');

      // Published: the statutory steps, and the public page.
      const published = await api<PublicationInfo>(url, cookies.pcc, 'POST', `${base}/publish`);
      expect(published.status).toBe(201);
      await checkPages(pcc, pages, 'published');
      const reader = await suite.newUser();
      await checkPages(
        reader,
        [{ name: 'published page', path: published.body.htmlUrl, ready: async (page) => void (await page.getByRole('heading', { level: 1 }).waitFor()) }],
        'published',
      );
      // The published page as a GOV.UK HTML publication: the Word version with its size and hash, a
      // print button (its script loaded under the CSP), contents leading to each part, and print styles.
      const { page } = reader;
      await setWidth(page, 1366);
      await page.goto(published.body.htmlUrl);
      const download = page.getByRole('link', { name: 'Download the Word version (DOCX)' });
      expect(await download.getAttribute('href')).toBe(published.body.docxUrl);
      expect(await page.locator('.actions').textContent()).toContain(published.body.docxSha256);
      const print = page.getByRole('button', { name: 'Print this page' });
      await eventually(() => print.isVisible()).toBe(true);
      const contentsLinks = page.getByRole('navigation', { name: 'Contents' }).getByRole('link');
      expect(await contentsLinks.allTextContents()).toEqual([
        "Police and Crime Commissioner's comments",
        'Chief Officer comments',
        'Portfolio lead comments',
        'Recommendations',
        'HMI comments',
        'Sign-off record',
        'Checking this record',
      ]);
      for (const link of await contentsLinks.all()) {
        const target = (await link.getAttribute('href'))!.slice(1);
        expect(await page.locator(`[id="${target}"]`).count(), target).toBe(1);
      }
      await page.locator('#sign-off-record').getByText('The SHA-256 beside each section is a fingerprint', { exact: false }).waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await print.isVisible()).toBe(false);
      expect(await page.getByText('Office of the Police and Crime Commissioner').first().isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      expect(pcc.pageErrors).toEqual([]);
      expect(reader.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT * 2,
  );

  it(
    'reflows and passes axe on the pages of a signed-out visitor and of a viewer',
    async () => {
      const { sample } = await setUp();
      const visitor = await suite.newUser();
      await checkPages(visitor, [{ name: 'sign in', path: '/sign-in', ready: heading('Sign in') }], 'signed out');

      const viewer = await suite.newUser();
      await signIn(viewer.page, 'viewer@example.org');
      const list = await viewer.page.evaluate(async () => (await fetch('/api/responses')).json() as Promise<ResponseListBody>);
      expect(list.responses.map((response) => response.id)).toContain(sample.id);
      await checkPages(viewer, pagesOf(sample.id).slice(0, 5), 'as a viewer');
      await eventually(() => viewer.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
