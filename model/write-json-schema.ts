/** Writes `model/model.schema.json` from the zod schema, so the shipped JSON Schema is generated, never hand-kept. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Model } from './schema.ts';

/** The JSON Schema text of the model, stable for diffing. */
export function modelJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(Model, { target: 'draft-2020-12' }), null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('./model.schema.json', import.meta.url), modelJsonSchema());
}
