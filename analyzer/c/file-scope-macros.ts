/**
 * Finds macro invocations standing as file-scope statements: registrations (`UK_THREAD_INIT_PRIO(f, g, 4);`,
 * `uk_lib_initcall(f, 0x0)`), struct-declaring macros (`UK_TAILQ_HEAD(uk_thread_list, struct uk_thread);`) and
 * macro-declared variables (`UKPLAT_PER_LCPU_DEFINE(struct uk_thread *, x);`). At file scope `f(…);` can only be a
 * macro, so the test is syntactic, not a list of names.
 */
import { attributeMacro } from './attribute-macros.ts';
import { lineOfOffset } from './line-offsets.ts';
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

/** A file-scope `NAME(…)` followed by a `{` body: perhaps a function defined through a macro head (macro-heads.ts). */
export interface MacroHeadCall {
  macro: string;
  /** Offsets of the macro name, one past its closing `)`, and of the body's `{`. */
  start: number;
  end: number;
  bodyStart: number;
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
 * directive lines are skipped, and names of syscall headers (handled elsewhere) are ignored. Only structural
 * characters are visited: `{ } ( ) ;` and line ends. A bare `NAME(…)` followed by `{` is not a statement; when
 * `heads` is given, it is listed there.
 */
export function findFileScopeMacros(
  code: string,
  lineStarts: number[],
  directiveLines: Set<number>,
  macros: MacroTable,
  heads?: MacroHeadCall[],
): MacroStatement[] {
  const out: MacroStatement[] = [];
  const STRUCTURE = /[{}();\n]/g;
  let depth = 0;
  let paren = 0;
  // Start of the text since the last statement boundary at depth 0, or -1 when not at a statement start.
  let pending = 0;
  let line = 1;
  if (directiveLines.has(1)) {
    let l = 1;
    while (directiveLines.has(l)) l++;
    STRUCTURE.lastIndex = pending = lineStarts[l - 1] ?? code.length;
    line = l;
  }
  for (let m = STRUCTURE.exec(code); m; m = STRUCTURE.exec(code)) {
    const i = m.index;
    const ch = m[0];
    if (ch === '\n') {
      line++;
      if (directiveLines.has(line)) {
        // Skip the directive (and its continuation lines); it ends no statement and starts none.
        let l = line;
        while (directiveLines.has(l)) l++;
        const next = lineStarts[l - 1] ?? code.length;
        if (pending >= 0 && code.slice(pending, i).trim() === '') pending = next;
        STRUCTURE.lastIndex = next;
        line = l;
      }
      continue;
    }
    if (ch === '{') {
      depth++;
      pending = -1;
    } else if (ch === '}') {
      if (depth > 0) depth--;
      pending = depth === 0 ? i + 1 : -1;
    } else if (ch === ';') {
      if (depth === 0) {
        paren = 0;
        pending = i + 1;
      }
    } else if (ch === ')') {
      if (paren > 0) paren--;
    } else {
      // `(`: a macro statement when the text since the boundary is `[static|extern] NAME`.
      const head = depth === 0 && paren === 0 && pending >= 0 ? code.slice(pending, i) : null;
      pending = -1;
      paren++;
      if (head === null) continue;
      const found = macroStatementAt(code, head, pending0(head, i), i, macros, heads);
      if (!found) continue;
      out.push(found);
      paren = 0;
      pending = found.end;
      STRUCTURE.lastIndex = found.end;
      line = lineOfOffset(lineStarts, Math.max(0, found.end - 1));
    }
  }
  return out;
}

/** Offset where `head` (the text before a `(` at `open`) starts. */
function pending0(head: string, open: number): number {
  return open - head.length;
}

const HEAD = /^\s*(?:(static|extern)\s+)?([A-Za-z_]\w*)\s*$/;

function macroStatementAt(
  code: string,
  head: string,
  headStart: number,
  open: number,
  macros: MacroTable,
  heads: MacroHeadCall[] | undefined,
): MacroStatement | null {
  const m = HEAD.exec(head);
  if (!m) return null;
  const name = m[2] as string;
  if (KEYWORDS.has(name) || TYPE_WORDS.has(name) || /^UK_[A-Z_]*SYSCALL[A-Z_]*_DEFINE$/.test(name)) return null;
  // `type (*name)(…)` and `type (name)` are declarators, not macro calls.
  if (/^\s*[*^]/.test(code.slice(open + 1, open + 40))) return null;
  const known = macros.get(name);
  if (known && known.params === null) return null;
  if (attributeMacro(name, macros)) return null;
  const close = matchParen(code, open);
  if (close < 0) return null;
  let j = close;
  while (j < code.length && /\s/.test(code[j] as string)) j++;
  const callStart = headStart + head.lastIndexOf(name);
  if (code[j] === '{') {
    // A function defined through a macro; not a statement.
    if (heads && !m[1]) heads.push({ macro: name, start: callStart, end: close, bodyStart: j });
    return null;
  }
  const end = code[j] === ';' ? j + 1 : close;
  const start = headStart + (head.length - head.trimStart().length);
  return { macro: name, start, callStart, callEnd: close, end, storage: m[1] ?? null };
}

/** One past the `)` matching the `(` at `open`, or -1 (also when a `;` comes first at that level). */
export function matchParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch === 40) depth++;
    else if (ch === 41 && --depth === 0) return i + 1;
    else if (ch === 59 && depth <= 1) return -1;
  }
  return -1;
}
