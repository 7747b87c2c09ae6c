import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
  ExtractorMessageCategory,
  type IConfigFile,
} from '@microsoft/api-extractor';
import { type EntryPoint, entryPoints, type Manifest, repoRoot } from './workspace';

export const API_UPDATE_COMMAND = 'pnpm api:update';

/** `etc/webhooks.api.md` for `.`, `etc/webhooks-node.api.md` for `./node`: one report per code entry point. */
export function reportName(manifest: Manifest, entry: EntryPoint): string {
  const base = manifest.name.replace(/^@[^/]+\//, '');
  return entry.subpath === '.' ? base : `${base}-${entry.subpath.slice(2).replaceAll('/', '-')}`;
}

function configObject(dir: string, manifest: Manifest, entry: EntryPoint, temp: string): IConfigFile {
  return {
    projectFolder: dir,
    // The ESM declarations that tsup built: the report describes what is published, not the sources.
    mainEntryPointFilePath: join(dir, entry.importTypes),
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          typeRoots: [join(repoRoot, 'node_modules', '@types')],
          strict: true,
          skipLibCheck: true,
        },
        files: [join(dir, entry.importTypes)],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: reportName(manifest, entry),
      // Written to a scratch folder, then normalized and compared here (see `normalize`).
      reportFolder: temp,
      reportTempFolder: temp,
      // Types that the API uses without exporting them are part of its shape: show them to the reviewer.
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      extractorMessageReporting: {
        // Findings (a type the API uses but the entry point does not export) go into the report, where the
        // reviewer sees them.
        default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
        // No package here uses release tags (@public, @beta): every export is public.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        // The report already marks "(undocumented)" members; {@link}s across entry points are for TypeDoc.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        'ae-unresolved-link': { logLevel: ExtractorLogLevel.None },
      },
      // Doc comments are for readers and TypeDoc; TSDoc's stricter grammar is not a contract.
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

/**
 * The report without what changes when nothing in the API does: the file, line and column in dist/ (a chunk's
 * hashed name, a line moved by a comment) of the findings listed at its end.
 */
function normalize(report: string): string {
  return report.replace(/^\/\/ dist\/\S+:\d+:\d+ - /gm, '// ');
}

function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `  first difference at line ${i + 1}:\n  - committed: ${a[i] ?? '(end of file)'}\n  + generated: ${b[i] ?? '(end of file)'}`;
}

/**
 * Checks (or, with `update`, rewrites) the API reports of the package in `dir` from its built declarations.
 * All entry points share one compiler program. Returns the problems found; empty means the reports match.
 */
export function apiReports(dir: string, manifest: Manifest, update: boolean): string[] {
  const entries = entryPoints(manifest).filter((e) => e.kind === 'code');
  const temp = mkdtempSync(join(tmpdir(), 'listo-api-report-'));
  const problems: string[] = [];
  try {
    for (const entry of entries) {
      if (!existsSync(join(dir, entry.importTypes))) {
        throw new Error(`${manifest.name}: ${entry.importTypes} is missing; build the package first`);
      }
    }
    const configs = entries.map((entry) =>
      ExtractorConfig.prepare({
        configObject: configObject(dir, manifest, entry, temp),
        configObjectFullPath: undefined,
        packageJsonFullPath: join(dir, 'package.json'),
      }),
    );
    const [first] = configs;
    if (!first) return [];
    const compilerState = CompilerState.create(first, {
      additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath),
    });
    if (update) mkdirSync(join(dir, 'etc'), { recursive: true });
    for (const [i, config] of configs.entries()) {
      const entry = entries[i]!;
      const messages: string[] = [];
      Extractor.invoke(config, {
        compilerState,
        localBuild: true,
        messageCallback: (message: ExtractorMessage) => {
          message.handled = true;
          // Console messages narrate (report created, report changed); the outcome is read from the result.
          if (message.category === ExtractorMessageCategory.Console) return;
          if (
            message.logLevel === ExtractorLogLevel.Error ||
            message.logLevel === ExtractorLogLevel.Warning
          ) {
            messages.push(message.formatMessageWithLocation(dir));
          }
        },
      });
      problems.push(...messages.map((m) => `${manifest.name} (${entry.subpath}): ${m}`));
      const file = `${reportName(manifest, entry)}.api.md`;
      const generated = normalize(readFileSync(join(temp, file), 'utf8'));
      const committedPath = join(dir, 'etc', file);
      const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : undefined;
      if (generated === committed) continue;
      if (update) writeFileSync(committedPath, generated);
      else {
        problems.push(
          `${manifest.name}: the public API of "${entry.specifier}" changed and etc/${file} was not updated. ` +
            `Run \`${API_UPDATE_COMMAND}\`, review the diff of etc/${file} and commit it.\n` +
            firstDifference(committed ?? '', generated),
        );
      }
    }
    // A report whose entry point is gone.
    const expected = new Set(entries.map((e) => `${reportName(manifest, e)}.api.md`));
    const etc = join(dir, 'etc');
    for (const file of existsSync(etc) ? readdirSync(etc) : []) {
      if (!file.endsWith('.api.md') || expected.has(file)) continue;
      if (update) rmSync(join(etc, file));
      else
        problems.push(
          `${manifest.name}: etc/${file} has no entry point any more. Run \`${API_UPDATE_COMMAND}\`.`,
        );
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return problems;
}
