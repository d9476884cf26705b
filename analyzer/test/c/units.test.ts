/** Unit tests for the small pieces of the C layer whose rules are easy to state and easy to get wrong. */
import { describe, expect, it } from 'vitest';
import { attributeMacro } from '../../c/attribute-macros.ts';
import { decodeSource, firstInvalidUtf8 } from '../../c/decode-source.ts';
import { tidy } from '../../c/declarators.ts';
import { evaluateConstant } from '../../c/evaluate-constant.ts';
import { expandMacros, tryExpandMacros } from '../../c/expand-macros.ts';
import { maskCode } from '../../c/mask-code.ts';
import { functionDefinitions } from '../../c/function-definitions.ts';
import { parseC } from '../../c/parse-c.ts';
import { scanMacros } from '../../c/scan-macros.ts';
import { negate, scanPreprocessor } from '../../c/scan-preprocessor.ts';

const enc = new TextEncoder();
const table = (text: string) => scanMacros([{ path: 'm.h', text }]);

describe('decodeSource', () => {
  it('strips a BOM and turns CRLF and CR into LF', () => {
    expect(decodeSource('a.c', Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('a\r\nb\rc\n')])).text).toBe(
      'a\nb\nc\n',
    );
  });
  it('reports the line of the first invalid byte and keeps the rest', () => {
    const d = decodeSource('a.c', Uint8Array.from([...enc.encode('x\r\ny\n'), 0xc0, 0x80, ...enc.encode('z')]));
    expect(d.diagnostics).toMatchObject([{ code: 'invalid-utf8', line: 3, severity: 'warning' }]);
    expect(d.text.endsWith('z')).toBe(true);
  });
  it('treats NUL bytes as binary', () => {
    expect(decodeSource('a.o', Uint8Array.from([1, 0, 2]))).toMatchObject({
      text: '',
      diagnostics: [{ code: 'binary-file' }],
    });
  });
  it('accepts every well-formed sequence, rejects overlongs and surrogates', () => {
    expect(firstInvalidUtf8(enc.encode('aé✓𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe0, 0x80, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });
});

describe('maskCode', () => {
  it('blanks comments and literal contents, keeping length and newlines', () => {
    const text = 'a /* x\ny */ b // c\n"s//t" \'{\' d';
    const { code, comments } = maskCode(text);
    expect(code.length).toBe(text.length);
    expect(code).toBe('a     \n     b     \n"    " \' \' d');
    expect(comments.map((c) => [c.line, c.endLine])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe('scanPreprocessor', () => {
  it('gives every line its guard, ignores the include guard, negates #else branches', () => {
    const text = '#ifndef H\n#define H\n#if A\nx\n#elif B\ny\n#else\nz\n#endif\n#ifdef C\nw\n#endif\n#endif\n';
    const s = scanPreprocessor(text, maskCode(text).code);
    expect(s.includeGuard).toBe('H');
    expect([s.guards[4], s.guards[6], s.guards[8], s.guards[11]]).toEqual([
      ['A'],
      ['!(A)', 'B'],
      ['!(A)', '!(B)'],
      ['defined(C)'],
    ]);
    expect(s.defines.map((d) => d.name)).toEqual(['H']);
  });
  it('keeps a macro body whole when its parameter list spans continued lines', () => {
    const text =
      '#define SET(s, \\\n\ta, \\\n\tb, \\\n\tc, \\\n\td) \\\n\tdo { \\\n\t\t(s)->x = (a); /* note */ \\\n\t} while (0)\n';
    const [d] = scanPreprocessor(text, maskCode(text).code).defines;
    expect(d?.params).toEqual(['s', 'a', 'b', 'c', 'd']);
    expect(d?.body).toBe('do {  \t\t(s)->x = (a); /* note */  \t} while (0)');
    expect(d?.code).toBe('do { (s)->x = (a); } while (0)');
  });
  it('negates without stacking', () => {
    expect(negate('!defined(X)')).toBe('defined(X)');
    expect(negate('defined(X)')).toBe('!defined(X)');
    expect(negate('!(A && B)')).toBe('A && B');
    expect(negate('A || B')).toBe('!(A || B)');
  });
});

describe('attributeMacro', () => {
  const t = table(
    '#define __noreturn __attribute__((noreturn))\n#define __fi inline __attribute__((always_inline))\n' +
      '#define __sec(s) __attribute__((section(s)))\n#define __both __noreturn __fi\n#define STUB()\n#define VAL 3\n' +
      '#define __tls __thread\n#define __empty\n',
  );
  it('learns attributes through other macros, and what they imply', () => {
    expect(attributeMacro('__both', t)).toEqual({ functionLike: false, inline: true, static: false });
    expect(attributeMacro('__sec', t)?.functionLike).toBe(true);
    expect(attributeMacro('__tls', t)).not.toBeNull();
    expect(attributeMacro('__empty', t)).not.toBeNull();
  });
  it('does not take compiled-out calls or values for attributes', () => {
    expect(attributeMacro('STUB', t)).toBeNull();
    expect(attributeMacro('VAL', t)).toBeNull();
  });
  it('falls back to a built-in list when headers are not indexed', () => {
    expect(attributeMacro('__unused', table(''))).not.toBeNull();
    expect(attributeMacro('__always_inline', table(''))?.inline).toBe(true);
  });
});

describe('expandMacros', () => {
  const t = table(
    '#define STR(x) #x\n#define CAT(a, b) a ## b\n#define TWICE(x) CAT(x, x)\n#define V(fmt, ...) f(fmt, __VA_ARGS__)\n' +
      '#define SELF SELF + 1\n#ifdef D\n#define F int f;\n#else\n#define F\n#endif\n#define LOOP LOOP2\n#define LOOP2 LOOP\n',
  );
  it('stringifies, pastes, passes variadic arguments and never re-expands a macro inside itself', () => {
    expect(expandMacros('STR(a b)', t)).toBe('"a b"');
    expect(expandMacros('TWICE(ab)', t)).toBe('abab');
    expect(expandMacros('V("x", 1, 2)', t)).toBe('f("x", 1, 2)');
    expect(expandMacros('SELF', t)).toBe('SELF + 1');
    expect(expandMacros('LOOP', t)).toBe('LOOP');
  });
  it('emits #if alternatives for declaration-like definitions when asked', () => {
    expect(expandMacros('F', t, { guarded: true }).replace(/\n+/g, '|')).toBe('|#if defined(D)|int f;|#endif|');
  });
  it('says when the expansion was cut short', () => {
    expect(tryExpandMacros('TWICE(ab) TWICE(cd)', t, { maxSteps: 1 })).toBeNull();
  });
});

describe('evaluateConstant', () => {
  const none = () => undefined;
  it('evaluates integer expressions and refuses the rest', () => {
    expect(evaluateConstant('(1 << 4) | 0x3', none)).toBe(19);
    expect(evaluateConstant('-(2 + 3) * 4 / 3', none)).toBe(-6);
    expect(evaluateConstant('010 + 10UL', none)).toBe(18);
    expect(evaluateConstant("'A' + 1", none)).toBe(66);
    expect(evaluateConstant('X + 1', (n) => (n === 'X' ? 41 : undefined))).toBe(42);
    expect(evaluateConstant('sizeof(int)', none)).toBeNull();
    expect(evaluateConstant('1 / 0', none)).toBeNull();
  });
});

describe('tidy', () => {
  it('writes types one way', () => {
    expect(tidy('struct  uk_sched*\n s')).toBe('struct uk_sched * s');
    expect(tidy('void  (* ) ( int )')).toBe('void (*)(int)');
    expect(tidy('char * const *')).toBe('char *const *');
  });
});

describe('parseC', () => {
  it('keeps the parsed text the same length as the file, newlines in place', () => {
    const text =
      '#define __unused __attribute__((unused))\n/* c */\nUK_SYSCALL_R_DEFINE(int, f, int __unused, a,\n\tlong, b)\n{ return a; }\n';
    const m = table(text);
    const p = parseC('s.c', text, m);
    expect(p.parsedText.length).toBe(text.length);
    expect([...p.parsedText].map((c, i) => (c === '\n') === (text[i] === '\n')).every(Boolean)).toBe(true);
    expect(p.parsedText).toContain('int  f(');
    expect(p.tree.rootNode.hasError).toBe(false);
  });
});

describe('functionDefinitions', () => {
  it('lists the definitions the native tree has outside function bodies, with the same offsets and rows', () => {
    const text = [
      '#ifndef X_H',
      '#define X_H',
      'static inline int a(void) { return 1; }',
      '#ifdef CONFIG_B',
      'int b(int x)',
      '{',
      '\tUK_TAILQ_FOREACH(t, &q, entry) { x++; }',
      '\treturn x;',
      '}',
      '#endif',
      'extern "C" { void c(void) {} }',
      'int d(int',
      '#endif',
      '',
    ].join('\n');
    const p = parseC('x.h', text, table(text));
    const native = p.tree.rootNode
      .descendantsOfType('function_definition')
      .filter((n) => {
        // Definitions tree-sitter nested inside another definition's body are not in the lite tree.
        for (let up = n.parent; up; up = up.parent) if (up.type === 'compound_statement') return false;
        return true;
      })
      .map((n) => ({
        start: n.startIndex,
        end: n.endIndex,
        bodyStart: n.childForFieldName('body')?.startIndex ?? null,
        row: n.startPosition.row,
      }));
    expect(native.length).toBeGreaterThanOrEqual(3);
    expect(p.functionDefinitions).toEqual(native);
    expect(functionDefinitions(p.lite as NonNullable<typeof p.lite>)).toEqual(native);
  });
});
