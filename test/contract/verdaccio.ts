import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { repoRoot } from './repo-copy';

export interface Registry {
  url: string;
  token: string;
  stop: () => Promise<void>;
}

/**
 * Starts Verdaccio (the devDependency, so the version is in the lockfile) on loopback with its storage in
 * `dir`, proxying nothing: the test makes no network call, and what the services install that is not ours is
 * published into it from the repository's own install (see {@link publishInstalled}). Returns the URL and a
 * token of a freshly created user.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  const port = await freePort();
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      '    max_users: 10',
      'max_body_size: 100mb',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: json, level: error }',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      config,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  // Bounded wait for it to answer: it is up when /-/ping does.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited: ${output}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) {
      await stop();
      throw new Error(`verdaccio did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const response = await fetch(`${url}-/user/org.couchdb.user:listo`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'listo', password: 'listo-test-password', type: 'user', roles: [] }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) {
    await stop();
    throw new Error(`verdaccio gave no token (${response.status})`);
  }
  return { url, token, stop };
}

/**
 * Publishes an installed package (a folder under node_modules, e.g. the workspace's zod) to the registry, as
 * its own publisher did, so that the services install it from loopback at the version the lockfile pins. The
 * tarball is the folder as installed (it holds the published files only), hard links stored as files (pnpm's
 * store links identical files, which npm would not extract), and goes up as `npm publish` sends one; npm itself
 * cannot pack a folder of pnpm's store.
 */
export async function publishInstalled(registry: Registry, packageDir: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const { name, version } = manifest;
  const tarball = execFileSync(
    'tar',
    ['-czf', '-', '--hard-dereference', '--transform', 's,^\\.,package,', '-C', packageDir, '.'],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const file = `${name.split('/').at(-1)}-${version}.tgz`;
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${registry.token}` },
    body: JSON.stringify({
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: {
        [version]: {
          ...manifest,
          _id: `${name}@${version}`,
          dist: {
            shasum: createHash('sha1').update(tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
            tarball: `${registry.url}${name}/-/${file}`,
          },
        },
      },
      _attachments: {
        [file]: {
          content_type: 'application/octet-stream',
          data: tarball.toString('base64'),
          length: tarball.length,
        },
      },
    }),
  });
  if (!response.ok)
    throw new Error(`publishing ${name}@${version} failed: ${response.status} ${await response.text()}`);
}
