import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../../server/auth/origin';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { RateLimiter } from '../../../server/auth/RateLimiter';

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
  it('blocks a key after its failures within a window, and only until the window ends', () => {
    const limiter = new RateLimiter(3, 1000);
    const blocked = [1, 2, 3].map(() => {
      const before = limiter.isBlocked('a', 0);
      limiter.recordFailure('a', 0);
      return before;
    });
    expect(blocked).toEqual([false, false, false]);
    expect(limiter.isBlocked('a', 500)).toBe(true);
    expect(limiter.isBlocked('b', 500)).toBe(false);
    expect(limiter.isBlocked('a', 1000)).toBe(false);
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
