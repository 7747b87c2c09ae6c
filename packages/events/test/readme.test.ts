import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSchemaDocuments } from '../scripts/json-schema-documents';

const root = join(import.meta.dirname, '..');
// Inside the package, so that the examples resolve ajv and zod as the package does, but outside src/ and test/ so
// that a concurrent `tsc -p tsconfig.json` never sees these files.
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's TypeScript blocks, with the package's imports pointed at the sources (or the generated files). */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
  match[1]!
    .replaceAll("'@listo/events/fixtures'", "'../src/fixtures/index'")
    .replaceAll("'@listo/events/json-schema/", "'./json-schema/")
    .replaceAll("'@listo/events'", "'../src/index'"),
);

/** What the examples call and do not define: a partner's own services, declared with plausible types. */
const SERVICES = `
declare const body: unknown;
declare const log: { info(...values: unknown[]): void; warn(...values: unknown[]): void };
declare const crm: { upsertClient(clientId: string, name: string): Promise<void> };
declare const sso: { provision(email: string): Promise<void> };
declare const hris: {
  hire(workerId: string, contracts: readonly object[]): Promise<void>;
  update(workerId: string, data: object): Promise<void>;
  updateContract(contractId: string, status: string): Promise<void>;
};
`;

const fileOf = (index: number) => join(dir, `example-${index}.ts`);
/** A block that shows a compile error says so in a `// error TS…` comment, and must fail with that message. */
const expectedError = (code: string) => /\/\/ error (TS\d+)/.exec(code)?.[1];

function diagnosticsOf(program: ts.Program, file: string): string[] {
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

beforeAll(() => {
  mkdirSync(join(dir, 'json-schema'), { recursive: true });
  writeFileSync(join(dir, 'services.d.ts'), SERVICES);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const [file, schema] of jsonSchemaDocuments())
    writeFileSync(join(dir, 'json-schema', file), JSON.stringify(schema));
  for (const [index, code] of examples.entries()) writeFileSync(fileOf(index), code);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README examples', () => {
  it('are there: usage, handlers of both forms, narrowing, fixtures and ajv', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it('type-check as written, with the project settings; the one that shows an error fails with it', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram([join(dir, 'services.d.ts'), ...examples.map((_, i) => fileOf(i))], {
      ...config.options,
      noEmit: true,
    });
    for (const [index, code] of examples.entries()) {
      const diagnostics = diagnosticsOf(program, fileOf(index));
      const error = expectedError(code);
      if (error) {
        expect(diagnostics, `example ${index}`).toHaveLength(1);
        expect(diagnostics.join('\n'), `example ${index}`).toContain(`${error}:`);
        expect(diagnostics.join('\n'), `example ${index}`).toMatch(/Property '"worker\.updated"' is missing/);
      } else expect(diagnostics, `example ${index}`).toEqual([]);
    }
  });

  it('include an ajv example that type-checks under NodeNext, where CommonJS default imports differ', () => {
    const index = examples.findIndex((code) => code.includes('ajv'));
    expect(index).toBeGreaterThanOrEqual(0);
    const program = ts.createProgram([fileOf(index)], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
    });
    expect(diagnosticsOf(program, fileOf(index))).toEqual([]);
  });
});
