import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT, SECRET, signedDelivery } from './support/deliveries';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package so that the examples resolve express, fastify and hono as the package does, but outside
// src/ and test/ so that a concurrent `tsc -p tsconfig.json` never sees these files.
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's TypeScript examples that are whole modules, with the package imports pointed at the sources. */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((code) => code.includes('import '))
  .map((code) =>
    code
      .replaceAll("'@listo/webhooks/node'", "'../src/node/index'")
      .replaceAll("'@listo/webhooks/fetch'", "'../src/fetch/index'")
      .replaceAll("'@listo/webhooks'", "'../src/index'"),
  );

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [i, code] of examples.entries()) writeFileSync(join(dir, `example-${i}.ts`), code);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README examples', () => {
  it('include the verification example, the test helpers and one for each framework', () => {
    expect(examples).toHaveLength(6);
  });

  it('type-check as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    )!;
    const program = ts.createProgram(
      examples.map((_, i) => join(dir, `example-${i}.ts`)),
      // as a user's project would compile them: no isolatedDeclarations
      { ...config.options, noEmit: true, declaration: false, isolatedDeclarations: false },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it('verify a real delivery with the first example, and reject a tampered one', async () => {
    process.env.LISTO_WEBHOOK_SECRET = SECRET;
    const { handle } = (await import(join(dir, 'example-0.ts'))) as {
      handle: (body: string, headers: Record<string, string>) => unknown;
    };
    const delivery = signedDelivery();
    expect(handle(delivery.body, delivery.headers)).toEqual({ status: 200, event: EVENT });
    expect(handle(delivery.body.replace('Acme', 'Evil'), delivery.headers)).toEqual({
      status: 401,
      code: 'no_matching_signature',
    });
  });
});
