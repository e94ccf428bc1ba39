import fs from 'node:fs';
import path from 'node:path';

/** The project's folder (where package.json is), whether run from source or from the bundle. */
export const PROJECT_ROOT = findRoot(import.meta.dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(import.meta.dirname, '..');
  }
}
