// The tracker as rows for the panel's papers: one row per recommendation, and the history one
// row per update. Both exports (CSV and XLSX) are built from these.
import { ukToday } from '../../shared/deadline';
import { describeRag, hmicfrsViewLabel, ragRating, statusLabel } from '../../shared/tracking';
import type { TrackedRecommendation, TrackerBody } from '../../shared/trackingApi';

/** A cell: text, or a calendar date ("YYYY-MM-DD") the XLSX writes as a date, or a count. */
export type TrackerCell = { kind: 'text'; value: string } | { kind: 'date'; value: string | null } | { kind: 'number'; value: number };

export interface TrackerTable {
  header: string[];
  rows: TrackerCell[][];
}

const text = (value: string): TrackerCell => ({ kind: 'text', value });
const date = (value: string | null): TrackerCell => ({ kind: 'date', value });
const number = (value: number): TrackerCell => ({ kind: 'number', value });

function responseTitles(body: TrackerBody): Map<string, { title: string; state: string }> {
  return new Map(body.responses.map((response) => [response.id, { title: response.title, state: response.state === 'published' ? 'Published' : 'Drafting' }]));
}

function followedUpIn(item: TrackedRecommendation): string {
  if (!item.carriedTo) return '';
  return item.carriedTo.responseTitle ?? 'A follow-up response';
}

/** One row per recommendation, with its current action and RAG rating as of `today`. */
export function recommendationTable(body: TrackerBody, today: string = ukToday()): TrackerTable {
  const responses = responseTitles(body);
  return {
    header: [
      'Response',
      'Response state',
      'Recommendation',
      'Recommendation text',
      'Owner',
      'Status',
      "HMICFRS's view",
      'Target date',
      'RAG',
      'Last update',
      'Last updated by',
      'Latest note',
      'Evidence links',
      'Updates',
      'Followed up in',
      'Response ID',
      'Recommendation ID',
    ],
    rows: body.recommendations.map((item) => {
      const last = item.updates.at(-1);
      const latestNote = [...item.updates].reverse().find((update) => update.note)?.note ?? '';
      const links = [...new Set(item.updates.flatMap((update) => update.links))];
      const response = responses.get(item.responseId);
      return [
        text(response?.title ?? ''),
        text(response?.state ?? ''),
        text(item.title),
        text(item.text),
        text(item.ownerLabel),
        text(statusLabel(item.status)),
        text(item.hmicfrsView ? hmicfrsViewLabel(item.hmicfrsView) : ''),
        date(item.targetDate),
        text(describeRag(ragRating(item, today))),
        date(last ? ukToday(new Date(last.at)) : null),
        text(last?.by.name ?? ''),
        text(latestNote),
        text(links.join('\n')),
        number(item.updates.length),
        text(followedUpIn(item)),
        text(item.responseId),
        text(item.sectionId),
      ];
    }),
  };
}

/** One row per update of every recommendation, oldest first within each recommendation. */
export function historyTable(body: TrackerBody): TrackerTable {
  const responses = responseTitles(body);
  const rows: TrackerCell[][] = [];
  for (const item of body.recommendations) {
    for (const update of item.updates) {
      rows.push([
        text(responses.get(item.responseId)?.title ?? ''),
        text(item.title),
        date(ukToday(new Date(update.at))),
        text(update.at),
        text(update.by.name),
        text(statusLabel(update.status)),
        text(update.hmicfrsView ? hmicfrsViewLabel(update.hmicfrsView) : ''),
        date(update.targetDate),
        text(update.note),
        text(update.links.join('\n')),
        text(update.carriedOver ? (responses.get(update.responseId)?.title ?? 'An earlier response') : ''),
      ]);
    }
  }
  return {
    header: ['Response', 'Recommendation', 'Date', 'Recorded at', 'By', 'Status', "HMICFRS's view", 'Target date', 'Note', 'Evidence links', 'Carried over from'],
    rows,
  };
}
