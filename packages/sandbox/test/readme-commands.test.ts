import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage']);

/** Every Markdown file of the repository: READMEs, guides, docs, changesets. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.readme-examples-')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/**
 * A command that runs `listo-sandbox` through a tool that downloads what it does not find installed: npx,
 * npm exec, pnpm dlx / pnpx, yarn dlx, bunx. Captures the tool's own options (up to the command name).
 */
const RUNNER =
  /\b(?:npx|pnpx|bunx|npm\s+exec|pnpm\s+dlx|yarn\s+dlx)((?:\s+-{1,2}[\w-]*(?:[= ][^\s-]\S*)?)*)\s+listo-sandbox\b/g;

/** Only a runner told which package to take the command from can never run someone else's `listo-sandbox`. */
function pinsOurPackage(options: string): boolean {
  return /(?:--package[= ]|-p\s+)@listo\/sandbox(?:@\S*)?(?=\s|$)/.test(options);
}

function unsafeInvocations(text: string): string[] {
  return [...text.matchAll(RUNNER)].filter((m) => !pinsOurPackage(m[1] ?? '')).map((m) => m[0]);
}

describe('the docs run the sandbox CLI', () => {
  it('recognise the unsafe and the safe forms', () => {
    expect(unsafeInvocations('npx listo-sandbox serve')).toEqual(['npx listo-sandbox']);
    expect(unsafeInvocations('npx -y listo-sandbox serve')).toHaveLength(1);
    expect(unsafeInvocations('npm exec listo-sandbox -- serve')).toHaveLength(1);
    expect(unsafeInvocations('pnpm dlx listo-sandbox serve')).toHaveLength(1);
    expect(unsafeInvocations('bunx listo-sandbox')).toHaveLength(1);
    expect(unsafeInvocations('npx --package=evil listo-sandbox')).toHaveLength(1);
    expect(unsafeInvocations('npx --package=@listo/sandboxes listo-sandbox')).toHaveLength(1);
    expect(unsafeInvocations('npx --package=@listo/sandbox listo-sandbox serve')).toEqual([]);
    expect(unsafeInvocations('npx -y --package=@listo/sandbox@0.2 listo-sandbox serve')).toEqual([]);
    expect(unsafeInvocations('npm exec --package=@listo/sandbox -- listo-sandbox serve')).toEqual([]);
    expect(unsafeInvocations('pnpm exec listo-sandbox serve')).toEqual([]);
  });

  it('only through a form that can run nothing but @listo/sandbox, in every Markdown file of the repository', () => {
    const files = markdownFiles(ROOT);
    expect(files.length).toBeGreaterThan(5);
    const unsafe = files.flatMap((file) =>
      unsafeInvocations(readFileSync(file, 'utf8')).map((command) => `${relative(ROOT, file)}: ${command}`),
    );
    expect(unsafe).toEqual([]);
  });
});
