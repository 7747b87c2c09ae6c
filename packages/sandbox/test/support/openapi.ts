import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The REST API's OpenAPI document, read from the api-client package's sources (a file, not code: importing
 * @listo/api-client here would make a dependency cycle, since its tests run against this sandbox).
 */
const DOCUMENT_URL = new URL('../../../api-client/openapi/listo.yaml', import.meta.url);

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { responses: Record<string, unknown> };
}

export const openapi = parse(readFileSync(DOCUMENT_URL, 'utf8')) as OpenApiDocument;

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
ajv.addSchema(openapi as object, 'listo');

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The validator of the JSON body that the document gives for `status` of `GET path`. */
export function responseValidator(path: string, status: number): ValidateFunction {
  const responses = openapi.paths[path]?.get?.responses;
  if (!responses) throw new Error(`The document has no GET ${path}`);
  let response = responses[String(status)] as { $ref?: string } | undefined;
  let base = `#/${pointer('paths', path, 'get', 'responses', String(status))}`;
  if (response?.$ref) {
    base = response.$ref;
    response = openapi.components.responses[response.$ref.split('/').pop() as string] as typeof response;
  }
  if (!response) throw new Error(`The document has no ${status} response for GET ${path}`);
  return ajv.compile({ $ref: `listo${base}/content/application~1json/schema` });
}

/** The validator of the document's one error shape, `{ statusCode, message }`. */
export const errorValidator: ValidateFunction = ajv.compile({ $ref: 'listo#/components/schemas/Error' });
