/**
 * Compares two AsyncAPI 3 documents of the webhook channel: messages added (minor) or removed (breaking),
 * the headers schema (a validator), the security schemes and the delivery facts. A message payload that
 * names the published JSON Schema file it equals (`x-listo-json-schema`) is compared as that file, once.
 */
import type { ContractChange } from '../changes';
import { compareJsonSchemas } from './json-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };
const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const get = (node: Json | undefined, ...keys: string[]): Json | undefined =>
  keys.reduce<Json | undefined>((n, k) => (isObject(n) ? n[k] : undefined), node);

function messages(document: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  const channels = isObject(document.channels) ? document.channels : {};
  for (const [channel, node] of Object.entries(channels)) {
    const list = get(node, 'messages');
    if (!isObject(list)) continue;
    for (const [name, message] of Object.entries(list)) {
      let resolved: Json | undefined = message;
      const ref = get(message, '$ref');
      if (typeof ref === 'string') resolved = get(document, ...ref.replace(/^#\//, '').split('/'));
      if (isObject(resolved)) found.set(`${channel}/${name}`, resolved);
    }
  }
  return found;
}

function resolve(document: Node, node: Json | undefined): Json | undefined {
  const ref = get(node, '$ref');
  return typeof ref === 'string' ? get(document, ...ref.replace(/^#\//, '').split('/')) : node;
}

export function compareAsyncapi(before: Node, after: Node): ContractChange[] {
  const changes: ContractChange[] = [];
  const b = messages(before);
  const a = messages(after);
  const subject = (key: string) => `AsyncAPI message \`${key.split('/')[1]}\``;
  for (const key of a.keys()) {
    if (!b.has(key)) changes.push({ level: 'minor', subject: subject(key), message: 'is new' });
  }
  for (const [key, old] of b) {
    const now = a.get(key);
    if (!now) {
      changes.push({ level: 'major', subject: subject(key), message: 'was removed' });
      continue;
    }
    const pairs: [string, Json | undefined, Json | undefined][] = [
      ['its headers', resolve(before, old.headers), resolve(after, now.headers)],
    ];
    if (typeof now['x-listo-json-schema'] !== 'string') {
      pairs.push([
        'its payload',
        get(old, 'payload', 'schema') ?? old.payload,
        get(now, 'payload', 'schema') ?? now.payload,
      ]);
    }
    for (const [where, x, y] of pairs) {
      for (const d of compareJsonSchemas(x ?? {}, y ?? {}, 'accepts', { before, after })) {
        changes.push({
          level: d.level,
          subject: subject(key),
          message: `${where}${d.path ? ` \`${d.path}\`` : ''} ${d.message}`,
        });
      }
    }
    if (JSON.stringify(old.contentType) !== JSON.stringify(now.contentType)) {
      changes.push({
        level: 'major',
        subject: subject(key),
        message: `its content type is now ${String(now.contentType)}`,
      });
    }
  }
  // Machine-readable facts partners configure against: any change to them is breaking.
  const facts = (d: Node) => ({
    security: Object.fromEntries(
      Object.entries(
        isObject(get(d, 'components', 'securitySchemes'))
          ? (get(d, 'components', 'securitySchemes') as Node)
          : {},
      ).map(([name, scheme]) => [name, { ...(scheme as Node), description: null }]),
    ),
    operations: Object.fromEntries(
      Object.entries(isObject(d.operations) ? d.operations : {}).map(([name, op]) => [
        name,
        { action: get(op, 'action'), bindings: get(op, 'bindings'), delivery: get(op, 'x-listo-delivery') },
      ]),
    ),
  });
  const fb = facts(before);
  const fa = facts(after);
  for (const group of ['security', 'operations'] as const) {
    for (const name of new Set([...Object.keys(fb[group]), ...Object.keys(fa[group])])) {
      const x = JSON.stringify(fb[group][name]);
      const y = JSON.stringify(fa[group][name]);
      if (x === y) continue;
      const what = group === 'security' ? `security scheme \`${name}\`` : `operation \`${name}\``;
      if (x === undefined)
        changes.push({ level: 'minor', subject: 'the AsyncAPI document', message: `${what} is new` });
      else if (y === undefined)
        changes.push({ level: 'major', subject: 'the AsyncAPI document', message: `${what} was removed` });
      else
        changes.push({
          level: 'major',
          subject: 'the AsyncAPI document',
          message: `${what} changed (was ${x}, is ${y})`,
        });
    }
  }
  return changes;
}
