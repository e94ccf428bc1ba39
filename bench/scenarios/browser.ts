// 8. Browser: Countersign's own client in Debian's Chromium (no peers: this measures our client).
// Opening a response of 6, 46 and 100 sections cold (a fresh context each run): time from
// navigation start to the first editor showing its text and to every section synced, the
// WebSockets the page opened and its JS heap. Then keydown-to-paint on the 46-section response
// while two other members type into the same section and move their carets.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { startCountersignApp, type CountersignApp, type Login } from '../servers/countersignApp';
import { mb, ms, summarize, type Summary } from '../stats';
import { KEY_PROBE_SCRIPT, loadProbeScript, type KeyProbe, type LoadProbe } from './browserProbes';
import { createBenchResponse, firstParagraph, signInDemoUsers, startTypist, type BenchResponse, type Logins, type Typist } from './browserSetup';
import { sleep, type GoalCheck, type Scenario, type ScenarioOptions, type Table } from './common';

/** Chromium's path and flags on these machines (tests/helpers/browser.ts, STACK.md). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SIZES = [6, 46, 100] as const;
/** The size the goals and the keystroke measurement are about ("the 46-section response"). */
const GOAL_SIZE = 46;
const LARGE_SIZE = 100;
const RUNS = { quick: 3, full: 7 };
const KEYSTROKES = { quick: 200, full: 400 };
/** Keystrokes typed before the measured ones (JIT, the first transactions of each party). */
const WARMUP_KEYSTROKES = 20;
/** The PCC's pace: a keystroke every 100 ms (a quick typist). */
const KEY_INTERVAL_MS = 100;
const LOAD_TIMEOUT_MS = 30_000;
const CONVERGE_TIMEOUT_MS = 15_000;
const GOALS = { syncedMs: 500, largeRatio: 1.5, keyP95Ms: 16 };
const PCC_WORDS = 'the force will publish its plan and report progress to the panel each quarter ';

interface LoadRun {
  firstEditorMs: number;
  allSyncedMs: number;
  syncSockets: number;
  otherSockets: number;
  heapUsedBytes: number;
}

interface SizeFigures {
  sections: number;
  runs: LoadRun[];
  firstEditor: Summary;
  allSynced: Summary;
  heap: Summary;
}

interface KeyFigures {
  keystrokes: number;
  latency: Summary;
  slowKeydowns: number;
  slowestKeydownMs: number;
  othersInserted: number;
  finalLength: number;
}

function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  sockets: { sync: number; other: number };
}

/** A fresh context (no cache, no local copies) signed in with the user's session cookie, and a page. */
async function openPage(browser: Browser, app: CountersignApp, login: Login, initScript: string): Promise<OpenPage> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: login.sessionToken, url: app.url, httpOnly: true, sameSite: 'Lax' }]);
  await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  const errors: string[] = [];
  const sockets = { sync: 0, other: 0 };
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname.startsWith('/sync/')) sockets.sync += 1;
    else sockets.other += 1;
  });
  return { context, page, errors, sockets };
}

/**
 * Waits until an expression holds in the page. The app's Content-Security-Policy forbids eval,
 * which page.waitForFunction needs for a string; page.evaluate of a string goes through CDP.
 */
