/**
 * A small C macro expander over MacroTable bodies, enough to learn what a struct-declaring or registration macro
 * declares (`UK_TAILQ_HEAD(name, type)` → `struct name { type *tqh_first; … }`).
 */
import type { MacroDef, MacroTable } from './scan-macros.ts';

/** Options for expandMacros. */
export interface ExpandOptions {
  /**
   * When a macro has several definitions under different `#if`s, emit each inside its own `#if` lines (for parsing
   * as declarations); otherwise the first definition is used.
   */
  guarded?: boolean;
  /** Stop expanding past this many characters of output (defaults to 100 000). */
  maxLength?: number;
  /** Stop after this many macro expansions (defaults to 10 000). */
  maxSteps?: number;
}

/** Like expandMacros, but null when the expansion hit `maxLength` or `maxSteps` (the result would be partial). */
export function tryExpandMacros(code: string, table: MacroTable, options: ExpandOptions = {}): string | null {
  const state: State = {
    length: 0,
    max: options.maxLength ?? 100_000,
    guarded: options.guarded ?? false,
    steps: options.maxSteps ?? 10_000,
  };
  state.abort = true;
  try {
    return expand(code, table, new Set(), state, 0);
  } catch (e) {
    if (e === LIMIT_HIT) return null;
    throw e;
  }
}

/**
 * Thrown (by tryExpandMacros only) as soon as a limit is reached: both counters only ever move towards their limit,
 * so the result would be null anyway, and expanding the rest (huge for tracepoint macros) is wasted work.
 */
const LIMIT_HIT = new Error('macro expansion limit');

const TOKENS = /([A-Za-z_]\w*)|(\d[\w.]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(##|#)|(\s+)|([\s\S])/g;

/** Expands every macro use in `code` (rescanning results, never re-expanding a macro inside itself). */
export function expandMacros(code: string, table: MacroTable, options: ExpandOptions = {}): string {
  const state: State = {
    length: 0,
    max: options.maxLength ?? 100_000,
    guarded: options.guarded ?? false,
    steps: options.maxSteps ?? 10_000,
  };
  return expand(code, table, new Set(), state, 0);
}

interface State {
  length: number;
  max: number;
  guarded: boolean;
  steps: number;
  /** Throw LIMIT_HIT once `length` reaches `max` or `steps` runs out. */
  abort?: boolean;
}

const bodyTokenCache = new WeakMap<MacroDef, string[]>();

/** A definition's body tokens, split once per definition. */
function bodyTokens(def: MacroDef): string[] {
  let toks = bodyTokenCache.get(def);
  if (!toks) bodyTokenCache.set(def, (toks = tokenize(def.code)));
  return toks;
}

const usableCache = new WeakMap<MacroTable, Map<string, MacroDef[]>>();

/** The definitions of `name` an expansion uses: same kind as the first, none only C++ sees, duplicates dropped. */
function usableDefs(name: string, defs: MacroDef[], table: MacroTable): MacroDef[] {
  let memo = usableCache.get(table);
  if (!memo) usableCache.set(table, (memo = new Map()));
  let unique = memo.get(name);
  if (!unique) {
    const functionLike = (defs[0] as MacroDef).params !== null;
    unique = dedupe(
      defs.filter((d) => (d.params !== null) === functionLike && !d.guard.includes('defined(__cplusplus)')),
    );
    memo.set(name, unique);
  }
  return unique;
}

function tokenize(code: string): string[] {
  return code.match(TOKENS) ?? [];
}

function expand(code: string, table: MacroTable, hidden: Set<string>, state: State, depth: number): string {
  const toks = tokenize(code);
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] as string;
    const defs =
      /^[A-Za-z_]/.test(tok) && !hidden.has(tok) && depth < 40 && state.length < state.max && state.steps > 0
        ? table.all(tok)
        : [];
    if (defs.length === 0) {
      out += tok;
      continue;
    }
    const functionLike = (defs[0] as MacroDef).params !== null;
    // Definitions only a C++ compiler sees never apply.
    const unique = usableDefs(tok, defs, table);
    if (unique.length === 0) {
      out += tok;
      continue;
    }
    let args: string[] | null = null;
    if (functionLike) {
      let j = i + 1;
      while (j < toks.length && /^\s+$/.test(toks[j] as string)) j++;
      if (toks[j] !== '(') {
        out += tok;
        continue;
      }
      const collected = collectArgs(toks, j);
      if (!collected) {
        out += tok;
        continue;
      }
      args = collected.args;
      i = collected.end;
    }
    if (--state.steps <= 0 && state.abort) throw LIMIT_HIT;
    const inner = new Set(hidden).add(tok);
    const expansions = unique.map((def) => ({
      def,
      text: expand(substitute(def, args ?? [], table, hidden, state, depth), table, inner, state, depth + 1),
    }));
    let piece: string;
    // `#if` alternatives only make sense where declarations stand (each one empty or ending in `;`).
    const declarationLike = expansions.every((e) => /^\s*$|;\s*$/.test(e.text));
    if (expansions.length === 1 || !state.guarded || !declarationLike) piece = (expansions[0] as { text: string }).text;
    else {
      piece = '';
      for (const e of expansions) {
        if (e.text.trim() === '') continue;
        const opens = e.def.guard.map((g) => `\n#if ${g}\n`).join('');
        const closes = e.def.guard.map(() => '\n#endif\n').join('');
        piece += opens + e.text + closes;
      }
    }
    state.length += piece.length;
    if (state.abort && state.length >= state.max) throw LIMIT_HIT;
    out += piece;
  }
  return out;
}

