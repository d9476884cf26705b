/** The call graph's small preprocessor: argument substitution, `#`, `##`, variadics, and origin masks. */
import { describe, expect, it } from 'vitest';
import { macroTable, type MacroDef } from '../../c/scan-macros.ts';
import { expandAll, expandUse, readArgs, substitute, type Piece } from '../../callgraph/macro-expand.ts';

function def(name: string, params: string[] | null, code: string, variadic = false): MacroDef {
  return { name, params, variadic, body: code, code, line: 1, endLine: 1, guard: [], file: 'x.h' };
}
const site = (text: string): Piece => ({ text, mask: new Uint8Array(text.length).fill(1) });
const origin = (p: Piece) => [...p.text].map((c, i) => (p.mask[i] ? c.toUpperCase() : c)).join('');

describe('macro expansion', () => {
  it('substitutes arguments and marks what the use site wrote', () => {
    const out = substitute(def('CALL', ['f', 'x'], '(f)(x) + g(x)'), [site('h'), site('y')]);
    expect(out?.text).toBe('(h)(y) + g(y)');
    expect(origin(out as Piece)).toBe('(H)(Y) + g(Y)');
  });

  it('stringifies with # and pastes with ##', () => {
    const out = substitute(def('REG', ['fn', 'prio'], '__tab ## prio ## _ ## fn = #fn'), [site('init'), site('3')]);
    expect(out?.text).toBe('__tab3_init = "init"');
  });

  it('handles __VA_ARGS__, named variadics and the GNU comma before an empty ##__VA_ARGS__', () => {
    const pr = def('pr', ['fmt'], 'printk(fmt, ##__VA_ARGS__)', true);
    expect(substitute(pr, [site('"a"'), site('1'), site('2')])?.text).toBe('printk("a",1, 2)'); // no blank, as cpp does
    expect(substitute(pr, [site('"a"')])?.text).toBe('printk("a")');
    // The arguments stay the use site's, with or without the variadic part (a call written there is not the macro's).
    expect(origin(substitute(pr, [site('fmt()'), site('f(1)')]) as Piece)).toBe('printk(FMT(),F(1))');
    expect(origin(substitute(pr, [site('fmt()')]) as Piece)).toBe('printk(FMT())');
    expect(origin(substitute(def('named', ['args'], 'g(0, ## args)', true), [site('h()')]) as Piece)).toBe('g(0,H())');
    expect(substitute(def('named', ['args'], 'f(args)', true), [site('1'), site('2')])?.text).toBe('f(1, 2)');
  });

  it('refuses an argument count that does not fit', () => {
    expect(substitute(def('TWO', ['a', 'b'], 'a+b'), [site('1')])).toBeNull();
    expect(substitute(def('NONE', [], 'f()'), [site('')])?.text).toBe('f()');
  });

  it('reads arguments across nested parentheses, strings and comments', () => {
    const text = 'M(a(b, c), "x,)", /* , */ d)';
    const spans = readArgs(text, 1);
    expect(spans?.args.map((a) => text.slice(a.start, a.end).trim())).toEqual(['a(b, c)', '"x,)"', '/* , */ d']);
    expect(spans?.end).toBe(text.length);
  });

  it('expands all the way down without re-expanding a macro inside itself', () => {
    const table = macroTable(
      new Map([
        ['OUTER', [def('OUTER', ['x'], 'INNER(x) + OUTER')]],
        ['INNER', [def('INNER', ['y'], '__attr((y))')]],
        ['__attr', [def('__attr', ['z'], '__attribute__(z)')]],
      ]),
    );
    const out = expandAll(table, site('OUTER(v)'));
    expect(out.text.replace(/\s+/g, ' ').trim()).toBe('__attribute__((v)) + OUTER');
  });

  // cpp expands an argument before substituting it unless it is pasted or stringified right there, so a name handed
  // down to a macro that pastes it is pasted expanded.
  const prio = macroTable(
    new Map([
      ['PRIO', [def('PRIO', null, '0')]],
      ['__ENTRY', [def('__ENTRY', ['fn', 'p'], 'int __tab ## p ## _ ## fn = f(#p, p)')]],
      ['_ENTRY', [def('_ENTRY', ['fn', 'p'], '__ENTRY(fn, p)')]],
      ['ENTRY', [def('ENTRY', ['fn', 'p', 'x'], '_ENTRY(fn, p) + g(p, x)')]],
    ]),
  );
  const flat = (t: string) =>
    t
      .replace(/\s+/g, ' ')
      .replace(/([(]) | (?=[),])/g, '$1')
      .trim();

  it('expands an argument before a deeper macro pastes or stringifies it', () => {
    expect(flat(expandAll(prio, site('ENTRY(init, PRIO, PRIO)')).text)).toBe('int __tab0_init = f("0", 0) + g(0, 0)');
    expect(flat(expandAll(prio, site('__ENTRY(init, PRIO)')).text)).toBe('int __tabPRIO_init = f("PRIO", 0)');
  });

  it('expands one level down, with only the arguments a deeper macro pastes expanded first', () => {
    const [out] = expandUse(prio, 'ENTRY', [site('init'), site('PRIO'), site('PRIO')]);
    expect(flat(origin(out as Piece))).toBe('_ENTRY(INIT, 0) + g(0, PRIO)');
    expect(expandUse(prio, '__ENTRY', [site('init'), site('PRIO')])[0]?.text).toBe(
      'int __tabPRIO_init = f("PRIO", PRIO)',
    );
  });
});
