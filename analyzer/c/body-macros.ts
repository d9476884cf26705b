/**
 * Macro uses inside function bodies that C's grammar has no place for, rewritten (same length) for the parse only.
 *
 * Loop macros: in `uk_list_for_each_safe(itr, tmp, head) { … }`, whose expansion is a `for (…)` head, the blank
 * before `{` becomes the `;` that tree-sitter would otherwise report missing: the tree keeps the macro call, then
 * the block.
 *
 * Type names passed as macro arguments: `uk_list_entry(itr, struct uk_futex, list_node)`,
 * `__containerof(s, struct schedcoop, sched)`, `DECONST(char *, name)`, `va_arg(args, char *)`. C's grammar has no
 * place for a type there, so tree-sitter gave up on the whole statement (a "could not parse" diagnostic, and the
 * statement missing from the tree). For the parse only, each such argument becomes an identifier of the same length
 * (`struct_uk_futex`, `char__`); the text as written is what every reader of types and the site see.
 *
 * Only arguments of calls inside function bodies are touched: at file scope and in struct bodies a type in parentheses
 * is a prototype's unnamed parameter or a type macro. The operators that take a type and that tree-sitter knows
 * (`sizeof`, `offsetof`, `_Alignof`, `typeof`, …) keep it.
 */

import { callArguments } from './call-arguments.ts';
import { matchParen } from './file-scope-macros.ts';
import type { MacroTable } from './scan-macros.ts';

/** A same-length replacement of `[start, end)` of the parsed text. */
export interface BodyMacroEdit {
  start: number;
  end: number;
  text: string;
}

/** Words before `(` that are not calls, or that tree-sitter parses with a type argument as they are. */
const NOT_A_MACRO_CALL = new Set([
  'if',
  'while',
  'for',
  'switch',
  'return',
  'sizeof',
  'offsetof',
  '_Alignof',
  'alignof',
  '__alignof',
  '__alignof__',
  'typeof',
  '__typeof',
  '__typeof__',
  '_Generic',
  '__builtin_types_compatible_p',
  '_Static_assert',
  'static_assert',
  '__attribute__',
  '__attribute',
  'asm',
  '__asm',
  '__asm__',
  'case',
]);

/**
 * An argument that can only be a type name: `struct|union|enum NAME` with optional qualifiers and `*`s, or words
 * followed by at least one `*` (`char *`, `char * const *`, `uk_thread_fn1_t *`), which no expression ends with.
 */
const TYPE_NAME = new RegExp(
  '^(?:(?:const|volatile)\\s+)*' +
    '(?:(?:struct|union|enum)\\s+[A-Za-z_]\\w*(?:\\s*(?:\\*|\\bconst\\b|\\bvolatile\\b))*' +
    '|[A-Za-z_]\\w*(?:\\s+[A-Za-z_]\\w*)*\\s*\\*(?:\\s*(?:\\*|\\bconst\\b|\\bvolatile\\b))*)$',
);

const SCAN = /[{}\n]|([A-Za-z_]\w*)\s*\(/g;

/**
 * Edits for every loop macro and every type-name argument of a macro call inside a function body. `code` is the
 * comment- and literal-masked text; lines in `directiveLines` (1-based, continuation lines included) are skipped.
 */
export function bodyMacroEdits(code: string, directiveLines: Set<number>, macros: MacroTable): BodyMacroEdit[] {
  const out: BodyMacroEdit[] = [];
  // One entry per open brace: whether it is (inside) a function body.
  const braces: boolean[] = [];
  let line = 1;
  SCAN.lastIndex = 0;
  for (let m = SCAN.exec(code); m; m = SCAN.exec(code)) {
    const ch = m[0];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (directiveLines.has(line)) continue;
    if (ch === '{') {
      const outer = braces.length ? braces[braces.length - 1]! : false;
      // At file scope, a body that follows `)` is a function's (`f(…) {`, or a macro head `UK_TESTCASE(s, f) {`).
      braces.push(outer || (braces.length === 0 && previousChar(code, m.index) === ')'));
      continue;
    }
    if (ch === '}') {
      braces.pop();
      continue;
    }
    if (!braces.length || !braces[braces.length - 1] || NOT_A_MACRO_CALL.has(m[1]!)) continue;
    const open = m.index + m[0].length - 1;
    if (isLoopMacro(m[1]!, macros)) {
      const head = loopHeadEdit(code, open);
      if (head) out.push(head);
    }
    // One-line arguments only: a type name is never split over lines.
    for (const arg of callArguments(code, open)?.args ?? []) {
      const text = code.slice(arg.start, arg.end);
      if (!text.includes('\n') && TYPE_NAME.test(text)) out.push({ ...arg, text: text.replace(/\W/g, '_') });
    }
    // Nested calls are found by the scan itself: it goes on right after this `(`.
  }
  return out;
}

/**
 * `NAME(…) {` or `NAME(…) stmt`: the `;` tree-sitter would assume goes in place of a blank between the `)` and what
 * follows (`NAME(…);{`), so the macro call stays a call in the tree. Null when there is no such blank on that line.
 */
function loopHeadEdit(code: string, open: number): BodyMacroEdit | null {
  const close = matchParen(code, open);
  if (close < 0) return null;
  let next = close;
  while (next < code.length && /\s/.test(code[next]!)) next++;
  if (!/[{A-Za-z_]/.test(code[next] ?? '')) return null;
  const blank = code.slice(close, next).search(/[ \t]/);
  return blank < 0 ? null : { start: close + blank, end: close + blank + 1, text: ';' };
}

const loopCache = new WeakMap<MacroTable, Map<string, boolean>>();

/**
 * A function-like macro whose every definition expands to a `for (…)` or `while (…)` head, directly or through the
 * macro its body starts with (`uk_sched_foreach_thread_safe` → `UK_TAILQ_FOREACH_SAFE` → `for (…)`).
 */
export function isLoopMacro(name: string, macros: MacroTable, depth = 0): boolean {
  let cache = loopCache.get(macros);
  if (!cache) loopCache.set(macros, (cache = new Map()));
  const known = cache.get(name);
  if (known !== undefined) return known;
  const defs = macros.all(name);
  const loop =
    depth < 8 &&
    defs.length > 0 &&
    defs.every((d) => {
      if (d.params === null) return false;
      if (/^(?:for|while)\s*\(/.test(d.code)) return true;
      const inner = /^([A-Za-z_]\w*)\s*\(/.exec(d.code);
      return inner !== null && inner[1] !== name && isLoopMacro(inner[1]!, macros, depth + 1);
    });
  cache.set(name, loop);
  return loop;
}

function previousChar(code: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && /\s/.test(code[i]!)) i--;
  return i >= 0 ? code[i]! : '';
}
