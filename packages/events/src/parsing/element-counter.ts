import type * as z from 'zod';
import { isBounded, isObjectInput, schemaNode } from './schema-shape';

type Counter = (value: unknown, limit: number) => number;

const NONE: Counter = () => 0;
const counters = new WeakMap<z.ZodType, Counter>();

/**
 * A function that counts the elements of every array `schema` would check in a value, stopping once past `limit`,
 * so that `parseEvent` knows whether a plain zod parse of the value is bounded too (its issues are then bounded by
 * the schema's size times `limit`). Built once per schema, it reads only the properties that lead to arrays.
 */
export function elementCounter(schema: z.ZodType): Counter {
  const cached = counters.get(schema);
  if (cached) return cached;
  const counter = buildCounter(schema);
  counters.set(schema, counter);
  return counter;
}

function buildCounter(schema: z.ZodType): Counter {
  if (isBounded(schema)) return NONE;
  const node = schemaNode(schema);
  switch (node.kind) {
    case 'wrapper': {
      const inner = elementCounter(node.inner);
      return (value, limit) => (value === node.allows ? 0 : inner(value, limit));
    }
    case 'object': {
      const parts = Object.entries(node.shape)
        .filter(([, child]) => !isBounded(child))
        .map(([key, child]) => [key, elementCounter(child)] as const);
      return (value, limit) => {
        if (!isObjectInput(value)) return 0;
        let count = 0;
        for (const [key, countPart] of parts) {
          count += countPart(value[key], limit - count);
          if (count > limit) break;
        }
        return count;
      };
    }
    case 'array': {
      const element = elementCounter(node.element);
      const nested = element !== NONE;
      return (value, limit) => {
        if (!Array.isArray(value)) return 0;
        let count = value.length;
        if (!nested) return count;
        for (let index = 0; index < value.length && count <= limit; index++) {
          count += element(value[index], limit - count);
        }
        return count;
      };
    }
    default:
      return NONE;
  }
}
