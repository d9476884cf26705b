// The attribute half of the pahole oracle must be right, or the oracle proves nothing: layouts written as pahole reads
// them back, against a model that says (or does not say) where each alignment comes from.
import { describe, expect, it } from 'vitest';
import type { Field, Macro, Struct } from '../../../model/schema.ts';
import { compareAttributes, expandMacros } from './compare-attributes.ts';
import type { PaholeStruct } from './parse-pahole.ts';

const field = (name: string, type: string, attributes: string[] = []): Field => ({
  name,
  type,
  doc: null,
  line: 2,
  bitWidth: null,
  arraySize: [],
  functionPointer: null,
  aggregate: null,
  attributes,
  guard: [],
});
const struct = (name: string, fields: Field[], attributes: string[] = []): Struct => ({
  id: `struct:${name}`,
  name,
  kind: 'struct',
  typedefs: [],
  parent: null,
  declaredBy: null,
  library: 'lib',
  file: 'a.h',
  line: 1,
  documented: true,
  guard: [],
  endLine: 3,
  doc: null,
  attributes,
  fields,
});
const align: Macro = {
  name: '__align',
  params: ['a'],
  variadic: false,
  body: '__attribute__((aligned(a)))',
  library: null,
  file: 'essentials.h',
  line: 1,
  endLine: 1,
  documented: false,
  guard: [],
  doc: null,
};
const compiled = (
  name: string,
  attributes: string[],
  memberAttributes: Record<string, string[]> = {},
): PaholeStruct => ({
  kind: 'struct',
  name,
  file: 'a.h',
  line: 1,
  members: [],
  attributes,
  memberAttributes,
});

describe('compareAttributes', () => {
  it('expands attribute macros through the model', () => {
    expect(expandMacros('__align(64)', new Map([['__align', align]]))).toBe('__attribute__((aligned(64)))');
  });

  it('accepts an alignment pahole prints on a struct and a member that holds an aligned type', () => {
    const model = {
      macros: [align],
      structs: [
        struct('lk', [field('n', 'int')], ['__align(64)']),
        struct('outer', [field('l', 'struct lk'), field('x', 'int'), field('y', 'int', ['__align(16)'])]),
      ],
    };
    const r = compareAttributes(
      model,
      [compiled('lk', ['aligned(64)']), compiled('outer', ['aligned(64)'], { l: ['aligned(64)'], y: ['aligned(16)'] })],
      {},
      new Set(['a.h']),
    );
    expect(r).toEqual({ mismatches: [], checked: 4 });
  });

  it('reports an alignment or packing the model does not explain', () => {
    const model = { macros: [align], structs: [struct('plain', [field('x', 'int'), field('y', 'int')])] };
    const r = compareAttributes(
      model,
      [compiled('plain', ['aligned(32)', 'packed'], { y: ['aligned(8)'] })],
      {},
      new Set(['a.h']),
    );
    expect(r.checked).toBe(3);
    expect(r.mismatches).toHaveLength(3);
  });
});
