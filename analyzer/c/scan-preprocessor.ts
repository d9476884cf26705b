/**
 * A line-based pass over a file's directives (on comment-masked code): the `#if` conditions every line sits under,
 * its `#define`s and `#include`s. Works on any text, parseable or not, so guards never depend on tree-sitter's recovery.
 */

/** One `#define` of a file, as written. */
export interface DefineDirective {
  name: string;
  /** Null for object-like macros; `...` is not listed (see `variadic`). */
  params: string[] | null;
  variadic: boolean;
  /** Body as written, line continuations joined, surrounding whitespace trimmed. */
  body: string;
  /** The same body with comments removed and whitespace collapsed: what expansion works on. */
  code: string;
  line: number;
  endLine: number;
  guard: string[];
}

/** What the directives of one file say. */
export interface PreprocessorScan {
  /** `guards[line]` (1-based) is the list of conditions around that line, outermost first; shared arrays, do not mutate. */
  guards: string[][];
  defines: DefineDirective[];
  /** `#include`s in order; `quoted` for `"x"` (the including file's directory is searched first). */
  includes: { name: string; line: number; quoted: boolean }[];
  /** 1-based line numbers that belong to a directive (including continuation lines). */
  directiveLines: Set<number>;
  /** Name of the include-guard macro, or null. */
  includeGuard: string | null;
  /** Lines of `#else`/`#elif`/`#endif` with no open `#if`, and `#if`s never closed. */
  unbalanced: number[];
}

interface Frame {
  /** Conditions of earlier branches, negated, plus the current branch's condition. */
  guard: string[];
  previous: string[];
  ignored: boolean;
}

const DIRECTIVE = /^[ \t]*#[ \t]*([a-z_]+)\b(.*)$/;

const DIRECTIVE_START = /^[ \t]*#/gm;

/** Scans `code` (the output of maskCode, so comments are blank) and `text` (for bodies as written). */
export function scanPreprocessor(text: string, code: string): PreprocessorScan {
  const empty: string[] = [];
  const guards: string[][] = [];
  const defines: DefineDirective[] = [];
  const includes: PreprocessorScan['includes'] = [];
  const directiveLines = new Set<number>();
  const unbalanced: number[] = [];
  const stack: Frame[] = [];
  let current = empty;
  let includeGuard: string | null = null;
  let seenCode = false;
  const recompute = (): void => {
    const all: string[] = [];
    for (const f of stack) if (!f.ignored) all.push(...f.guard);
    current = all.length ? all : empty;
  };
  // Lines are visited directive by directive; the lines in between only get the current guard.
  let lineNo = 1; // line of `pos`
  let pos = 0; // start of line `lineNo`
  const advanceTo = (offset: number): void => {
    for (let nl = code.indexOf('\n', pos); nl >= 0 && nl < offset; nl = code.indexOf('\n', pos)) {
      guards[lineNo] = current;
      lineNo++;
      pos = nl + 1;
    }
  };
  DIRECTIVE_START.lastIndex = 0;
  for (let dm = DIRECTIVE_START.exec(code); dm; dm = DIRECTIVE_START.exec(code)) {
    if (!seenCode && code.slice(pos, dm.index).trim() !== '') seenCode = true;
    advanceTo(dm.index);
    // Join continuation lines of the directive.
    const first = lineNo;
    const start = dm.index;
    let end = code.indexOf('\n', start);
    if (end < 0) end = code.length;
    while (code.charCodeAt(end - 1) === 92 /* \ */ && end < code.length) {
      const next = code.indexOf('\n', end + 1);
      end = next < 0 ? code.length : next;
    }
    const rawCode = code.slice(start, end);
    const rawText = text.slice(start, end);
    const joined = rawCode.replace(/\\\n/g, '  ');
    // Every line of the directive keeps the guard around it.
    let last = first;
    for (let k = rawCode.indexOf('\n'); k >= 0; k = rawCode.indexOf('\n', k + 1)) last++;
    for (let l = first; l <= last; l++) {
      guards[l] = current;
      directiveLines.add(l);
    }
    const m = DIRECTIVE.exec(joined);
    // Move past the directive.
    lineNo = last + 1;
    pos = Math.min(end + 1, code.length);
    DIRECTIVE_START.lastIndex = pos;
    if (!m) {
      seenCode = true;
      continue;
    }
    const kind = m[1] as string;
    const rest = joined.slice(joined.indexOf(kind) + kind.length);
    const cond = rest.replace(/\s+/g, ' ').trim();
    switch (kind) {
      case 'if':
        stack.push({ guard: [cond], previous: [cond], ignored: false });
        break;
      case 'ifdef':
        stack.push({ guard: [`defined(${cond})`], previous: [`defined(${cond})`], ignored: false });
        break;
      case 'ifndef': {
        const isGuard = !seenCode && stack.length === 0 && includeGuard === null && nextDefines(code, end, cond);
        if (isGuard) includeGuard = cond;
        stack.push({ guard: [`!defined(${cond})`], previous: [`!defined(${cond})`], ignored: isGuard });
        break;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) {
          unbalanced.push(first);
          break;
        }
        const c = kind === 'elifdef' ? `defined(${cond})` : kind === 'elifndef' ? `!defined(${cond})` : cond;
        const negated = top.previous.map(negate);
        top.guard = kind === 'else' ? negated : [...negated, c];
        if (kind !== 'else') top.previous.push(c);
        break;
      }
      case 'endif':
        if (!stack.pop()) unbalanced.push(first);
        break;
      case 'define': {
        const d = parseDefine(joined, rawText, first, last, current);
        if (d) defines.push(d);
        break;
      }
      case 'include': {
        const inc = /^\s*([<"])([^>"]+)[>"]/.exec(rawText.slice(rawText.indexOf('include') + 7));
        if (inc) includes.push({ name: inc[2] as string, line: first, quoted: inc[1] === '"' });
        break;
      }
    }
    seenCode = true;
    // The directive's own lines keep the guard around it; the change applies from the next line.
    recompute();
  }
  advanceTo(code.length);
  guards[lineNo] = current;
  guards[lineNo + 1] = current;
  for (let k = 0; k < stack.length; k++) unbalanced.push(lineNo);
  return { guards, defines, includes, directiveLines, includeGuard, unbalanced };
}

