// 5. Many documents: 50 responses x 3 editors typing 5 characters a second each into their
// response's section; then 1,000 idle connections spread over 250 sections, and what is left
// once they leave and the rooms unload.
import { editorText, sectionText } from '../editorDoc';
import { readProc } from '../proc';
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type BenchClient, type ServerKind } from '../servers/types';
import { mb, ms, seconds, Samples, type Summary } from '../stats';
import {
  closeSummary,
  connectMany,
  destroyAll,
  expectConverged,
  expectStored,
  forEachServer,
  profileDirFor,
  sleep,
  trackArrivals,
  warmupSeconds,
  type GoalCheck,
  type Scenario,
  type ScenarioOptions,
  type Table,
} from './common';

const RESPONSES = 50;
const EDITORS = 3;
const CHARS_PER_SECOND = 5;
const IDLE_CONNECTIONS = 1000;
const IDLE_DOCS = 250;

interface ManyFigures {
  latency: Summary;
  expected: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
  rssAtStart: number;
  rssBeforeIdle: number;
  rssIdle: number;
  heapIdle: number;
  rssAfterLeave: number;
  rssAfterLeaveGc: number;
  heapAfterLeaveGc: number;
}

async function runOne(kind: ServerKind, typingSeconds: number, options: ScenarioOptions): Promise<ManyFigures> {
  const server = await startServerUnderTest(kind, {
    docs: IDLE_DOCS,
    responses: RESPONSES,
    maxConnections: IDLE_CONNECTIONS + RESPONSES * EDITORS,
    cpuProfileDir: profileDirFor(options, kind, 'manydocs'),
  });
  try {
    const rssAtStart = readProc(server.pid).rssBytes;
    // Documents 0..49 are the first section of each of the 50 responses.
    const editors = await connectMany(server, RESPONSES * EDITORS, (index) => server.docNames[Math.floor(index / EDITORS)]!);
    await sleep(500);
    const samples = new Samples();
    let measureFrom = Number.POSITIVE_INFINITY;
    const sentAt = editors.map(() => [] as number[]);
    const detach: Array<() => void> = [];
    editors.forEach((editor, index) => {
      const group = Math.floor(index / EDITORS);
      for (let other = group * EDITORS; other < (group + 1) * EDITORS; other++) {
        if (other === index) continue;
        detach.push(
          trackArrivals(editors[other]!.doc, editor.doc.clientID, sentAt[index]!, (latency, sent) => {
            if (sent >= measureFrom) samples.add(latency);
          }),
        );
      }
    });
    const meter = server.meter();
    const start = performance.now();
    measureFrom = start + warmupSeconds(options) * 1000;
    const warmupChars = Math.round(warmupSeconds(options) * CHARS_PER_SECOND);
    const perEditor = warmupChars + Math.round(typingSeconds * CHARS_PER_SECOND);
    const intervalMs = 1000 / CHARS_PER_SECOND;
    // Each editor at its own phase; all keystrokes in one time-ordered schedule.
    const typed = editors.map(() => 0);
    const due = editors.map((_, index) => start + (index / editors.length) * intervalMs);
    for (let step = 0; step < perEditor * editors.length; step++) {
      let who = 0;
      for (let i = 1; i < due.length; i++) if (due[i]! < due[who]!) who = i;
      const wait = due[who]! - performance.now();
      if (wait > 0) await sleep(wait);
      const editor = editors[who]!;
      const text = editorText(editor.doc);
      sentAt[who]![typed[who]!] = performance.now();
      // Each editor types its own word at the end of the section.
      text.insert(text.length, String.fromCharCode(97 + (who % EDITORS)));
      typed[who]! += 1;
      due[who] = typed[who]! < perEditor ? due[who]! + intervalMs : Number.POSITIVE_INFINITY;
    }
    const expectedTexts = new Map<string, string>();
    for (let group = 0; group < RESPONSES; group++) {
      const members = editors.slice(group * EDITORS, (group + 1) * EDITORS);
      // Converged means all three hold the same text, of the right length.
      const reference = members[0]!;
      const ok = await waitConverged(members, perEditor * EDITORS);
      if (!ok) throw new Error(`section ${group}: its ${EDITORS} editors diverged`);
      expectedTexts.set(server.docNames[group]!, sectionText(reference.doc));
    }
    const phase = meter.end();
    for (const off of detach) off();
    const closed = editors.reduce((sum, editor) => sum + editor.closedCount(), 0);
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during typing (${closeSummary(editors)})`);
    destroyAll(editors);
    await sleep(2000);

    // Idle connections.
    const rssBeforeIdle = readProc(server.pid).rssBytes;
    const idle = await connectMany(server, IDLE_CONNECTIONS, (index) => server.docNames[index % IDLE_DOCS]!);
    await sleep(3000);
    const rssIdle = readProc(server.pid).rssBytes;
    const heapIdle = (await server.memory(false)).heapUsed;
    const idleClosed = idle.reduce((sum, client) => sum + client.closedCount(), 0);
    // The idle clients of a typed section must have its text too.
    const typedIdle = idle.filter((_, index) => index % IDLE_DOCS < RESPONSES);
    for (const client of typedIdle) {
      const docIndex = idle.indexOf(client) % IDLE_DOCS;
      await expectConverged([client], expectedTexts.get(server.docNames[docIndex]!)!, 10_000, 'idle client of a typed section');
    }
    destroyAll(idle);
    await sleep(3000);
    const rssAfterLeave = readProc(server.pid).rssBytes;
    const afterGc = await server.memory(true);
    await sleep(200);
    const rssAfterLeaveGc = readProc(server.pid).rssBytes;
    if (idleClosed > 0) throw new Error(`${idleClosed} idle sockets were closed by the server (${closeSummary(idle)})`);
    await server.stop();
    await expectStored(server, expectedTexts);
    return {
      latency: samples.summary(),
      expected: sentAt.reduce((sum, times) => sum + times.filter((time) => time >= measureFrom).length, 0) * (EDITORS - 1),
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
      rssAtStart,
      rssBeforeIdle,
      rssIdle,
      heapIdle,
      rssAfterLeave,
      rssAfterLeaveGc,
      heapAfterLeaveGc: afterGc.heapUsed,
    };
  } finally {
    await server.stop();
  }
}

async function waitConverged(members: BenchClient[], length: number): Promise<boolean> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const texts = members.map((member) => sectionText(member.doc));
    if (texts[0]!.length === length && texts.every((text) => text === texts[0])) return true;
    await sleep(50);
  }
  return false;
}

export const manyDocuments: Scenario = {
  id: 'manydocs',
  title: '5. Many documents: 50 responses x 3 editors, then 1,000 idle connections',
  async run(options) {
    const typingSeconds = options.quick ? 5 : 60;
    const results = await forEachServer(options, (kind) => runOne(kind, typingSeconds, options));
    const typingTable: Table = {
      title: `Many documents: ${RESPONSES} sections (one per response) x ${EDITORS} editors, each typing ${CHARS_PER_SECOND} chars/s for ${typingSeconds} s (after ${warmupSeconds(options)} s of warm-up); latency editor -> the other two (ms)`,
      columns: ['server', 'p50', 'p95', 'p99', 'max', 'samples', 'server CPU s', 'peak RSS MB', 'bench CPU s'],
      rows: [],
      notes: [],
    };
    const idleTable: Table = {
      title: `Idle: ${IDLE_CONNECTIONS} connections over ${IDLE_DOCS} sections (${RESPONSES} responses x 5), synced and silent; server RSS (MB)`,
      columns: ['server', 'RSS at start', 'RSS before (after typing)', 'RSS with 1,000 idle', 'heap used with idle', 'RSS after they leave', 'RSS after leave + full GC', 'heap after leave + GC'],
      rows: [],
      notes: ['Measured 3 s after the last client synced, and 3 s after the last one left (rooms unloaded).'],
    };
    const goals: GoalCheck[] = [];
    for (const { kind, result, error } of results) {
      if (!result) {
        typingTable.rows.push([SERVER_LABELS[kind], `FAILED: ${error}`, '', '', '', '', '', '', '']);
        idleTable.rows.push([SERVER_LABELS[kind], 'FAILED', '', '', '', '', '', '']);
        if (kind === 'countersign') goals.push({ goal: '1,000 idle connections < 100 MB RSS', met: false, detail: `failed: ${error}` });
        continue;
      }
      const l = result.latency;
      typingTable.rows.push([
        SERVER_LABELS[kind],
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        `${l.count}/${result.expected}`,
        seconds(result.serverCpuSeconds),
        mb(result.peakRssBytes),
        seconds(result.benchCpuSeconds),
      ]);
      idleTable.rows.push([
        SERVER_LABELS[kind],
        mb(result.rssAtStart),
        mb(result.rssBeforeIdle),
        mb(result.rssIdle),
        mb(result.heapIdle),
        mb(result.rssAfterLeave),
        mb(result.rssAfterLeaveGc),
        mb(result.heapAfterLeaveGc),
      ]);
      options.log(`  ${kind}: p99 ${ms(l.p99)} ms, idle RSS ${mb(result.rssIdle)} MB`);
      if (kind === 'countersign') {
        goals.push({ goal: '1,000 idle connections < 100 MB RSS', met: result.rssIdle < 100 * 1024 * 1024, detail: `${SERVER_LABELS[kind]} ${mb(result.rssIdle)} MB (${mb(result.rssBeforeIdle)} MB before they connected)` });
      }
    }
    return { tables: [typingTable, idleTable], goals, profiles: [] };
  },
};
