// `npm run bench` first: installs the benchmark's own packages (bench/package.json, with their
// lock) into bench/node_modules when they are missing or older than bench/package-lock.json.
// The app's `npm install` leaves them out, so that a new user builds only what the app needs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = path.dirname(fileURLToPath(import.meta.url));
// npm ci writes this hidden lockfile last, once everything is in place.
const installed = path.join(bench, 'node_modules', '.package-lock.json');
const lock = path.join(bench, 'package-lock.json');

const upToDate = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
if (!upToDate) {
  process.stderr.write('bench: installing the benchmark packages (npm ci --prefix bench)\n');
  execFileSync('npm', ['ci', '--prefix', bench, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
