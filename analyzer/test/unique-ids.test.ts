// Ids stay unique across files, and references inside a renamed file follow the rename (and only those).
import { describe, expect, it } from 'vitest';
import type { Enum, Field, Struct } from '../../model/schema.ts';
import { uniquifyIds } from '../unique-ids.ts';

const field = (name: string, aggregate: string | null = null): Field => ({
  name,
  type: 'int',
  doc: null,
  line: 2,
  bitWidth: null,
  arraySize: [],
  functionPointer: null,
  aggregate,
  attributes: [],
  guard: [],
});
const struct = (id: string, file: string, fields: Field[] = [], parent: string | null = null): Struct => ({
  id,
  name: id.startsWith('struct:') ? id.slice(7).replace(/#\d+$/, '') : null,
  kind: 'struct',
  typedefs: [],
  parent,
  declaredBy: null,
  library: null,
  file,
  line: 1,
  documented: false,
  guard: [],
  endLine: 3,
  doc: null,
  attributes: [],
  fields,
});
const en = (id: string, file: string): Enum => ({
  id,
  name: null,
  typedefs: [],
  library: null,
  file,
  line: 1,
  documented: false,
  guard: [],
  endLine: 1,
  doc: null,
  attributes: [],
  constants: [],
});

describe('uniquifyIds', () => {
  it('suffixes later duplicates and rewrites parent and aggregate references of that file only', () => {
    const a = { structs: [struct('struct:ctx', 'a.h', [field('x')])], enums: [en('enum:mode', 'a.h')] };
    const b = {
      structs: [
        struct('struct:ctx', 'b.h', [field('inner', 'struct:@b.h:3')]),
        struct('struct:@b.h:3', 'b.h', [], 'struct:ctx'),
        struct('struct:ctx#2', 'b.h'), // the extractor's own twin suffix in b.h
      ],
      enums: [en('enum:mode', 'b.h')],
    };
    uniquifyIds([a, b]);
    expect(a.structs.map((s) => s.id)).toEqual(['struct:ctx']);
    expect(b.structs.map((s) => s.id)).toEqual(['struct:ctx#2', 'struct:@b.h:3', 'struct:ctx#3']);
    expect(b.structs[1]?.parent).toBe('struct:ctx#2');
    expect(b.structs[0]?.fields[0]?.aggregate).toBe('struct:@b.h:3');
    expect(b.enums[0]?.id).toBe('enum:mode#2');
  });
});
