import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../../server/auth/origin';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { LoginThrottle } from '../../../server/auth/LoginThrottle';
import { passwordProblem } from '../../../server/auth/passwordPolicy';
import { needsRehash } from '../../../server/auth/passwords';

describe('origin check', () => {
  it('allows same-host and configured origins and requests without an Origin', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin(undefined, 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example', 'internal:3000', ['https://app.example'])).toBe(true);
  });
  it('refuses other sites and odd schemes', () => {
    expect(isAllowedOrigin('http://evil.example', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('file://localhost:3000', 'localhost:3000', [])).toBe(false);
  });
});

describe('auth primitives', () => {
  it('delays an e-mail and address pair more after each failure, and never the same e-mail from elsewhere', async () => {
    const throttle = new LoginThrottle();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      waits.push(await throttle.waitMs('a@example.org', '10.0.0.1', 1_000_000));
      await throttle.recordFailure('a@example.org', '10.0.0.1', 1_000_000);
    }
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000]);
    expect(await throttle.waitMs('a@example.org', '10.0.0.1', 1_000_000 + 8_000)).toBe(0);
    expect(await throttle.waitMs('A@example.org', '10.0.0.1', 1_000_000 + 7_000)).toBe(1_000);
    // The owner, from another address, goes straight in.
    expect(await throttle.waitMs('a@example.org', '192.168.1.5', 1_000_000)).toBe(0);
    // A success clears the pair.
    await throttle.recordSuccess('a@example.org', '10.0.0.1');
    expect(await throttle.waitMs('a@example.org', '10.0.0.1', 1_000_000)).toBe(0);
  });

  it('slows an address that guesses many accounts', async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 40; i++) await throttle.recordFailure(`user${i}@example.org`, '10.0.0.9', 5_000);
    expect(await throttle.waitMs('someone@example.org', '10.0.0.9', 5_000)).toBeGreaterThan(0);
    expect(await throttle.waitMs('someone@example.org', '10.0.0.8', 5_000)).toBe(0);
  });

  it('refuses common and predictable passwords', () => {
    expect(passwordProblem('passwordpassword')).toMatch(/common|repeats/);
    expect(passwordProblem('football2023!')).toMatch(/common/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/common/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeats/);
    expect(passwordProblem('abcabcabcabc')).toMatch(/repeats/);
    expect(passwordProblem('robin.shah.countersign', { email: 'robin.shah@example.org' })).toMatch(/e-mail/);
    expect(passwordProblem('violet kettle harbour lamp')).toBeNull();
  });

  it('says when a stored hash should be made again with the current parameters', async () => {
    expect(needsRehash('scrypt$32768$8$1$salt$key')).toBe(true);
    expect(needsRehash(await hashPassword('violet kettle harbour lamp'))).toBe(false);
    expect(needsRehash('md5$abc')).toBe(true);
  });

  it('hashes passwords with a salt and verifies them', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).not.toBe(second);
    expect(first.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('wrong horse battery', first)).toBe(false);
    expect(await verifyPassword('anything', 'garbage')).toBe(false);
  });
});
