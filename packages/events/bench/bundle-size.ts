// Bundle sizes: what an edge consumer pays. Each entry is bundled from the built packages (dist/, as a partner
// installs them) with esbuild, minified, then gzipped (-9); zod is bundled too, as a Worker must.
//   node --import tsx bench/bundle-size.ts        (after `pnpm build`; `pnpm bench` builds first)
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** A Cloudflare Worker that verifies a delivery and parses its event: the case issue #15 measures. */
const WORKER = `
import { Webhook } from '@listo/webhooks';
import { parseEvent } from '@listo/events';
const webhook = new Webhook(globalThis.LISTO_WEBHOOK_SECRET);
export default {
  async fetch(request) {
    const event = parseEvent(await webhook.verifyAsync(await request.text(), request.headers));
    return new Response(event.kind, { status: event.kind === 'invalid' ? 202 : 200 });
  },
};`;

interface Row {
  readonly name: string;
  readonly source: string;
  readonly platform: 'browser' | 'node';
}

const rows: Row[] = [
  { name: 'Worker: `verifyAsync` + `parseEvent` (workerd conditions)', source: WORKER, platform: 'browser' },
  {
    name: '`parseEvent` alone (browser conditions)',
    source: "export { parseEvent } from '@listo/events';",
    platform: 'browser',
  },
  {
    name: 'every export of `@listo/events` (browser conditions)',
    source: "export * from '@listo/events';",
    platform: 'browser',
  },
  {
    name: '`parseEvent` of the Node entry (node conditions, with `z.compile`)',
    source: "export { parseEvent } from '@listo/events';",
    platform: 'node',
  },
  {
    name: 'for comparison: zod as a whole (`import { z } from "zod"`, what the package imported before)',
    source: "import { z } from 'zod'; export default z;",
    platform: 'browser',
  },
  {
    name: 'for comparison: zod/mini, the same kinds of schemas (looseObject, array, templateLiteral, iso, literal, nullable)',
    source: `import { array, int, iso, literal, looseObject, nullable, string, templateLiteral } from 'zod/mini';
      const s = looseObject({ a: string(), b: array(looseObject({ d: iso.date(), e: templateLiteral(['x_', string()]) })),
        n: int(), l: literal(1), t: iso.datetime({ offset: true }), z: nullable(string()) });
      export const parse = (x) => s.safeParse(x);`,
    platform: 'browser',
  },
];

async function size({ source, platform }: Row): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    conditions: platform === 'browser' ? ['workerd', 'worker', 'browser'] : [],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
console.log('| bundle (esbuild --bundle --minify, gzip -9) | minified | gzip |\n|---|---:|---:|');
for (const row of rows) {
  const { minified, gzip } = await size(row);
  console.log(`| ${row.name} | ${kb(minified)} | ${kb(gzip)} |`);
}
