// Explanation files: frontmatter errors name the file, the field and the fix; checks against the model find
// missing symbols, unresolved links and unknown fields; --strict turns them into one error.
import { describe, expect, it } from 'vitest';
import { parseExplanation } from '../lib/explanations.ts';
import { ExplanationError } from '../lib/explanation-schema.ts';
import { checkExplanations, enforceStrict, StrictHealthError } from '../lib/health.ts';
import { buildSymbolIndex, resolveSymbol } from '../lib/symbol-index.ts';
import { tinyModel } from './tiny-model.ts';

const index = buildSymbolIndex(tinyModel());

describe('parseExplanation', () => {
  it('reads symbol, fields with their lines, body and links', () => {
    const exp = parseExplanation(
      '---\nsymbol: struct s\nfields:\n  a: the {@link f}\n---\nBody {@link s.a}\n',
      'x.md',
      'en',
    );
    expect(exp.symbol).toBe('struct s');
    expect(exp.fieldLines).toEqual({ a: 4 });
    expect(exp.links.map((l) => [l.target, l.line])).toEqual([
      ['f', 4],
      ['s.a', 6],
    ]);
    expect(exp.body).toBe('Body {@link s.a}\n');
  });

  it('names the file and field when the frontmatter is wrong', () => {
    expect(() => parseExplanation('no frontmatter', 'a.md', 'en')).toThrow(/`a\.md` has no frontmatter/);
    expect(() => parseExplanation('---\nsymbol: thing s\n---\n', 'b.md', 'en')).toThrow(ExplanationError);
    expect(() => parseExplanation('---\nsymbol: thing s\n---\n', 'b.md', 'en')).toThrow(/`b\.md`: field `symbol`/);
    expect(() => parseExplanation('---\nsymbol: struct s\nfield: {}\n---\n', 'c.md', 'en')).toThrow(/`c\.md`/);
    expect(() => parseExplanation('---\nsymbol: [\n---\n', 'd.md', 'en')).toThrow(
      /`d\.md`: the frontmatter is not valid YAML/,
    );
  });
});

describe('resolveSymbol', () => {
  it('resolves kinds, bare names and struct fields to permalinks', () => {
    expect(resolveSymbol(index, 'struct s')?.url).toBe('/structs/s/');
    expect(resolveSymbol(index, 's.a')?.url).toBe('/structs/s/#field-a');
    expect(resolveSymbol(index, 'f')?.url).toBe('/functions/f/');
    expect(resolveSymbol(index, 'function f', 'zh')?.url).toBe('/zh/functions/f/');
    expect(resolveSymbol(index, 'library lib')?.url).toBe('/libraries/lib/');
    // An option without an explanation is its row in its library's options table; an explained one has a page.
    expect(resolveSymbol(index, 'option CONFIG_LIB')?.url).toBe('/libraries/lib/#CONFIG_LIB');
    expect(resolveSymbol(buildSymbolIndex(index.model, ['option CONFIG_LIB']), 'option CONFIG_LIB')?.url).toBe(
      '/options/CONFIG_LIB/',
    );
    expect(resolveSymbol(index, 'file lib/a.c')?.url).toBe('/files/lib/a.c/');
    expect(resolveSymbol(index, 'union s')).toBeNull();
    expect(resolveSymbol(index, 's.nope')).toBeNull();
    expect(resolveSymbol(index, 'gone')).toBeNull();
  });
});

describe('checkExplanations', () => {
  const good = parseExplanation('---\nsymbol: struct s\nfields:\n  a: ok\n---\n{@link f}\n', 'good.md', 'en');
  const bad = parseExplanation('---\nsymbol: function gone\n---\n\nsee {@link nope}\n', 'bad.md', 'en');
  const badField = parseExplanation('---\nsymbol: struct s\nfields:\n  zz: x\n---\n', 'field.md', 'zh');

  it('finds nothing wrong in a matching explanation, and lists fields left unexplained', () => {
    const r = checkExplanations(index, [good]);
    expect(r.warnings).toEqual([]);
    expect(r.missingFields).toEqual([{ struct: 's', file: 'good.md', fields: ['b'] }]);
  });

  it('reports a missing symbol, an unresolved link and an unknown field with file and line', () => {
    const r = checkExplanations(index, [bad, badField]);
    expect(r.warnings.map((w) => [w.code, w.file, w.line, w.subject])).toEqual([
      ['missing-symbol', 'bad.md', 2, 'function gone'],
      ['unresolved-link', 'bad.md', 5, 'nope'],
      ['unknown-field', 'field.md', 4, 's.zz'],
    ]);
  });

  it('fails a strict build with every problem listed, and passes a lenient one', () => {
    const { warnings } = checkExplanations(index, [bad]);
    expect(() => enforceStrict(warnings, false)).not.toThrow();
    expect(() => enforceStrict(warnings, true)).toThrow(StrictHealthError);
    expect(() => enforceStrict(warnings, true)).toThrow(/bad\.md:2: .*bad\.md:5/s);
  });
});

describe('option names', () => {
  it('resolve with or without the CONFIG_ prefix that Config.uk leaves out', () => {
    const m = tinyModel();
    m.libraries[0]!.config[0]!.name = 'LIBX';
    const idx = buildSymbolIndex(m, ['option LIBX']);
    expect(idx.optionPages).toEqual(new Set(['CONFIG_LIBX']));
    expect(resolveSymbol(idx, 'option CONFIG_LIBX')?.url).toBe('/options/CONFIG_LIBX/');
    expect(resolveSymbol(idx, 'option LIBX')?.url).toBe('/options/CONFIG_LIBX/');
    expect(resolveSymbol(idx, 'CONFIG_LIBX')?.url).toBe('/options/CONFIG_LIBX/');
  });
});
