import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './repo-copy';

it('the delivery facts of @listo/events are the ones the sandbox emulates and @listo/webhooks enforces', () => {
  const output = execFileSync(
    process.execPath,
    ['--conditions=@listo/source', '--import', 'tsx', join(repoRoot, 'test/contract/delivery-facts.mjs')],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const { asyncapi, sandbox, webhooks } = JSON.parse(output.trim().split('\n').at(-1)!);
  expect(asyncapi.maxAttempts).toBe(sandbox.maxAttempts);
  expect(asyncapi.backoffSeconds.map((s: number) => s * 1000)).toEqual(sandbox.backoffMs);
  expect(asyncapi.attemptTimeoutSeconds * 1000).toBe(sandbox.attemptTimeoutMs);
  expect(asyncapi.userAgent).toBe(sandbox.userAgent);
  expect(asyncapi.headers).toEqual(webhooks.headers);
  expect(asyncapi.replayWindowSeconds).toBe(300);
  expect([webhooks.accepts299, webhooks.accepts301]).toEqual([true, false]);
});
