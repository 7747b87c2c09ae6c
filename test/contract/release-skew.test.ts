/**
 * The release pipeline for real, and version skew end to end: `pnpm version-packages` and `changeset publish`
 * against a Verdaccio registry on loopback, twice (the pending changesets, then a release of @listo/events that
 * knows one more event type), and two partner services installed from that registry with npm, one pinned to
 * each release of @listo/events, both fed by one sandbox stream. One registry start, two installs.
 *
 * Lean by design (it runs in every `pnpm test`): the first release publishes the `dist` that turbo built before
 * this test (`//#test:repo` depends on `^build`), and the second rebuilds only @listo/events, whose sources it
 * changes; nothing is fetched from the network; the services install and build side by side.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ARCHIVED, addClientArchivedV1 } from './add-event-version';
import { freshBuild } from './fresh-build';
import {
  compileAgainst,
  createPartnerService,
  type Pair,
  type PartnerService,
  startPartnerService,
} from './partner-service';
import { copyRepo, removeCopy, repoRoot, setChangesets } from './repo-copy';
import { publishInstalled, type Registry, startRegistry } from './verdaccio';

// Builds, publishes and installs: minutes on a loaded 2-core machine. These are hang guards.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 900_000 });

const work = mkdtempSync(join(tmpdir(), 'listo-release-'));
let dir: string;
let registry: Registry;
let env: NodeJS.ProcessEnv;

const started = Date.now();
/** How long each step took, printed once: where the time of this test goes. */
const timings: string[] = [];
function lap(step: string) {
  timings.push(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs a command in the copy as a maintainer would, failing with its output. */
function sh(command: string, args: string[], cwd = dir): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

function versions(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of readdirSync(join(dir, 'packages'))) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'packages', name, 'package.json'), 'utf8'));
      found[manifest.name] = manifest.version;
    } catch {
      // not in this tree (yet)
    }
  }
  return found;
}

/**
 * `pnpm release` (build, then `changeset publish`), without git tags (the copy is not a git repository) and
 * without rebuilding what is already built: a package in `changed` (its sources differ from the repository's)
 * runs its whole build script; any other runs it without `tsup`, whose output does not depend on the version
 * (the rest, such as the AsyncAPI document's `info.version`, does), into the `dist` it already has.
 */
function release(changed: readonly string[]): string {
  for (const name of KEPT) {
    const pkg = join(dir, 'packages', name);
    const steps = (
      JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { scripts: { build: string } }
    ).scripts.build
      .split(' && ')
      .filter((step) => changed.includes(name) || step.trim() !== 'tsup');
    if (steps.length > 0) sh('sh', ['-c', steps.join(' && ')], pkg);
  }
  return sh('pnpm', ['exec', 'changeset', 'publish', '--no-git-tag']);
}

function recordedCatalog(version: string): Pair[] {
  const constants = JSON.parse(
    readFileSync(join(dir, 'contract/@listo/events', version, 'exports/constants.json'), 'utf8'),
  ) as { '.': { EVENT_CATALOG: Pair[] } };
  return constants['.'].EVENT_CATALOG.map(({ type, dataVersion }) => ({ type, dataVersion }));
}

async function registryVersions(name: string): Promise<string[]> {
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
  return Object.keys(((await response.json()) as { versions: Record<string, unknown> }).versions).sort();
}

const first: { versions: Record<string, string>; published: string } = { versions: {}, published: '' };
const second: { versions: Record<string, string>; published: string } = { versions: {}, published: '' };
const services: { old?: PartnerService; next?: PartnerService } = {};
let stream: {
  events: { known: { id: string }; next: { id: string; data: Record<string, unknown> } };
  deliveries: { webhookId: string; url: string; status: number; attempt: number; final: boolean }[];
};
let oldBuildAgainstNext: string;
/** `info.version` of the AsyncAPI document in each published @listo/events tarball, by release. */
const asyncapiVersions = new Map<string, string>();
const receivers = new Map<
  string,
  {
    cases: number;
    samples: number;
    fixtures: number;
    invalid: number;
    unknown: number;
    disagreements: unknown[];
  }
>();

