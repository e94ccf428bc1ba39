// 9. History (issue 12), Countersign only: a section carrying the whole automerge-paper trace
// with history kept (deleted content, each update's author, versions along the way), seeded
// through the server's own store code as its sync server would have written it, then measured
// through the real server: cold open on a fresh process, the versions list, the diff between
// the first and the last version, who wrote what; and the same section as the design before
// history stored it (the gc-on state alone), for what history costs in bytes and heap.
import type { AuthorshipBody, VersionDiffBody, VersionListBody } from '../../shared/api';
import { readProc } from '../proc';
import { startCountersign, type CountersignServer } from '../servers/countersign';
import { SERVER_LABELS, type CountersignSeed, type ServerSetup } from '../servers/types';
import { replayAutomergePaper, type SequentialReplay } from '../traces';
import { count, kb, mb, ms, summarize } from '../stats';
import { timeOpen } from './coldopen';
import { profileDirFor, sleep, type GoalCheck, type Scenario, type ScenarioOptions, type Table } from './common';

/** Members who take turns writing the section, each with a Yjs client id of their own. */
const AUTHORS = 2;
const CLIENT_ID_BASE = 3_000_001;
/** Requests timed per endpoint: the first (on a process that has only opened the section) and the rest. */
const REQUESTS = { versions: 7, diff: 4, authorship: 3 };
const GOALS = { coldOpenMs: 150, versionsMs: 50, diffMs: 500, costRatio: 3 };

interface Timed {
  first: number;
  /** Median of the requests after the first. */
  median: number;
  all: number[];
  /** Server CPU time per request (user + system, from /proc; 10 ms ticks, averaged over every request). */
  cpuMs: number;
  /** Server CPU time of the first request, and the median of the others' (10 ms ticks). */
  firstCpuMs: number;
  medianCpuMs: number;
}

interface OpenFigures {
  ms: number;
  /** Server CPU time from connecting to the first full sync (10 ms ticks). */
  cpuMs: number;
  /** heapUsed after a full GC, before the section was opened and with it open. */
  heapBefore: number;
  heapAfter: number;
  rss: number;
}

interface HistoryFigures {
  openAsSeeded: OpenFigures;
  openCompacted: OpenFigures;
  versions: Timed;
  diff: Timed;
  authorship: Timed;
  versionCount: number;
  diffRuns: { same: number; insert: number; delete: number; insertedChars: number; deletedChars: number; members: number; bodyBytes: number };
  authorshipSpans: number;
  stored: Awaited<ReturnType<CountersignServer['storedTables']>>;
}

interface PlainFigures {
  open: OpenFigures;
  storedBytes: number;
}

/** Where the trace is cut into turns: edits [bounds[s], bounds[s + 1]) are turn s; version k follows bounds[k]. */
function turnBounds(edits: number, versions: number): number[] {
  return Array.from({ length: versions + 1 }, (_, k) => Math.floor((k * edits) / versions));
}

function turnOf(bounds: readonly number[], edit: number): number {
  let turn = 0;
  while (turn + 1 < bounds.length - 1 && bounds[turn + 1]! <= edit) turn++;
  return turn;
}

/** GET as a member; the time until the whole body has arrived. */
async function timedGet(server: CountersignServer, cookie: string, apiPath: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(`${server.httpUrl}${apiPath}`, { headers: { cookie } });
  const body = await response.text();
  const elapsed = performance.now() - start;
  if (response.status !== 200) throw new Error(`GET ${apiPath}: ${response.status} ${body.slice(0, 300)}`);
  return { ms: elapsed, body };
}

async function timeRequests(server: CountersignServer, cookie: string, apiPath: string, times: number): Promise<{ timed: Timed; body: string }> {
  const all: number[] = [];
  const cpus: number[] = [];
  let body = '';
  const cpuBefore = readProc(server.pid).cpuSeconds;
  for (let i = 0; i < times; i++) {
    const before = readProc(server.pid).cpuSeconds;
    const answer = await timedGet(server, cookie, apiPath);
    cpus.push((readProc(server.pid).cpuSeconds - before) * 1000);
    all.push(answer.ms);
    body = answer.body;
  }
  const cpuMs = ((readProc(server.pid).cpuSeconds - cpuBefore) * 1000) / times;
  return { timed: { first: all[0]!, median: summarize(all.slice(1)).p50, all, cpuMs, firstCpuMs: cpus[0]!, medianCpuMs: summarize(cpus.slice(1)).p50 }, body };
}

