// Types as written link what the model knows, including the struct a struct-declaring macro declares in a field type.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../model/index.ts';
import { buildSymbolIndex } from '../lib/symbol-index.ts';
import { typeParts } from '../lib/type-links.ts';
import { tinyModel } from './tiny-model.ts';

/** The tiny model plus `struct waiters`, declared by `LIST_HEAD(waiters, struct s)`, and the macro itself. */
function withMacroStruct(): Model {
  const m = tinyModel();
  const s = m.structs[0]!;
  m.structs.push({ ...s, id: 'struct:waiters', name: 'waiters', declaredBy: 'LIST_HEAD', fields: [] });
  m.macros.push({
    name: 'LIST_HEAD',
    params: ['name', 'type'],
    variadic: false,
    body: 'struct name { type *first; }',
    library: 'lib',
    file: 'lib/a.c',
    documented: true,
    line: 9,
    endLine: 9,
    guard: [],
    doc: null,
  });
  return m;
}

const links = (type: string, model: Model) =>
  typeParts(type, buildSymbolIndex(model), 'en').map((p) => (p.url ? `[${p.text}](${p.url})` : p.text));

describe('typeParts', () => {
  it('links tagged struct names and leaves the rest as text', () => {
    expect(links('const struct s *', tinyModel())).toEqual(['const ', '[struct s](/structs/s/)', ' *']);
    expect(links('struct unknown *', tinyModel())).toEqual(['struct unknown *']);
  });

  it('links the struct a struct-declaring macro declares, and the macro', () => {
    expect(links('LIST_HEAD(waiters, struct s)', withMacroStruct())).toEqual([
      '[LIST_HEAD](/macros/LIST_HEAD/)',
      '(',
      '[waiters](/structs/waiters/)',
      ', ',
      '[struct s](/structs/s/)',
      ')',
    ]);
    // A bare name that only happens to match a macro-declared struct is not linked outside that macro's type.
    expect(links('int waiters', withMacroStruct())).toEqual(['int waiters']);
  });

  it('gives the type back unchanged when its pieces are joined', () => {
    const t = 'LIST_HEAD(waiters, struct s) /* x */';
    expect(
      typeParts(t, buildSymbolIndex(withMacroStruct()), 'zh')
        .map((p) => p.text)
        .join(''),
    ).toBe(t);
  });
});
