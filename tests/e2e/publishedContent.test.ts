// The published page draws a section's structure for everyone, assistive technology included:
// headings at h3 and h4 under the section's h2, tables with their header cells heading columns
// and rows, lists nested in lists, links. The content is written over a real provider as the
// editor writes it (y-prosemirror from the editor's schema), signed off and published through
// the API; the page is read in Chromium by its accessibility tree, and checked with axe.
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { runAxe } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, connectSection, login, sampleResponse, serverRoundTrip } from '../helpers/clients';
import { writeAsEditor } from '../helpers/editorContent';
import { waitFor } from '../helpers/waitFor';

const PCC_SECTION = "Police and Crime Commissioner's comments";

const para = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const cell = (type: 'tableCell' | 'tableHeader', text: string, attrs: Record<string, unknown> = {}): JSONContent => ({ type, attrs, content: [para(text)] });

const CONTENT: JSONContent = {
  type: 'doc',
  content: [
    para('The PCC welcomes the report.'),
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Funding' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Regional units' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'See ' },
        { type: 'text', text: 'the inspection report', marks: [{ type: 'link', attrs: { href: 'https://hmicfrs.justiceinspectorates.gov.uk/' } }] },
        { type: 'text', text: '.' },
      ],
    },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Year'), cell('tableHeader', 'Funding'), cell('tableHeader', 'Officers')] },
        { type: 'tableRow', content: [cell('tableHeader', '2022/23'), cell('tableCell', '£1.2m'), cell('tableCell', '14')] },
        { type: 'tableRow', content: [cell('tableHeader', '2023/24'), cell('tableCell', 'To be confirmed', { colspan: 2 })] },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            para('Serious organised crime'),
            { type: 'orderedList', content: [{ type: 'listItem', content: [para('Drugs supply')] }, { type: 'listItem', content: [para('Exploitation')] }] },
          ],
        },
        { type: 'listItem', content: [para('Cyber crime')] },
      ],
    },
  ],
};

describe('the published page: structure for everyone', () => {
  const suite = browserSuite();

  it(
    'shows headings, tables with header cells, nested lists and links, and passes axe',
    async () => {
      const { url } = suite.server;
      const cookies = { pcc: await login(url, 'pcc@example.org'), chief_constable: await login(url, 'chief@example.org'), portfolio_lead: await login(url, 'lead@example.org') };
      const sample: ResponseDetail = await sampleResponse(url, cookies.pcc);
      const section = sample.sections.find((s) => s.title === PCC_SECTION)!;

      const writer = connectSection(url, cookies.pcc, sample.id, section.id);
      try {
        await waitFor(() => expect(writer.provider.synced).toBe(true));
        writeAsEditor(writer.doc, CONTENT);
        await serverRoundTrip(writer.provider);
      } finally {
        writer.destroy();
      }
      for (const s of sample.sections) {
        const signed = await api(url, cookies[s.ownerRole as keyof typeof cookies], 'POST', `/api/responses/${sample.id}/sections/${s.id}/signoff`);
        expect(signed.status, s.title).toBe(200);
      }
      const published = await api<PublicationInfo>(url, cookies.pcc, 'POST', `/api/responses/${sample.id}/publish`);
      expect(published.status).toBe(201);

      const reader = await suite.newUser();
      expect((await reader.page.goto(published.body.htmlUrl))?.status()).toBe(200);
      const page = reader.page;
      const region = page.locator('section', { has: page.getByRole('heading', { level: 2, name: PCC_SECTION }) });

      await expect(region.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual(['Funding']);
      await expect(region.getByRole('heading', { level: 4 }).allTextContents()).resolves.toEqual(['Regional units']);
      expect(await region.getByRole('link', { name: 'the inspection report' }).getAttribute('href')).toBe('https://hmicfrs.justiceinspectorates.gov.uk/');

      const table = region.getByRole('table');
      await expect(table.count()).resolves.toBe(1);
      await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(['Year', 'Funding', 'Officers']);
      await expect(table.getByRole('rowheader').allTextContents()).resolves.toEqual(['2022/23', '2023/24']);
      // The browser ties each data cell to its headers: "£1.2m" is Funding in 2022/23.
      const funding = table.getByRole('row', { name: /2022\/23/ }).getByRole('cell', { name: '£1.2m' });
      await expect(funding.count()).resolves.toBe(1);
      expect(await table.getByRole('cell', { name: 'To be confirmed' }).getAttribute('colspan')).toBe('2');

      // Lists nested in lists: the outer list has two items, the first holds a numbered list of two.
      const outer = region.getByRole('list').first();
      await expect(outer.evaluate((list) => list.tagName)).resolves.toBe('UL');
      await expect(outer.locator(':scope > li').count()).resolves.toBe(2);
      const inner = outer.locator(':scope > li').first().getByRole('list');
      await expect(inner.evaluate((list) => list.tagName)).resolves.toBe('OL');
      await expect(inner.getByRole('listitem').allTextContents()).resolves.toEqual(['Drugs supply', 'Exploitation']);

      expect(await runAxe(page)).toEqual([]);
      expect(reader.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
