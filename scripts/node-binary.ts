import { execFileSync } from 'node:child_process';

/**
 * The binary of `node@<major>` from npm's `node` package, installed by npx on first use, so nothing but npm is
 * needed. Throws when npx resolved another major.
 */
export function nodeBinary(major: string): string {
  const path = execFileSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], {
    encoding: 'utf8',
  }).trim();
  const actual = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  if (actual.split('.')[0] !== major) throw new Error(`node@${major} resolved to ${actual} (${path})`);
  return path;
}
