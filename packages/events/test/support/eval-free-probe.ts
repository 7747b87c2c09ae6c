// Run by eval-free.test.ts under `node --disallow-code-generation-from-strings`, as on a runtime that forbids
// `new Function` (Cloudflare Workers, a strict CSP): prints what each entry's parseEvent makes of the samples.
import { SAMPLE_EVENTS } from '../../src/fixtures/index';
import * as defaultEntry from '../../src/index';
import * as nodeEntry from '../../src/node-entry';

let evalAllowed = true;
try {
  new Function('');
} catch {
  evalAllowed = false;
}
const broken = { ...JSON.parse(JSON.stringify(SAMPLE_EVENTS[2])), occurredAt: 'yesterday' };
const kinds = (parse: (input: unknown) => { kind: string }) =>
  [...SAMPLE_EVENTS, { ...SAMPLE_EVENTS[0], type: 'client.archived' }, broken].map(
    (input) => parse(input).kind,
  );
console.log(
  JSON.stringify({ evalAllowed, default: kinds(defaultEntry.parseEvent), node: kinds(nodeEntry.parseEvent) }),
);
