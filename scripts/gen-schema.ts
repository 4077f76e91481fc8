// `npm run schema`: write schemas/suite.schema.json and schemas/golden.schema.json from the zod
// schemas (src/config/json-schema.ts). test/config/schema.test.ts fails when they are stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES, schemaFileText } from '../src/config/json-schema.js';

// dist/scripts/gen-schema.js → the package root, two levels up.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

for (const kind of ['suite', 'golden'] as const) {
  const file = resolve(root, SCHEMA_FILES[kind]);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, schemaFileText(kind));
  process.stdout.write(`wrote ${SCHEMA_FILES[kind]}\n`);
}
