import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

const handlers = `
import { createEventHandler, createEventHandlerFor } from '../src/index';
declare const log: { info(...values: unknown[]): void };
const all = {
  'client.created': { 1: () => 'c' },
  'user.created': { 1: () => 'u' },
  'worker.onboarded': { 1: () => 'o' },
  'worker.updated': { 1: () => 'w' },
  'worker.contract.updated': { 1: () => 'k' },
  unknown: () => '?',
};
`;

/** Each probe is a file of its own in one program: one type-check for all of them. */
const probes = {
  complete: `createEventHandler(all);`,
  missingType: `const { 'worker.updated': _, ...rest } = all; createEventHandler(rest);`,
  missingVersion: `createEventHandler({ ...all, 'user.created': {} });`,
  missingUnknown: `const { unknown: _, ...rest } = all; createEventHandler(rest);`,
  extraType: `createEventHandler({ ...all, 'client.deleted': { 1: () => 'x' } });`,
  mixedAsync: `createEventHandler({
    'client.created': { 1: async (e) => log.info(e.data.name) },
    'user.created': { 1: async (e) => log.info(e.data.email) },
    'worker.onboarded': { 1: async (e) => log.info(e.data.workerId) },
    'worker.updated': { 1: async (e) => log.info(e.data.workerId) },
    'worker.contract.updated': { 1: async (e) => log.info(e.data.id) },
    unknown: (e) => log.info('ignored event', e.type, e.dataVersion),
  });`,
  subsetComplete: `createEventHandlerFor([['worker.onboarded', 1]], {
    'worker.onboarded': { 1: async (e) => e.data.workerId },
    otherwise: (e) => log.info(e.type),
  });`,
  subsetMissingHandler: `createEventHandlerFor([['worker.onboarded', 1], ['user.created', 1]], {
    'worker.onboarded': { 1: () => 1 },
    otherwise: () => 1,
  });`,
  subsetMissingOtherwise: `createEventHandlerFor([['worker.onboarded', 1]], { 'worker.onboarded': { 1: () => 1 } });`,
  subsetExtraHandler: `createEventHandlerFor([['worker.onboarded', 1]], {
    'worker.onboarded': { 1: () => 1 },
    'client.created': { 1: () => 1 },
    otherwise: () => 1,
  });`,
  subsetUnknownPair: `createEventHandlerFor([['client.deleted', 1]], { otherwise: () => 1 });`,
  subsetUnknownVersion: `createEventHandlerFor([['client.created', 2]], { otherwise: () => 1 });`,
} as const;

type Probe = keyof typeof probes;
const fileOf = (probe: string) => join(packageDir, 'test', `__compile-error-probe-${probe}__.ts`);

/** Type-checks every probe as if it were a file of this package's tests; returns the error messages of each. */
function compileErrors(): Record<Probe, string> {
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
  const sources = new Map(
    Object.entries(probes).map(([probe, code]) => [fileOf(probe), `${handlers}\n${code}\n`]),
  );
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    const source = sources.get(name);
    return source !== undefined
      ? ts.createSourceFile(name, source, languageVersion)
      : getSourceFile(name, languageVersion, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  const program = ts.createProgram([...sources.keys()], config.options, host);
  return Object.fromEntries(
    Object.keys(probes).map((probe) => [
      probe,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(fileOf(probe)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        .join('\n'),
    ]),
  ) as Record<Probe, string>;
}

let errors: Record<Probe, string>;
beforeAll(() => {
  errors = compileErrors();
});

describe('compile errors of createEventHandler name what is wrong', () => {
  it('compiles when every (type, dataVersion) and unknown has a handler', () => {
    expect(errors.complete).toBe('');
  });

  it('compiles async handlers next to a sync unknown (the README example)', () => {
    expect(errors.mixedAsync).toBe('');
  });

  it('names a missing event type', () => {
    expect(errors.missingType).toMatch(/Property '"worker\.updated"' is missing/);
  });

  it('names a missing data version', () => {
    expect(errors.missingVersion).toMatch(/Property '1' is missing/);
  });

  it('names a missing unknown handler', () => {
    expect(errors.missingUnknown).toMatch(/Property 'unknown' is missing/);
  });

  it('names an event type the package does not know', () => {
    expect(errors.extraType).toMatch(/'client\.deleted'+ does not exist/);
  });
});

describe('compile errors of createEventHandlerFor name what is wrong', () => {
  it('compiles with exactly the subscribed handlers and otherwise', () => {
    expect(errors.subsetComplete).toBe('');
  });

  it('names a subscribed pair without a handler', () => {
    expect(errors.subsetMissingHandler).toMatch(/Property '"user\.created"' is missing/);
  });

  it('names a missing otherwise handler', () => {
    expect(errors.subsetMissingOtherwise).toMatch(/Property 'otherwise' is missing/);
  });

  it('rejects a handler for a pair that is not subscribed', () => {
    expect(errors.subsetExtraHandler).toMatch(/is not assignable to type 'never'/);
  });

  it('names a subscribed type or version that the package does not know', () => {
    expect(errors.subsetUnknownPair).toMatch(
      /Type '"client\.deleted"' is not assignable to type '"client\.created" \|/,
    );
    expect(errors.subsetUnknownVersion).toMatch(/Type '2' is not assignable to type '1'/);
  });
});
