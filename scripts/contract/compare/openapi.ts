/**
 * Compares two OpenAPI 3.x documents endpoint by endpoint, with the rules oasdiff applies: a removed
 * endpoint, parameter or response field is breaking, a new endpoint or optional parameter is a minor. Request
 * parameters and bodies (and the bodies of webhooks, which Listo sends to the partner) are compared as
 * validators, responses as what the partner reads (see json-schema.ts).
 */
import type { ContractChange } from '../changes';
import { compareJsonSchemas, type SchemaMode } from './json-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolve(document: Node, node: Json | undefined): Node {
  let current = node;
  for (let depth = 0; depth < 20 && isObject(current) && typeof current.$ref === 'string'; depth++) {
    let target: Json | undefined = document;
    for (const raw of current.$ref.replace(/^#\//, '').split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    current = target;
  }
  return isObject(current) ? current : {};
}

interface Operation {
  label: string;
  node: Node;
  parameters: Map<string, Node>;
  /** Webhooks are requests Listo sends: their bodies are what the partner validates. */
  webhook: boolean;
}

function operations(document: Node): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [group, webhook] of [
    ['paths', false],
    ['webhooks', true],
  ] as const) {
    const items = isObject(document[group]) ? document[group] : {};
    for (const [path, rawItem] of Object.entries(items)) {
      const item = resolve(document, rawItem);
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const method of METHODS) {
        if (!isObject(item[method])) continue;
        const node = item[method] as Node;
        const parameters = new Map<string, Node>();
        for (const raw of [...shared, ...(Array.isArray(node.parameters) ? node.parameters : [])]) {
          const parameter = resolve(document, raw);
          parameters.set(`${parameter.in} parameter \`${parameter.name}\``, parameter);
        }
        const label = webhook ? `webhook \`${path}\`` : `\`${method.toUpperCase()} ${path}\``;
        found.set(label, { label, node, parameters, webhook });
      }
    }
  }
  return found;
}

function schemaChanges(
  changes: ContractChange[],
  subject: string,
  where: string,
  before: { document: Node; schema: Json | undefined },
  after: { document: Node; schema: Json | undefined },
  mode: SchemaMode,
) {
  const differences = compareJsonSchemas(before.schema ?? {}, after.schema ?? {}, mode, {
    before: before.document,
    after: after.document,
  });
  for (const difference of differences) {
    const path = difference.path ? `\`${difference.path}\`` : '';
    changes.push({
      level: difference.level,
      subject,
      message: `${where}${path ? ` ${path}` : ''} ${difference.message}`,
    });
  }
}

function contentSchemas(document: Node, holder: Node): Map<string, Json | undefined> {
  const content = isObject(holder.content) ? holder.content : {};
  return new Map(Object.entries(content).map(([type, media]) => [type, resolve(document, media).schema]));
}

export function compareOpenapi(before: Node, after: Node): ContractChange[] {
  const changes: ContractChange[] = [];
  const b = operations(before);
  const a = operations(after);
  for (const label of a.keys()) {
    if (!b.has(label)) changes.push({ level: 'minor', subject: label, message: 'is a new endpoint' });
  }
  for (const [label, old] of b) {
    const now = a.get(label);
    if (!now) {
      changes.push({ level: 'major', subject: label, message: 'was removed' });
      continue;
    }
    const requestMode: SchemaMode = 'accepts';
    const responseMode: SchemaMode = old.webhook ? 'accepts' : 'returns';
    for (const [name, parameter] of now.parameters) {
      const previous = old.parameters.get(name);
      if (!previous) {
        changes.push({
          level: parameter.required === true ? 'major' : 'minor',
          subject: label,
          message: `${name} is new${parameter.required === true ? ' and required' : ' (optional)'}`,
        });
        continue;
      }
      if (previous.required !== true && parameter.required === true) {
        changes.push({ level: 'major', subject: label, message: `${name} is now required` });
      }
      if (previous.required === true && parameter.required !== true) {
        changes.push({ level: 'patch', subject: label, message: `${name} is now optional` });
      }
      schemaChanges(
        changes,
        label,
        name,
        { document: before, schema: previous.schema },
        { document: after, schema: parameter.schema },
        requestMode,
      );
    }
    for (const name of old.parameters.keys()) {
      if (!now.parameters.has(name))
        changes.push({ level: 'major', subject: label, message: `${name} was removed` });
    }
    const oldBody = resolve(before, old.node.requestBody);
    const newBody = resolve(after, now.node.requestBody);
    if (oldBody.required !== true && newBody.required === true) {
      changes.push({ level: 'major', subject: label, message: 'its request body is now required' });
    }
    compareContent(
      changes,
      label,
      'the request body',
      { document: before, holder: oldBody },
      { document: after, holder: newBody },
      requestMode,
    );
    const oldResponses = isObject(old.node.responses) ? old.node.responses : {};
    const newResponses = isObject(now.node.responses) ? now.node.responses : {};
    for (const status of Object.keys(newResponses)) {
      if (!(status in oldResponses))
        changes.push({ level: 'minor', subject: label, message: `may now answer ${status}` });
    }
    for (const [status, raw] of Object.entries(oldResponses)) {
      if (!(status in newResponses)) {
        changes.push({
          level: 'major',
          subject: label,
          message: `no longer documents its ${status} response`,
        });
        continue;
      }
      compareContent(
        changes,
        label,
        `the ${status} response`,
        { document: before, holder: resolve(before, raw) },
        { document: after, holder: resolve(after, newResponses[status]) },
        responseMode,
      );
    }
  }
  const servers = (d: Node) =>
    Array.isArray(d.servers) ? d.servers.map((s) => (isObject(s) ? s.url : s)) : [];
  for (const url of servers(before)) {
    if (!servers(after).includes(url))
      changes.push({ level: 'major', subject: 'the API', message: `server ${url} was removed` });
  }
  const schemes = (d: Node) => {
    const components = isObject(d.components) ? d.components : {};
    return isObject(components.securitySchemes) ? components.securitySchemes : {};
  };
  for (const [name, scheme] of Object.entries(schemes(before))) {
    const now = schemes(after)[name];
    if (now === undefined)
      changes.push({
        level: 'major',
        subject: 'the API',
        message: `security scheme \`${name}\` was removed`,
      });
    else if (
      JSON.stringify({ ...resolve(before, scheme), description: null }) !==
      JSON.stringify({ ...resolve(after, now), description: null })
    ) {
      changes.push({ level: 'major', subject: 'the API', message: `security scheme \`${name}\` changed` });
    }
  }
  if (JSON.stringify(before.security ?? []) !== JSON.stringify(after.security ?? [])) {
    changes.push({ level: 'major', subject: 'the API', message: 'its security requirements changed' });
  }
  return changes;
}

function compareContent(
  changes: ContractChange[],
  label: string,
  where: string,
  before: { document: Node; holder: Node },
  after: { document: Node; holder: Node },
  mode: SchemaMode,
) {
  const b = contentSchemas(before.document, before.holder);
  const a = contentSchemas(after.document, after.holder);
  for (const type of a.keys()) {
    if (!b.has(type) && b.size > 0)
      changes.push({ level: 'minor', subject: label, message: `${where} may now be ${type}` });
  }
  for (const [type, schema] of b) {
    if (!a.has(type)) {
      changes.push({ level: 'major', subject: label, message: `${where} is no longer ${type}` });
      continue;
    }
    schemaChanges(
      changes,
      label,
      where,
      { document: before.document, schema },
      { document: after.document, schema: a.get(type) },
      mode,
    );
  }
}
