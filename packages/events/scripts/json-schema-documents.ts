import { z } from 'zod';
import { envelopeSchema } from '../src/envelope-schema';
import { EVENT_DEFINITIONS } from '../src/event-registry';

/** The published JSON Schema files, by file name: `envelope.json` and `<type>.v<dataVersion>.json`. */
export function jsonSchemaDocuments(): Map<string, Record<string, unknown>> {
  const convert = (schema: z.ZodType, title: string, description: string) => ({
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' }),
    title,
    description,
  });
  const documents = new Map<string, Record<string, unknown>>();
  documents.set(
    'envelope.json',
    convert(
      envelopeSchema,
      'Listo DomainEvent envelope',
      'Every Listo webhook body, whatever its type and dataVersion. Generated from @listo/events (zod); do not edit.',
    ),
  );
  for (const { type, dataVersion, eventSchema } of EVENT_DEFINITIONS) {
    documents.set(
      `${type}.v${dataVersion}.json`,
      convert(
        eventSchema,
        `Listo ${type} event, dataVersion ${dataVersion}`,
        `A whole ${type} v${dataVersion} webhook body (envelope and data). Generated from @listo/events (zod); do not edit.`,
      ),
    );
  }
  return documents;
}
