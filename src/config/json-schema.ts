// JSON Schemas for editors, generated from the zod schemas (the single source of truth).
import { z } from 'zod';
import { GoldenFileSchema } from '../model/golden.js';
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

/** Where `npm run schema` writes each schema, relative to the package root. */
export const SCHEMA_FILES = { suite: 'schemas/suite.schema.json', golden: 'schemas/golden.schema.json' } as const;

/** The exact text of a committed schema file: 2-space JSON with a trailing newline. */
export function schemaFileText(kind: 'suite' | 'golden'): string {
  return `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
}
