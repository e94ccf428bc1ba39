// The set-up every end-to-end file shares: a demo server, one Chromium, and its users' contexts
// closed afterwards.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newUser, type BrowserUser } from './browser';
import { startTestServer, type TestServer } from './server';

/** How long an end-to-end test (and the suite's set-up) may take. */
export const E2E_TIMEOUT = 120_000;

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** Every user made so far. */
  readonly users: readonly BrowserUser[];
  /** A new simulated user (own context), closed when the suite ends. */
  newUser(): Promise<BrowserUser>;
}

/** Registers the suite's hooks; call it inside `describe`. */
export function browserSuite(): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const users: BrowserUser[] = [];
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
  }, E2E_TIMEOUT);
  afterAll(async () => {
    for (const user of users) await user.context.close();
    await browser?.close();
    await server?.dispose();
  });
  return {
    users,
    get server() {
      if (!server) throw new Error('the suite has not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the suite has not started');
      return browser;
    },
    async newUser() {
      const user = await newUser(this.browser, this.server.url);
      users.push(user);
      return user;
    },
  };
}
