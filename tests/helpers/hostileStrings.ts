// The hostile strings of tests/fixtures/hostile-strings.txt, with the file's escapes decoded.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../fixtures/hostile-strings.txt', import.meta.url));

const ESCAPE = /\\(?:u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|([nrt\\]))/g;
const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };

/** One line of the fixture as the string it stands for. */
export function decodeHostileLine(line: string): string {
  const decoded = line.replace(ESCAPE, (_match, codePoint?: string, codeUnit?: string, simple?: string) => {
    if (codePoint) return String.fromCodePoint(parseInt(codePoint, 16));
    if (codeUnit) return String.fromCharCode(parseInt(codeUnit, 16));
    return SIMPLE[simple!]!;
  });
  // A backslash not followed by a known escape is a mistake in the fixture, not a test input.
  if (/\\(?![nrt\\]|u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4})/.test(line.replace(/\\\\/g, ''))) {
    throw new Error(`hostile-strings.txt: unknown escape in ${JSON.stringify(line)}`);
  }
  return decoded;
}

/** Every hostile string of the fixture, in file order. */
export function hostileStrings(): string[] {
  return fs
    .readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(decodeHostileLine);
}