async function pollPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (performance.now() > deadline) throw new Error(`${expression} did not hold within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** Navigates to the response and waits until every section is synced; returns the probe's figures. */
async function navigate(open: OpenPage, app: CountersignApp, response: BenchResponse): Promise<LoadProbe> {
  const { page } = open;
  await page.goto(`${app.url}/responses/${response.id}`, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
  try {
    await pollPage(page, 'window.__benchLoad !== undefined && window.__benchLoad.allSyncedMs !== null', LOAD_TIMEOUT_MS);
  } catch (error) {
    const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const state = (await page.evaluate(`({ probe: window.__benchLoad, status: document.querySelector('.save-status')?.textContent ?? null })`)) as {
      probe: LoadProbe | undefined;
      status: string | null;
    };
    throw new Error(
      `${response.sections.length} sections: not all synced (${cause}; ${state.probe?.editors ?? 0} editors, save status "${state.status ?? 'none'}" at ${open.page.url()}${open.errors.length > 0 ? `, page errors: ${open.errors[0]}` : ''})`,
    );
  }
  if (open.errors.length > 0) throw new Error(`the page threw: ${open.errors.join('; ')}`);
  return (await page.evaluate('window.__benchLoad')) as LoadProbe;
}

/** One cold open of a response: timings, sockets opened by then, and the JS heap after a GC. */
async function loadOnce(browser: Browser, app: CountersignApp, login: Login, response: BenchResponse): Promise<LoadRun> {
  const open = await openPage(browser, app, login, loadProbeScript(response.sections.map((section) => section.marker)));
  try {
    const probe = await navigate(open, app, response);
    const sockets = { ...open.sockets };
    const cdp = await open.context.newCDPSession(open.page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return {
      firstEditorMs: probe.firstEditorMs!,
      allSyncedMs: probe.allSyncedMs!,
      syncSockets: sockets.sync,
      otherSockets: sockets.other,
      heapUsedBytes: heap.usedSize,
    };
  } finally {
    await open.context.close();
  }
}

async function measureSize(browser: Browser, app: CountersignApp, logins: Logins, response: BenchResponse, runs: number): Promise<SizeFigures> {
  const results: LoadRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await loadOnce(browser, app, logins.pcc, response));
  return {
    sections: response.sections.length,
    runs: results,
    firstEditor: summarize(results.map((run) => run.firstEditorMs)),
    allSynced: summarize(results.map((run) => run.allSyncedMs)),
    heap: summarize(results.map((run) => run.heapUsedBytes)),
  };
}

/** The text of the first editor as a reader sees it: without the other members' caret widgets. */
const FIRST_EDITOR_TEXT = `(() => {
  const editor = document.querySelectorAll('[role=textbox][contenteditable]')[0];
  if (!editor) return null;
  const copy = editor.cloneNode(true);
  for (const widget of copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-widget')) widget.remove();
  return { text: copy.textContent, status: document.querySelector('.save-status')?.textContent?.trim() ?? '' };
})()`;

/**
 * The PCC types into the first section (the PCC's comments) at a steady pace while the policy
 * officer and the second PCC writer type into the same paragraph from headless clients and move
 * their carets. Afterwards the page and both clients must hold the same text, of the length all
 * three typed, with everything saved.
 */
async function keydownToPaint(browser: Browser, app: CountersignApp, logins: Logins, response: BenchResponse, options: ScenarioOptions): Promise<KeyFigures> {
  const section = response.sections[0]!;
  if (section.ownerRole !== 'pcc') throw new Error(`the first section belongs to ${section.ownerRole}, not the PCC`);
  const open = await openPage(browser, app, logins.pcc, loadProbeScript(response.sections.map((s) => s.marker)));
  const typists: Typist[] = [];
  try {
    await navigate(open, app, response);
    const { page } = open;
    await page.evaluate(KEY_PROBE_SCRIPT);
    const editor = page.getByRole('textbox', { name: section.title });
    await editor.click();
    await page.keyboard.press('Control+End');
    const initial = (await page.evaluate(FIRST_EDITOR_TEXT)) as { text: string } | null;
    if (!initial) throw new Error('no editor on the page');
    typists.push(await startTypist(app, logins.officer, response.id, section.id, 'officer notes ', 0, 7));
    typists.push(await startTypist(app, logins.secondWriter!, response.id, section.id, 'second writer ', 0.5, 11));

    const keystrokes = WARMUP_KEYSTROKES + (options.quick ? KEYSTROKES.quick : KEYSTROKES.full);
    // A steady human pace: each keystroke is due KEY_INTERVAL_MS after the one before.
    let dueAt = performance.now();
    for (let i = 0; i < keystrokes; i++) {
      await page.keyboard.type(PCC_WORDS[i % PCC_WORDS.length]!);
      dueAt += KEY_INTERVAL_MS;
      const wait = dueAt - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await pollPage(page, `window.__benchKeys.samples.length >= ${keystrokes}`, 10_000);
    for (const typist of typists) await typist.stop();
    const probe = (await page.evaluate('window.__benchKeys')) as KeyProbe;
    const othersInserted = typists.reduce((sum, typist) => sum + typist.inserted(), 0);
    const expectedLength = initial.text.length + keystrokes + othersInserted;

    // Everyone ends with the same text, of the length all three typed, and all of it saved.
    const deadline = performance.now() + CONVERGE_TIMEOUT_MS;
    let last = '';
    for (;;) {
      const shown = (await page.evaluate(FIRST_EDITOR_TEXT)) as { text: string; status: string } | null;
      const clientTexts = typists.map((typist) => firstParagraph(typist.client.doc)?.toString() ?? '');
      last = `page ${shown?.text.length ?? 0} characters ("${shown?.status ?? ''}"), clients ${clientTexts.map((t) => t.length).join(' and ')}, expected ${expectedLength}`;
      if (shown && shown.status === 'All changes saved' && shown.text.length === expectedLength && clientTexts.every((t) => t === shown.text)) break;
      if (performance.now() > deadline) throw new Error(`keydown-to-paint: the three writers did not converge within ${CONVERGE_TIMEOUT_MS / 1000} s: ${last}`);
      await sleep(100);
    }
    if (open.errors.length > 0) throw new Error(`the page threw: ${open.errors.join('; ')}`);
    const measured = probe.samples.slice(WARMUP_KEYSTROKES);
    // Event Timing entries start at their event's timeStamp: those of the measured keystrokes.
    const measuredFrom = probe.keydownsAt[WARMUP_KEYSTROKES] ?? Number.POSITIVE_INFINITY;
    const slow = probe.slowKeydowns.filter((entry) => entry.startTime >= measuredFrom).map((entry) => entry.duration);
    return {
      keystrokes: measured.length,
      latency: summarize(measured),
      slowKeydowns: slow.length,
      slowestKeydownMs: slow.length > 0 ? Math.max(...slow) : Number.NaN,
      othersInserted,
      finalLength: expectedLength,
    };
  } finally {
    for (const typist of typists) {
      await typist.stop();
      typist.destroy();
    }
    await open.context.close();
  }
}

export const browserScenario: Scenario = {
  id: 'browser',
  title: '8. Browser: opening a response in Chromium, and keydown-to-paint',
  async run(options) {
    if (!options.kinds.includes('countersign')) {
      return { tables: [{ title: 'Browser: skipped (it measures the Countersign client only; add countersign to --servers)', columns: ['note'], rows: [['skipped']], notes: [] }], goals: [], profiles: [] };
    }
    const runs = options.quick ? RUNS.quick : RUNS.full;
    const app = await startCountersignApp();
    let browser: Browser | null = null;
    try {
      const logins = await signInDemoUsers(app);
      const responses = new Map<number, BenchResponse>();
      for (const size of SIZES) {
        responses.set(size, await createBenchResponse(app, logins, size));
        options.log(`  set up a response with ${size} sections`);
      }
      browser = await launchBrowser();
      // One unmeasured open first: the server's JIT and its first reads of each file.
      await loadOnce(browser, app, logins.pcc, responses.get(GOAL_SIZE)!);
      const sizes = new Map<number, SizeFigures | string>();
      for (const size of SIZES) {
        try {
          const figures = await measureSize(browser, app, logins, responses.get(size)!, runs);
          sizes.set(size, figures);
          options.log(`  ${size} sections: first editor p50 ${ms(figures.firstEditor.p50)} ms, all synced p50 ${ms(figures.allSynced.p50)} ms (max ${ms(figures.allSynced.max)})`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          options.log(`  ${size} sections: FAILED: ${message}`);
          sizes.set(size, message);
        }
      }
      let keys: KeyFigures | string;
      try {
        keys = await keydownToPaint(browser, app, logins, responses.get(GOAL_SIZE)!, options);
        options.log(`  keydown-to-paint: p50 ${ms(keys.latency.p50)} p95 ${ms(keys.latency.p95)} max ${ms(keys.latency.max)} ms over ${keys.keystrokes} keystrokes`);
      } catch (error) {
        keys = error instanceof Error ? error.message : String(error);
        options.log(`  keydown-to-paint: FAILED: ${keys}`);
      }
      return report(sizes, keys, runs);
    } finally {
      await browser?.close();
      await app.stop();
    }
  },
};

/** The tables and goals of the browser scenario. */
function report(sizes: Map<number, SizeFigures | string>, keys: KeyFigures | string, runs: number): { tables: Table[]; goals: GoalCheck[]; profiles: string[] } {
  const load: Table = {
    title: `Browser: opening a response cold in Chromium (fresh context per run, ${runs} runs per size), ms from navigation start`,
    columns: ['sections', 'first editor p50', 'first editor max', 'all synced p50', 'all synced max', 'sync sockets', 'other sockets', 'JS heap MB p50', 'JS heap MB max'],
    rows: [],
    notes: [
      'Countersign only: the built client (vite build) served by the bundle as `npm start` runs it, on the demo data; each response set up through the HTTP API (the standard 6 sections, the rest imported as recommendations owned by the chief constable), one paragraph of text put in every section through a y-websocket client first.',
      'The PCC (signatory, administrator) opens the response in a new browser context (no cache, no copies in IndexedDB). First editor: the first `[role=textbox][contenteditable]` shows its section\'s text; all synced: every editor shows its text and the save-status region says "All changes saved". Both read once a frame (requestAnimationFrame), so to one frame (~16 ms).',
      'Sockets: WebSockets the page opened by then (page.on("websocket")): one per section under /sync/, and the others (the response\'s event stream). JS heap: CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage, once all synced.',
      'One unmeasured open of the 46-section response comes first. Chromium, the server and the Node clients share the machine\'s 2 cores.',
    ],
  };
  for (const size of SIZES) {
    const figures = sizes.get(size);
    if (figures === undefined) continue;
    if (typeof figures === 'string') {
      load.rows.push([String(size), `FAILED: ${figures}`, '', '', '', '', '', '', '']);
      continue;
    }
    const socketRange = (values: number[]): string => (Math.min(...values) === Math.max(...values) ? String(values[0]) : `${Math.min(...values)}-${Math.max(...values)}`);
    load.rows.push([
      String(size),
      ms(figures.firstEditor.p50),
      ms(figures.firstEditor.max),
      ms(figures.allSynced.p50),
      ms(figures.allSynced.max),
      socketRange(figures.runs.map((run) => run.syncSockets)),
      socketRange(figures.runs.map((run) => run.otherSockets)),
      mb(figures.heap.p50),
      mb(figures.heap.max),
    ]);
  }
  const keyTable: Table = {
    title: `Browser: keydown-to-paint on the ${GOAL_SIZE}-section response, the PCC typing one key every ${KEY_INTERVAL_MS} ms while two other members type into the same section (ms)`,
    columns: ['keystrokes', 'p50', 'p95', 'p99', 'max', 'Event Timing: keydowns >= 16 ms', "others' characters", 'end'],
    rows: [],
    notes: [
      `Per keystroke (page.keyboard), in the page: from the keydown event's timeStamp to a MessageChannel message posted from the requestAnimationFrame after the \`input\` event, i.e. just after the frame that shows the character; the first ${WARMUP_KEYSTROKES} keystrokes are not counted.`,
      "The cross-check: how many of the measured keydowns the Event Timing API reports at 16 ms or more (its smallest threshold), with the longest. Its durations run from the event's timeStamp to the next paint and are rounded to 8 ms, so one of 12 ms already counts as 16.",
      'The policy officer (PCC drafter) and a second PCC writer, invited through the API, type into the same paragraph from headless y-websocket clients, about 5 characters a second each, and move their carets (awareness, as y-prosemirror reads it) with every step and elsewhere every fifth step.',
      'End: the page and both clients hold the same text, of the length the three typed, and the page says "All changes saved".',
    ],
  };
  if (typeof keys === 'string') keyTable.rows.push([`FAILED: ${keys}`, '', '', '', '', '', '', '']);
  else {
    keyTable.rows.push([
      String(keys.keystrokes),
      ms(keys.latency.p50),
      ms(keys.latency.p95),
      ms(keys.latency.p99),
      ms(keys.latency.max),
      `${keys.slowKeydowns} of ${keys.keystrokes}${Number.isFinite(keys.slowestKeydownMs) ? ` (longest ${ms(keys.slowestKeydownMs)})` : ''}`,
      String(keys.othersInserted),
      `equal, ${keys.finalLength} characters, saved`,
    ]);
  }

  const goals: GoalCheck[] = [];
  const goal = sizes.get(GOAL_SIZE);
  const large = sizes.get(LARGE_SIZE);
  const goalFigures = typeof goal === 'object' ? goal : null;
  const largeFigures = typeof large === 'object' ? large : null;
  goals.push({
    goal: `Browser: every section of the ${GOAL_SIZE}-section response synced < ${GOALS.syncedMs} ms from navigation (p50 of the runs)`,
    met: goalFigures ? goalFigures.allSynced.p50 < GOALS.syncedMs : false,
    detail: goalFigures ? `p50 ${ms(goalFigures.allSynced.p50)} ms, max ${ms(goalFigures.allSynced.max)} ms over ${goalFigures.runs.length} runs` : `failed: ${String(goal)}`,
  });
  goals.push({
    goal: `Browser: ${LARGE_SIZE} sections synced in <= ${GOALS.largeRatio}x the time of ${GOAL_SIZE} (p50)`,
    met: goalFigures && largeFigures ? largeFigures.allSynced.p50 <= GOALS.largeRatio * goalFigures.allSynced.p50 : false,
    detail:
      goalFigures && largeFigures
        ? `${ms(largeFigures.allSynced.p50)} ms vs ${ms(goalFigures.allSynced.p50)} ms: ${(largeFigures.allSynced.p50 / goalFigures.allSynced.p50).toFixed(2)}x`
        : 'a size failed',
  });
  goals.push({
    goal: `Browser: keydown-to-paint p95 < ${GOALS.keyP95Ms} ms on the ${GOAL_SIZE}-section response with two other members typing`,
    met: typeof keys === 'string' ? false : keys.latency.p95 < GOALS.keyP95Ms,
    detail: typeof keys === 'string' ? `failed: ${keys}` : `p50 ${ms(keys.latency.p50)}, p95 ${ms(keys.latency.p95)}, max ${ms(keys.latency.max)} ms over ${keys.keystrokes} keystrokes`,
  });
  return { tables: [load, keyTable], goals, profiles: [] };
}
