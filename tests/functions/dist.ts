/** Build output the tests read. `npm test` builds first; run alone, these tests say how to build. */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

/** Absolute path of a built file; a clear failure (not a skip) when the build has not run. */
export function distFile(name: string): string {
  const p = path.join(DIST, name);
  if (!fs.existsSync(p)) {
    throw new Error(`dist/${name} is missing: run "npm run build" (or "npx webpack --mode production") first; "npm test" does it for you.`);
  }
  return p;
}

export function readDist(name: string): string {
  return fs.readFileSync(distFile(name), 'utf8');
}
