// The published JSON Schemas: never stale, accept the shipped examples, refuse typos, help editors.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_FILES, jsonSchemaFor, schemaFileText } from '../../src/config/json-schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFile(`${root}${path}`, 'utf8');

function validator(kind: 'suite' | 'golden') {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(jsonSchemaFor(kind));
}

describe('schemas/*.schema.json', () => {
  it.each(['suite', 'golden'] as const)('the committed %s schema equals freshly generated output (run `npm run schema`)', async (kind) => {
    const text = await read(SCHEMA_FILES[kind]);
    expect(text).toBe(schemaFileText(kind));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['suite', 'suites/pharmabot.yaml'],
    ['golden', 'golden/pharmabot.yaml'],
  ] as const)('%s schema accepts %s (ajv, draft 2020-12)', async (kind, file) => {
    const validate = validator(kind);
    const ok = validate(parse(await read(file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    ['suite', 'a typo', { name: 'x', golden: 'g.yaml', sampling: { concurency: 4 } }, '/sampling'],
    ['suite', 'a bad duration', { name: 'x', golden: 'g.yaml', sampling: { timeout: '5 minutes' } }, '/sampling/timeout'],
    ['suite', 'a missing name', { golden: 'g.yaml' }, ''],
    ['suite', 'an unknown target kind', { name: 'x', golden: 'g.yaml', blue: { kind: 'grpc' } }, '/blue/kind'],
    ['golden', 'an unknown assertion type', [{ id: 'a', question: 'q', assert: [{ type: 'contain', value: 'x' }] }], '/0/assert/0'],
    ['golden', 'an unknown case field', { cases: [{ id: 'a', question: 'q', tgs: [] }] }, '/cases/0'],
  ] as const)('%s schema refuses %s', (kind, _what, data, where) => {
    const validate = validator(kind);
    expect(validate(data)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(where);
  });

  it('accepts flag-style durations and ${ENV} URLs', () => {
    const validate = validator('suite');
    expect(
      validate({
        name: 'x',
        golden: ['a.yaml'],
        green: { url: '${GREEN_URL}' },
        sampling: { timeout: '1.5s', readyTimeout: 0, deadline: '20m' },
      }),
    ).toBe(true);
  });

  it('describes the fields editors show help for', () => {
    const suite = jsonSchemaFor('suite') as {
      title: string;
      description: string;
      properties: Record<string, { description?: string; properties?: Record<string, { description?: string; default?: unknown }> }>;
      $defs: Record<string, { properties: Record<string, { description?: string }> }>;
    };
    expect(suite.title).toBe('revgate suite');
    expect(suite.description).toMatch(/^A revgate suite/);
    for (const key of ['name', 'golden', 'target', 'blue', 'green', 'thresholds'])
      expect(suite.properties[key]?.description, key).toBeTruthy();
    for (const key of ['kind', 'url', 'headers', 'model', 'apiKey', 'stream', 'body', 'answer', 'docs', 'readyPath'])
      expect(suite.$defs.Target?.properties[key]?.description, `Target.${key}`).toBeTruthy();
    for (const section of ['sampling', 'scoring', 'report']) {
      const props = suite.properties[section]!.properties!;
      for (const [key, prop] of Object.entries(props)) expect(prop.description, `${section}.${key}`).toBeTruthy();
      expect(suite.properties[section]!.description, section).toBeTruthy();
    }
    expect(suite.properties.sampling!.properties!.concurrency).toMatchObject({
      default: 8,
      description: 'Requests in flight at once (blue and green together). Flag: --concurrency. Default: 8',
    });
    expect(suite.properties.sampling!.properties!.timeout!.description).toBe(
      'Per-request timeout, e.g. "20s". Flag: --timeout. Default: 60s',
    );
    expect(suite.properties.thresholds!.description).toContain('Grammar: [scope.]metric op value');
    expect(suite.properties.thresholds!.description).toContain('"ratio.latency.p95 <= 1.5"');

    const golden = jsonSchemaFor('golden') as {
      $defs: Record<
        string,
        {
          description?: string;
          properties?: Record<string, { description?: string }>;
          anyOf?: { description?: string }[];
          oneOf?: { description?: string }[];
        }
      >;
    };
    const gc = golden.$defs.GoldenCase!;
    for (const key of ['id', 'messages', 'question', 'vars', 'reference', 'expected_docs', 'assert', 'tags', 'critical'])
      expect(gc.properties?.[key]?.description, key).toBeTruthy();
    const assertion = golden.$defs.Assertion!;
    const variants = assertion.oneOf ?? assertion.anyOf ?? [];
    expect(variants).toHaveLength(10);
    for (const v of variants) expect(v.description).toMatch(/^[a-z-]+: /);
  });
});