/**
 * The copy keeps the packages a partner service installs (ids, events, webhooks, webhook-handler): the
 * release of the others would prove nothing more here and would double the builds. The sandbox that sends
 * the stream runs from the repository's sources.
 */
const KEPT = ['ids', 'events', 'webhooks', 'webhook-handler'];

beforeAll(async () => {
  dir = copyRepo();
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(dir, group))) {
      if (group === 'apps' || !KEPT.includes(name))
        rmSync(join(dir, group, name), { recursive: true, force: true });
    }
  }
  const configPath = join(dir, '.changeset/config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), ignore: [] }, null, 2),
  );
  // The first release publishes what turbo built; a package whose build is missing or older than its sources
  // (a run of this file alone after an edit) is built in the copy, and says so.
  const stale = KEPT.filter((name) => !freshBuild(join(repoRoot, 'packages', name)));
  if (stale.length > 0) {
    console.warn(
      `release-skew: no fresh build of ${stale.join(', ')} in the repository; building it in the copy`,
    );
  }
  for (const name of KEPT) {
    if (!stale.includes(name)) {
      cpSync(join(repoRoot, 'packages', name, 'dist'), join(dir, 'packages', name, 'dist'), {
        recursive: true,
      });
    }
  }
  lap('copy ready');
  registry = await startRegistry(join(work, 'registry'));
  // The one package the services install that is not ours, at the version the workspace has.
  const zodDir = dirname(
    createRequire(join(repoRoot, 'packages/events/package.json')).resolve('zod/package.json'),
  );
  await publishInstalled(registry, zodDir);
  lap('registry up');
  // `changeset publish` runs `pnpm publish`; put pnpm on PATH when the caller did not: npx's, found once here
  // (from then on npm's registry is the loopback one, which has no pnpm).
  const bin = join(work, 'bin');
  mkdirSync(bin);
  if (spawnSync('pnpm', ['--version']).status !== 0) {
    const pnpm = execFileSync('npx', ['-y', '-p', 'pnpm@10.34.8', 'sh', '-c', 'command -v pnpm'], {
      cwd: work,
      encoding: 'utf8',
    }).trim();
    writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec "${pnpm}" "$@"\n`);
    chmodSync(join(bin, 'pnpm'), 0o755);
  }
  const host = new URL(registry.url).host;
  appendFileSync(
    join(dir, '.npmrc'),
    `\nregistry=${registry.url}\n//${host}/:_authToken=${registry.token}\n`,
  );
  env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    npm_config_registry: registry.url,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };

  // Release 1: every package, versioned (and recorded) and published.
  setChangesets(
    dir,
    Object.fromEntries(Object.keys(versions()).map((name) => [name, 'minor'])),
    'First release.',
  );
  sh('pnpm', ['run', 'version-packages']);
  first.versions = versions();
  first.published = release(stale);
  lap('first release built and published');

  // Release 2: @listo/events learns a new event type (breaking for exhaustive handlers: a minor while 0.x).
  addClientArchivedV1(dir);
  setChangesets(dir, { '@listo/events': 'minor' }, 'Add `client.archived` v1.');
  sh('pnpm', ['run', 'version-packages']);
  second.versions = versions();
  second.published = release(['events']);
  lap('second release built and published');

  // Two partner services, each installed from the registry and built against its own pin.
  const zod = (parse(readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8')) as { catalog: { zod: string } })
    .catalog.zod;
  const pinned = (release: typeof first) => ({
    '@listo/events': release.versions['@listo/events']!,
    '@listo/webhook-handler': release.versions['@listo/webhook-handler']!,
    zod,
  });
  const cache = join(work, 'npm-cache');
  [oldBuildAgainstNext] = await Promise.all([
    createPartnerService({
      dir: join(work, 'service-next'),
      registry: registry.url,
      cache,
      dependencies: pinned(second),
      pairs: recordedCatalog(second.versions['@listo/events']!),
      typed: { [`${ARCHIVED.type} v${ARCHIVED.dataVersion}`]: ARCHIVED.field },
    }).then(() =>
      // What the pin protects the old service from: its handlers, built against the next release.
      compileAgainst(join(work, 'service-next'), readFileSync(join(work, 'service-old/handlers.ts'), 'utf8')),
    ),
    createPartnerService({
      dir: join(work, 'service-old'),
      registry: registry.url,
      cache,
      dependencies: pinned(first),
      pairs: recordedCatalog(first.versions['@listo/events']!),
    }),
  ]);
  lap('two services installed and built');

  const secrets = {
    old: `whk_${randomBytes(32).toString('base64url')}`,
    next: `whk_${randomBytes(32).toString('base64url')}`,
  };
  services.old = await startPartnerService(join(work, 'service-old'), secrets.old);
  services.next = await startPartnerService(join(work, 'service-next'), secrets.next);
  const output = execFileSync(
    process.execPath,
    [
      '--conditions=@listo/source',
      '--import',
      'tsx',
      join(repoRoot, 'test/contract/skew-stream.mjs'),
      JSON.stringify({
        targets: [
          { url: services.old.url, secret: secrets.old },
          { url: services.next.url, secret: secrets.next },
        ],
        newPair: ARCHIVED,
      }),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  stream = JSON.parse(output.trim().split('\n').at(-1)!);
  lap('sandbox stream delivered');

  // A receiver that is not TypeScript-aware: ajv over the JSON Schema files of each published tarball.
  for (const [release, service] of [
    [first, 'service-old'],
    [second, 'service-next'],
  ] as const) {
    const version = release.versions['@listo/events']!;
    const metadata = (await (await fetch(`${registry.url}@listo%2fevents`)).json()) as {
      versions: Record<string, { dist: { tarball: string } }>;
    };
    const tgz = join(work, `events-${version}.tgz`);
    writeFileSync(
      tgz,
      Buffer.from(await (await fetch(metadata.versions[version]!.dist.tarball)).arrayBuffer()),
    );
    const extracted = join(work, `events-${version}`);
    mkdirSync(extracted);
    execFileSync('tar', ['-xzf', tgz, '-C', extracted]);
    const asyncapi = JSON.parse(readFileSync(join(extracted, 'package/dist/asyncapi.json'), 'utf8'));
    asyncapiVersions.set(version, asyncapi.info.version);
    const verdict = execFileSync(
      process.execPath,
      [
        join(repoRoot, 'test/contract/json-schema-receiver.mjs'),
        join(extracted, 'package'),
        join(work, service),
        join(repoRoot, 'packages/events'),
      ],
      { encoding: 'utf8' },
    );
    receivers.set(version, JSON.parse(verdict));
  }
  lap('JSON Schema receivers checked');
  console.log(`release-skew timings (cumulative): ${timings.join('; ')}`);
});

afterAll(async () => {
  await services.old?.stop();
  await services.next?.stop();
  await registry?.stop();
  if (dir) removeCopy(dir);
  rmSync(work, { recursive: true, force: true });
});

/** The packages `changeset publish` reports under "packages published successfully:", as `name@version`. */
function publishedNames(output: string): string[] {
  const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const section = plain.split('packages published successfully:')[1] ?? '';
  return [...section.matchAll(/(@listo\/[a-z-]+)@(\d+\.\d+\.\d+)/g)]
    .map(([, name, version]) => `${name}@${version}`)
    .sort();
}

describe('the release pipeline against a real registry', () => {
  it('publishes every package on the first release', async () => {
    const all = Object.entries(first.versions).map(([name, version]) => `${name}@${version}`);
    expect(publishedNames(first.published)).toEqual(all.sort());
    for (const [name, version] of Object.entries(first.versions)) {
      expect(await registryVersions(name)).toContain(version);
    }
  });

  it('publishes again only the packages whose versions changed on the next release', async () => {
    const changed = Object.entries(second.versions).filter(
      ([name, version]) => first.versions[name] !== version,
    );
    expect(changed.map(([name]) => name)).toContain('@listo/events');
    expect(changed.map(([name]) => name)).not.toContain('@listo/webhooks');
    expect(publishedNames(second.published)).toEqual(
      changed.map(([name, version]) => `${name}@${version}`).sort(),
    );
    expect(await registryVersions('@listo/webhooks')).toEqual([first.versions['@listo/webhooks']]);
    expect(await registryVersions('@listo/events')).toEqual(
      [first.versions['@listo/events'], second.versions['@listo/events']].sort(),
    );
  });

  it('publishes in each tarball the documents of that release, not of the build it reused', () => {
    for (const release of [first, second]) {
      const version = release.versions['@listo/events']!;
      expect(asyncapiVersions.get(version)).toBe(version);
    }
  });

  it('recorded the contract of each release', () => {
    for (const release of [first, second]) {
      for (const [name, version] of Object.entries(release.versions)) {
        const record = JSON.parse(readFileSync(join(dir, 'contract', name, version, 'record.json'), 'utf8'));
        expect(record).toMatchObject({ name, version });
      }
    }
    expect(recordedCatalog(second.versions['@listo/events']!)).toContainEqual({
      type: ARCHIVED.type,
      dataVersion: ARCHIVED.dataVersion,
    });
    expect(recordedCatalog(first.versions['@listo/events']!)).not.toContainEqual({
      type: ARCHIVED.type,
      dataVersion: ARCHIVED.dataVersion,
    });
  });
});

describe('two partner services on different releases, one sandbox stream', () => {
  const pair = `${ARCHIVED.type} v${ARCHIVED.dataVersion}`;
  const handled = (service: PartnerService, id: string) => service.log().filter((d) => d.webhookId === id);
  const answers = (service: PartnerService, id: string) =>
    stream.deliveries.filter((d) => d.url === service.url && d.webhookId === id).map((d) => d.status);
  const installed = (service: string, name: string) =>
    JSON.parse(readFileSync(join(work, service, 'node_modules', name, 'package.json'), 'utf8')).version;

  it('each built against its own pin, without the other upgrading', () => {
    expect(installed('service-old', '@listo/events')).toBe(first.versions['@listo/events']);
    expect(installed('service-old', '@listo/webhook-handler')).toBe(first.versions['@listo/webhook-handler']);
    expect(installed('service-next', '@listo/events')).toBe(second.versions['@listo/events']);
    // The old service's exhaustive handlers do not compile against the next release: that is why it is a
    // breaking (0.x minor) release, and why the pinned service keeps its pin until it is ready.
    expect(oldBuildAgainstNext).toContain(`Property '"${ARCHIVED.type}"' is missing`);
  });

  it('the old service acknowledges the new event type as unknown with 200 and keeps it whole', () => {
    const [delivery, ...more] = handled(services.old!, stream.events.next.id);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ kind: 'unknown', pair });
    expect(delivery!.body).toEqual(stream.events.next);
    expect(answers(services.old!, stream.events.next.id).every((status) => status === 200)).toBe(true);
    expect(handled(services.old!, stream.events.known.id)).toMatchObject([{ kind: 'known' }]);
  });

  it('the new service handles it, typed', () => {
    const [delivery, ...more] = handled(services.next!, stream.events.next.id);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ kind: 'known', pair, detail: stream.events.next.data[ARCHIVED.field] });
    expect(answers(services.next!, stream.events.next.id).every((status) => status === 200)).toBe(true);
  });

  it('both dedupe duplicates and retries: every delivery answered 200, each event handled once', () => {
    for (const service of [services.old!, services.next!]) {
      for (const id of [stream.events.known.id, stream.events.next.id]) {
        // The chaos switch sends every event twice, and the new one is delivered again later.
        expect(answers(service, id).length).toBeGreaterThanOrEqual(2);
        expect(answers(service, id).every((status) => status === 200)).toBe(true);
        expect(handled(service, id)).toHaveLength(1);
      }
    }
  });
});

describe('a receiver that reads only the published JSON Schema files (ajv, no TypeScript)', () => {
  it('accepts every fixture and classifies every mutation exactly as parseEvent does, on each release', () => {
    expect([...receivers.keys()].sort()).toEqual(
      [first.versions['@listo/events'], second.versions['@listo/events']].sort(),
    );
    for (const verdict of receivers.values()) {
      expect(verdict.disagreements).toEqual([]);
      expect(verdict.fixtures).toBe(verdict.samples);
      // The corpus must mostly break things, and reach the unknown path, or it proves little.
      expect(verdict.invalid).toBeGreaterThan(verdict.cases / 2);
      expect(verdict.unknown).toBeGreaterThan(0);
    }
  });
});
