import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addClientCreatedV2, addClientCreatedV2TypeCheck } from './add-event-version';
import { copyRepo, edit, removeCopy, repoRoot, runScript, setChangesets } from './repo-copy';

// Each check imports every package's sources in a fresh process: seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const CHECK = 'scripts/contract/check.ts';
const copies: string[] = [];
afterAll(() => copies.forEach(removeCopy));
/**
 * A copy whose records are re-taken from its own tree, so that each test starts from "no change since the
 * last release" whatever the real tree changed since its baseline, and sees only the change it makes.
 */
function copy(): string {
  const dir = copyRepo();
  copies.push(dir);
  rmSync(join(dir, 'contract'), { recursive: true, force: true });
  expect(runScript(dir, 'scripts/contract/record.ts').status).toBe(0);
  return dir;
}

describe('pnpm contract:check on the real tree', () => {
  it('passes: every package has a record and its pending changesets cover what changed since', () => {
    const { status, output } = runScript(repoRoot, CHECK);
    expect(output).toContain('contract:check passed');
    expect(status).toBe(0);
  });
});

describe('a breaking change to an event schema, in a copy of the repository', () => {
  let dir: string;
  beforeAll(() => {
    dir = copy();
    // `worker.onboarded` v1 (and `worker.updated` v1, which shares the worker shape): phone no longer nullable.
    edit(
      dir,
      'packages/events/src/schemas/worker-schema.ts',
      'phone: z.string().nullable(),',
      'phone: z.string(),',
    );
    // The maintainer regenerates the committed documents, as the check would otherwise tell them to.
    expect(runScript(dir, 'scripts/contract/documents.ts').status).toBe(0);
  });

  it('fails under a patch changeset, naming the change in words a partner understands', () => {
    setChangesets(dir, { '@listo/events': 'patch', '@listo/api-client': 'patch' });
    const { status, output } = runScript(dir, CHECK);
    expect(status).toBe(1);
    expect(output).toContain('major  `worker.onboarded` v1: `data.phone` no longer accepts null');
    expect(output).toContain('major  `worker.updated` v1: `data.phone` no longer accepts null');
    expect(output).toMatch(
      /✗ @listo\/events: \d+ contract change\(s\) since 0\.1\.0 .*needs at least a minor at 0\.1\.0, pending changesets give patch/,
    );
    expect(output).toContain('Run `pnpm changeset`, choose minor (or more) for @listo/events');
    // The OpenAPI document carries the same schema in its webhooks section, so the api-client needs one too.
    expect(output).toContain(
      'webhook `worker.onboarded.v1`: the request body `data.phone` no longer accepts null',
    );
    expect(output).toContain('contract:check failed');
  });

  it('fails with no changeset at all', () => {
    setChangesets(dir, {});
    const { status, output } = runScript(dir, CHECK);
    expect(status).toBe(1);
    expect(output).toMatch(/needs a minor bump and the pending changesets give it none/);
  });

  it('passes once the changesets give both packages a minor (the breaking bump while 0.x)', () => {
    setChangesets(dir, { '@listo/events': 'minor', '@listo/api-client': 'minor' });
    const { status, output } = runScript(dir, CHECK);
    expect(output).toContain('contract:check passed');
    expect(status).toBe(0);
  });
});

describe('a stale contract document, in a copy of the repository', () => {
  it('fails with the command that regenerates it', () => {
    const dir = copy();
    edit(
      dir,
      'packages/events/src/schemas/worker-schema.ts',
      'phone: z.string().nullable(),',
      'phone: z.string().nullable().optional(),',
    );
    setChangesets(dir, { '@listo/events': 'minor', '@listo/api-client': 'minor' });
    const { status, output } = runScript(dir, CHECK);
    expect(status).toBe(1);
    expect(output).toContain(
      'its webhooks section is not what @listo/events generates. Run `pnpm contract:documents`',
    );
  });
});

describe('pnpm version-packages, in a copy of the repository', () => {
  let dir: string;
  let output: string;
  beforeAll(() => {
    dir = copy();
    setChangesets(dir, { '@listo/ids': 'minor' }, 'A breaking change to @listo/ids.');
    const result = runScript(dir, 'node_modules/@changesets/cli/bin.js', 'version');
    expect(result.status).toBe(0);
    const record = runScript(dir, 'scripts/contract/record.ts');
    output = record.output;
    expect(record.status).toBe(0);
  });

  it('records the contract of each released package at its new version, and of no other', () => {
    expect(output).toContain('recorded @listo/ids@0.2.0');
    const recorded = (name: string) => readdirSync(join(dir, 'contract', name)).sort();
    expect(recorded('@listo/ids')).toEqual(['0.1.0', '0.2.0']);
    // Its dependents get a patch that carries the new range, so they are released (and recorded) too.
    expect(recorded('@listo/events')).toEqual(['0.1.0', '0.1.1']);
    expect(recorded('@listo/webhooks')).toEqual(['0.1.0']);
    expect(existsSync(join(dir, 'contract/@listo/ids/0.2.0/exports/constants.json'))).toBe(true);
  });

  it('leaves a tree that passes the check, each package compared with its new record', () => {
    const { status, output } = runScript(dir, CHECK);
    expect(output).toContain('✓ @listo/ids@0.2.0: no contract change since the record of 0.2.0');
    expect(status).toBe(0);
  });

  it('never rewrites a record', () => {
    const again = runScript(dir, 'scripts/contract/record.ts');
    expect(again.output).toContain('every package version already has a record');
  });
});

describe("CONTRIBUTING.md's walk-through, adding `client.created` v2, in a copy of the repository", () => {
  let dir: string;
  beforeAll(() => {
    dir = copy();
    addClientCreatedV2(dir); // steps 1–3: the file, the registry line, the exports
    expect(runScript(dir, 'scripts/contract/documents.ts').output).toContain('webhooks section rewritten'); // step 6
  });

  it('step 4 starts from sources that compile, both versions typed through the public API', () => {
    const project = addClientCreatedV2TypeCheck(dir);
    const tsc = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('step 7 fails under a patch: the new (type, dataVersion) is breaking for exhaustive handlers', () => {
    setChangesets(dir, { '@listo/events': 'patch' });
    const { status, output } = runScript(dir, CHECK, '--quiet');
    expect(status).toBe(1);
    expect(output).toContain(
      'major  export `EVENT_CATALOG`: knows a new (type, dataVersion) `client.created` v2: every exhaustive createEventHandler must now handle it',
    );
    expect(output).toContain('minor  `client.created` v2: is a new published document');
    expect(output).toContain('minor  AsyncAPI message `client.created.v2`: is new');
    expect(output).toContain('minor  webhook `client.created.v2`: is a new endpoint');
    expect(output).toMatch(/@listo\/api-client needs a patch bump and the pending changesets give it none/);
  });

  it('step 7 passes with the changeset CONTRIBUTING.md shows', () => {
    setChangesets(dir, { '@listo/events': 'minor', '@listo/api-client': 'patch' });
    const { status, output } = runScript(dir, CHECK, '--quiet');
    expect(output).toContain('contract:check passed');
    expect(status).toBe(0);
  });
});
