/**
 * Builds the API reference site (`pnpm run docs`): one TypeDoc site for every published package under
 * `packages/`, each entry point of its `exports` map a module named as partners import it
 * (`@listo/webhooks/node`), plus the partner guides in `docs/guides/`. Warnings are errors.
 */
import { join } from 'node:path';
import { Application, Converter, type DeclarationReflection, OptionDefaults, ReflectionKind } from 'typedoc';
import { sourceEntry } from '../scripts/contract/workspace';
import { publishedPackages, repoRoot } from '../scripts/package-check/workspace';

export const siteDir: string = join(repoRoot, 'docs', 'site');

/** Each code entry point of every published package: the source file and the specifier partners write. */
export function docEntryPoints(): { file: string; specifier: string }[] {
  return publishedPackages().flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
      // A source condition split by runtime (events' Node entry) documents its default, the one every runtime gets.
      const source = sourceEntry(target, ['default']);
      if (source === undefined) return []; // JSON and YAML documents, ./package.json
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`;
      return [{ file: join(dir, source), specifier }];
    }),
  );
}

export async function buildSite(out: string = siteDir): Promise<void> {
  const entries = docEntryPoints();
  const app = await Application.bootstrapWithPlugins({
    name: 'Listo contracts',
    entryPoints: entries.map((e) => e.file),
    entryPointStrategy: 'resolve',
    tsconfig: join(repoRoot, 'docs', 'tsconfig.json'),
    readme: join(repoRoot, 'docs', 'index.md'),
    projectDocuments: [join(repoRoot, 'docs', 'guides', '*.md')],
    plugin: ['typedoc-plugin-zod'],
    // openapi-typescript writes JSDoc's @description and @constant into the generated REST types.
    blockTags: [...OptionDefaults.blockTags, '@description', '@constant'],
    out,
    excludePrivate: true,
    excludeInternal: true,
    sort: ['kind', 'alphabetical'],
    validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true },
    // Every export and every method and accessor of one. Not each property of a type: most are the fields of
    // zod-inferred shapes and of the generated OpenAPI types, documented by their schemas and listo.yaml.
    requiredToBeDocumented: [
      'Enum',
      'Variable',
      'Function',
      'Class',
      'Interface',
      'TypeAlias',
      'Method',
      'Accessor',
      'Constructor',
      'Namespace',
    ],
    // TypeDoc's default is the root package only, which exports nothing.
    packagesRequiringDocumentation: publishedPackages().map((p) => p.manifest.name),
    treatWarningsAsErrors: true,
    treatValidationWarningsAsErrors: true,
    githubPages: false,
    // Source links from the repository URL, not from git: a CI clone's origin is a local path TypeDoc cannot link.
    disableGit: true,
    sourceLinkTemplate: 'https://github.com/listo/listo-contracts/blob/main/{path}#L{line}',
    hideGenerator: true,
    navigation: { includeCategories: false, includeGroups: true, includeFolders: false },
    logLevel: 'Warn',
  });

  // Name each module after the specifier that imports it, not after its path in the repository.
  const specifierOf = new Map(entries.map((e) => [e.file, e.specifier]));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection: DeclarationReflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    const specifier = file === undefined ? undefined : specifierOf.get(file);
    if (specifier) reflection.name = specifier;
  });

  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above)');
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error('The API reference has warnings (treated as errors): see above');
  }
  await app.generateDocs(project, out);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error('The API reference has warnings (treated as errors): see above');
  }
}

if (process.argv[1] === import.meta.filename) {
  buildSite().then(
    () => console.log(`API reference written to ${siteDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
