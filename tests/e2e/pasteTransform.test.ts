// The paste clean-up on its own, in real Chromium (it needs the browser's DOMParser): the
// module is bundled as it is shipped and run in a blank page on each clipboard fixture.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanedPaste } from '../../client/editor/paste/cleanPastedHtml';
import { launchBrowser } from '../helpers/browser';

const FIXTURES = path.join(__dirname, '../fixtures/paste');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** HTML with runs of whitespace made one space and none between tags, to compare by eye. */
function compact(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/> </g, '><').trim();
}

describe('the paste clean-up', () => {
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [path.join(__dirname, '../../client/editor/paste/cleanPastedHtml.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'paste',
      platform: 'browser',
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  afterAll(async () => {
    await browser?.close();
  });

  function clean(html: string): Promise<CleanedPaste> {
    return page.evaluate((input) => (window as unknown as { paste: { cleanPastedHtml(html: string): CleanedPaste } }).paste.cleanPastedHtml(input), html);
  }

  it('turns Word for Windows HTML into headings, nested lists, a table and plain marks, and counts what it drops', async () => {
    const { html, dropped } = await clean(fixture('word-windows.html'));
    expect(dropped).toEqual({ images: 1, media: 0, comments: 1, footnotes: 1 });
    expect(compact(html)).toBe(
      compact(`
      <h3>Our response to the inspection</h3>
      <p>The Commissioner welcomes the report. The force has <strong>accepted every recommendation</strong>, and the
        <em>regional unit</em> will report its progress to the <u>Police and Crime Panel</u> each quarter. The full report
        is on the <a href="https://hmicfrs.justiceinspectorates.gov.uk/publications/">HMICFRS website</a>.</p>
      <p>Funding for the analysts is agreed until March 2026. Thirteen of the fifteen forces took part in the review.</p>
      <h4>What the unit will do</h4>
      <ul>
        <li><p>Share intelligence between forces</p>
          <ul>
            <li><p>One tasking meeting each month</p><ul><li><p>Chaired by the unit’s head</p></li></ul></li>
            <li><p>A shared record of disruptions</p></li>
          </ul>
        </li>
        <li><p>Train <strong>every</strong> detective in financial investigation</p></li>
      </ul>
      <h4>Timetable</h4>
      <ol>
        <li><p>Agree the plan by June</p>
          <ol type="a"><li><p>With the five chief constables</p><ol type="i"><li><p>And the Police and Crime Commissioners</p></li></ol></li></ol>
        </li>
        <li><p>Report on progress in December</p></li>
      </ol>
      <table>
        <tr><td><p><strong>Recommendation</strong></p></td><td><p><strong>Due</strong></p></td></tr>
        <tr><td><p>Recommendation 1: tasking</p></td><td><p>30 June 2024</p></td></tr>
        <tr><td><p>Recommendation 2: training</p></td><td><p>31 December 2024</p></td></tr>
      </table>
      <p>Disruptions by quarter:</p>`),
    );
  });

  it('reads Word for Mac lists from paragraph styles and list definitions, and keeps a list that starts at 3', async () => {
    const { html, dropped } = await clean(fixture('word-mac.html'));
    expect(dropped).toEqual({ images: 1, media: 0, comments: 0, footnotes: 0 });
    expect(compact(html)).toBe(
      compact(`
      <h3>Chief Constable’s comments</h3>
      <h4>Progress since the inspection</h4>
      <p>We have <strong>doubled</strong> the number of financial investigators, and the <em>Regional Organised Crime
        Unit</em> now leads on county lines. See the <a href="https://www.college.police.uk/app">College of Policing
        guidance</a> or write to <a href="mailto:roc.unit@example.police.uk">roc.unit@example.police.uk</a>.</p>
      <ul>
        <li><p>A new tasking board</p><ul><li><p>Meets every fortnight</p></li></ul></li>
        <li><p>More analysts</p></li>
      </ul>
      <ol start="3">
        <li><p>Recruit two more analysts</p><ul><li><p>Funded by the <u>uplift programme</u></p></li></ul></li>
        <li><p>Publish the results</p></li>
      </ol>
      <p>Signed for the force.</p>`),
    );
  });

  it('does not take Google Docs’ outer <b> for bold, and nests its lists', async () => {
    const { html, dropped } = await clean(fixture('google-docs.html'));
    expect(dropped).toEqual({ images: 2, media: 0, comments: 0, footnotes: 0 });
    expect(compact(html)).toBe(
      compact(`
      <h3>Portfolio lead comments</h3>
      <p>The lead officer <strong>agrees</strong> with the findings and <em>will</em> report to the <u>regional board</u>.
        The plan is on the <a href="https://www.example.police.uk/roc-plan">force website</a>.</p>
      <h4>Actions</h4>
      <ul>
        <li><p>Appoint a single point of contact</p>
          <ul><li><p>By the end of April</p></li><li><p>Named in the plan</p></li></ul>
        </li>
        <li><p>Review the tasking process</p></li>
      </ul>
      <ol><li><p>Collect the data</p></li><li><p>Publish a dashboard</p></li></ol>
      <table>
        <tr><td><p><strong>Area</strong></p></td><td><p><strong>Owner</strong></p></td></tr>
        <tr><td><p>Tasking</p></td><td><p>Head of unit</p></td></tr>
      </table>`),
    );
  });

  it('keeps a web page’s outline, real links, lists and table, and drops its images, video and controls', async () => {
    const { html, dropped } = await clean(fixture('web-page.html'));
    expect(dropped).toEqual({ images: 1, media: 1, comments: 0, footnotes: 0 });
    expect(compact(html)).toBe(
      compact(`
      <h3>What the inspection found</h3>
      <p>Regional units have <strong>improved</strong> since 2019, but <em>capacity</em> is uneven. Read the
        <a href="https://www.justiceinspectorates.gov.uk/hmicfrs/publications/roc-units/">full report</a> or skip to the
        summary.</p>
      <h4>Areas for improvement</h4>
      <ul>
        <li><p>Workforce planning</p></li>
        <li><p>Use of <strong>financial</strong> investigation</p><ul><li><p>Asset recovery</p></li></ul></li>
      </ul>
      <p>Outcomes by region, 2023</p>
      <p>Grades by region</p>
      <table>
        <tr><th><p>Region</p></th><th><p>Grade</p></th></tr>
        <tr><td><p>South West</p></td><td><p>Adequate</p></td></tr>
      </table>
      <p>Contact the press office.</p>`),
    );
  });

  it('passes HTML copied from another section through untouched', async () => {
    const copied = '<h4 data-pm-slice="1 1 []">Tasking</h4><p>Text</p>';
    expect(await clean(copied)).toEqual({ html: copied, dropped: { images: 0, media: 0, comments: 0, footnotes: 0 } });
  });

  it('ranks headings by the outline it is given, and unbolds what a style unbolds', async () => {
    expect((await clean('<h2>Only</h2><p>x</p>')).html).toBe('<h3>Only</h3><p>x</p>');
    expect((await clean('<h3>Part</h3><h5>Point</h5><h4>Side</h4>')).html).toBe('<h3>Part</h3><h4>Point</h4><h4>Side</h4>');
    expect((await clean('<div role="heading" aria-level="2">Named</div>')).html).toBe('<h3>Named</h3>');
    expect((await clean('<p><b>a<span style="font-weight:normal">b</span></b><span style="font-weight:600">c</span></p>')).html).toBe(
      '<p><strong>a</strong>b<strong>c</strong></p>',
    );
    expect((await clean('<p><strong style="font-weight: 400">plain</strong> <i style="font-style:normal">upright</i></p>')).html).toBe(
      '<p>plain upright</p>',
    );
  });

  it('keeps only web and e-mail links, made absolute', async () => {
    const { html } = await clean(
      '<p><a href="javascript:alert(1)">a</a> <a href="/relative">b</a> <a href="#top">c</a> <a href="HTTPS://Example.org">d</a> <a name="_Toc1">e</a></p>',
    );
    expect(html).toBe('<p>a b c <a href="https://example.org/">d</a> e</p>');
  });

  it('decides a Word list’s kind from its markers when the clipboard has no list definitions', async () => {
    const item = (level: number, marker: string, text: string) =>
      `<p class=MsoListParagraph style='mso-list:l0 level${level} lfo1'><![if !supportLists]><span><span style='mso-list:Ignore'>${marker}<span>&nbsp;&nbsp; </span></span></span><![endif]>${text}</p>`;
    const { html } = await clean(item(1, '1.', 'One') + item(2, 'o', 'Detail') + item(1, '2.', 'Two'));
    expect(html).toBe('<ol><li><p>One</p><ul><li><p>Detail</p></li></ul></li><li><p>Two</p></li></ol>');
  });

  it('keeps lettered and Roman-numbered lists from a web page or Google Docs', async () => {
    const { html } = await clean(
      '<ol type="A"><li>One</li></ol><ol style="list-style-type: lower-roman"><li>Two</li></ol>' +
        '<ol><li style="list-style-type:lower-alpha">Three</li></ol><ol type="disc"><li>Four</li></ol>',
    );
    expect(html).toBe(
      '<ol type="A"><li><p>One</p></li></ol><ol type="i"><li><p>Two</p></li></ol><ol type="a"><li><p>Three</p></li></ol><ol><li><p>Four</p></li></ol>',
    );
  });

  it('nests lists written flat, a level per item and a wrapper per list (Word for the web)', async () => {
    const item = (level: number, text: string) => `<li data-aria-level="${level}" role="listitem"><p class="Paragraph"><span class="TextRun">${text}</span></p></li>`;
    const wrap = (tag: string, items: string) => `<div class="ListContainerWrapper"><${tag} role="list">${items}</${tag}></div>`;
    const { html } = await clean(
      `<div class="OutlineElement"><p class="Paragraph" role="heading" aria-level="2"><span>Plan</span></p></div>` +
        wrap('ul', item(1, 'One') + item(1, 'Two')) +
        wrap('ul', item(2, 'Two, first point')) +
        wrap('ol', item(3, 'Step')) +
        wrap('ul', item(1, 'Three')) +
        `<div class="OutlineElement"><p class="Paragraph">After</p></div>` +
        wrap('ol', item(1, 'Again')),
    );
    expect(html).toBe(
      '<h3>Plan</h3><ul><li><p>One</p></li><li><p>Two</p><ul><li><p>Two, first point</p><ol><li><p>Step</p></li></ol></li></ul></li>' +
        '<li><p>Three</p></li></ul><p>After</p><ol><li><p>Again</p></li></ol>',
    );
  });

  it('leaves out hidden text', async () => {
    const { html } = await clean(
      "<p>Seen<span style='display:none;mso-hide:all'> hidden</span><span hidden> gone</span></p><div style='display: none'><p>Not</p></div>",
    );
    expect(html).toBe('<p>Seen</p>');
  });

  it('keeps merged cells, drops scripts, styles and empty paragraphs, and moves a caption out of its table', async () => {
    const { html } = await clean(
      '<style>p{color:red}</style><script>alert(1)</script><p>&nbsp;</p>' +
        '<table><caption>Plan</caption><tr><td colspan="2" style="color:red">Both</td></tr><tr><td>A</td><td>B</td></tr></table>',
    );
    expect(html).toBe('<p>Plan</p><table><tr><td colspan="2"><p>Both</p></td></tr><tr><td><p>A</p></td><td><p>B</p></td></tr></table>');
  });
});
