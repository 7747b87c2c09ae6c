import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver } from './support/receiver';

// Hang guards, not speed limits: type-checking the examples with the api-client's sources takes a minute or more
// on a loaded 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package so that the examples resolve its dependencies, outside src/ and test/ so that a concurrent
// `tsc -p tsconfig.json` never sees them (and .gitignore'd).
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/**
 * Every TypeScript block of the README, with the package imports pointed at the sources. `@listo/api-client`
 * is read from its sources as a file: it is not a dependency of the sandbox (its tests run against the sandbox).
 */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
  match[1]!
    .replaceAll("'@listo/sandbox/oidc'", "'../src/oidc/index'")
    .replaceAll("'@listo/sandbox'", "'../src/index'")
    .replaceAll("'@listo/api-client'", "'../../api-client/src/index'"),
);

/**
 * Type tests of the seam the first example crosses, compiled with the examples: `follow()` on the `links.self`
 * of each event the sandbox builds returns that entity's exact REST type.
 */
const SEAM_TYPES = `import { expectTypeOf } from 'vitest';
import type { Client, User, WorkerV2 } from '../../api-client/src/index';
import { createListoClient } from '../../api-client/src/index';
import type { Sandbox } from '../src/index';
declare const sandbox: Sandbox;
const client = createListoClient({ apiKey: 'k' });
const clientId = sandbox.dataset.clients[0]!.id;
expectTypeOf(client.follow(sandbox.createClient().event.data.links.self)).resolves.toEqualTypeOf<Client>();
expectTypeOf(client.follow(sandbox.createUser({ clientId }).event.data.links.self)).resolves.toEqualTypeOf<User>();
for (const { event } of [sandbox.onboardWorker({ clientId }), sandbox.updateWorker('lglsowpr_x', {})]) {
  expectTypeOf(client.follow(event.data.links.self)).resolves.toEqualTypeOf<WorkerV2>();
}
expectTypeOf(client.follow(sandbox.emit('worker.updated').event.data.links.self)).resolves.toEqualTypeOf<WorkerV2>();
`;

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [i, code] of examples.entries()) writeFileSync(join(dir, `example-${i}.ts`), code);
  writeFileSync(join(dir, 'seam-types.ts'), SEAM_TYPES);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README examples', () => {
  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
  });

  it('type-check as written, and follow() gives the exact resource type of every sandbox event link', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(
      [...examples.map((_, i) => join(dir, `example-${i}.ts`)), join(dir, 'seam-types.ts')],
      { ...config.options, noEmit: true, declaration: false },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? `${d.file.fileName.slice(root.length)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  });

  it('run: the first one starts a sandbox, delivers worker.onboarded and follows its links.self', async () => {
    // The one change: the example's receiver address, pointed at a loopback receiver of this test.
    const receiver = await startReceiver();
    try {
      const code = examples[0]!.replace('http://127.0.0.1:3000/webhooks/listo', receiver.url);
      expect(code).not.toBe(examples[0]);
      writeFileSync(join(dir, 'example-0-run.ts'), code);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(join(dir, 'example-0-run.ts'));
        expect(log).toHaveBeenCalledWith(true, 'EXECUTED', 1);
      } finally {
        log.mockRestore();
      }
      expect(receiver.requests).toHaveLength(1);
      expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: 'worker.onboarded' });
    } finally {
      await receiver.close();
    }
  });
});
