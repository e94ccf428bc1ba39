// Soak: many y-websocket connections editing the PCC-owned sections of both demo responses for a
// bounded time against the real server in a child process; reports the server's memory (RSS)
// at the start and the end (goal: under 10% growth), and checks that every connection of a
// section converged and that the stored text equals it.
//
//   node --import tsx bench/soak.ts [--connections 500] [--seconds 60] [--warmup 10]
//                                   [--edits-per-second 30] [--cursors 1] [--seed 7]
//
// The start RSS is taken after --warmup seconds of the same editing (V8 grows its heap to the
// working set first); the RSS once connected, before the warm-up, is printed beside it.
//
// Loopback only; every loop is bounded in count and in time. Exit code: 0 when the data checks
// pass and the RSS goal is met, 1 when a data check fails, 2 when only the RSS goal is missed.
import { parseArgs } from 'node:util';
import type { ResponseDetail } from '../shared/api';
import { docFromUpdates } from '../server/content/sectionContent';
import { openStore } from '../server/store/openStore';
import { startChildServer, type ChildServer } from '../tests/helpers/childServer';
import { api, caretInFirstParagraph, connectSection, fragmentText, insertText, inviteUser, login, serverRoundTrip, type SectionClient } from '../tests/helpers/clients';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    'edits-per-second': { type: 'string', default: '30' },
    cursors: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
  },
});

const CONNECTIONS = bounded('connections', Number(args.connections), 1, 5_000);
const SECONDS = bounded('seconds', Number(args.seconds), 1, 3_600);
const WARMUP_SECONDS = bounded('warmup', Number(args.warmup), 0, 600);
const EDITS_PER_SECOND = bounded('edits-per-second', Number(args['edits-per-second']), 0, 2_000);
const CURSORS = args.cursors !== '0';
const SEED = Number(args.seed);
/** Sockets per user: under the server's 200, with room for an event stream or two. */
const CONNECTIONS_PER_USER = 150;
const TICK_MS = 50;
const CONNECT_DEADLINE_MS = 120_000;
const CONVERGE_DEADLINE_MS = 120_000;
const MARKER = /\[s\d+-\d+\]/g;

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return Math.floor(value);
}

/** A deterministic pseudo-random generator (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(SEED);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Polls until `done()` or the deadline; false on timeout. */
async function until(done: () => boolean, deadlineMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (done()) return true;
    await sleep(intervalMs);
  }
  return done();
}

interface Room {
  responseId: string;
  sectionId: string;
  title: string;
  inserted: string[];
}

interface Connection {
  index: number;
  room: Room;
  client: SectionClient;
  edits: number;
  closes: number;
}

