// What a publication tells its readers about checking it: the hashes it carries, the entry of
// the activity record it pins, and the command that checks the record against the database.
// Both renderers draw it from here, so the page and the DOCX say the same.
import type { PublicationInput } from './PublicationInput';

/** A run of a paragraph: plain text, or a hash or command shown as code. */
export type NoteRun = { text: string; code?: boolean };

/** The heading of the note. */
export const VERIFICATION_HEADING = 'Checking this record';

/** The note's paragraphs, each a list of runs. */
export function verificationNote(input: PublicationInput): NoteRun[][] {
  const head = input.auditHead;
  const paragraphs: NoteRun[][] = [
    [
      {
        text:
          'This response was published once and cannot change. The SHA-256 of this page and of its DOCX are listed in the register of published responses (/published, and /published/index.json) and sent with each file: compute the SHA-256 of your copy (for example with ',
      },
      { text: 'sha256sum', code: true },
      { text: ') and compare. The sign-off record above gives the SHA-256 of the content each signatory signed.' },
    ],
  ];
  if (head) {
    paragraphs.push([
      {
        text: `Everything done to this response, from its creation to every sign-off, is in its activity record, a hash chain: each entry carries the SHA-256 of the entry before it, so no entry can be changed or removed without breaking the chain. When this response was published its record ended at entry ${head.seq}, whose SHA-256 is `,
      },
      { text: head.hash, code: true },
      { text: '.' },
    ]);
  }
  paragraphs.push([
    { text: 'Whoever keeps the Countersign database checks the whole record with ' },
    { text: 'npm run verify', code: true },
    { text: ' (or ' },
    { text: 'node dist-server/cli.js verify', code: true },
    {
      text: '): it recomputes every entry of every activity record, checks every publication\u2019s files, sign-off record and signed content against their hashes and the entry each pins, and names any entry that was changed or removed.',
    },
  ]);
  return paragraphs;
}
