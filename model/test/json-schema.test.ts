import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../write-json-schema.ts';
import { parseModel, ModelError, SCHEMA_VERSION } from '../index.ts';

describe('model contract', () => {
  it('ships a JSON Schema generated from the zod types (run `npm run schema` after changing model/schema.ts)', () => {
    const shipped = readFileSync(new URL('../model.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(modelJsonSchema());
  });

  it('rejects a model of another schema version with a hint', () => {
    expect(() => parseModel({ schemaVersion: SCHEMA_VERSION + 1 })).toThrow(ModelError);
    expect(() => parseModel({ schemaVersion: SCHEMA_VERSION + 1 })).toThrow(/npm run analyze/);
  });

  it('names the offending field', () => {
    expect(() => parseModel({ schemaVersion: SCHEMA_VERSION, structs: 3 })).toThrow(/`structs`/);
  });
});
