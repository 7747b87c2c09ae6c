/**
 * `pnpm contract:documents`: regenerates the contract documents that are committed (today the `webhooks:`
 * section of packages/api-client/openapi/listo.yaml). With `--check` it changes nothing and exits 1 when a
 * document is stale. The AsyncAPI document and the JSON Schema files are generated at build time instead.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPENAPI_DOCUMENT_URL, openapiWebhooksAreCurrent, writeOpenapiWebhooks } from './openapi-webhooks';

const file = relative(process.cwd(), fileURLToPath(OPENAPI_DOCUMENT_URL));
if (process.argv.includes('--check')) {
  if (!openapiWebhooksAreCurrent()) {
    console.error(
      `${file}: the webhooks section is not what @listo/events generates. Run \`pnpm contract:documents\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${file}: webhooks section is current`);
} else {
  console.log(writeOpenapiWebhooks() ? `${file}: webhooks section rewritten` : `${file}: already current`);
}
