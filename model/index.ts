/** Entry point of the shared model: schemas, types, and the one way to read a model file. */
import { readFile } from 'node:fs/promises';
import { Model, SCHEMA_VERSION } from './schema.ts';

export * from './schema.ts';
export * from './c-names.ts'; // Unikraft's C naming rules (syscall symbols, static visibility)
export * from './live-record.ts'; // live boot records (content/live/*.json), written by scripts/live

/** Raised when a model file is missing, is not JSON, or does not match the schema. */
export class ModelError extends Error {
  override name = 'ModelError';
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(hint ? `${message}\nHint: ${hint}` : message);
    this.hint = hint;
  }
}

/** Validates parsed JSON against the model schema; the error names the first offending fields. */
export function parseModel(data: unknown, origin = 'model'): Model {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new ModelError(
      `${origin} has \`schemaVersion\` ${JSON.stringify(version)}, this code reads ${SCHEMA_VERSION}.`,
      'Regenerate it with `npm run analyze`.',
    );
  }
  const result = Model.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `  \`${i.path.join('.')}\`: ${i.message}`)
      .join('\n');
    throw new ModelError(
      `${origin} does not match the model schema:\n${issues}`,
      'Regenerate it with `npm run analyze`.',
    );
  }
  return result.data;
}

/** Reads and validates a model JSON file. */
export async function readModel(path: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ModelError(
      `Cannot read the model file \`${path}\`.`,
      'Run `npm run analyze -- --out ' + path + '` first.',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`\`${path}\` is not JSON: ${(e as Error).message}`);
  }
  return parseModel(data, `\`${path}\``);
}
