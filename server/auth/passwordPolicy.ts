// What makes a new password acceptable (ASVS 2.1): long enough (the schema checks that), not
// a common breached password, not a common one with a few digits or symbols added, and not
// built from the person's own e-mail address or name.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PROJECT_ROOT } from '../paths';

const LIST = path.join(PROJECT_ROOT, 'server', 'auth', 'data', 'common-passwords.txt.gz');
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(zlib.gunzipSync(fs.readFileSync(LIST)).toString('utf8').split('\n').filter(Boolean));
  return common;
}

/** What is wrong with a new password, in words for the person choosing it; null when it will do. */
export function passwordProblem(password: string, person: { email?: string; name?: string } = {}): string | null {
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  // "football2023!" is "football" with a year and a symbol: guessers try those first.
  const base = lower.replace(/[\d\W_]{1,6}$/u, '');
  if (list.has(lower) || (base.length >= 6 && list.has(base))) {
    return 'is too common: it appears in lists of breached passwords. Choose a phrase of several unrelated words';
  }
  if (/^(.)\1+$/u.test(lower) || /^(.{1,4})\1+$/u.test(lower)) return 'repeats the same characters; choose something less predictable';
  const local = person.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'must not contain your e-mail address';
  const name = person.name?.toLowerCase().replace(/\s+/g, '') ?? '';
  if (name.length >= 4 && lower.replace(/\s+/g, '').includes(name)) return 'must not contain your name';
  return null;
}
