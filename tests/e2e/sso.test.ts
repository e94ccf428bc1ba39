// Single sign-on in real Chromium, through a real OpenID Connect provider (oidc-provider on
// loopback, its development login form): "Sign in with <provider>" on the sign-in page, the
// provider's form, and back signed in; an invitation accepted by signing in with the provider
// that vouches for the address; the sign-in page's refusal messages. Axe-clean at 1366 and 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newUser, runAxe, type BrowserUser } from '../helpers/browser';
import { E2E_TIMEOUT } from '../helpers/browserSuite';
import { api, login, sampleResponse } from '../helpers/clients';
import { TestOidcProvider } from '../helpers/oidcProvider';
import { startTestServer, type TestServer } from '../helpers/server';

const CLIENT = { clientId: 'countersign', clientSecret: 'a test client secret' };

let idp: TestOidcProvider;
let server: TestServer;
let browser: Browser;
const users: BrowserUser[] = [];

async function expectAxeCleanAtBothWidths(page: Page): Promise<void> {
  for (const width of [1366, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await runAxe(page), `at ${width} px`).toEqual([]);
    if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** Fills the provider's development login form (any password) and submits it. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

async function person(): Promise<BrowserUser> {
  const user = await newUser(browser, server.url);
  users.push(user);
  await user.page.setViewportSize({ width: 1366, height: 900 });
  return user;
}

beforeAll(async () => {
  idp = await TestOidcProvider.start();
  server = await startTestServer({
    env: {
      COUNTERSIGN_OIDC_ISSUER: idp.issuer,
      COUNTERSIGN_OIDC_CLIENT_ID: CLIENT.clientId,
      COUNTERSIGN_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      COUNTERSIGN_OIDC_NAME: 'Demo Entra ID',
    },
  });
  idp.configure({ ...CLIENT, redirectUri: `${server.url}/auth/oidc/callback` });
  idp.accounts.set('alex', { email: 'pcc@example.org', email_verified: true, name: 'Alex Morgan' });
  idp.accounts.set('nia', { email: 'nia@example.org', email_verified: true, name: 'Nia New' });
  idp.accounts.set('unverified', { email: 'chief@example.org', email_verified: false });
  browser = await launchBrowser();
}, E2E_TIMEOUT);

afterAll(async () => {
  for (const user of users) await user.context.close();
  await browser?.close();
  await server?.dispose();
  await idp?.stop();
});

describe('single sign-on in the browser', () => {
  it(
    'signs in with the provider from the sign-in page and lands on the dashboard',
    async () => {
      const { page, pageErrors } = await person();
      await page.goto('/sign-in');
      const sso = page.getByRole('link', { name: 'Sign in with Demo Entra ID' });
      await sso.waitFor();
      // Local passwords are still on: the form is there too.
      await page.getByLabel('Email address').waitFor();
      await expectAxeCleanAtBothWidths(page);
      await sso.click();
      await signInAtProvider(page, 'alex');
      await page.getByRole('heading', { level: 1, name: 'Your responses' }).waitFor();
      expect(new URL(page.url()).origin).toBe(server.url);
      expect(await page.getByRole('banner').textContent()).toContain('Alex Morgan');
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'accepts an invitation by signing in with the provider that vouches for the address, and lands in the response',
    async () => {
      const pcc = await login(server.url, 'pcc@example.org');
      const sample = await sampleResponse(server.url, pcc);
      const invited = await api<{ url: string }>(server.url, pcc, 'POST', `/api/responses/${sample.id}/members`, { email: 'nia@example.org', role: 'pcc', capacity: 'drafter' });
      const { page, pageErrors } = await person();
      await page.goto(invited.body.url);
      await page.getByRole('heading', { level: 1, name: `Join ${sample.title}` }).waitFor();
      await page.getByRole('button', { name: 'E-mail me a code' }).waitFor();
      await expectAxeCleanAtBothWidths(page);
      await page.getByRole('link', { name: 'Sign in with Demo Entra ID' }).click();
      await signInAtProvider(page, 'nia');
      await page.getByRole('heading', { level: 1, name: sample.title }).waitFor();
      await page.getByRole('link', { name: 'Members' }).click();
      await eventually(() => page.getByRole('region', { name: 'Members' }).textContent()).toContain('Nia New (you)');
      expect(pageErrors).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'says why a sign-in was refused, and gives no session',
    async () => {
      const { page } = await person();
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Sign in with Demo Entra ID' }).click();
      await signInAtProvider(page, 'unverified');
      await page.getByRole('alert').getByText('did not confirm your e-mail address').waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expectAxeCleanAtBothWidths(page);
      expect((await page.request.get('/api/session')).status()).toBe(401);
    },
    E2E_TIMEOUT,
  );
});
