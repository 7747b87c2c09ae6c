import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedTypesVersions, type Manifest } from './workspace';

export const TYPES_VERSIONS_COMMAND = 'pnpm types-versions';

/** Empty when `typesVersions` is what `exports` implies; otherwise what is wrong and how to fix it. */
export function typesVersionsProblems(manifest: Manifest): string[] {
  const expected = expectedTypesVersions(manifest);
  if (JSON.stringify(manifest.typesVersions) === JSON.stringify(expected)) return [];
  return [
    `${manifest.name}: "typesVersions" does not match "exports" (node10 resolution ignores exports, so each subpath ` +
      `needs a typesVersions entry). Run \`${TYPES_VERSIONS_COMMAND}\`; expected:\n` +
      JSON.stringify({ typesVersions: expected }, null, 2),
  ];
}

/** Rewrites a manifest's `typesVersions` from its `exports`, keeping every other field where it is. */
export function writeTypesVersions(dir: string): boolean {
  const file = join(dir, 'package.json');
  const text = readFileSync(file, 'utf8');
  const manifest = JSON.parse(text) as Manifest & Record<string, unknown>;
  const expected = expectedTypesVersions(manifest);
  const rebuilt: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (key === 'typesVersions') continue;
    rebuilt[key] = value;
    // Beside `types`, the field it extends.
    if (key === 'types' && expected) rebuilt.typesVersions = expected;
  }
  if (expected && !('typesVersions' in rebuilt)) rebuilt.typesVersions = expected;
  const next = `${JSON.stringify(rebuilt, null, 2)}\n`;
  if (next === text) return false;
  writeFileSync(file, next);
  return true;
}
