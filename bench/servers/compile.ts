// Every server under test runs as plain JavaScript, without tsx (which costs a process ~35 MB
// of RSS and slows its start): Countersign as `npm start` runs it, each peer's small launcher
// compiled here the same way (esbuild, packages left to node_modules).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from './spawn';

const OUT_DIR = path.join(ROOT, 'bench', '.build');
const built = new Set<string>();

/** Compiles a script (a peer launcher, the observer worker) to bench/.build/<name>.mjs, once per run. */
export function compileScript(source: string): string {
  const outfile = path.join(OUT_DIR, `${path.basename(source, '.ts')}.mjs`);
  if (!built.has(source)) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    buildSync({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    built.add(source);
  }
  return outfile;
}

let countersignBuilt = false;

/** Builds dist-server/index.js with `npm run build:server`, once per run. */
export function buildCountersign(): string {
  if (!countersignBuilt) {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    countersignBuilt = true;
  }
  return path.join(ROOT, 'dist-server', 'index.js');
}

/** The node options `npm start` passes (package.json's start script), so the bench runs the same. */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist-server\/index\.js/.exec(pkg.scripts.start ?? '');
  if (!match) throw new Error('package.json start script does not run node ... dist-server/index.js');
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}
