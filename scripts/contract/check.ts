/**
 * `pnpm contract:check`: fails when a committed contract document is stale, or when a package's contract
 * changed since its last recorded release by more than its pending changesets' bump allows. Runs in
 * `pnpm test` (turbo task `//#contract:check`). `--quiet` prints only the failing packages.
 */
import { checkContract, formatVerdict } from './check-contract';
import { openapiWebhooksAreCurrent } from './openapi-webhooks';

const root = process.cwd();
const quiet = process.argv.includes('--quiet');
let failed = false;

const documentsUrl = new URL('packages/api-client/openapi/listo.yaml', `file://${root}/`);
if (!openapiWebhooksAreCurrent(documentsUrl)) {
  failed = true;
  console.error(
    '✗ packages/api-client/openapi/listo.yaml: its webhooks section is not what @listo/events generates. Run `pnpm contract:documents` and commit the result.',
  );
}

for (const verdict of await checkContract(root)) {
  if (!verdict.ok) failed = true;
  if (!verdict.ok || !quiet) (verdict.ok ? console.log : console.error)(formatVerdict(verdict));
}
if (failed) {
  console.error(
    '\ncontract:check failed: a release would break services pinned to the last one (see CONTRIBUTING.md, "Contract changes").',
  );
  process.exit(1);
}
console.log('\ncontract:check passed');
