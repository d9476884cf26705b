/** Functions defined through a macro head (`DEMO_CASE(s, f) { … }`): the rewrite, the placeholder, the bail-outs. */
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../c/extract-file.ts';
import { parseC } from '../../c/parse-c.ts';
import { scanMacros } from '../../c/scan-macros.ts';

const HEADER = `#define __maybe_unused __attribute__((unused))
#define DEMO_FN(s, f) _demo_ ## s ## _ ## f
#define DEMO_CASE(s, f) void DEMO_FN(s, f)(int arg __maybe_unused); void DEMO_FN(s, f)(int arg __maybe_unused)
#define SHORT(f) int f(void)
#define ON(event, prio) static int on_ ## event(void)
#define STMT(x) if (x)
#define TABLE(n) int n[] =
#define SELF(t) void self(SELF(t))
`;

function analyze(code: string) {
  const files = [
    { path: 'demo.h', text: HEADER },
    { path: 'a.c', text: code },
  ];
  const macros = scanMacros(files);
  const parsed = parseC('a.c', code, macros);
  const facts = extractFile(parsed, { library: 'demo', documented: true, macros });
  return { parsed, facts };
}

describe('macro heads', () => {
  it('rewrites the head in place, same length and lines, and names the function as the expansion does', () => {
    const code = 'DEMO_CASE(suite, one)\n{\n\tg();\n}\n';
    const { parsed, facts } = analyze(code);
    expect(parsed.parsedText.length).toBe(code.length);
    expect(parsed.parsedText.split('\n').map((l) => l.length)).toEqual(code.split('\n').map((l) => l.length));
    expect(parsed.macroHeads).toMatchObject([{ macro: 'DEMO_CASE', name: '_demo_suite_one', written: '_mh0' }]);
    expect(facts.functions).toMatchObject([
      { name: '_demo_suite_one', line: 1, endLine: 4, signature: 'void _demo_suite_one(int arg)', attributes: [] },
    ]);
    expect(facts.diagnostics).toEqual([]);
    expect(JSON.stringify(facts)).not.toContain('_mh0');
  });

  it('writes the generated name itself when it fits, and picks a placeholder no token of the file spells', () => {
    const fits = analyze('ON(boot, PRIORITY_EARLY)\n{\n}\n');
    expect(fits.parsed.macroHeads).toMatchObject([{ name: 'on_boot', written: 'on_boot' }]);
    expect(fits.facts.functions).toMatchObject([
      { name: 'on_boot', static: true, signature: 'static int on_boot(void)' },
    ]);
    const taken = analyze('int _mh0;\nDEMO_CASE(suite, case_one) {\n}\n');
    expect(taken.parsed.macroHeads).toMatchObject([{ name: '_demo_suite_case_one', written: '_mh1' }]);
    expect(taken.facts.functions.map((f) => f.name)).toEqual(['_demo_suite_case_one']);
  });

  it('leaves heads alone whose macro is unknown, or whose expansion is no declarator, or does not fit', () => {
    for (const code of [
      'UNKNOWN(a, b)\n{\n}\n',
      'STMT(1)\n{\n}\n',
      'TABLE(t) {\n\t1,\n};\n',
      'SHORT(f)\n{\n}\n', // `int f(void)` is longer than `SHORT(f)`
      'SELF(int) /* room enough for the declarator, but a macro call is left in it */\n{\n}\n',
    ]) {
      const { parsed, facts } = analyze(code);
      expect(parsed.macroHeads, code).toEqual([]);
      expect(parsed.parsedText, code).toBe(code.replace(/\/\*.*?\*\//g, (c) => ' '.repeat(c.length)));
      expect(facts.functions, code).toEqual([]);
    }
  });

  it('does not read heads inside a body or on directive lines', () => {
    const { parsed } = analyze('void f(void)\n{\n\tDEMO_CASE(a, b) {\n\t}\n}\n#define X DEMO_CASE(a, b) {\n');
    expect(parsed.macroHeads).toEqual([]);
  });
});
