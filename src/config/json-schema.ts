// JSON Schemas for editors, generated from the zod schemas (the single source of truth).
import { z } from 'zod';
import { GoldenFileSchema } from './golden-schema.js';
import { SuiteSchema } from './suite-schema.js';

/** The JSON Schema (draft 2020-12) of suite or golden files, as written by people (input side). */
export function jsonSchemaFor(kind: 'suite' | 'golden'): Record<string, unknown> {
  const schema = kind === 'suite' ? SuiteSchema : GoldenFileSchema;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...json,
    $id: `https://revgate.dev/schemas/${kind}.schema.json`,
    title: kind === 'suite' ? 'revgate suite' : 'revgate golden set',
  };
}
