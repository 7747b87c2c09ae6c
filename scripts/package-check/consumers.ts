import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import type { EntryPoint } from './workspace';

/**
 * A consumer's compiler settings, one per way a partner's project resolves modules. Each program is checked
 * with `skipLibCheck: false`, and only the diagnostics of the consumer's files and of the installed `@listo/*`
 * declarations are kept: a broken declaration of ours fails, one in a third-party dependency is theirs.
 */
interface Mode {
  name: string;
  files: Record<string, (entries: EntryPoint[]) => string>;
  options: ts.CompilerOptions;
}

const common: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  resolveJsonModule: true,
  types: ['node'],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
};

/** A module with one import per entry point, written by `line`, that uses every binding it imports. */
const consumer =
  (line: (entry: EntryPoint, binding: string) => string) =>
  (entries: EntryPoint[]): string => {
    const imports = entries.map((e, i) => line(e, `m${i}`)).join('\n');
    return `${imports}\nexport const loaded = [${entries.map((_, i) => `m${i}`).join(', ')}];\n`;
  };

/** `import x = require(…)`, which compiles to `const x = require(…)` and works for code and JSON alike. */
const requires = consumer((e, m) => `import ${m} = require('${e.specifier}');`);

/**
 * ESM imports; a JSON module's default import is its content. (Node wants `with { type: 'json' }` on it,
 * which TypeScript accepts from module node18; the resolution checked here is the same without it.)
 */
const imports = consumer((e, m) =>
  e.kind === 'json' ? `import ${m} from '${e.specifier}';` : `import * as ${m} from '${e.specifier}';`,
);

export const MODES: Mode[] = [
  {
    // An older CommonJS project: `exports` is ignored, so subpaths resolve through `typesVersions`. Its
    // target is the lowest that declarations with `#private` fields allow.
    name: 'node10 (module commonjs)',
    files: { 'node10.ts': requires },
    options: {
      ...common,
      target: ts.ScriptTarget.ES2015,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    },
  },
  {
    name: 'node16 (CommonJS .cts and ESM .mts)',
    files: {
      'node16.cts': requires,
      'node16.mts': imports,
    },
    options: {
      ...common,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
    },
  },
  {
    name: 'bundler (module esnext)',
    files: { 'bundler.ts': imports },
    options: {
      ...common,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  },
];

function format(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
}

/** Type-checks an import of every code and JSON entry point in each mode; returns the problems found. */
export function typeCheckConsumers(project: string, entries: EntryPoint[]): string[] {
  const importable = entries.filter((e) => e.kind !== 'asset');
  const problems: string[] = [];
  const ours = join(project, 'node_modules', '@listo') + sep;
  for (const mode of MODES) {
    const roots = Object.entries(mode.files).map(([file, source]) => {
      const path = join(project, file);
      writeFileSync(path, source(importable));
      return path;
    });
    const program = ts.createProgram(roots, mode.options);
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    for (const file of program.getSourceFiles()) {
      if (!roots.includes(file.fileName) && !file.fileName.startsWith(ours)) continue;
      diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
    }
    problems.push(...diagnostics.map((d) => `${mode.name}: ${format(d)}`));
  }
  return problems;
}

/**
 * Loads every entry point with Node from the consumer's folder, through `require` and through `import`
 * (asset entry points are resolved, not loaded), and checks that both module systems export the same names.
 * This is also the JavaScript half of the node10 story: TypeScript's node10 mode ignores `exports`, Node
 * (every version `engines` allows) does not, so the `require('…/node')` that such a project emits works.
 */
export function loadWithNode(project: string, entries: EntryPoint[], node = process.execPath): string[] {
  const list = JSON.stringify(entries.map(({ specifier, kind }) => ({ specifier, kind })));
  const cjs = `const entries = ${list};
const out = {};
for (const { specifier, kind } of entries) {
  out[specifier] = kind === 'asset' ? [require('node:fs').existsSync(require.resolve(specifier))] : Object.keys(require(specifier)).sort();
}
process.stdout.write(JSON.stringify(out));\n`;
  const esm = `import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entries = ${list};
const out = {};
for (const { specifier, kind } of entries) {
  if (kind === 'asset') out[specifier] = [existsSync(fileURLToPath(import.meta.resolve(specifier)))];
  else if (kind === 'json') out[specifier] = Object.keys((await import(specifier, { with: { type: 'json' } })).default).sort();
  else out[specifier] = Object.keys(await import(specifier)).sort();
}
process.stdout.write(JSON.stringify(out));\n`;
  writeFileSync(join(project, 'load.cjs'), cjs);
  writeFileSync(join(project, 'load.mjs'), esm);
  const run = (file: string) =>
    JSON.parse(execFileSync(node, [file], { cwd: project, encoding: 'utf8' })) as Record<string, unknown[]>;
  const required = run('load.cjs');
  const imported = run('load.mjs');
  const problems: string[] = [];
  for (const { specifier, kind } of entries) {
    const a = JSON.stringify(required[specifier]);
    const b = JSON.stringify(imported[specifier]);
    if (kind === 'asset' && (a !== '[true]' || b !== '[true]'))
      problems.push(`${specifier}: the file is missing`);
    else if (a !== b) problems.push(`${specifier}: require() exports ${a} but import exports ${b}`);
    else if (a === '[]') problems.push(`${specifier}: exports nothing`);
  }
  return problems;
}
