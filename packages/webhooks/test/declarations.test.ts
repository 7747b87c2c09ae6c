import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'listo-webhooks-dts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Emits the main entry's declarations with the compiler, into `dir/types`; returns their text. */
function emitDeclarations(): string[] {
  const texts: string[] = [];
  const program = ts.createProgram([join(src, 'index.ts')], {
    declaration: true,
    emitDeclarationOnly: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  const result = program.emit(undefined, (file, text) => {
    const out = join(dir, 'types', relative(src, file));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    texts.push(text);
  });
  expect(result.diagnostics).toEqual([]);
  return texts;
}

describe('the published declarations', () => {
  it('type-check without skipLibCheck in a consumer that keeps the default target (ES5)', () => {
    // A class with #private members declares `#private;`, which TypeScript rejects below ES2015.
    for (const text of emitDeclarations()) expect(text).not.toMatch(/^\s*#private;/m);
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { Webhook, WebhookVerificationError } from './types/index';
       const webhook: Webhook = new Webhook('whsec_c2VjcmV0');
       export const ok: boolean = webhook instanceof Webhook && typeof webhook.sign === 'function';
       export const error = new WebhookVerificationError('missing_header', 'Missing webhook-id header');`,
    );
    // No target set, as in many Node projects; a lib with Symbol, as any modern code needs.
    const program = ts.createProgram([consumer], {
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: false,
      lib: ['lib.es2015.d.ts', 'lib.dom.d.ts'],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