async function openMeasured(server: CountersignServer, docName: string, expected: string, timeoutMs: number): Promise<{ figures: OpenFigures; close: () => void }> {
  const heapBefore = (await server.memory(true)).heapUsed;
  const cpuBefore = readProc(server.pid).cpuSeconds;
  const { ms: elapsed, client } = await timeOpen(server, docName, expected, timeoutMs);
  const cpuMs = (readProc(server.pid).cpuSeconds - cpuBefore) * 1000;
  const heapAfter = (await server.memory(true)).heapUsed;
  return { figures: { ms: elapsed, cpuMs, heapBefore, heapAfter, rss: readProc(server.pid).rssBytes }, close: () => client.destroy() };
}

/** Without the final line break the diff ends each paragraph with. */
function withoutFinalBreak(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** Checks the diff against the replay: old text = same + delete runs, new text = same + insert runs, every change credited. */
function checkDiff(body: VersionDiffBody, firstText: string, lastText: string, userIds: readonly string[]): HistoryFigures['diffRuns'] {
  let before = '';
  let after = '';
  const runs = { same: 0, insert: 0, delete: 0, insertedChars: 0, deletedChars: 0 };
  const members = new Set<string>();
  for (const change of body.changes) {
    runs[change.type] += 1;
    if (change.type !== 'insert') before += change.text;
    if (change.type !== 'delete') after += change.text;
    if (change.type === 'same') continue;
    if (!change.by || !userIds.includes(change.by.userId)) throw new Error(`a ${change.type} of ${change.text.length} characters is credited to ${JSON.stringify(change.by)}, not to a member who wrote`);
    members.add(change.by.userId);
    if (change.type === 'insert') runs.insertedChars += change.text.length;
    else runs.deletedChars += change.text.length;
  }
  if (withoutFinalBreak(before) !== firstText) throw new Error(`the diff's old side (${before.length} characters) is not the first version's text (${firstText.length})`);
  if (withoutFinalBreak(after) !== lastText) throw new Error(`the diff's new side (${after.length} characters) is not the last version's text (${lastText.length})`);
  return { ...runs, members: members.size, bodyBytes: 0 };
}

async function withHistory(replay: SequentialReplay, plan: CountersignSeed, bounds: readonly number[], options: ScenarioOptions): Promise<HistoryFigures> {
  const setup: ServerSetup = {
    docs: 1,
    maxConnections: 2,
    users: AUTHORS,
    seed: { docIndex: 0, updates: replay.updates, state: replay.state, countersign: plan },
    cpuProfileDir: profileDirFor(options, 'countersign', 'history'),
  };
  const seededAt = performance.now();
  let server = await startCountersign(setup);
  options.log(`  history: seeded and started in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
  try {
    const docName = server.docNames[0]!;
    const { responseId, sectionId } = server.sectionOf(docName);
    const cookie = server.cookies[0]!;
    const timeout = options.quick ? 30_000 : 120_000;
    const section = `/api/responses/${responseId}/sections/${sectionId}`;
    // 1. Cold open of the section as the live server left it (a compacted state and the updates since).
    const asSeeded = await openMeasured(server, docName, replay.content, timeout);
    // 2. With the section open (a member looks at its history beside the editor): the HTTP API,
    // after the response itself, as the member's page asked for it before opening the section.
    await timedGet(server, cookie, `/api/responses/${responseId}`);
    const meter = server.meter();
    const versions = await timeRequests(server, cookie, `${section}/versions`, REQUESTS.versions);
    const list = (JSON.parse(versions.body) as VersionListBody).versions;
    if (list.length !== bounds.length - 1) throw new Error(`${list.length} versions listed, ${bounds.length - 1} recorded`);
    const first = list[list.length - 1]!;
    const last = list[0]!;
    const diff = await timeRequests(server, cookie, `${section}/versions/${first.id}/diff?against=${last.id}`, REQUESTS.diff);
    const authorship = await timeRequests(server, cookie, `${section}/authorship`, REQUESTS.authorship);
    meter.end();
    const diffRuns = checkDiff(JSON.parse(diff.body) as VersionDiffBody, replay.textsAt.get(bounds[1]!)!, replay.textsAt.get(bounds[bounds.length - 1]!)!, server.userIds);
    diffRuns.bodyBytes = Buffer.byteLength(diff.body);
    const spans = (JSON.parse(authorship.body) as AuthorshipBody).spans;
    const spanText = spans.map((span) => span.text).join('');
    if (withoutFinalBreak(spanText) !== replay.content) throw new Error(`the authorship spans hold ${spanText.length} characters, the text ${replay.content.length}`);
    if (spans.some((span) => span.text.trim() !== '' && !span.by)) throw new Error('a passage of the text has no author');
    asSeeded.close();
    // 3. Everyone left: the room compacts on unload. Stop, read what is stored, start a fresh process.
    await sleep(1500);
    await server.stop();
    const stored = await server.storedTables(docName);
    server = await server.restart();
    await sleep(300);
    const compacted = await openMeasured(server, docName, replay.content, timeout);
    compacted.close();
    await sleep(500);
    await server.stop();
    const storedText = await server.readStoredText(docName);
    if (storedText !== replay.content) throw new Error(`stored state differs from the trace (${storedText.length} characters)`);
    return {
      openAsSeeded: asSeeded.figures,
      openCompacted: compacted.figures,
      versions: versions.timed,
      diff: diff.timed,
      authorship: authorship.timed,
      versionCount: list.length,
      diffRuns,
      authorshipSpans: spans.length,
      stored,
    };
  } finally {
    await server.stop();
  }
}

/** The same section as Countersign stored it before history: opened once, then cold on a restarted process, as the compacted section with history is. */
async function withoutHistory(replay: SequentialReplay, options: ScenarioOptions): Promise<PlainFigures> {
  let server = await startCountersign({
    docs: 1,
    maxConnections: 2,
    seed: { docIndex: 0, updates: replay.updates, state: replay.state, countersign: { rows: 'state' } },
  });
  try {
    const docName = server.docNames[0]!;
    const timeout = options.quick ? 30_000 : 120_000;
    (await openMeasured(server, docName, replay.content, timeout)).close();
    await sleep(1500);
    await server.stop();
    const stored = await server.storedTables(docName);
    server = await server.restart();
    await sleep(300);
    const opened = await openMeasured(server, docName, replay.content, timeout);
    opened.close();
    return { open: opened.figures, storedBytes: stored.updates.bytes };
  } finally {
    await server.stop();
  }
}

function cpu(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : 'n/a';
}

function cpuOf(timed: Timed): string {
  return `${cpu(timed.cpuMs)} (${cpu(timed.firstCpuMs)}, ${cpu(timed.medianCpuMs)})`;
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

export const history: Scenario = {
  id: 'history',
  title: '9. History: a section carrying the automerge-paper trace with history kept (Countersign only)',
  async run(options) {
    if (!options.kinds.includes('countersign')) {
      return { tables: [{ title: 'History: Countersign only, not among --servers', columns: ['note'], rows: [['not run']], notes: [] }], goals: [], profiles: [] };
    }
    const limit = options.quick ? 20_000 : undefined;
    const versionCount = options.quick ? 5 : 20;
    const edits = limit ?? 259_778;
    const bounds = turnBounds(edits, versionCount);
    const started = performance.now();
    // Turn s is written by member s % AUTHORS with a client id of their own.
    const replay = replayAutomergePaper({ limit, clientIdOf: (edit) => CLIENT_ID_BASE + (turnOf(bounds, edit) % AUTHORS), textsAt: bounds });
    if (replay.edits !== edits) throw new Error(`the trace has ${replay.edits} edits, not ${edits}`);
    options.log(`replayed ${count(replay.edits)} edits in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Update 0 makes the paragraph (by member 0); update u > 0 is edit u - 1.
    const plan: CountersignSeed = {
      rows: 'live',
      authors: bounds.slice(0, -1).map((bound, turn) => ({ from: turn === 0 ? 0 : bound + 1, user: turn % AUTHORS })),
      versions: bounds.slice(1).map((bound, k) => ({ after: bound, name: `Draft ${k + 1} of ${versionCount}`, user: k % AUTHORS })),
    };
    const kept = await withHistory(replay, plan, bounds, options);
    options.log(`  history: cold open ${ms(kept.openAsSeeded.ms)} / ${ms(kept.openCompacted.ms)} ms, versions ${ms(kept.versions.first)} ms, diff ${ms(kept.diff.first)} ms`);
    const plain = await withoutHistory(replay, options);

    const s = kept.stored;
    const historyBytes = s.updates.bytes + s.authorship.bytes + s.versions.bytes;
    const heapOf = (open: OpenFigures): number => open.heapAfter - open.heapBefore;
    const keptHeap = Math.max(heapOf(kept.openAsSeeded), heapOf(kept.openCompacted));
    const plainHeap = heapOf(plain.open);
    const label = SERVER_LABELS.countersign;
    const tableTitle = `History: automerge-paper, ${count(replay.edits)} edits (${count(replay.content.length)} characters) written in ${versionCount} turns by ${AUTHORS} members, a named version after each turn; gc-on state ${kb(replay.state.byteLength)} kB, with deleted content kept ${kb(replay.historyStateBytes)} kB`;
    const timing: Table = {
      title: `${tableTitle}: times (ms)`,
      columns: ['what', 'first', `median of the next`, 'every request', 'server CPU ms: mean (first, median of the next)', 'goal'],
      rows: [
        ['cold open, after the unload compacted it (restarted: fresh process, first full sync)', ms(kept.openCompacted.ms), '', '', cpu(kept.openCompacted.cpuMs), `< ${GOALS.coldOpenMs}`],
        ['first open of the seeded rows (fresh process; a compacted state and up to 499 updates, as after a kill -9)', ms(kept.openAsSeeded.ms), '', '', cpu(kept.openAsSeeded.cpuMs), ''],
        ['cold open, the same section without history (opened once, then restarted: fresh process)', ms(plain.open.ms), '', '', cpu(plain.open.cpuMs), ''],
        [`GET .../versions (${kept.versionCount} versions)`, ms(kept.versions.first), ms(kept.versions.median), kept.versions.all.map(ms).join(' '), cpuOf(kept.versions), `< ${GOALS.versionsMs}`],
        [
          `GET .../versions/<first>/diff?against=<last> (${count(kept.diffRuns.insert)} insertions, ${count(kept.diffRuns.delete)} deletions, ${count(kept.diffRuns.same)} unchanged runs; ${kb(kept.diffRuns.bodyBytes)} kB of JSON)`,
          ms(kept.diff.first),
          ms(kept.diff.median),
          kept.diff.all.map(ms).join(' '),
          cpuOf(kept.diff),
          `< ${GOALS.diffMs}`,
        ],
        [`GET .../authorship (${count(kept.authorshipSpans)} spans)`, ms(kept.authorship.first), ms(kept.authorship.median), kept.authorship.all.map(ms).join(' '), cpuOf(kept.authorship), ''],
      ],
      notes: [
        `Seeded through the server's own store code in a process of its own (bench/servers/countersignStore.ts), as its sync server writes a section live: each of the ${count(replay.updates.length)} updates (one per edit, after the one that makes the paragraph) stored with its author at a nominal 5 edits a second, the log compacted every 500 updates (deleted content and authorship ranges kept), and a named version recorded by the server's SectionHistory after each turn.`,
        'Each member writes their turns with a Yjs client id of their own, as each editor has one; the diff is checked: its unchanged and deleted runs are the first version\'s text, its unchanged and inserted runs the last version\'s, every change credited to one of the two members; the authorship spans cover the text and name a member for every passage.',
        'Server CPU: user + system time of the server process from /proc (10 ms ticks; per request, the average over every request of the row): on a machine whose other processes compete for the cores, the CPU a step takes says more than its wall time.',
        `Requests are made with the section open in one client (a member looking at its history beside the editor, after GET /api/responses/:id as their page made it), one after another; each timed from sending to the whole body received. The goals are judged on the slower of the first request and the median of the next ${REQUESTS.versions - 1} (versions) or ${REQUESTS.diff - 1} (diff).`,
      ],
    };
    const cost: Table = {
      title: `${tableTitle}: what history costs`,
      columns: ['', 'with history', 'without history', 'x', 'goal'],
      rows: [
        [
          'stored bytes of the section',
          `${kb(historyBytes)} kB: updates ${kb(s.updates.bytes)} (${s.updates.rows} rows) + authorship ${kb(s.authorship.bytes)} (${count(s.authorship.rows)} ranges) + versions ${kb(s.versions.bytes)} (${s.versions.rows}: snapshots ${kb(s.versions.snapshotBytes)}, content and text, compressed, ${kb(s.versions.contentBytes)})`,
          `${kb(plain.storedBytes)} kB: one row, the gc-on state`,
          ratio(historyBytes, plain.storedBytes),
          `< ${GOALS.costRatio}x`,
        ],
        ['  of which the document alone (section_updates)', `${kb(s.updates.bytes)} kB`, `${kb(plain.storedBytes)} kB`, ratio(s.updates.bytes, plain.storedBytes), ''],
        [
          'server heap taken by the open section (heapUsed after GC, open minus before)',
          `${mb(keptHeap)} MB (as seeded ${mb(heapOf(kept.openAsSeeded))}, compacted ${mb(heapOf(kept.openCompacted))})`,
          `${mb(plainHeap)} MB`,
          ratio(keptHeap, plainHeap),
          `< ${GOALS.costRatio}x`,
        ],
        [
          'server heapUsed with the section open',
          `${mb(Math.max(kept.openAsSeeded.heapAfter, kept.openCompacted.heapAfter))} MB`,
          `${mb(plain.open.heapAfter)} MB`,
          ratio(Math.max(kept.openAsSeeded.heapAfter, kept.openCompacted.heapAfter), plain.open.heapAfter),
          '',
        ],
        ['server RSS with the section open', `${mb(Math.max(kept.openAsSeeded.rss, kept.openCompacted.rss))} MB`, `${mb(plain.open.rss)} MB`, '', ''],
      ],
      notes: [
        'Without history = what Countersign stored before it kept history: the final state encoded by a document with gc on (deleted text reduced to GC ranges), one row, no authorship, no versions; opened by the same server.',
        'Stored bytes count every column of the section\'s rows at the size SQLite\'s record format gives it (the section id included), without per-row and page overhead.',
      ],
    };
    const judged = (timed: Timed): number => Math.max(timed.first, timed.median);
    const quickNote = options.quick ? `--quick seeds a ${count(replay.edits)}-edit prefix with ${versionCount} versions only; ` : '';
    const met = (value: boolean): boolean | null => (options.quick ? null : value);
    const goals: GoalCheck[] = [
      {
        goal: `History: cold open < ${GOALS.coldOpenMs} ms`,
        met: met(kept.openCompacted.ms < GOALS.coldOpenMs),
        detail: `${quickNote}${label} ${ms(kept.openCompacted.ms)} ms (${cpu(kept.openCompacted.cpuMs)} ms of server CPU) on a freshly started process, the section compacted as every unload and shutdown leaves it (without history ${ms(plain.open.ms)} ms); the first open of the seeded rows (up to 499 updates not yet compacted, as after a kill -9) ${ms(kept.openAsSeeded.ms)} ms`,
      },
      {
        goal: `History: versions list < ${GOALS.versionsMs} ms`,
        met: met(judged(kept.versions) < GOALS.versionsMs),
        detail: `${quickNote}${kept.versionCount} versions: first request ${ms(kept.versions.first)} ms, then median ${ms(kept.versions.median)} ms (server CPU ${cpu(kept.versions.firstCpuMs)} ms for the first, median ${cpu(kept.versions.medianCpuMs)} ms)`,
      },
      {
        goal: `History: diff between the first and the last version < ${GOALS.diffMs} ms`,
        met: met(judged(kept.diff) < GOALS.diffMs),
        detail: `${quickNote}first request ${ms(kept.diff.first)} ms, then median ${ms(kept.diff.median)} ms (server CPU ${cpu(kept.diff.firstCpuMs)} ms for the first, median ${cpu(kept.diff.medianCpuMs)} ms; ${count(kept.diffRuns.insertedChars)} characters inserted, ${count(kept.diffRuns.deletedChars)} deleted, by ${kept.diffRuns.members} members)`,
      },
      {
        goal: `History: stored bytes < ${GOALS.costRatio}x the section without history`,
        met: met(historyBytes < GOALS.costRatio * plain.storedBytes),
        detail: `${quickNote}${kb(historyBytes)} kB vs ${kb(plain.storedBytes)} kB = ${ratio(historyBytes, plain.storedBytes)} (the document alone ${ratio(s.updates.bytes, plain.storedBytes)}, authorship ${kb(s.authorship.bytes)} kB, versions ${kb(s.versions.bytes)} kB)`,
      },
      {
        goal: `History: server heap for the open section < ${GOALS.costRatio}x the section without history`,
        met: met(keptHeap < GOALS.costRatio * plainHeap),
        detail: `${quickNote}${mb(keptHeap)} MB vs ${mb(plainHeap)} MB = ${ratio(keptHeap, plainHeap)} (heapUsed with it open ${mb(Math.max(kept.openAsSeeded.heapAfter, kept.openCompacted.heapAfter))} vs ${mb(plain.open.heapAfter)} MB)`,
      },
    ];
    return { tables: [timing, cost], goals, profiles: [] };
  },
};
