import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

/** Type-checks `source` as if it were a file of this package's tests; returns the error messages. */
function compileErrors(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const fileName = join(packageDir, 'test', '__compile-error-probe__.ts');
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion)
      : getSourceFile(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(fileName))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const handlers = `
import { createEventHandler } from '../src/index';
const all = {
  'client.created': { 1: () => 'c' },
  'user.created': { 1: () => 'u' },
  'worker.onboarded': { 1: () => 'o' },
  'worker.updated': { 1: () => 'w' },
  'worker.contract.updated': { 1: () => 'k' },
  unknown: () => '?',
};
`;

describe('compile errors of createEventHandler name what is missing', () => {
  it('compiles when every (type, dataVersion) and unknown has a handler', () => {
    expect(compileErrors(`${handlers} createEventHandler(all);`)).toEqual([]);
  }, 30_000);

  it('names a missing event type', () => {
    const errors = compileErrors(
      `${handlers} const { 'worker.updated': _, ...rest } = all; createEventHandler(rest);`,
    );
    expect(errors.join('\n')).toMatch(/Property '"worker\.updated"' is missing/);
  }, 30_000);

  it('names a missing data version', () => {
    const errors = compileErrors(`${handlers} createEventHandler({ ...all, 'user.created': {} });`);
    expect(errors.join('\n')).toMatch(/Property '1' is missing/);
  }, 30_000);

  it('names a missing unknown handler', () => {
    const errors = compileErrors(
      `${handlers} const { unknown: _, ...rest } = all; createEventHandler(rest);`,
    );
    expect(errors.join('\n')).toMatch(/Property 'unknown' is missing/);
  }, 30_000);
});
