/**
 * The API reference site as a partner meets it: served over HTTP on loopback and opened in headless Chromium.
 * Under turbo the `//#docs` task has just built `docs/site` (a dependency of this task); run alone, the test
 * builds the site first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSite, docEntryPoints, siteDir } from '../../docs/build';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // the site has none; Chromium asks anyway
      return;
    }
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server;
let browser: Browser;
let base: string;
/** What went wrong on the pages opened by the current test (console errors, failed or 4xx requests). */
let problems: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  // Hang guards, not speed limits: Playwright's 30 s default fails on a loaded 2-core CI machine.
  page.setDefaultTimeout(240_000);
  page.setDefaultNavigationTimeout(240_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${path}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`${path}: failed to load ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${path}: ${response.status()} for ${response.url()}`);
  });
  await page.goto(`${base}/${path}`, { waitUntil: 'load' });
  return page;
}

beforeAll(async () => {
  if (!process.env.TURBO_HASH || !existsSync(join(siteDir, 'index.html'))) await buildSite();
  server = await serve(siteDir);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

beforeEach(() => {
  problems = [];
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the API reference site', () => {
  it('opens on the landing page, which links every guide and every package', async () => {
    const page = await open('index.html');
    await expect(page.locator('h2', { hasText: 'Guides' }).count()).resolves.toBe(1);
    for (const guide of [
      'Receiving deliveries',
      'Handling events',
      'Versioning and the contract guard',
      'The sandbox',
    ]) {
      await expect(page.locator('.col-content a', { hasText: guide }).count()).resolves.toBeGreaterThan(0);
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('has a page for every entry point of every published package, named as partners import it', async () => {
    const page = await open('modules.html');
    const names = await page.locator('.col-content a').allInnerTexts();
    for (const { specifier } of docEntryPoints()) expect(names.map((n) => n.trim())).toContain(specifier);
    for (const { specifier } of docEntryPoints()) {
      const link = page.locator('.col-content a', {
        hasText: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`),
      });
      const href = await link.first().getAttribute('href');
      const module = await open(`${href}`);
      await expect(module.locator('h1').innerText()).resolves.toBe(`Module ${specifier}`);
      await module.close();
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows zod-inferred types as their object shapes, not as z.infer or z.output', async () => {
    const page = await open('types/_listo_events.ClientCreatedV1Data.html');
    const signature = await page.locator('.tsd-signature').first().innerText();
    expect(signature).toMatch(/clientId: `lglsocli_\$\{string\}`/);
    expect(signature).toMatch(/name: string/);
    expect(signature).not.toMatch(/z\.(infer|output|input)|typeof/);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('links one package to another: webhook-handler types lead to the @listo/events types they use', async () => {
    const page = await open('types/_listo_webhook-handler.WebhookEventHandlers.html');
    await page.locator('.col-content a[href$="_listo_events.EventHandlers.html"]').first().click();
    await page.waitForURL(/_listo_events\.EventHandlers\.html$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Type Alias EventHandlers<R, Context>');
    await expect(page.locator('.tsd-breadcrumb').innerText()).resolves.toContain('@listo/events');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('renders the guides with their code', async () => {
    const page = await open('documents/Receiving_deliveries.html');
    await expect(page.locator('h1').first().innerText()).resolves.toContain('Receiving deliveries');
    await expect(page.locator('pre code').count()).resolves.toBeGreaterThan(2);
    await page.locator('.col-content a', { hasText: 'createWebhookHandler' }).first().click();
    await page.waitForURL(/createWebhookHandler\.html$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Function createWebhookHandler');
    await page.close();
    expect(problems).toEqual([]);
  });

  it.each([
    ['createWebhookHandler', 'functions/_listo_webhook-handler.createWebhookHandler.html'],
    ['parseEvent', 'functions/_listo_events.parseEvent.html'],
    ['WebhookVerificationError', 'classes/_listo_webhooks.WebhookVerificationError.html'],
  ])('finds %s with the search box and opens its page', async (name, target) => {
    const page = await open('index.html');
    await page.locator('#tsd-search-trigger').click();
    await page.locator('#tsd-search-input').fill(name);
    const first = page.locator('#tsd-search-results li a').first();
    await expect(first.innerText()).resolves.toContain(name);
    await first.click();
    await page.waitForURL((url) => url.pathname.endsWith(target));
    await expect(page.locator('h1').innerText()).resolves.toContain(name);
    await page.close();
    expect(problems).toEqual([]);
  });
});
