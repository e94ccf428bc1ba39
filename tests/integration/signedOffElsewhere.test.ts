// A sign-off made where this instance cannot see it (another instance, sharing the database)
// while a member here is typing: the database refuses the update that arrives after it, so the
// sign-off's hash stays the truth. The writer is told the write was refused, the room drops the
// copy that holds the refused update, and everyone reconnects to the stored text, read-only.
// The sign-off is simulated by changing the section's state in the store directly, as the
// other instance's transaction would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseEvent } from 'ws';
import { docFromUpdates } from '../../server/content/sectionContent';
import type { ResponseDetail } from '../../shared/api';
import { CLOSE_ACCESS_CHANGED, WRITE_REFUSED, WRITE_STORED } from '../../shared/protocol';
import { appendParagraph, connectSection, fragmentText, login, recordWriteAcks, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let sample: ResponseDetail;
let lead: string;
const clients: SectionClient[] = [];

function closes(client: SectionClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => codes.push((event as CloseEvent | null)?.code ?? -1));
  return codes;
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await login(server.url, 'lead@example.org');
  sample = await sampleResponse(server.url, lead);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('a sign-off this instance did not see', () => {
  it('refuses the next update in the database, closes the room (4100) and serves the stored text', async () => {
    const section = sample.sections.find((s) => s.ownerRole === 'portfolio_lead' && s.state === 'drafting')!;
    const writer = connectSection(server.url, lead, sample.id, section.id, { acks: '1' });
    const reader = connectSection(server.url, lead, sample.id, section.id);
    clients.push(writer, reader);
    const acks = recordWriteAcks(writer.provider);
    const writerCloses = closes(writer);
    const readerCloses = closes(reader);
    await waitFor(() => expect(writer.provider.synced && reader.provider.synced).toBe(true));

    appendParagraph(writer.doc, 'Stored before the sign-off.');
    await serverRoundTrip(writer.provider);
    await waitFor(() => expect(reader.text()).toContain('Stored before the sign-off.'));
    expect(acks.at(-1)?.status).toBe(WRITE_STORED);
    const before = acks.length;

    // Signed off elsewhere: this instance's rooms and connections know nothing of it.
    const { store } = server.server.context;
    await store.responses.setSectionState(section.id, 'signed_off');

    appendParagraph(writer.doc, 'Typed after the sign-off.');
    await waitFor(() => expect(acks.slice(before).map((ack) => ack.status)).toEqual([WRITE_REFUSED]));
    await waitFor(() => expect(writerCloses).toContain(CLOSE_ACCESS_CHANGED));
    await waitFor(() => expect(readerCloses).toContain(CLOSE_ACCESS_CHANGED));

    const stored = fragmentText(docFromUpdates(await store.updates.load(section.id)));
    expect(stored).toContain('Stored before the sign-off.');
    expect(stored).not.toContain('Typed after the sign-off.');
    // The reader reconnects to the stored text, and never sees what was refused.
    await waitFor(() => expect(reader.provider.synced && reader.provider.wsconnected).toBe(true));
    await serverRoundTrip(reader.provider);
    expect(reader.text()).not.toContain('Typed after the sign-off.');
    // A fresh client sees exactly what is stored.
    const fresh = connectSection(server.url, lead, sample.id, section.id);
    clients.push(fresh);
    await waitFor(() => expect(fresh.provider.synced).toBe(true));
    await serverRoundTrip(fresh.provider);
    expect(fresh.text()).toBe(stored);
  });
});
