/** A minimal valid model for unit tests of the site's lookups (one library, one struct, two functions). */
import { parseModel, SCHEMA_VERSION, type Model } from '../../model/index.ts';

const loc = { library: 'lib', file: 'lib/a.c', documented: true, guard: [] as string[] };
const field = (name: string, line: number) => ({
  name,
  type: 'int',
  doc: null,
  line,
  bitWidth: null,
  arraySize: [],
  functionPointer: null,
  aggregate: null,
  attributes: [],
  guard: [],
});
/** A documented function definition of `lib/a.c`; `over` changes any field (file, kind, static, …). */
export const tinyFunction = (
  name: string,
  line: number,
  calls: Model['functions'][number]['calls'],
  over: Partial<Model['functions'][number]> = {},
): Model['functions'][number] => ({
  name,
  kind: 'function' as const,
  ...loc,
  line,
  endLine: line + 2,
  definition: true,
  static: false,
  inline: false,
  exported: false,
  returnType: 'void',
  params: [],
  variadic: false,
  attributes: [],
  signature: `void ${name}(void)`,
  syscallMacro: null,
  doc: null,
  calls,
  sizes: [],
  writes: [],
  stores: [],
  ...over,
});
const fn = tinyFunction;

/** Builds the model; `extra` adds calls to `f` for call-graph tests. */
export function tinyModel(extraFunctions: Model['functions'] = []): Model {
  return parseModel({
    schemaVersion: SCHEMA_VERSION,
    generatedAt: '2026-01-01T00:00:00Z',
    source: { root: '/nonexistent', commit: null, describe: null, origin: 'sample', repository: null },
    libraries: [
      {
        name: 'lib',
        path: 'lib',
        files: ['lib/a.c'],
        config: [
          {
            name: 'CONFIG_LIB',
            type: 'bool',
            prompt: null,
            defaults: [],
            dependsOn: [],
            select: [],
            help: null,
            guard: [],
            file: 'lib/Config.uk',
            line: 1,
          },
        ],
        exports: [],
        sources: [],
      },
    ],
    files: [{ path: 'lib/a.c', library: 'lib', documented: true, lines: 10, includes: [] }],
    structs: [
      {
        id: 'struct:s',
        name: 's',
        kind: 'struct',
        typedefs: [],
        parent: null,
        declaredBy: null,
        ...loc,
        line: 1,
        endLine: 4,
        doc: null,
        attributes: [],
        fields: [field('a', 2), field('b', 3)],
      },
    ],
    enums: [],
    typedefs: [],
    macros: [],
    globals: [],
    functions: [fn('f', 5, [{ to: 'g', line: 6, via: 'direct', guard: [] }]), fn('g', 8, []), ...extraFunctions],
    diagnostics: [],
  });
}
