/**
 * Functions defined through a macro head: `UK_TESTCASE(suite, fn) { … }` at file scope, where the macro expands to
 * declarations that end in a bare function declarator (`… ; void _uk_testsuite_suite_case_fn(struct uk_testcase *esac)`).
 * The head is rewritten in place, never longer, into that declarator (attributes dropped), so tree-sitter reads a plain
 * function definition and the extractor and the call graph treat it like any other. When the generated name does not
 * fit, a short placeholder stands in for it in the parsed text and the extractor puts the generated name back.
 */
import { attributeMacro } from './attribute-macros.ts';
import { tryExpandMacros } from './expand-macros.ts';
import type { MacroHeadCall } from './file-scope-macros.ts';
import type { MacroTable } from './scan-macros.ts';

/** One macro head rewritten into a function declarator. */
export interface MacroHead {
  macro: string;
  /** Offsets of the macro name and of the body's `{` (the rewritten span: the call and the blanks after it). */
  start: number;
  end: number;
  /** The function's name, as the expansion generates it. */
  name: string;
  /** The name as written in the parsed text: `name`, or a placeholder when `name` does not fit. */
  written: string;
  /** Attributes of the expansion's declarator outside its parameter list, as written in the expansion. */
  attributes: { text: string; inline: boolean; static: boolean }[];
  /** The replacement for `[start, end)`: the declarator, padded with spaces, newlines where they were. */
  text: string;
}

/** Expansions of test-case and similar heads are a few hundred characters; more is not a function head. */
const MAX_EXPANSION = 4000;

const TOKENS = /[A-Za-z_]\w*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\.\.\.|\S/g;

/** Words that may stand before a function's name without naming its return type. */
const NOT_A_TYPE = new Set([
  'static',
  'extern',
  'inline',
  '__inline',
  '__inline__',
  'register',
  'auto',
  'const',
  'volatile',
  '_Noreturn',
  '__extension__',
]);

