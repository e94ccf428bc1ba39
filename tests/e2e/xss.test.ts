// Markup typed by a member is text everywhere it is shown: in the editor, in comments, in the
// Activity view, in the published page and in the DOCX. Nothing in it ever runs.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PublicationInfo, ResponseDetail, Thread } from '../../shared/api';
import { api, login, sampleResponse } from '../helpers/clients';
import { editorText, eventually, openFirstResponse, signIn, typeAtEnd, waitUntilSaved, type BrowserUser } from '../helpers/browser';
import { browserSuite, E2E_TIMEOUT } from '../helpers/browserSuite';

const SECTION_MARKUP = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
const COMMENT_MARKUP = '<img src=y onerror="window.__xss = 3"><b>bold?</b>';

/** One file of a ZIP archive (a DOCX is one), read from its local header. */
function zipEntry(zip: Buffer, name: string): string {
  for (let at = zip.indexOf('PK\x03\x04'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4)) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue;
    const start = at + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  throw new Error(`${name} not found in the archive`);
}

async function ranNothing(user: BrowserUser): Promise<void> {
  expect(await user.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await user.page.locator('img[src="x"], img[src="y"]').count()).toBe(0);
}

describe('markup typed by members', () => {
  const suite = browserSuite();

  it(
    'is shown as text in the editor, comments, Activity, the published page and the DOCX',
    async () => {
      const pcc = await suite.newUser();
      await signIn(pcc.page, 'pcc@example.org');
      await openFirstResponse(pcc.page);
      const editor = pcc.page.getByRole('textbox', { name: "Police and Crime Commissioner's comments" });
      await typeAtEnd(editor, ` ${SECTION_MARKUP}`);
      await waitUntilSaved(pcc.page);
      expect(await editorText(editor)).toContain(SECTION_MARKUP);

      // A comment and its Activity entry, written through the API as any client could.
      const cookies = { pcc: await login(suite.server.url, 'pcc@example.org'), chief: await login(suite.server.url, 'chief@example.org'), lead: await login(suite.server.url, 'lead@example.org') };
      const sample: ResponseDetail = await sampleResponse(suite.server.url, cookies.pcc);
      const somewhere = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('t'), 0))).toString('base64');
      const thread = await api<Thread>(suite.server.url, cookies.chief, 'POST', `/api/responses/${sample.id}/threads`, {
        sectionId: sample.sections[0]!.id,
        body: COMMENT_MARKUP,
        anchor: { start: somewhere, end: somewhere, quote: COMMENT_MARKUP },
      });
      expect(thread.status).toBe(201);
      await eventually(() => pcc.page.getByText(COMMENT_MARKUP, { exact: true }).count()).toBeGreaterThan(0);
      await ranNothing(pcc);
      // The Activity entry quotes the passage the thread is about (the record has a page of its own).
      await pcc.page.getByRole('navigation', { name: 'This response' }).getByRole('link', { name: 'Activity' }).click();
      await eventually(() => pcc.page.getByRole('region', { name: 'Activity' }).textContent()).toContain(COMMENT_MARKUP);
      await ranNothing(pcc);
      await pcc.page.getByRole('link', { name: 'Back to the response' }).click();
      await waitUntilSaved(pcc.page);
      await ranNothing(pcc);

      // Sign everything off and publish.
      expect((await api(suite.server.url, cookies.chief, 'POST', `/api/responses/${sample.id}/threads/${thread.body.id}/resolve`)).status).toBe(200);
      const owners: Record<string, string> = { pcc: cookies.pcc, chief_constable: cookies.chief, portfolio_lead: cookies.lead };
      for (const section of sample.sections) {
        const signed = await api(suite.server.url, owners[section.ownerRole]!, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`);
        expect(signed.status).toBe(200);
      }
      const published = await api<PublicationInfo>(suite.server.url, cookies.pcc, 'POST', `/api/responses/${sample.id}/publish`);
      expect(published.status).toBe(201);

      const reader = await suite.newUser();
      await reader.page.goto(published.body.htmlUrl);
      await eventually(() => reader.page.locator('main').textContent()).toContain(SECTION_MARKUP);
      await ranNothing(reader);
      expect(await reader.page.locator('main script').count()).toBe(0);

      const docx = Buffer.from(await (await fetch(`${suite.server.url}${published.body.docxUrl}`)).arrayBuffer());
      const documentXml = zipEntry(docx, 'word/document.xml');
      expect(documentXml).toContain('&lt;script&gt;window.__xss = 1&lt;/script&gt;');
      expect(documentXml).not.toContain('<script>');
      await ranNothing(pcc);
      expect(pcc.pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
