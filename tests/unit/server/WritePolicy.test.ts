// The write policy's size limit (finding 2 of the hostile-members issue): a write that would
// take a section past it is refused, except one that only deletes, so a full section can still
// be shortened.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../../shared/protocol';
import type { Connection } from '../../../server/sync/Connection';
import { WritePolicy } from '../../../server/sync/WritePolicy';
import { appendParagraph } from '../../helpers/clients';

const LIMIT = 16 * 1024;
const writer = { canWrite: true } as Connection;

/** The server's copy and a client's, in sync; the client's next change as an update. */
function change(doc: Y.Doc, edit: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe('WritePolicy: the size limit', () => {
  const doc = new Y.Doc();
  for (let i = 0; i < 3; i++) appendParagraph(doc, `Paragraph ${i}: ${'words '.repeat(100)}`);
  const full = { doc, deleteSet: () => Y.createDeleteSetFromStructStore(doc.store), storedBytes: LIMIT, clientOwner: () => undefined };
  const policy = new WritePolicy({ maxSectionBytes: LIMIT });

  it('refuses what adds to a full section, with the reason', () => {
    const typing = change(doc, (client) => appendParagraph(client, 'One more.'));
    expect(policy.decide(full, writer, typing)).toEqual({ kind: 'refuse', reason: expect.stringMatching(/^This section has reached its size limit \(16 kB\)/), readOnly: false });
    expect(policy.decide({ ...full, storedBytes: LIMIT - typing.byteLength }, writer, typing)).toEqual({ kind: 'apply' });
  });

  it('lets a full section be shortened: an update that only deletes is applied', () => {
    const deleting = change(doc, (client) => client.getXmlFragment(SECTION_FRAGMENT).delete(0, 2));
    expect(Y.decodeUpdate(deleting).structs).toHaveLength(0);
    expect(policy.decide(full, writer, deleting)).toEqual({ kind: 'apply' });
    // Replacing text adds some: refused while full.
    const replacing = change(doc, (client) => {
      client.getXmlFragment(SECTION_FRAGMENT).delete(0, 1);
      appendParagraph(client, 'Instead.');
    });
    expect(policy.decide(full, writer, replacing).kind).toBe('refuse');
  });

  it('still says a read-only connection may not write, full or not', () => {
    const deleting = change(doc, (client) => client.getXmlFragment(SECTION_FRAGMENT).delete(0, 1));
    expect(policy.decide(full, { canWrite: false } as Connection, deleting)).toEqual({ kind: 'refuse', reason: 'This section is read-only for you', readOnly: true });
  });
});
