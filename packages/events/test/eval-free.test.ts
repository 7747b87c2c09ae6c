import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('on a runtime that forbids new Function (zod’s eval-free path)', () => {
  it('parses with both entries: the compiler and zod’s JIT step aside by themselves', () => {
    const output = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--conditions=@listo/source',
        '--import',
        'tsx',
        join(import.meta.dirname, 'support', 'eval-free-probe.ts'),
      ],
      { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' },
    );
    const expected = ['known', 'known', 'known', 'known', 'known', 'unknown', 'invalid'];
    expect(JSON.parse(output)).toEqual({ evalAllowed: false, default: expected, node: expected });
  });
});
