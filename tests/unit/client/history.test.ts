// The history's pieces that need no server: a version's text drawn from its JSON (our nodes,
// escaped, links only to web and mail addresses), a comparison drawn with its marks and its
// list of changes, and the words for versions and names.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TextChange } from '../../../shared/api';
import { DiffView } from '../../../client/history/DiffView';
import { versionNameProblem } from '../../../client/history/SaveVersionForm';
import { VersionContent } from '../../../client/history/VersionContent';
import { changeCount, versionReason } from '../../../client/history/versionWords';

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const block = (type: string, content: unknown[] = [], attrs?: Record<string, unknown>) => (attrs ? { type, attrs, content } : { type, content });
const drawn = (content: unknown, headingLevel = 5) => renderToStaticMarkup(createElement(VersionContent, { content, headingLevel }));

const robin = { userId: 'u2', name: 'Robin Shah', role: 'pcc' };
const alex = { userId: 'u1', name: 'Alex Morgan', role: 'pcc' };

describe('VersionContent', () => {
  it('draws headings under the panel’s level, lists, marks and tables with their header cells', () => {
    const html = drawn(
      block('doc', [
        block('heading', [text('Funding')], { level: 1 }),
        block('heading', [text('Regional units')], { level: 2 }),
        block('paragraph', [text('Bold', [{ type: 'bold' }]), text(' and '), text('italic', [{ type: 'italic--a1b2' }])]),
        block('orderedList', [block('listItem', [block('paragraph', [text('First')])])], { start: 3 }),
        block('table', [
          block('tableRow', [block('tableHeader', [block('paragraph', [text('Year')])]), block('tableHeader', [block('paragraph', [text('Officers')])])]),
          block('tableRow', [block('tableHeader', [block('paragraph', [text('2023')])]), block('tableCell', [block('paragraph', [text('14')])], { colspan: 99_999 })]),
        ]),
      ]),
    );
    expect(html).toContain('<h5>Funding</h5><h6>Regional units</h6>');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<ol start="3"><li><p>First</p></li></ol>');
    expect(html).toContain('<thead><tr><th scope="col">');
    expect(html).toContain('<th scope="row"><p>2023</p></th><td colSpan="100">');
  });

  it('escapes every string, and keeps a link only to a web or mail address', () => {
    const html = drawn(
      block('doc', [
        block('paragraph', [
          text('<script>alert(1)</script>'),
          text('safe', [{ type: 'link', attrs: { href: 'https://www.gov.uk/' } }]),
          text('unsafe', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        ]),
        { type: 'paragraph', content: 'not a list', attrs: { onclick: 'x' } },
        'not a node',
      ]),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://www.gov.uk/">safe</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('</a>unsafe</p>');
    expect(html).not.toContain('onclick');
  });

  it('says when a version has no text', () => {
    expect(drawn(block('doc', [block('paragraph')]))).toContain('This version has no text.');
    expect(drawn(null)).toContain('This version has no text.');
  });
});

describe('DiffView', () => {
  const at = '2026-12-01T10:05:00.000Z';
  const changes: TextChange[] = [
    { type: 'same', text: 'Alex wrote this ' },
    { type: 'delete', text: 'first ', by: robin, at },
    { type: 'same', text: 'sentence.\n' },
    { type: 'insert', text: '\n', by: alex, at: null },
    { type: 'insert', text: 'Robin added this.\n', by: robin, at },
    { type: 'delete', text: 'Gone.\n', by: null, at: null },
  ];
  const html = renderToStaticMarkup(createElement(DiffView, { changes, headingLevel: 5 }));

  it('marks insertions and deletions inline, each credited to its member and when', () => {
    expect(html).toContain('<del class="change change--delete" tabindex="0"><span class="tip">Deleted by Robin Shah (Police and Crime Commissioner), 1 December 2026 10:05</span>');
    expect(html).toContain('first <span class="visually-hidden"> (end of deletion)</span></del>');
    expect(html).toContain('<span class="tip">Inserted by Robin Shah (Police and Crime Commissioner), 1 December 2026 10:05</span><span class="visually-hidden">: </span>Robin added this.');
    // A change that is only a paragraph break shows a mark, and says what it is.
    expect(html).toContain('<span aria-hidden="true">¶</span><span class="visually-hidden">a paragraph break</span>');
    expect(html).toContain('Deleted by Not recorded');
  });

  it('lists every change under the text, in order', () => {
    const list = html.slice(html.indexOf('<ol class="diff__list">'));
    const items = [...list.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
    expect(items).toEqual([
      'Deleted “first”, by Robin Shah (Police and Crime Commissioner), 1 December 2026 10:05',
      'Inserted a paragraph break, by Alex Morgan (Police and Crime Commissioner)',
      'Inserted “Robin added this.”, by Robin Shah (Police and Crime Commissioner), 1 December 2026 10:05',
      'Deleted “Gone.”, by Not recorded',
    ]);
    expect(html).toContain('<h5 class="diff__list-title">Each change</h5>');
    expect(changeCount(changes)).toBe('2 insertions and 2 deletions');
  });

  it('says when nothing changed', () => {
    const same = renderToStaticMarkup(createElement(DiffView, { changes: [{ type: 'same', text: 'All the same.\n' }], headingLevel: 5, unchanged: 'Nothing has changed.' }));
    expect(same).toBe('<p class="diff__unchanged">Nothing has changed.</p>');
  });
});

describe('the words of the history', () => {
  it('says why each version exists', () => {
    expect(versionReason({ kind: 'signoff', name: null })).toBe('Signed off');
    expect(versionReason({ kind: 'reopen', name: 'The chief asked for a change' })).toBe('Reopened: The chief asked for a change');
    expect(versionReason({ kind: 'publication', name: null })).toBe('Published');
    expect(versionReason({ kind: 'named', name: 'Sent to the chief’s office' })).toBe('Saved as Sent to the chief’s office');
    expect(versionReason({ kind: 'auto', name: null })).toBe('Automatic');
    expect(versionReason({ kind: 'auto', name: 'Before restoring a version of 2026-12-01T10:05:00.000Z' })).toBe('Automatic: Before restoring a version of 1 December 2026 10:05');
  });

  it('asks for a visible name of at most 200 characters', () => {
    expect(versionNameProblem('')).toBe('Enter a name for the version');
    expect(versionNameProblem(' \u200B ')).toBe('Enter a name for the version');
    expect(versionNameProblem('x'.repeat(201))).toBe('The name must be 200 characters or fewer');
    expect(versionNameProblem('Sent to the chief’s office')).toBeNull();
  });
});