/** `!(x)` for a condition, undoing an outer negation instead of stacking two. */
export function negate(cond: string): string {
  if (/^!?defined\(\w+\)$/.test(cond)) return cond.startsWith('!') ? cond.slice(1) : `!${cond}`;
  if (cond.startsWith('!(') && cond.endsWith(')') && balanced(cond.slice(2, -1))) return cond.slice(2, -1);
  return `!(${cond})`;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** True when the first code after `from` is `#define name`. */
function nextDefines(code: string, from: number, name: string): boolean {
  const m = /^\s*#\s*define\s+(\w+)/.exec(code.slice(from, from + 400));
  return m?.[1] === name;
}

const DEFINE_HEAD = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?/;

function parseDefine(
  code: string,
  text: string,
  line: number,
  endLine: number,
  guard: string[],
): DefineDirective | null {
  const m = DEFINE_HEAD.exec(code);
  if (!m) return null;
  const name = m[1] as string;
  let params: string[] | null = null;
  let variadic = false;
  if (m[2] !== undefined) {
    params = [];
    for (const rawParam of m[2].slice(1, -1).split(',')) {
      const p = rawParam.trim();
      if (p === '') continue;
      if (p === '...') variadic = true;
      else if (p.endsWith('...')) {
        variadic = true;
        params.push(p.slice(0, -3).trim());
      } else params.push(p);
    }
  }
  const headLength = m[0].length;
  const codeBody = code.slice(headLength).replace(/\s+/g, ' ').trim();
  // The text has newlines where continuations were; join them back into one line. `code` has two spaces for each
  // backslash-newline, so the text gets two characters too (a space and a mark dropped after slicing): the head's
  // length then counts the same in both, however many lines the parameter list spans.
  const joinedText = text.replace(/\\\n/g, ' \u0000').replace(/\n/g, ' ');
  const body = joinedText.slice(headLength).replaceAll('\u0000', '').trim();
  return { name, params, variadic, body, code: codeBody, line, endLine, guard };
}
