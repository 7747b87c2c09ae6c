import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeOptions } from '../tsup.config';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

// The Standard Webhooks test vector.
const VECTOR_SCRIPT = (load: string) => `
  delete process.getBuiltinModule; // as on Node 20.0 to 20.15
  ${load}
  const webhook = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const signature = webhook.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
  const now = Math.floor(Date.now() / 1000);
  const body = '{"ok":true}';
  const parsed = webhook.verify(body, webhook.signHeaders('msg_1', now, body));
  console.log(JSON.stringify({ signature, parsed }));
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'listo-webhooks-node-'));
  await build({ ...nodeOptions, config: false, sourcemap: false, silent: true, outDir: dir });
  writeFileSync(join(dir, 'esm.mjs'), VECTOR_SCRIPT("const { Webhook } = await import('./index.node.js');"));
  writeFileSync(join(dir, 'cjs.cjs'), VECTOR_SCRIPT("const { Webhook } = require('./index.node.cjs');"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the build behind the "node" export condition', () => {
  const expected = { signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', parsed: { ok: true } };

  it('signs and verifies synchronously without process.getBuiltinModule (ESM)', async () => {
    const { stdout } = await run(process.execPath, [join(dir, 'esm.mjs')]);
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('signs and verifies synchronously without process.getBuiltinModule (CommonJS)', async () => {
    const { stdout } = await run(process.execPath, [join(dir, 'cjs.cjs')]);
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('is what Node resolves the main entry to, with the main entry types', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const entry = manifest.exports['.'];
    expect(Object.keys(entry)).toEqual(['@listo/source', 'node', 'import', 'require']);
    expect(entry.node.import).toEqual({ types: entry.import.types, default: './dist/index.node.js' });
    expect(entry.node.require).toEqual({ types: entry.require.types, default: './dist/index.node.cjs' });
  });
});
