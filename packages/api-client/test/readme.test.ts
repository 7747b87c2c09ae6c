import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind, SpanStatusCode, type trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createListoClient, ListoClientHooks } from '../src/index';
import { installation } from './support/fake-listo';
import { sendJson, startLoopbackServer } from './support/loopback-server';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, so the examples resolve @listo/events, @listo/ids and @opentelemetry/api as the package
// does; outside src/ and test/, so a concurrent `tsc -p tsconfig.json` never sees these files.
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every TypeScript block of the README, with the package import pointed at the sources. */
export const examples: string[] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
  match[1]!.replaceAll("'@listo/api-client'", "'../src/index'"),
);
export const exampleFile = (i: number): string => join(dir, `example-${i}.ts`);

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [i, code] of examples.entries()) writeFileSync(exampleFile(i), code);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README examples', () => {
  it('are all modules (each imports what it uses)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const code of examples) expect(code).toMatch(/^import /m);
  });

  it('type-check as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(
      examples.map((_, i) => exampleFile(i)),
      // as a partner's project would compile them: no isolatedDeclarations
      { ...config.options, noEmit: true, declaration: false, isolatedDeclarations: false },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.slice(dir.length) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  });
});

describe('the OpenTelemetry example', () => {
  const API_KEY = 'otel-key-0123456789abcdef0123456789abcdef0123456789abcdef01234567';

  it('records one client span per attempt, with the HTTP conventions, the retry and the failure, never the key', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    process.env.LISTO_API_KEY = API_KEY;
    const index = examples.findIndex((code) => code.includes('export function openTelemetryHooks'));
    const example = (await import(exampleFile(index))) as {
      openTelemetryHooks: (tracer?: ReturnType<typeof trace.getTracer>) => ListoClientHooks;
    };
    const { createListoClient: create } = (await import('../src/index')) as {
      createListoClient: typeof createListoClient;
    };

    let i = 0;
    const server = await startLoopbackServer((req, res) => {
      if (i++ === 0) sendJson(res, 503, { statusCode: 503, message: 'busy' });
      else if (req.url?.endsWith('/installations')) sendJson(res, 200, [installation]);
      else req.socket.destroy();
    });
    try {
      const listo = create({
        apiKey: API_KEY,
        baseUrl: server.url,
        maxRetries: 1,
        retryDelay: { baseMs: 1 },
        hooks: example.openTelemetryHooks(provider.getTracer('test')),
      });
      await expect(listo.installations.list()).resolves.toEqual([installation]);
      await expect(listo.clients.list('inst_abc123xyz')).rejects.toMatchObject({ kind: 'network' });
    } finally {
      await server.close();
    }

    const spans = exporter.getFinishedSpans();
    const port = Number(new URL(server.url).port);
    expect(
      spans.map((s) => [s.name, s.kind, s.attributes['http.response.status_code'], s.status.code]),
    ).toEqual([
      ['GET', SpanKind.CLIENT, 503, SpanStatusCode.ERROR],
      ['GET', SpanKind.CLIENT, 200, SpanStatusCode.UNSET],
      ['GET', SpanKind.CLIENT, undefined, SpanStatusCode.ERROR],
      ['GET', SpanKind.CLIENT, undefined, SpanStatusCode.ERROR],
    ]);
    expect(spans[0]?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': `${server.url}/v1/external-integration/installations`,
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 503,
    });
    expect(spans.map((s) => s.attributes['http.request.resend_count'])).toEqual([undefined, 1, undefined, 1]);
    expect(spans[3]?.events.map((e) => e.name)).toEqual(['exception']);
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.events]))).not.toContain(API_KEY);
    await provider.shutdown();
  });
});
