import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * Documents a tarball carries when the package directory has them. npm and pnpm always pack README and LICENSE;
 * these two only when `files` lists them. CHANGELOG.md is written by `changeset version`, so a package has none
 * before its first release.
 */
const SHIPPED_WHEN_PRESENT = ['CHANGELOG.md', 'VERSIONING.md'] as const;

/** The repository's web address, from `repository.url` (`git+https://github.com/o/r.git` → `https://github.com/o/r`). */
export function repositoryWebUrl(repository: { url: string } | string | undefined): string | undefined {
  const url = typeof repository === 'string' ? repository : repository?.url;
  const match = url && /^(?:git\+)?(https:\/\/github\.com\/[^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
  return match ? match[1] : undefined;
}

/** The files of a `.tgz` as packed (paths without the leading `package/`). */
export function tarballFiles(tarball: string): Set<string> {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  return new Set(
    listing
      .split('\n')
      .filter((line) => line && !line.endsWith('/'))
      .map((line) => line.replace(/^[^/]+\//, '')),
  );
}

/** Every link target of a Markdown text, outside code (fenced blocks and inline code spans). */
export function markdownLinks(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+["'(][^)\n]*)?\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
  const references = [...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  const html = [...prose.matchAll(/<a\s[^>]*href="([^"]+)"/gi)].map((m) => m[1]!);
  return [...inline, ...references, ...html];
}

/** GitHub's heading anchors (as npm renders them too): lowercase, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export interface ReadmeLinkContext {
  /** The package's name, for the messages. */
  name: string;
  /** What the tarball holds (paths relative to the package root). */
  files: ReadonlySet<string>;
  /** `https://github.com/o/r`: links under it must name a path that exists in `repoRoot`. */
  repositoryUrl: string | undefined;
  repoRoot: string;
  /** Files the README may link to before they exist (CHANGELOG.md, before the first `changeset version`). */
  notYetWritten?: ReadonlySet<string>;
}

/**
 * What is wrong with the links of a packed README: a relative link must name a file (or a folder) in the tarball,
 * since that README is read from `node_modules` as well as on npm; what is not shipped is linked by its absolute
 * repository URL, which must name a path that exists in the repository; an in-page anchor must name a heading.
 */
export function readmeLinkProblems(readme: string, context: ReadmeLinkContext): string[] {
  const { name, files, repositoryUrl, repoRoot } = context;
  const problems: string[] = [];
  const anchors = headingAnchors(readme);
  for (const link of new Set(markdownLinks(readme))) {
    if (link.startsWith('#')) {
      if (!anchors.has(decodeURIComponent(link.slice(1)))) {
        problems.push(`${name}: README.md links to ${link}, which is not a heading of the README.`);
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
      const inRepository = repositoryUrl && link.startsWith(`${repositoryUrl}/`);
      const path = inRepository && /^\/(?:blob|tree)\/[^/]+\/([^#?]*)/.exec(link.slice(repositoryUrl.length));
      if (inRepository && (!path || !existsSync(join(repoRoot, decodeURIComponent(path[1]!))))) {
        problems.push(
          `${name}: README.md links to ${link}, which names no file of the repository ` +
            `(expected ${repositoryUrl}/blob/main/<an existing path>).`,
        );
      }
      continue;
    }
    const target = posix.normalize(decodeURIComponent(link.replace(/[#?].*$/, ''))).replace(/\/$/, '');
    if (target.startsWith('..') || target.startsWith('/')) {
      problems.push(
        `${name}: README.md links to ${link}, outside the package: the packed README cannot reach it. ` +
          `Link it by its repository URL${repositoryUrl ? ` (${repositoryUrl}/blob/main/…)` : ''}.`,
      );
      continue;
    }
    if (target === '.' || files.has(target) || [...files].some((file) => file.startsWith(`${target}/`)))
      continue;
    if (context.notYetWritten?.has(target)) continue;
    problems.push(
      `${name}: README.md links to ${link}, which is not in the tarball. Add it to "files" in package.json, ` +
        `or link it by its repository URL${repositoryUrl ? ` (${repositoryUrl}/blob/main/…)` : ''}.`,
    );
  }
  return problems;
}

/**
 * What a packed package lacks: README.md; LICENSE with the repository's license text; CHANGELOG.md and
 * VERSIONING.md when the package directory has them; and README links that resolve (see {@link readmeLinkProblems}).
 */
export function shippedFilesProblems(options: {
  name: string;
  tarball: string;
  /** The package's directory in the workspace. */
  dir: string;
  repository: { url: string } | string | undefined;
  repoRoot: string;
}): string[] {
  const { name, tarball, dir, repoRoot } = options;
  const files = tarballFiles(tarball);
  const problems: string[] = [];
  const read = (file: string) =>
    execFileSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!files.has('LICENSE')) {
    problems.push(`${name}: the tarball has no LICENSE. Add a LICENSE file (the root one's text) to ${dir}.`);
  } else if (read('LICENSE') !== readFileSync(join(repoRoot, 'LICENSE'), 'utf8')) {
    problems.push(`${name}: the packed LICENSE differs from the repository's LICENSE. Copy the root one.`);
  }
  const notYetWritten = new Set<string>();
  for (const file of SHIPPED_WHEN_PRESENT) {
    if (!existsSync(join(dir, file))) notYetWritten.add(file);
    else if (!files.has(file)) {
      problems.push(`${name}: ${file} is not in the tarball. Add "${file}" to "files" in package.json.`);
    }
  }
  if (!files.has('README.md')) return [...problems, `${name}: the tarball has no README.md.`];
  const readme = read('README.md');
  const linked = new Set(
    markdownLinks(readme).map((link) => link.replace(/^\.\//, '').replace(/[#?].*$/, '')),
  );
  // CHANGELOG.md is linked even before the first `changeset version`, which writes it before anything is packed.
  const mustLink = SHIPPED_WHEN_PRESENT.filter((file) => file === 'CHANGELOG.md' || !notYetWritten.has(file));
  for (const file of mustLink) {
    if (!linked.has(file)) problems.push(`${name}: README.md does not link to ./${file}.`);
  }
  notYetWritten.delete('VERSIONING.md');
  return [
    ...problems,
    ...readmeLinkProblems(readme, {
      name,
      files,
      repositoryUrl: repositoryWebUrl(options.repository),
      repoRoot,
      notYetWritten,
    }),
  ];
}
