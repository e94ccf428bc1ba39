// Real Chromium for the end-to-end tests: one browser, one context per simulated user, the
// built app served by the real server, and axe-core for accessibility.
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';

/** The demo logins' password (see DESIGN.md). */
export const DEMO_PASSWORD = 'countersign';

/** Chromium's path and flags on these machines (see STACK.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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

/** Starts headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A simulated user: their own context (cookies, storage) and page. */
export interface BrowserUser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page: a test should end with none. */
  pageErrors: Error[];
}

/** A fresh context and page whose relative URLs resolve against `baseURL`. */
export async function newUser(browser: Browser, baseURL: string): Promise<BrowserUser> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { context, page, pageErrors };
}

// A close code the client treats as transient (browsers may not use 1006 themselves).
const OFFLINE_CLOSE_CODE = 4000;

/** How long an e2e assertion about live updates may take (browsers and server share 2 cores). */
export const POLL_TIMEOUT_MS = 10_000;

/** `expect.poll` with a timeout fit for real browsers talking through a real server. */
export function eventually<T>(read: () => T | Promise<T>, timeout = POLL_TIMEOUT_MS) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** A switch for a context's WebSockets: a network outage without stopping the server. */
export interface NetworkSwitch {
  /** Drops every open socket and refuses new ones until `goOnline`. */
  goOffline(): void;
  goOnline(): void;
}

/**
 * Routes a context's WebSockets through Playwright so a test can cut them. (`setOffline`
 * leaves open WebSockets alone.) Call before the page opens any socket.
 */
export async function controlWebSockets(context: BrowserContext): Promise<NetworkSwitch> {
  let online = true;
  const open = new Set<WebSocketRoute>();
  await context.routeWebSocket(/./, (socket) => {
    if (!online) {
      void socket.close({ code: OFFLINE_CLOSE_CODE, reason: 'offline' });
      return;
    }
    const server = socket.connectToServer();
    open.add(socket);
    socket.onClose(() => {
      open.delete(socket);
      void server.close();
    });
    server.onClose(() => {
      open.delete(socket);
      void socket.close();
    });
  });
  return {
    goOffline() {
      online = false;
      for (const socket of open) void socket.close({ code: OFFLINE_CLOSE_CODE, reason: 'offline' });
      open.clear();
    },
    goOnline() {
      online = true;
    },
  };
}

/** Signs a demo user in through the sign-in form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your responses' }).waitFor();
}

/** Opens the first response listed on the dashboard and waits until every editor has synced. */
export async function openFirstResponse(page: Page): Promise<string> {
  if (new URL(page.url()).pathname !== '/') await page.goto('/');
  await page.getByRole('table').getByRole('link').first().click();
  await page.waitForURL(/\/responses\/[^/]+$/);
  await waitUntilSaved(page);
  return page.url();
}

/** The text of the page's save banner (a status region with no name of its own), or null. */
export async function saveStatus(page: Page): Promise<string | null> {
  const banner = page.locator('.save-status');
  return (await banner.count()) > 0 ? banner.textContent() : null;
}

/** Waits until the banner says every change is stored (and so every editor has connected). */
export async function waitUntilSaved(page: Page, timeout = 20_000): Promise<void> {
  await eventually(() => saveStatus(page), timeout).toBe('All changes saved');
}

/** Moves the caret to the end of an editor and types there, as a user would. */
export async function typeAtEnd(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.press('Control+End');
  await editor.pressSequentially(text);
}

/** The text of an element without other people's carets (their name labels sit in the text). */
export async function textWithoutCarets(element: Locator): Promise<string> {
  const text = await element.evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
  return normalise(text);
}

/** An editor's text with whitespace collapsed. */
export function editorText(editor: Locator): Promise<string> {
  return textWithoutCarets(editor);
}

/** Collapses runs of whitespace, for comparing text across layouts. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One axe-core violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page and returns its violations. The source is evaluated through the
 * DevTools protocol, which the app's CSP (script-src 'self') does not block, unlike a script tag.
 */
export async function runAxe(page: Page, options: axe.RunOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (runOptions) => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const results = await runner.run(document, runOptions);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, options);
}

/** axe-core's options that add WCAG 2.2's target size (24 by 24 CSS px), off by default. */
export const WITH_TARGET_SIZE: axe.RunOptions = { rules: { 'target-size': { enabled: true } } };

/** Types a date into the GOV.UK date input whose legend is `legend`. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  await group.getByLabel('Day').fill(String(day));
  await group.getByLabel('Month').fill(String(month));
  await group.getByLabel('Year').fill(String(year));
}
