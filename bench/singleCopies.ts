// One copy of yjs (and of lib0 and y-protocols) per process. The benchmark's packages live in
// bench/node_modules (bench/package.json), the app's in the root's node_modules; a process that
// loaded yjs from both would hold two sets of classes, and Yjs's `instanceof` checks (a Y.Doc
// handed to a provider, an XmlText found in a fragment) would fail in ways no error names. So
// every module the bench driver imports resolves these from bench/node_modules, and the code of
// server/ it imports (the store, to prepare Countersign's data folder) does byte-level work only
// and imports none of them. Imported first by run.ts: it must be watching before yjs loads.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT_DIR = path.dirname(BENCH_DIR);
/** The packages whose classes or module state must be shared by everyone in a process. */
export const SINGLE_COPY_PACKAGES = ['yjs', 'lib0', 'y-protocols'] as const;
/** What yjs prints when a second copy of it is evaluated in a process that already has one. */
const YJS_TWICE = 'Yjs was already imported';
const YJS_GLOBAL = '__ $YJS$ __';

const duplicateWarnings: string[] = [];
const loadedBeforeWatch = (globalThis as Record<string, unknown>)[YJS_GLOBAL] === true;
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]): void => {
  if (typeof args[0] === 'string' && args[0].includes(YJS_TWICE)) duplicateWarnings.push(args[0]);
  consoleError(...args);
};

/** The folder Node's resolution of a bare specifier picks, from a folder (exports do not change the folder). */
export function packageFolder(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

function version(folder: string | null): string {
  if (!folder) return 'missing';
  return (JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every installed copy of an unscoped package under a node_modules folder (nested ones included). */
function installedCopies(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > 8 || !fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      // A scope folder holds packages; a package may hold its own node_modules.
      if (entry.name.startsWith('@')) visit(full, depth);
      else {
        if (entry.name === name && fs.existsSync(path.join(full, 'package.json'))) found.push(full);
        visit(path.join(full, 'node_modules'), depth + 1);
      }
    }
  };
  visit(nodeModules, 0);
  return found;
}

/**
 * Checks that the bench resolves each of SINGLE_COPY_PACKAGES from bench/node_modules, that no
 * package there brought its own nested copy, and that no second yjs was evaluated so far.
 * Throws naming the duplicate; returns a line for the log.
 */
export function checkSingleCopies(): string {
  if (loadedBeforeWatch) throw new Error('yjs was loaded before bench/singleCopies.ts: import it first');
  if (duplicateWarnings.length > 0) throw new Error(`two copies of yjs were loaded in the bench process: ${duplicateWarnings[0]}`);
  const benchModules = path.join(BENCH_DIR, 'node_modules');
  const parts: string[] = [];
  for (const name of SINGLE_COPY_PACKAGES) {
    const folder = packageFolder(name, BENCH_DIR);
    if (!folder || !folder.startsWith(fs.realpathSync(BENCH_DIR) + path.sep)) {
      throw new Error(`bench code resolves ${name} from ${folder ?? 'nowhere'}, not bench/node_modules: run npm ci --prefix bench`);
    }
    const copies = installedCopies(benchModules, name);
    if (copies.length !== 1) throw new Error(`bench/node_modules holds ${copies.length} copies of ${name}: ${copies.map((c) => path.relative(ROOT_DIR, c)).join(', ')}`);
    const appVersion = version(packageFolder(name, path.join(ROOT_DIR, 'server')));
    const note = appVersion === version(folder) ? '' : ` (the app has ${appVersion}: keep bench/package.json in step)`;
    parts.push(`${name} ${version(folder)} from ${path.relative(ROOT_DIR, folder)}${note}`);
  }
  return `one copy each, for the bench and every provider and server it loads: ${parts.join('; ')}`;
}

/** Throws if a second copy of yjs has been evaluated since the check at start (a late dynamic import). */
export function checkNoSecondYjs(): void {
  if (duplicateWarnings.length > 0) throw new Error(`two copies of yjs were loaded in the bench process: ${duplicateWarnings[0]}`);
}
