// Placeholder demo until the receiver lands: shows the packages that exist, from their built output.
import { assertId, ID_PREFIXES, idKind, isId } from '../packages/ids/dist/index.js';

const samples = [
  'lglsocli_uZIIHfKqYBwyaRGGs',
  'lglsowpr_uZIIQiu8Q5zhUXgbR',
  'inst_abc123xyz',
  'LGLSOCLI_nope',
  'lglsoorgu_',
];
console.log('@listo/ids prefixes:', ID_PREFIXES);
console.table(
  samples.map((value) => ({ value, kind: idKind(value) ?? '(not an ID)', isClient: isId('client', value) })),
);
try {
  assertId('worker', 'lglsocli_uZIIHfKqYBwyaRGGs');
} catch (error) {
  console.log(`${error.name}: ${error.message}`);
}
