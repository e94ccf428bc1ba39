// A seeded editing client for convergence and crash tests: each edit writes a unique marker
// ([c<n>-<k>]) somewhere in the section (sometimes in a new paragraph, sometimes in place of a
// few characters of other text, never inside a marker), so that in the end one can tell which
// edits arrived, exactly once each. It records which markers the server acknowledged as stored
// (the provider must connect with ?acks=1), reading each write frame's markers off the frame.
import * as decoding from 'lib0/decoding';
import type { WebSocket as WsSocket } from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SYNC, MESSAGE_WRITE_ACK, SECTION_FRAGMENT, SYNC_STEP2, SYNC_UPDATE, WRITE_STORED } from '../../shared/protocol';
import type { SectionClient } from './clients';

/** A marker: [c<client>-<count>]. */
export const MARKER = /\[c\d+-\d+\]/g;

/** The markers in a text, in order. */
export function markersIn(text: string): string[] {
  return text.match(MARKER) ?? [];
}

/** What differs from "every text equal to the stored one, with every marker exactly once". */
export function markerProblems(storedText: string, clientTexts: string[], inserted: string[]): string[] {
  const problems: string[] = [];
  clientTexts.forEach((text, i) => {
    if (text !== storedText) problems.push(`client ${i + 1}'s text differs from the stored text`);
  });
  const counts = new Map<string, number>();
  for (const marker of markersIn(storedText)) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  const missing = inserted.filter((marker) => !counts.has(marker));
  if (missing.length > 0) problems.push(`${missing.length} edits lost: ${missing.slice(0, 10).join(' ')}`);
  const doubled = [...counts].filter(([, count]) => count > 1).map(([marker]) => marker);
  if (doubled.length > 0) problems.push(`edits applied twice: ${doubled.slice(0, 10).join(' ')}`);
  return problems;
}

/** The plain characters of a paragraph's text (formatting left out), as its offsets count them. */
export function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Offsets strictly inside a marker, where nobody inserts or deletes. */
export function markerInterior(content: string): boolean[] {
  const inside = new Array<boolean>(content.length + 1).fill(false);
  for (const match of content.matchAll(MARKER)) {
    for (let i = match.index + 1; i < match.index + match[0].length; i++) inside[i] = true;
  }
  return inside;
}

/**
 * Adds to `acknowledged` the markers of every write frame the server acknowledged as stored:
 * each new socket's sends are watched (the 'connected' status comes before its first frame).
 */
export function trackAcknowledgedMarkers(client: SectionClient, acknowledged: Set<string>): void {
  const { provider } = client;
  const unacknowledged = new WeakMap<object, string[][]>();
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected' || !provider.ws) return;
    const ws = provider.ws as unknown as WsSocket;
    const frames: string[][] = [];
    unacknowledged.set(ws, frames);
    const send = ws.send.bind(ws) as (data: Uint8Array) => void;
    (ws as unknown as { send: (data: Uint8Array) => void }).send = (data: Uint8Array) => {
      const bytes = new Uint8Array(data);
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) === MESSAGE_SYNC) {
        const step = decoding.readVarUint(decoder);
        // An update frame carries its inserted strings verbatim, so its markers can be read off it.
        if (step === SYNC_STEP2 || step === SYNC_UPDATE) frames.push(markersIn(Buffer.from(bytes).toString('utf8')));
      }
      send(data);
    };
  });
  provider.messageHandlers[MESSAGE_WRITE_ACK] = (_encoder, decoder, p) => {
    const status = decoding.readVarUint(decoder);
    const frames = p.ws ? unacknowledged.get(p.ws) : undefined;
    const markers = frames?.shift();
    if (status === WRITE_STORED && markers) for (const marker of markers) acknowledged.add(marker);
  };
}

export class MarkerEditor {
  readonly inserted: string[] = [];
  /** Markers in write frames the server acknowledged as stored. */
  readonly acknowledged = new Set<string>();
  private counter = 0;

  constructor(
    readonly number: number,
    readonly client: SectionClient,
    private readonly random: () => number,
  ) {
    trackAcknowledgedMarkers(client, this.acknowledged);
  }

  /** One seeded edit. */
  edit(): void {
    const { doc } = this.client;
    const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
    const marker = `[c${this.number}-${++this.counter}]`;
    const roll = this.random();
    this.inserted.push(marker);
    doc.transact(() => {
      if (fragment.length === 0 || roll < 0.05) {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        paragraph.insert(0, [text]);
        fragment.insert(Math.floor(this.random() * (fragment.length + 1)), [paragraph]);
        text.insert(0, marker);
        return;
      }
      const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
      const paragraph = paragraphs[Math.floor(this.random() * paragraphs.length)]!;
      let text = paragraph.get(0) as Y.XmlText | Y.XmlElement | undefined;
      if (!(text instanceof Y.XmlText)) {
        text = new Y.XmlText();
        paragraph.insert(0, [text]);
      }
      const content = plain(text);
      const inside = markerInterior(content);
      if (roll < 0.25 && content.length > 3) {
        // In place of 1-3 characters of other text (never of a marker).
        const length = 1 + Math.floor(this.random() * 3);
        const start = Math.floor(this.random() * (content.length - length));
        const span = content.slice(start, start + length);
        if (!/[[\]]/.test(span) && !inside[start] && !inside[start + length]) {
          text.delete(start, length);
          text.insert(start, marker);
          return;
        }
      }
      let offset = Math.floor(this.random() * (content.length + 1));
      while (inside[offset]) offset += 1;
      text.insert(offset, marker);
    });
  }
}