function dedupe(defs: MacroDef[]): MacroDef[] {
  const seen = new Set<string>();
  const out: MacroDef[] = [];
  for (const d of defs) {
    const key = `${d.params?.join(',') ?? '-'}|${d.variadic}|${d.code}|${d.guard.join('&&')}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  // Same body everywhere: guards do not matter.
  if (out.every((d) => d.code === out[0]?.code)) return out.slice(0, 1);
  return out;
}

/** Arguments of a macro call whose `(` is at toks[open]: top-level comma-separated, trimmed. */
function collectArgs(toks: string[], open: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  for (let k = open; k < toks.length; k++) {
    const t = toks[k] as string;
    if (t === '(' || t === '[' || t === '{') {
      if (depth++ > 0) cur += t;
    } else if (t === ')' || t === ']' || t === '}') {
      if (--depth === 0) {
        args.push(cur.trim());
        return { args: args.length === 1 && args[0] === '' ? [] : args, end: k };
      }
      cur += t;
    } else if (t === ',' && depth === 1) {
      args.push(cur.trim());
      cur = '';
    } else cur += t;
  }
  return null;
}

/** The body with parameters replaced: `#p` stringified, `a ## b` pasted, other arguments macro-expanded first. */
function substitute(
  def: MacroDef,
  args: string[],
  table: MacroTable,
  hidden: Set<string>,
  state: State,
  depth: number,
): string {
  if (def.params === null) return def.code;
  const values = new Map<string, string>();
  def.params.forEach((p, k) => values.set(p, args[k] ?? ''));
  if (def.variadic) {
    values.set('__VA_ARGS__', args.slice(def.params.length).join(', '));
  }
  const toks = bodyTokens(def);
  const out: string[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as string;
    if (t === '#' && k + 1 < toks.length) {
      let j = k + 1;
      while (j < toks.length && /^\s+$/.test(toks[j] as string)) j++;
      const v = values.get(toks[j] as string);
      if (v !== undefined) {
        out.push(JSON.stringify(v));
        k = j;
        continue;
      }
    }
    const v = values.get(t);
    if (v === undefined) {
      out.push(t);
      continue;
    }
    const pasted = neighbour(toks, k, -1) === '##' || neighbour(toks, k, 1) === '##';
    out.push(pasted ? v : expand(v, table, hidden, state, depth + 1));
  }
  return out.join('').replace(/\s*##\s*/g, '');
}

function neighbour(toks: string[], k: number, step: number): string | undefined {
  let j = k + step;
  while (j >= 0 && j < toks.length && /^\s+$/.test(toks[j] as string)) j += step;
  return toks[j];
}
