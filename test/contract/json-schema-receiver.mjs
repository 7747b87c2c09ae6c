/**
 * A receiver that knows nothing of TypeScript or zod: it validates with ajv against the JSON Schema files of a
 * published @listo/events tarball (`envelope.json`, then `<type>.v<dataVersion>.json` when the tarball has
 * one), and classifies each body as `parseEvent` does: `invalid` when the envelope fails, `known` when the
 * pair's file accepts it, `invalid` when it does not, `unknown` when the tarball has no file for the pair.
 *
 * It checks that verdict against the published `parseEvent` on every fixture sample and on a corpus of
 * mutations of them, and prints `{ cases, fixtures, disagreements, invalid, unknown }` as JSON.
 *
 *   node json-schema-receiver.mjs <extracted tarball folder> <folder where @listo/events is installed> <ajv resolution folder>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [tarball, installed, ajvFrom] = process.argv.slice(2);
const requireAjv = createRequire(join(ajvFrom, 'package.json'));
const { Ajv2020 } = requireAjv('ajv/dist/2020.js');
const addFormats = requireAjv('ajv-formats').default ?? requireAjv('ajv-formats');
const requireEvents = createRequire(join(installed, 'package.json'));
const { parseEvent } = requireEvents('@listo/events');
const { SAMPLE_EVENTS } = requireEvents('@listo/events/fixtures');

const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const folder = join(tarball, 'dist', 'json-schema');
const validators = new Map(
  readdirSync(folder).map((file) => [
    file,
    ajv.compile(JSON.parse(readFileSync(join(folder, file), 'utf8'))),
  ]),
);

function classify(body) {
  if (!validators.get('envelope.json')(body)) return 'invalid';
  const own = validators.get(`${body.type}.v${body.dataVersion}.json`);
  if (!own || body.specVersion !== 1) return 'unknown';
  return own(body) ? 'known' : 'invalid';
}

/** Every path into a JSON value (objects and arrays), the root excluded. */
function paths(value, prefix = []) {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [at, ...paths(child, at)];
  });
}

function changed(body, path, change) {
  const copy = structuredClone(body);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path.at(-1));
  return copy;
}

const SUBSTITUTES = [
  null,
  0,
  -7,
  2.5,
  false,
  '',
  'unexpected',
  [],
  {},
  '2026-13-01',
  'not-a-date-time',
  'lglsoxxx_a',
];

/** Each field removed, replaced by each substitute, and given an unknown sibling; plus the pair itself changed. */
function mutations(sample) {
  const out = [];
  for (const path of paths(sample)) {
    out.push(
      changed(sample, path, (parent, key) =>
        Array.isArray(parent) ? parent.splice(key, 1) : delete parent[key],
      ),
    );
    for (const substitute of SUBSTITUTES) {
      out.push(changed(sample, path, (parent, key) => (parent[key] = structuredClone(substitute))));
    }
    out.push(
      changed(sample, path, (parent, key) => {
        if (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) {
          parent[key].fieldListoAddsLater = { nested: true };
        }
      }),
    );
  }
  for (const pair of [
    { type: 'client.archived.later', dataVersion: 1 },
    { type: sample.type, dataVersion: 99 },
    { specVersion: 2 },
  ]) {
    out.push({ ...structuredClone(sample), ...pair });
  }
  return out;
}

const disagreements = [];
const counts = { cases: 0, fixtures: 0, invalid: 0, unknown: 0 };
for (const sample of SAMPLE_EVENTS) {
  const plain = JSON.parse(JSON.stringify(sample));
  if (classify(plain) === 'known') counts.fixtures++;
  for (const body of [plain, ...mutations(plain)]) {
    counts.cases++;
    const byAjv = classify(body);
    const byParseEvent = parseEvent(body).kind;
    if (byAjv === 'invalid') counts.invalid++;
    if (byAjv === 'unknown') counts.unknown++;
    if (byAjv !== byParseEvent) {
      disagreements.push({
        type: sample.type,
        byAjv,
        byParseEvent,
        body: JSON.stringify(body).slice(0, 300),
      });
    }
  }
}
console.log(
  JSON.stringify({ ...counts, samples: SAMPLE_EVENTS.length, disagreements: disagreements.slice(0, 20) }),
);