/** Words a return type never holds. */
const NEVER_IN_TYPE = new Set(['typedef', 'return', 'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'goto']);

/**
 * The heads among `calls` (file-scope `NAME(…)` followed by `{`) whose macro is a known function-like macro and whose
 * expansion ends in a function declarator that fits the head's span. `code` is the comment-masked text.
 */
export function findMacroHeads(calls: MacroHeadCall[], code: string, macros: MacroTable): MacroHead[] {
  const out: MacroHead[] = [];
  let placeholders = 0;
  for (const call of calls) {
    const first = macros.get(call.macro);
    if (!first || first.params === null) continue;
    const source = code.slice(call.start, call.end);
    const expansion = tryExpandMacros(source, keepingAttributes(macros), { maxLength: MAX_EXPANSION, maxSteps: 200 });
    if (expansion === null || expansion === source) continue;
    const decl = trailingDeclarator(expansion, macros);
    if (!decl) continue;
    const span = code.slice(call.start, call.bodyStart);
    let written = decl.name;
    let text = layout([...decl.prefix, written, ...decl.params], span);
    if (text === null) {
      // A name no token of the file spells, nor any macro.
      do written = `_mh${(placeholders++).toString(36)}`;
      while (macros.has(written) || new RegExp(`\\b${written}\\b`).test(code));
      text = layout([...decl.prefix, written, ...decl.params], span);
    }
    if (text === null) continue;
    out.push({
      macro: call.macro,
      start: call.start,
      end: call.bodyStart,
      name: decl.name,
      written,
      attributes: decl.attributes,
      text,
    });
  }
  return out;
}

const attributeKeeping = new WeakMap<MacroTable, MacroTable>();

/** `macros` without its attribute macros, so an expansion keeps `__maybe_unused` as written (then dropped as such). */
function keepingAttributes(macros: MacroTable): MacroTable {
  let t = attributeKeeping.get(macros);
  if (!t) {
    const hidden = (name: string) => attributeMacro(name, macros) !== null;
    t = {
      get: (name) => (hidden(name) ? undefined : macros.get(name)),
      all: (name) => (hidden(name) ? [] : macros.all(name)),
      has: (name) => !hidden(name) && macros.has(name),
      names: () => macros.names(),
    };
    attributeKeeping.set(macros, t);
  }
  return t;
}

interface Declarator {
  /** Storage, qualifiers and return type tokens, before the name. */
  prefix: string[];
  name: string;
  /** The parameter list's tokens, `(` to `)`. */
  params: string[];
  attributes: MacroHead['attributes'];
}

/**
 * `rtype name(params)` standing last in `expansion` (after its last top-level `;` or `}`), attributes removed; null
 * when the expansion does not end that way (a statement, an initializer, a declarator with more after it).
 */
function trailingDeclarator(expansion: string, macros: MacroTable): Declarator | null {
  const all = expansion.match(TOKENS) ?? [];
  let from = 0;
  let depth = 0;
  for (let k = 0; k < all.length; k++) {
    const t = all[k] as string;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 0 && t === '}') from = k + 1;
    } else if (t === ';' && depth === 0) from = k + 1;
  }
  if (depth !== 0) return null;
  // Attributes out, noting those outside the parameter list (they belong to the function).
  const toks: string[] = [];
  const attributes: MacroHead['attributes'] = [];
  let parens = 0;
  for (let k = from; k < all.length; k++) {
    const t = all[k] as string;
    const info = /^[A-Za-z_]/.test(t) ? attributeMacro(t, macros) : null;
    if (!info) {
      if (t === '(') parens++;
      else if (t === ')') parens--;
      toks.push(t);
      continue;
    }
    let end = k + 1;
    if (info.functionLike && all[end] === '(') {
      for (let d = 0; end < all.length; end++) {
        if (all[end] === '(') d++;
        else if (all[end] === ')' && --d === 0) break;
      }
      end++;
    }
    if (parens === 0)
      attributes.push({ text: joinTokens(all.slice(k, end)), inline: info.inline, static: info.static });
    k = end - 1;
  }
  if (toks.length < 4 || toks[toks.length - 1] !== ')') return null;
  // A macro call left in it: the expansion stopped short (a pasted name called after the paste), nothing to trust.
  for (let k = 0; k + 1 < toks.length; k++)
    if (toks[k + 1] === '(' && macros.get(toks[k] as string)?.params) return null;
  let open = toks.length - 1;
  for (let d = 0; open >= 0; open--) {
    if (toks[open] === ')') d++;
    else if (toks[open] === '(' && --d === 0) break;
  }
  const name = toks[open - 1];
  if (open < 2 || name === undefined || !/^[A-Za-z_]\w*$/.test(name) || NEVER_IN_TYPE.has(name)) return null;
  const prefix = toks.slice(0, open - 1);
  if (!prefix.every((t) => t === '*' || (/^[A-Za-z_]\w*$/.test(t) && !NEVER_IN_TYPE.has(t)))) return null;
  if (!prefix.some((t) => t !== '*' && !NOT_A_TYPE.has(t))) return null;
  const params = toks.slice(open);
  if (params.some((t) => t === '{' || t === '}' || t === ';' || t === '#' || t === '=')) return null;
  return { prefix, name, params, attributes };
}

/** Punctuation that never merges with a neighbour into another token. */
const SEPARATORS = new Set(['(', ')', '[', ']', ',', ';', '*', '...']);

function needsSpace(prev: string, next: string): boolean {
  const word = (t: string) => /^\w/.test(t);
  if (word(prev) && word(next)) return true;
  return !word(prev) && !word(next) && !SEPARATORS.has(prev) && !SEPARATORS.has(next);
}

function joinTokens(toks: string[]): string {
  let s = '';
  for (let k = 0; k < toks.length; k++)
    s += (k > 0 && needsSpace(toks[k - 1] as string, toks[k] as string) ? ' ' : '') + toks[k];
  return s;
}

/**
 * `tokens` laid out over `span`'s lines (each line as long as it was, newlines kept), the first token on the first
 * line so the definition starts where the head does; null when they do not fit.
 */
function layout(tokens: string[], span: string): string | null {
  const room = span.split('\n').map((l) => l.length);
  const lines: string[] = [''];
  let prev: string | null = null;
  for (const tok of tokens) {
    const cur = lines[lines.length - 1] as string;
    const sep = cur !== '' && prev !== null && needsSpace(prev, tok) ? ' ' : '';
    if (cur.length + sep.length + tok.length <= (room[lines.length - 1] as number)) {
      lines[lines.length - 1] = cur + sep + tok;
    } else {
      // On to the next line that has room (the newline separates the tokens).
      if (prev === null) return null;
      do {
        lines.push('');
        if (lines.length > room.length) return null;
      } while (tok.length > (room[lines.length - 1] as number));
      lines[lines.length - 1] = tok;
    }
    prev = tok;
  }
  while (lines.length < room.length) lines.push('');
  return lines.map((l, k) => l.padEnd(room[k] as number, ' ')).join('\n');
}
