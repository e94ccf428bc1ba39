// A viewer must not be able to break others' editors through presence (security test "Hostile
// members and hostile input"). The PCC and a PCC drafter co-edit the PCC's section in Chromium
// while the viewer, on a raw socket with its own session, sends one bad presence state after
// another to that section. Each state reaches the PCC's browser the way the server passes it
// on. The drafter's browser also gets each state exactly as the viewer sent it, added to its
// socket by Playwright (on the PCC section's channel of the page's one socket) as a server that
// forwards presence unchecked (an old one, a foreign one) would deliver it, so the client's own
// defence is tested too. After each state, each member's
// edit appears in the other's editor, and nothing either types removes the other's text, in
// either editor, in the server's live copy or in storage.
//
// PRESENCE_SEED replays a run's shapes.
import type { BrowserContext, Locator, Page, WebSocketRoute } from 'playwright-core';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { docFromUpdates } from '../../server/content/sectionContent';
import { encodeChannelFrame } from '../../shared/channelMessages';
import { CLOSE_MALFORMED, MESSAGE_AWARENESS, responseSyncPath, SECTION_FRAGMENT, syncPath } from '../../shared/protocol';
import { editorText, eventually, openFirstResponse, signIn, typeAtEnd } from '../helpers/browser';
import { browserSuite } from '../helpers/browserSuite';
import { connectSection, fragmentText, login, openRawSocket, sampleResponse, type SectionClient } from '../helpers/clients';
import { presenceShapes, type CaretJson, type PresenceShape } from '../helpers/presenceShapes';
import { waitFor } from '../helpers/waitFor';

const SEED = Number(process.env.PRESENCE_SEED ?? 0x9e5e);
const PCC_SECTION = "Police and Crime Commissioner's comments";
const VIEWER_NAME = 'Casey Brown';
/** Seeded mutations of a real caret, after the fixed shapes. */
const MUTATIONS = 16;
const FUZZ_TIMEOUT = 420_000;
const GUARD_TIMEOUT = 120_000;

/** One awareness frame setting a client's state to the given JSON text. */
function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

async function rawSocket(url: string, path: string, cookie: string): Promise<WebSocket> {
  const opened = await openRawSocket(url, path, { cookie });
  if (!('socket' in opened)) throw new Error(`the viewer's socket was refused: ${opened.refused}`);
  return opened.socket;
}

/** A caret in the section's first paragraph, as y-tiptap sends it. */
function caretIn(doc: Y.Doc): CaretJson {
  const paragraph = doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const at = (index: number, assoc: number) =>
    JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, index, assoc))) as Record<string, unknown>;
  return { anchor: at(3, 0), head: at(12, -1) };
}

/** The names on the other members' carets shown in an editor. */
function caretNames(editor: Locator): Promise<string[]> {
  return editor.locator('.collaboration-carets__label').allTextContents();
}

