/**
 * Finds macro invocations standing as file-scope statements: registrations (`UK_THREAD_INIT_PRIO(f, g, 4);`,
 * `uk_lib_initcall(f, 0x0)`), struct-declaring macros (`UK_TAILQ_HEAD(uk_thread_list, struct uk_thread);`) and
 * macro-declared variables (`UKPLAT_PER_LCPU_DEFINE(struct uk_thread *, x);`). At file scope `f(…);` can only be a
 * macro, so the test is syntactic, not a list of names.
 */
import { attributeMacro } from './attribute-macros.ts';
import type { MacroTable } from './scan-macros.ts';

/** One file-scope macro statement. */
export interface MacroStatement {
  macro: string;
  /** Offset of the statement's first character (a leading `static`/`extern` included). */
  start: number;
  /** Offset of the macro name, and one past its closing `)`. */
  callStart: number;
  callEnd: number;
  /** One past the `;` (or `callEnd` when there is none). */
  end: number;
  storage: string | null;
}

const KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'return',
  'sizeof',
  'typeof',
  '__typeof__',
  'do',
  'else',
  'case',
  'goto',
  '_Static_assert',
  'static_assert',
  '__asm__',
  'asm',
  '__asm',
  'defined',
  '_Alignas',
]);

/** Words that start a declaration, never a macro call. */
const TYPE_WORDS = new Set([
  'void',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
  'signed',
  'unsigned',
  'const',
  'volatile',
  'struct',
  'union',
  'enum',
  '_Bool',
  'bool',
  'static',
  'extern',
  'typedef',
  'inline',
  'register',
  'auto',
  '__thread',
]);

/**
 * Statements at brace depth 0 of the form `[static|extern] NAME(…)[;]` not followed by `{`. `code` is comment-masked;
 * directive lines are skipped, and names of syscall headers (handled elsewhere) are ignored.
 */
export function findFileScopeMacros(
  code: string,
  lineStarts: number[],
  directiveLines: Set<number>,
  macros: MacroTable,
): MacroStatement[] {
  const out: MacroStatement[] = [];
  let depth = 0;
  let paren = 0;
  let atStatementStart = true;
  let line = 1;
  let nextLineStart = lineStarts[1] ?? Infinity;
  const n = code.length;
  for (let i = 0; i < n; i++) {
    if (i >= nextLineStart) {
      line++;
      nextLineStart = lineStarts[line] ?? Infinity;
      if (directiveLines.has(line)) {
        // A directive line ends whatever statement boundary was pending, and says nothing itself.
        i = nextLineStart - 1;
        if (depth === 0 && paren === 0) atStatementStart = true;
        continue;
      }
    } else if (i === 0 && directiveLines.has(1)) {
      i = nextLineStart - 1;
      continue;
    }
    const c = code.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) {
      if (depth > 0) depth--;
      if (depth === 0) atStatementStart = true;
    } else if (c === 40 /* ( */) paren++;
    else if (c === 41 /* ) */) {
      if (paren > 0) paren--;
    } else if (c === 59 /* ; */) {
      if (depth === 0) {
        atStatementStart = true;
        paren = 0;
      }
    } else if (depth === 0 && paren === 0 && atStatementStart && isIdentStart(c)) {
      const m = /^(?:(static|extern)\s+)?([A-Za-z_]\w*)\s*\(/.exec(code.slice(i, i + 200));
      atStatementStart = false;
      if (!m) {
        continue;
      }
      const name = m[2] as string;
      if (KEYWORDS.has(name) || TYPE_WORDS.has(name) || /^UK_[A-Z_]*SYSCALL[A-Z_]*_DEFINE$/.test(name)) continue;
      // `type (*name)(…)` and `type (name)` are declarators, not macro calls.
      if (/^\s*[*^]/.test(code.slice(i + m[0].length, i + m[0].length + 40))) continue;
      const known = macros.get(name);
      if (known && known.params === null) continue;
      if (attributeMacro(name, macros)) continue;
      const callStart = i + m[0].indexOf(name, m[1] ? m[1].length : 0);
      const open = i + m[0].length - 1;
      const close = matchParen(code, open);
      if (close < 0) continue;
      let j = close;
      while (j < n && /\s/.test(code[j] as string)) j++;
      if (code[j] === '{') continue; // a function defined through a macro; not a statement
      const end = code[j] === ';' ? j + 1 : close;
      out.push({ macro: name, start: i, callStart, callEnd: close, end, storage: m[1] ?? null });
      i = end - 1;
      atStatementStart = true;
      // keep `line` in sync after the jump
      while (end - 1 >= nextLineStart) {
        line++;
        nextLineStart = lineStarts[line] ?? Infinity;
      }
    } else if (c > 32) {
      if (depth === 0 && atStatementStart && c !== 35) atStatementStart = false;
    }
  }
  return out;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** One past the `)` matching the `(` at `open`, or -1. */
function matchParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch === 40) depth++;
    else if (ch === 41 && --depth === 0) return i + 1;
    else if (ch === 59 && depth <= 1) return -1;
  }
  return -1;
}
