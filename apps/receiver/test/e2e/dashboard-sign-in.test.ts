import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSetup, startDashboardSetup } from '../support/dashboard';
import { removeDir } from '../support/receiver';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(
    `[receiver] ${CHROMIUM} is missing: skipping the browser sign-in test. Install it with: apt-get install -y chromium`,
  );
}

describe.skipIf(!available)('the dashboard in headless Chromium, signing in against the sandbox', () => {
  let setup: DashboardSetup;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    setup = await startDashboardSetup();
    profile = mkdtempSync(join(tmpdir(), 'lr-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    await setup?.close();
    if (profile) removeDir(profile);
  });

  it('signs in, shows the delivery log and the mirrored data, and signs out', async () => {
    const page = await context.newPage();
    await page.goto(`${setup.receiver.url}/`);
    await page.getByRole('link', { name: 'Sign in with Listo' }).click();

    // The sandbox's sign-in page: pick the dataset user.
    await page.waitForURL(`${setup.sandbox.url}/oauth2/interaction/**`);
    await page.getByRole('button', { name: `Sign in as ${setup.user.name}` }).click();

    await page.waitForURL(`${setup.receiver.url}/`);
    expect(await page.locator('header').textContent()).toContain(`Signed in as ${setup.user.name}`);
    const deliveries = await page.locator('#deliveries').textContent();
    for (const id of setup.seen.eventIds) expect(deliveries).toContain(id);
    expect(deliveries).toContain('processed');
    expect(await page.locator('#clients').textContent()).toContain(setup.seen.clientName);
    expect(await page.locator('#users').textContent()).toContain(setup.seen.userEmail);
    expect(await page.locator('#workers').textContent()).toContain(setup.seen.workerEmail);

    // Tokens stay out of reach of scripts.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // Cookies ignore ports: the sandbox's own (listo_sandbox.*) are visible on the receiver's host too.
    const receiverCookies = async () =>
      (await context.cookies(setup.receiver.url)).filter((c) => !c.name.startsWith('listo_sandbox.'));
    const cookies = await receiverCookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
      ['listo_receiver.session', true, 'Lax'],
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${setup.receiver.url}/`);
    await page.getByRole('link', { name: 'Sign in with Listo' }).waitFor();
    expect(await page.content()).not.toContain(setup.seen.userEmail);
    expect(await receiverCookies()).toEqual([]);
  });
});
