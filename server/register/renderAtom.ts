// The register as an Atom feed (RFC 4287): one entry per publication, newest first, each
// linking to the published page and its DOCX.
import type { RegisterEntry } from '../../shared/trackingApi';
import { bodyText, labelText } from '../publish/contentRules';
import { formatUkDate, UNTITLED } from '../publish/PublicationInput';
import { REGISTER_PATHS, REGISTER_TITLE } from '../domain/register';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Text for XML: characters XML forbids removed, markup escaped. */
export function escapeXml(text: string): string {
  return bodyText(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** "On time" or "Late by 3 days", as the register says it. */
export function timelinessText(entry: RegisterEntry): string {
  if (entry.onTime) return 'On time';
  return entry.daysLate === 1 ? 'Late by 1 day' : `Late by ${entry.daysLate.toLocaleString('en-GB')} days`;
}

/** The entry's summary: the report, the deadline and whether it was met. */
export function entrySummary(entry: RegisterEntry): string {
  const report = labelText(entry.report.title, UNTITLED.report);
  return (
    `In response to the HMICFRS report "${report}", published ${formatUkDate(entry.report.publishedOn)}. ` +
    `Statutory deadline ${formatUkDate(entry.deadline)}; published ${formatUkDate(entry.publishedOn)}: ${timelinessText(entry).toLowerCase()}.`
  );
}

/** The feed; `now` stands for its updated time when nothing is published yet. */
export function renderRegisterAtom(entries: RegisterEntry[], baseUrl: string, now: Date = new Date()): string {
  const updated = entries[0]?.publishedAt ?? now.toISOString();
  const items = entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${escapeXml(entry.htmlUrl)}</id>`,
      `    <title type="text">${escapeXml(labelText(entry.title, UNTITLED.response))}</title>`,
      `    <published>${escapeXml(entry.publishedAt)}</published>`,
      `    <updated>${escapeXml(entry.publishedAt)}</updated>`,
      `    <author><name>${escapeXml(labelText(entry.publishedBy, UNTITLED.name))}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.htmlUrl)}"/>`,
      `    <link rel="enclosure" type="${DOCX_TYPE}" href="${escapeXml(entry.docxUrl)}" title="DOCX"/>`,
      `    <summary type="text">${escapeXml(entrySummary(entry))}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${escapeXml(`${baseUrl}${REGISTER_PATHS.html}`)}</id>`,
    `  <title type="text">${escapeXml(REGISTER_TITLE)}</title>`,
    `  <subtitle type="text">The Police and Crime Commissioner's published comments on HMICFRS inspection reports (Police Act 1996 s.55)</subtitle>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}${REGISTER_PATHS.atom}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}${REGISTER_PATHS.html}`)}"/>`,
    `  <link rel="alternate" type="application/json" href="${escapeXml(`${baseUrl}${REGISTER_PATHS.json}`)}"/>`,
    '  <author><name>Office of the Police and Crime Commissioner</name></author>',
    '  <generator>Countersign</generator>',
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
