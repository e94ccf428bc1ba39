// The public register page at /published: served by the server as plain HTML (no script, no
// sign-in), in the manner of GOV.UK: each published response as a heading and a summary list,
// which reflows to one column on a narrow screen with nothing to scroll sideways.
import type { RegisterEntry } from '../../shared/trackingApi';
import { labelText, safeHref } from '../publish/contentRules';
import { formatUkDate, UNTITLED } from '../publish/PublicationInput';
import { escapeHtml } from '../publish/renderHtml';
import { REGISTER_PATHS, REGISTER_TITLE } from '../domain/register';
import { timelinessText } from './renderAtom';

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff}
a{color:#1d70b8;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:3px}
a:focus-visible{outline:3px solid transparent;color:#0b0c0c;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
.skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c}
.skip-link:focus{left:0}
.header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.header__inner{max-width:60rem;margin:0 auto;padding:1rem 1.5rem;font-size:1.5rem;font-weight:700}
main{display:block;max-width:60rem;margin:0 auto;padding:2rem 1.5rem 3rem;overflow-wrap:anywhere}
main:focus{outline:none}
h1{font-size:2.25rem;line-height:1.2;margin:0 0 1.5rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 1rem}
.lead{font-size:1.25rem}
.register{list-style:none;margin:0;padding:0}
.register__item{border-top:1px solid #b1b4b6;padding-top:.5rem;margin-bottom:2rem}
.register__title{margin-top:.5rem}
.summary-list{margin:0}
.summary-list__row{display:flex;flex-wrap:wrap;gap:0 1rem;padding:.5rem 0;border-bottom:1px solid #b1b4b6}
.summary-list dt{flex:1 1 12rem;font-weight:700}
.summary-list dd{flex:3 1 18rem;margin:0;min-width:0}
.tag{display:inline-block;padding:.1rem .5rem;font-weight:700;font-size:1rem}
.tag--on-time{background:#cce2d8;color:#005a30}
.tag--late{background:#f4cdc6;color:#942514}
code{font-size:.9rem;word-break:break-all}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
@media (max-width:40em){body{font-size:1rem}h1{font-size:1.75rem}main{padding:1.5rem 1rem 2rem}.header__inner{padding:1rem}}
`;

function row(term: string, definition: string): string {
  return `<div class="summary-list__row"><dt>${escapeHtml(term)}</dt><dd>${definition}</dd></div>`;
}

function entryHtml(entry: RegisterEntry): string {
  const title = escapeHtml(labelText(entry.title, UNTITLED.response));
  const reportTitle = escapeHtml(labelText(entry.report.title, UNTITLED.report));
  const reportHref = safeHref(entry.report.url);
  const tag = entry.onTime ? 'tag--on-time' : 'tag--late';
  return (
    `<li class="register__item"><h2 class="register__title"><a href="${escapeHtml(entry.htmlUrl)}">${title}</a></h2><dl class="summary-list">` +
    row('Report', reportHref ? `<a href="${escapeHtml(reportHref)}">${reportTitle}</a>` : reportTitle) +
    row('Report published', escapeHtml(formatUkDate(entry.report.publishedOn))) +
    row('Statutory deadline', escapeHtml(formatUkDate(entry.deadline))) +
    row('Published', `<time datetime="${escapeHtml(entry.publishedAt)}">${escapeHtml(formatUkDate(entry.publishedOn))}</time>`) +
    row('On time or late', `<strong class="tag ${tag}">${escapeHtml(timelinessText(entry))}</strong>`) +
    row(
      'Files',
      // Named in full for a list of links read out of context; the visible words start the name (WCAG 2.5.3).
      `<a href="${escapeHtml(entry.htmlUrl)}" aria-label="Read the response: ${title}">Read the response</a> (web page) · ` +
        `<a href="${escapeHtml(entry.docxUrl)}" aria-label="Download the DOCX of ${title}" download>Download the DOCX</a>`,
    ) +
    row('SHA-256', `Web page: <code>${escapeHtml(entry.htmlSha256)}</code><br>DOCX: <code>${escapeHtml(entry.docxSha256)}</code>`) +
    `</dl></li>`
  );
}

/** The whole register page. */
export function renderRegisterHtml(entries: RegisterEntry[]): string {
  const list =
    entries.length === 0 ? '<p>Nothing has been published yet.</p>' : `<ol class="register">${entries.map(entryHtml).join('\n')}</ol>`;
  const title = escapeHtml(REGISTER_TITLE);
  return (
    `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title>` +
    `<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${REGISTER_PATHS.atom}">` +
    `<link rel="alternate" type="application/json" title="${title} (JSON)" href="${REGISTER_PATHS.json}">` +
    `<style>${STYLE}</style></head><body>` +
    `<a class="skip-link" href="#main">Skip to main content</a>` +
    `<header class="header"><div class="header__inner">Countersign</div></header>` +
    `<main id="main" tabindex="-1"><h1>${title}</h1>` +
    `<p class="lead">A Police and Crime Commissioner must publish comments on every HMICFRS inspection report within 56 days of its publication, the day it was published counting as the first (Police Act 1996 s.55). These are the published responses, newest first.</p>` +
    `<p>Follow new responses with the <a href="${REGISTER_PATHS.atom}">Atom feed</a>, or read this list as <a href="${REGISTER_PATHS.json}">JSON</a>.</p>` +
    list +
    `<h2>Checking a response</h2>` +
    `<p>Each response is published once and never changed. The SHA-256 of each file is listed above and sent with it (in the <code>Digest</code> header): compute the SHA-256 of your copy (for example with <code>sha256sum</code>) and compare. Each published page also says how its sign-off record and activity record can be checked.</p>` +
    `</main></body></html>\n`
  );
}
