// Data for the contract tests: unique per call, so tests share one database without meeting.
import { randomBytes } from 'node:crypto';
import type { User } from '../../../shared/api';
import type { Store, Stores } from '../../../server/store/Store';
import type { ResponseRecord } from '../../../server/store/records';

/** A short unique suffix. */
export function unique(): string {
  return randomBytes(6).toString('hex');
}

export async function makeUser(store: Stores, name = `User ${unique()}`): Promise<User> {
  return store.users.create({ email: `${unique()}@example.org`, name, passwordHash: 'scrypt$hash' });
}

export async function makeResponse(store: Stores, title = `Response ${unique()}`): Promise<ResponseRecord> {
  return store.responses.create({ title, report: { title: 'Regional Organised Crime Units', publishedOn: '2024-02-29', url: 'https://example.org/report' } });
}

/** A response with `count` prose sections. */
export async function makeSections(store: Store, count: number): Promise<{ response: ResponseRecord; sectionIds: string[] }> {
  const response = await makeResponse(store);
  const sectionIds: string[] = [];
  for (let i = 0; i < count; i++) {
    sectionIds.push((await store.responses.addSection(response.id, { kind: 'prose', title: `Section ${i}`, ownerRole: 'pcc' })).id);
  }
  return { response, sectionIds };
}

/** A count from `raw`, whatever type the driver gives it. */
export function countOf(rows: Array<Record<string, unknown>>): number {
  return Number(rows[0]?.n);
}

/** An ISO instant `ms` milliseconds after a fixed moment. */
export function instant(ms: number): string {
  return new Date(Date.UTC(2026, 0, 15, 9, 0, 0) + ms).toISOString();
}