/** Records a page's CSP violations (the app must cause none, zod's probe for eval included). */
async function recordCspViolations(context: BrowserContext, page: Page, violations: string[]): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} (${event.blockedURI} from ${event.sourceFile}:${event.lineNumber})`));
  });
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) violations.push(message.text());
  });
}

/** Which of the markers a text lacks. */
function missing(markers: string[], text: string): string[] {
  return markers.filter((marker) => !text.includes(marker));
}

describe('presence from a hostile viewer', () => {
  const suite = browserSuite();
  let response: ResponseDetail;
  let section: Section;

  /** The PCC and the drafter with the sample's PCC section open; `route` sets up the drafter's sockets first. */
  async function openPair(route?: (context: BrowserContext) => Promise<void>) {
    response = await sampleResponse(suite.server.url, await login(suite.server.url, 'pcc@example.org'));
    section = response.sections.find((candidate) => candidate.title === PCC_SECTION)!;
    const pcc = await suite.newUser();
    const officer = await suite.newUser();
    await route?.(officer.context);
    const violations: string[] = [];
    for (const user of [pcc, officer]) await recordCspViolations(user.context, user.page, violations);
    await signIn(pcc.page, 'pcc@example.org');
    await signIn(officer.page, 'officer@example.org');
    await openFirstResponse(pcc.page);
    await openFirstResponse(officer.page);
    const pccEditor = pcc.page.getByRole('textbox', { name: PCC_SECTION });
    const officerEditor = officer.page.getByRole('textbox', { name: PCC_SECTION });
    await eventually(() => pccEditor.getAttribute('aria-readonly')).toBeNull();
    await eventually(() => officerEditor.getAttribute('aria-readonly')).toBeNull();
    return { pcc, officer, pccEditor, officerEditor, violations };
  }

  /** Each member types in turn; each sees the other's text, and nothing typed so far is lost anywhere. */
  async function typeInTurn(
    members: Array<{ editor: Locator; marker: string }>,
    typed: string[],
    observer: SectionClient,
  ): Promise<void> {
    for (const { editor, marker } of members) {
      await typeAtEnd(editor, marker);
      typed.push(marker);
      for (const other of members) await eventually(async () => missing([marker], await editorText(other.editor))).toEqual([]);
    }
    for (const { editor } of members) await eventually(async () => missing(typed, await editorText(editor))).toEqual([]);
    await eventually(() => missing(typed, observer.text())).toEqual([]);
    const store = suite.server.server.context.store;
    await eventually(async () => missing(typed, fragmentText(docFromUpdates(await store.updates.load(section.id))))).toEqual([]);
  }

  it(
    "no bad presence state stops an editor applying others' edits or makes typing overwrite them",
    async () => {
      const url = suite.server.url;
      // The drafter's page socket passes through Playwright, which can add frames to it.
      let officerSocket: WebSocketRoute | null = null;
      const { pcc, officer, pccEditor, officerEditor, violations } = await openPair((context) =>
        context.routeWebSocket(/\/sync\//, (socket) => {
          socket.connectToServer();
          if (new URL(socket.url()).pathname === responseSyncPath(response.id)) officerSocket = socket;
        }),
      );
      const path = syncPath(response.id, section.id);

      // The server's live copy of the section, as a reader sees it.
      const observer = connectSection(url, await login(url, 'chief@example.org'), response.id, section.id);
      await waitFor(() => expect(observer.provider.synced).toBe(true));

      const viewerCookie = await login(url, 'viewer@example.org');
      const viewer = await rawSocket(url, path, viewerCookie);
      const viewerId = 0x5eed;
      let clock = 0;
      // Sends a state through the server; resolves once the server has passed it on.
      const sendThroughServer = async (json: string): Promise<void> => {
        clock += 1;
        const sent = clock;
        viewer.send(awarenessFrame(viewerId, sent, json));
        await waitFor(() => expect(observer.provider.awareness.meta.get(viewerId)?.clock).toBeGreaterThanOrEqual(sent));
      };
      // Delivers a state to the drafter's browser as it was sent, as if the server had passed it on.
      // (A provider that echoes it back would have the echo dropped by the server, the id being the viewer's.)
      const deliverUncheckedToOfficer = (json: string): void => {
        clock += 1;
        if (!officerSocket) throw new Error("the drafter's page socket is not routed");
        officerSocket.send(Buffer.from(encodeChannelFrame(section.id, awarenessFrame(viewerId, clock, json))));
      };

      const caret = caretIn(observer.doc);
      // Carets work: the viewer's caret shows in both editors, under the name the server knows.
      await sendThroughServer(JSON.stringify({ user: { name: 'Mallory', color: '#000000' }, cursor: caret }));
      await eventually(() => caretNames(pccEditor)).toEqual([VIEWER_NAME]);
      await eventually(() => caretNames(officerEditor)).toEqual([VIEWER_NAME]);

      const typed: string[] = [];
      const round = async (index: number, shape: PresenceShape): Promise<void> => {
        if (shape.refused) {
          // Not an object: the server refuses it and closes that socket; the viewer's own stays.
          const other = await rawSocket(url, path, viewerCookie);
          const closed = new Promise<number>((resolve) => other.once('close', (code) => resolve(code)));
          other.send(awarenessFrame(viewerId + 1 + index, 1, shape.json));
          expect(await closed).toBe(CLOSE_MALFORMED);
        } else {
          await sendThroughServer(shape.json);
        }
        deliverUncheckedToOfficer(shape.json);
        await typeInTurn(
          [
            { editor: pccEditor, marker: `[p${index}]` },
            { editor: officerEditor, marker: `[o${index}]` },
          ],
          typed,
          observer,
        );
      };
      for (const [index, shape] of presenceShapes({ caret, seed: SEED, mutations: MUTATIONS }).entries()) {
        try {
          await round(index, shape);
        } catch (error) {
          throw new Error(`after the presence state "${shape.name}" (${shape.json.slice(0, 200)}): ${String(error)}`);
        }
      }

      // Carets still work after it all.
      await sendThroughServer(JSON.stringify({ cursor: caret }));
      await eventually(() => caretNames(pccEditor)).toContain(VIEWER_NAME);
      await eventually(() => caretNames(officerEditor)).toContain(VIEWER_NAME);
      expect(viewer.readyState).toBe(viewer.OPEN);
      expect(pcc.pageErrors).toEqual([]);
      expect(officer.pageErrors).toEqual([]);
      expect(violations).toEqual([]);
      viewer.close();
      observer.destroy();
    },
    FUZZ_TIMEOUT,
  );

  it(
    'an error while drawing carets costs only the carets, never remote edits',
    async () => {
      const url = suite.server.url;
      const { pcc, officer, pccEditor, officerEditor } = await openPair();
      const observer = connectSection(url, await login(url, 'chief@example.org'), response.id, section.id);
      await waitFor(() => expect(observer.provider.synced).toBe(true));

      // No state that travels as JSON gets past the schema and then breaks y-tiptap, so this
      // stands in for any bug in drawing carets: a state put straight into the drafter's
      // awareness (TipTap keeps the editor on its element for tests) whose `assoc` reads as
      // valid once, when it is checked, and throws on every later read, when the caret is drawn.
      await officerEditor.click();
      const thrown = await officerEditor.evaluate((element) => {
        interface Awareness {
          clientID: number;
          states: Map<number, unknown>;
          meta: Map<number, { clock: number; lastUpdated: number }>;
          getLocalState(): { cursor?: { anchor: Record<string, unknown>; head: Record<string, unknown> } } | null;
          emit(name: string, args: unknown[]): void;
        }
        const editor = (element as unknown as { editor: { extensionManager: { extensions: Array<{ name: string; options: { provider?: { awareness: Awareness } } }> } } }).editor;
        const awareness = editor.extensionManager.extensions.find((extension) => extension.name === 'collaborationCaret')!.options.provider!.awareness;
        const own = awareness.getLocalState()?.cursor;
        if (!own) return 'the drafter has no caret to copy';
        let reads = 0;
        const anchor = { ...own.anchor };
        Object.defineProperty(anchor, 'assoc', {
          enumerable: true,
          get: () => {
            reads += 1;
            if (reads > 1) throw new Error('caret drawing failed');
            return own.anchor.assoc;
          },
        });
        const id = awareness.clientID + 1;
        awareness.states.set(id, { user: { name: 'Broken caret', color: '#000000' }, cursor: { anchor, head: own.head } });
        awareness.meta.set(id, { clock: 1, lastUpdated: Date.now() });
        try {
          awareness.emit('change', [{ added: [id], updated: [], removed: [] }, 'test']);
          return null;
        } catch (error) {
          return String(error);
        }
      });
      expect(thrown).toBeNull();

      const typed: string[] = [];
      for (let i = 0; i < 3; i++) {
        await typeInTurn(
          [
            { editor: pccEditor, marker: `[gp${i}]` },
            { editor: officerEditor, marker: `[go${i}]` },
          ],
          typed,
          observer,
        );
      }
      expect(officer.pageErrors).toEqual([]);
      expect(pcc.pageErrors).toEqual([]);
      observer.destroy();
    },
    GUARD_TIMEOUT,
  );
});