/** Inserts a marker in the first paragraph, at the start, the end or next to another marker. */
function edit(connection: Connection): void {
  const { doc, provider } = connection.client;
  const marker = `[s${connection.index}-${++connection.edits}]`;
  // Through the test helpers, which own the Yjs types here: this file imports no yjs itself, so
  // the process holds the one copy that tests/helpers and server/ load (the root's), not also
  // bench/node_modules's. Next to an existing marker keeps every marker whole.
  const plain = fragmentText(doc).split('\n')[0] ?? '';
  const boundaries = [0, plain.length];
  for (const match of plain.matchAll(MARKER)) boundaries.push(match.index + match[0].length);
  const offset = boundaries[Math.floor(random() * boundaries.length)]!;
  insertText(doc, offset, marker);
  connection.room.inserted.push(marker);
  // A caret just after the marker, as y-tiptap sends it (the server passes on no other shape).
  if (CURSORS) {
    const caret = caretInFirstParagraph(doc, offset + marker.length);
    provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  }
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  // Each provider listens for the process's exit.
  process.setMaxListeners(CONNECTIONS + 20);
  const server: ChildServer = await startChildServer();
  const connections: Connection[] = [];
  let exitCode = 0;
  try {
    // Rooms: the PCC-owned sections of both demo responses.
    const pcc = await login(server.url, 'pcc@example.org');
    const list = await api<{ responses: Array<{ id: string; title: string }> }>(server.url, pcc, 'GET', '/api/responses');
    const responses: ResponseDetail[] = [];
    for (const summary of list.body.responses) {
      responses.push((await api<ResponseDetail>(server.url, pcc, 'GET', `/api/responses/${summary.id}`)).body);
    }
    const rooms: Room[] = responses.flatMap((response) =>
      response.sections
        .filter((section) => section.ownerRole === 'pcc')
        .map((section) => ({ responseId: response.id, sectionId: section.id, title: `${response.title.slice(0, 30)}... / ${section.title}`, inserted: [] })),
    );
    if (responses.length < 2 || rooms.length < 2) throw new Error(`expected the two demo responses, found ${responses.length} with ${rooms.length} PCC sections`);

    // Users: PCC drafters invited to the first response and added to the others.
    const userCount = Math.ceil(CONNECTIONS / CONNECTIONS_PER_USER);
    const cookies: string[] = [];
    for (let i = 0; i < userCount; i++) {
      const email = `soak-${i}@example.org`;
      const invited = await inviteUser(server.url, pcc, responses[0]!.id, { email, role: 'pcc', capacity: 'drafter', name: `Soak ${i}` });
      for (const response of responses.slice(1)) {
        const added = await api(server.url, pcc, 'POST', `/api/responses/${response.id}/members`, { email, role: 'pcc', capacity: 'drafter' });
        if (added.status !== 201 && added.status !== 200) throw new Error(`adding ${email}: ${added.status} ${JSON.stringify(added.body)}`);
      }
      cookies.push(invited.cookie);
    }

    // Connections, in batches.
    const connectStart = Date.now();
    for (let i = 0; i < CONNECTIONS; i++) {
      const room = rooms[i % rooms.length]!;
      const client = connectSection(server.url, cookies[Math.floor(i / CONNECTIONS_PER_USER)]!, room.responseId, room.sectionId, {}, { maxBackoffTime: 1_000 });
      const connection: Connection = { index: i, room, client, edits: 0, closes: 0 };
      client.provider.on('connection-close', () => {
        connection.closes += 1;
      });
      connections.push(connection);
      if (i % 25 === 24) await until(() => connections.every((c) => c.client.provider.synced), 10_000, 20);
    }
    if (!(await until(() => connections.every((c) => c.client.provider.synced), CONNECT_DEADLINE_MS))) {
      throw new Error(`only ${connections.filter((c) => c.client.provider.synced).length} of ${CONNECTIONS} connections synced`);
    }
    const connectMs = Date.now() - connectStart;
    await sleep(2_000);
    const rssConnected = server.rssBytes();
    console.log(
      `soak: ${CONNECTIONS} connections (${userCount} users, ${rooms.length} sections) synced in ${(connectMs / 1000).toFixed(1)} s; ` +
        `RSS ${mib(rssConnected)}; editing ${EDITS_PER_SECOND}/s${CURSORS ? ' with cursor updates' : ''}, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s`,
    );

    /** Edits at the set rate until the deadline; samples RSS every 5 s. */
    let rssPeak = rssConnected;
    const editFor = async (seconds: number, samples: string[]): Promise<number> => {
      const from = Date.now();
      const end = from + seconds * 1000;
      let owed = 0;
      let made = 0;
      let nextSample = from + 5_000;
      let last = from;
      while (Date.now() < end) {
        const now = Date.now();
        // Owed by the clock, not by ticks, so a busy client process still makes the rate; at
        // most one second's worth at once.
        owed = Math.min(owed + (EDITS_PER_SECOND * (now - last)) / 1000, Math.max(1, EDITS_PER_SECOND));
        last = now;
        for (; owed >= 1; owed -= 1) {
          const connection = connections[Math.floor(random() * connections.length)]!;
          if (!connection.client.provider.wsconnected) continue;
          edit(connection);
          made += 1;
        }
        if (Date.now() >= nextSample) {
          const rss = server.rssBytes();
          rssPeak = Math.max(rssPeak, rss);
          samples.push(`${Math.round((Date.now() - from) / 1000)}s ${mib(rss)}`);
          nextSample += 5_000;
        }
        await sleep(TICK_MS);
      }
      return made;
    };
    const warmupEdits = await editFor(WARMUP_SECONDS, []);
    const rssStart = server.rssBytes();
    const samples: string[] = [];
    const editStart = Date.now();
    const edits = await editFor(SECONDS, samples);
    console.log(`soak: RSS at start ${mib(rssStart)} (after ${warmupEdits} warm-up edits); ${edits} edits in ${((Date.now() - editStart) / 1000).toFixed(1)} s; RSS ${samples.join(', ')}`);

    // Convergence: every connection of a room holds the same text, with every marker of the room.
    const convergeStart = Date.now();
    const converged = await until(() => {
      for (const room of rooms) {
        const members = connections.filter((c) => c.room === room);
        const first = members[0]!.client.text();
        if (members.some((c) => !c.client.provider.synced || c.client.text() !== first)) return false;
        const present = new Set(first.match(MARKER) ?? []);
        if (room.inserted.some((marker) => !present.has(marker))) return false;
      }
      return true;
    }, CONVERGE_DEADLINE_MS, 250);
    const convergeMs = Date.now() - convergeStart;
    if (!converged) {
      exitCode = 1;
      console.log('soak: FAIL: the connections did not converge');
    }
    // Each connection's frames processed (hence stored) before the end is measured.
    for (const connection of connections) {
      if (connection.client.provider.wsconnected) await serverRoundTrip(connection.client.provider, 30_000).catch(() => undefined);
    }
    await sleep(2_000);
    const rssEnd = server.rssBytes();
    rssPeak = Math.max(rssPeak, rssEnd);
    const expected = new Map(rooms.map((room) => [room, connections.find((c) => c.room === room)!.client.text()]));
    const closes = connections.reduce((sum, c) => sum + c.closes, 0);

    // Everyone leaves: rooms are compacted and unloaded.
    for (const connection of connections) connection.client.destroy();
    await sleep(3_000);
    const rssAfterClose = server.rssBytes();

    // The stored text equals what the clients converged on (the server killed without warning).
    await server.kill('SIGKILL');
    const store = await openStore({ dataDir: server.dataDir });
    let storedMismatches = 0;
    try {
      for (const room of rooms) {
        const stored = fragmentText(docFromUpdates(await store.updates.load(room.sectionId)));
        if (stored !== expected.get(room)) {
          storedMismatches += 1;
          console.log(`soak: FAIL: stored text of ${room.title} differs from the clients'`);
        }
      }
    } finally {
      await store.close();
    }
    if (storedMismatches > 0) exitCode = 1;

    const growth = (rssEnd - rssStart) / rssStart;
    console.log(
      [
        '',
        'Soak results',
        `  connections          ${CONNECTIONS} over ${userCount} users and ${rooms.length} sections`,
        `  editing              ${edits} edits in ${SECONDS} s (${(edits / SECONDS).toFixed(1)}/s of ${EDITS_PER_SECOND}/s asked${CURSORS ? ', each with a cursor update' : ''}), after ${warmupEdits} in a ${WARMUP_SECONDS} s warm-up`,
        `  connect              ${(connectMs / 1000).toFixed(1)} s for all to sync`,
        `  converged            ${converged ? 'yes' : 'NO'}, ${(convergeMs / 1000).toFixed(1)} s after the last edit`,
        `  stored = seen        ${storedMismatches === 0 ? 'yes' : `NO (${storedMismatches} sections differ)`}`,
        `  connection closes    ${closes}`,
        `  RSS connected        ${mib(rssConnected)} (before the warm-up)`,
        `  RSS start            ${mib(rssStart)}`,
        `  RSS end              ${mib(rssEnd)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%, goal under +10%: ${growth < 0.1 ? 'met' : 'MISSED'})`,
        `  RSS peak             ${mib(rssPeak)}`,
        `  RSS after all left   ${mib(rssAfterClose)}`,
        `  total time           ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    if (exitCode === 0 && growth >= 0.1) exitCode = 2;
  } finally {
    for (const connection of connections) connection.client.destroy();
    await server.dispose();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
