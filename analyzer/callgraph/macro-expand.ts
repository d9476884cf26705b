/**
 * A small C preprocessor for one macro use: substitutes the arguments into the body (with `#` and `##`) and keeps,
 * per character, whether it was written at the use site (1) or comes from the macro (0), so that a call written in
 * an argument is not mistaken for a call the macro makes.
 */
import type { MacroDef, MacroTable } from '../c/scan-macros.ts';

/** Text with a per-character origin mask (1 = from the use site's arguments). */
export interface Piece {
  text: string;
  mask: Uint8Array;
}

/** Argument spans of a macro use, and the index just past its closing parenthesis. */
export interface ArgSpans {
  args: { start: number; end: number }[];
  end: number;
}

/** Reads `( … , … )` starting at `open` (the index of `(`), skipping strings, chars and comments; null if unbalanced. */
export function readArgs(text: string, open: number): ArgSpans | null {
  const args: { start: number; end: number }[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? text.length : e;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push({ start, end: i });
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push({ start, end: i });
      start = i + 1;
    }
  }
  return null;
}

/** Index of the next non-blank character at or after `from` (comments count as blank). */
export function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 92) i++;
    else if (text.startsWith('/*', i)) {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 2;
    } else break;
  }
  return i;
}

/** Cuts a piece out of a larger one, trimming blanks. */
export function slicePiece(p: Piece, start: number, end: number): Piece {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(p.text[s] as string)) s++;
  while (e > s && /\s/.test(p.text[e - 1] as string)) e--;
  return { text: p.text.slice(s, e), mask: p.mask.slice(s, e) };
}

const TOKEN = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[A-Za-z_]\w*|##|#|\/\*[\s\S]*?\*\/|\/\/[^\n]*|\s+|./g;

const tokenCache = new WeakMap<MacroDef, string[]>();

/** A definition's body as tokens, split once per definition (a definition is substituted at every use). */
function tokensOf(def: MacroDef): string[] {
  let tokens = tokenCache.get(def);
  if (!tokens) {
    tokens = def.code.match(TOKEN) ?? [];
    tokenCache.set(def, tokens);
  }
  return tokens;
}

/** How many arguments bind named parameters: all but a GNU `args...` parameter, which takes the variadic rest. */
function namedCount(def: MacroDef): number {
  const params = def.params ?? [];
  return def.variadic && !def.code.includes('__VA_ARGS__') ? params.length - 1 : params.length;
}

/** The name the variadic rest is bound to: `__VA_ARGS__`, or a GNU `args...` parameter; null when not variadic. */
function variadicParam(def: MacroDef): string | null {
  if (!def.variadic) return null;
  const params = def.params ?? [];
  return namedCount(def) < params.length ? (params[params.length - 1] as string) : '__VA_ARGS__';
}

/** Every name a use's arguments bind in the body: the parameters, and `__VA_ARGS__` or its GNU name. */
function boundNames(def: MacroDef): Set<string> {
  const names = new Set(def.params ?? []);
  const rest = variadicParam(def);
  if (rest) names.add(rest);
  return names;
}

/** True for blanks and comments (cpp turns a comment into a space). */
const isBlank = (t: string | undefined): boolean =>
  t !== undefined && (/^\s+$/.test(t) || t.startsWith('/*') || t.startsWith('//'));

const pasteCache = new WeakMap<MacroDef, boolean[]>();

/** For each body token: true when the next token that is not blank is `##` (the token is pasted, never expanded). */
function beforePaste(def: MacroDef): boolean[] {
  let flags = pasteCache.get(def);
  if (!flags) {
    const tokens = tokensOf(def);
    flags = tokens.map(() => false);
    let next: string | undefined;
    for (let i = tokens.length - 1; i >= 0; i--) {
      flags[i] = next === '##';
      if (!isBlank(tokens[i])) next = tokens[i];
    }
    pasteCache.set(def, flags);
  }
  return flags;
}

/**
 * Gives the text an argument stands for where its parameter is neither stringified (`#p`) nor pasted (`p ## x`):
 * cpp substitutes the argument there fully macro-expanded. Null keeps the argument as written (expanded later, when
 * the result is rescanned, which comes to the same unless a deeper macro pastes it).
 */
export type ExpandArg = (param: string, arg: Piece) => Piece | null;

/**
 * Substitutes `args` into one definition; null when the argument count does not fit it. Arguments are put in as
 * written, unless `expandArg` gives their expansion (see ExpandArg).
 */
export function substitute(def: MacroDef, args: Piece[], expandArg?: ExpandArg): Piece | null {
  const params = def.params ?? [];
  const named = namedCount(def);
  let list = args;
  if (params.length === 0 && !def.variadic && list.length === 1 && list[0]?.text === '') list = [];
  if (!def.variadic && list.length !== params.length) return null;
  if (def.variadic && list.length < named) return null;
  const bind = new Map<string, Piece>();
  for (let i = 0; i < named; i++) bind.set(params[i] as string, list[i] as Piece);
  const variadicName = variadicParam(def);
  if (variadicName !== null) bind.set(variadicName, joinPieces(list.slice(named)));
  const tokens = tokensOf(def);
  const out: Part[] = [];
  const raw = (s: string): Part => ({ text: s, mask: null });
  let pasted: boolean[] | undefined;
  const expanded = new Map<string, Piece | null>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.startsWith('/*') || t.startsWith('//')) {
      out.push(raw(' '));
    } else if (t === '#') {
      let j = i + 1;
      while (j < tokens.length && /^\s+$/.test(tokens[j] as string)) j++;
      const b = bind.get(tokens[j] ?? '');
      if (b) {
        out.push(raw(JSON.stringify(b.text)));
        i = j;
      } else out.push(raw(t));
    } else if (t === '##') {
      while (out.length && /^\s+$/.test(out[out.length - 1]?.text ?? '')) out.pop();
      let j = i + 1;
      while (j < tokens.length && /^\s+$/.test(tokens[j] as string)) j++;
      const next = tokens[j] ?? '';
      const b = bind.get(next);
      const nextText = b ? b.text : next;
      // GNU `, ## __VA_ARGS__`: an empty variadic part swallows the comma; any other is put in as written, the comma
      // and the arguments staying apart, so the arguments keep the use site's marks.
      if (b && next === variadicName && out[out.length - 1]?.text === ',') {
        if (nextText === '') out.pop();
        else out.push(b);
        i = j;
        continue;
      }
      const prev = out.pop();
      out.push(raw((prev?.text ?? '') + nextText));
      i = j;
    } else {
      const b = bind.get(t);
      if (b && expandArg && !(pasted ??= beforePaste(def))[i]) {
        let e = expanded.get(t);
        if (e === undefined) expanded.set(t, (e = expandArg(t, b)));
        out.push(e ?? b);
      } else out.push(b ?? raw(t));
    }
  }
  return joinPieces(out, '');
}

/** A piece whose mask may be left out when it is all zeros (text that comes from the macro). */
interface Part {
  text: string;
  mask: Uint8Array | null;
}

function joinPieces(pieces: Part[], sep = ', '): Piece {
  const text = pieces.map((p) => p.text).join(sep);
  const mask = new Uint8Array(text.length);
  let at = 0;
  pieces.forEach((p, k) => {
    if (k > 0) at += sep.length;
    if (p.mask) mask.set(p.mask, at);
    at += p.text.length;
  });
  return { text, mask };
}

/**
 * Every expansion of one macro use (one per definition whose parameters fit), one level down: arguments are put in
 * as written, except where a parameter is handed to a macro that pastes it (`_ENTRY(fn, prio)` into
 * `tab ## prio ## _ ## fn`). There cpp expands the argument first (`UK_PRIO_EARLIEST` is pasted as `0`), so that
 * argument is expanded, with the macros of `chain` (being expanded around the use) left alone.
 */
export function expandUse(table: MacroTable, name: string, args: Piece[], chain: readonly string[] = []): Piece[] {
  const out: Piece[] = [];
  const seen = new Set<string>();
  for (const def of table.all(name)) {
    const deep = def.params === null ? null : pastedDeeper(table, def, new Set());
    const expandArg: ExpandArg | undefined = deep?.size
      ? (param, arg) => {
          if (!deep.has(param) || !mentionsMacro(table, arg.text)) return null;
          const e = expandAll(table, arg, new Set(chain));
          // Text the use site wrote is still the use site's, expanded or not (its calls are counted there).
          if (arg.mask.every((m) => m === 1)) e.mask.fill(1);
          return e;
        }
      : undefined;
    const p =
      def.params === null
        ? { text: def.code, mask: new Uint8Array(def.code.length) }
        : substitute(def, args, expandArg);
    if (p && !seen.has(p.text)) {
      seen.add(p.text);
      out.push(p);
    }
  }
  return out;
}

/** True when `text` names a macro (it may expand to something else). */
function mentionsMacro(table: MacroTable, text: string): boolean {
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) if (table.has(m[0])) return true;
  return false;
}

/** The function-like macro uses in a body: the index of each name and, per argument, its token range. */
function macroUses(table: MacroTable, tokens: string[]): { at: number; args: [number, number][] }[] {
  const uses: { at: number; args: [number, number][] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!/^[A-Za-z_]/.test(t) || !table.all(t).some((d) => d.params !== null)) continue;
    let j = i + 1;
    while (isBlank(tokens[j])) j++;
    if (tokens[j] !== '(') continue;
    const args: [number, number][] = [];
    let depth = 0;
    let start = j + 1;
    for (let k = j; k < tokens.length; k++) {
      const c = tokens[k];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (--depth === 0) {
          args.push([start, k]);
          break;
        }
      } else if (c === ',' && depth === 1) {
        args.push([start, k]);
        start = k + 1;
      }
    }
    uses.push({ at: i, args });
  }
  return uses;
}

/** The parameter that the `j`-th argument of a use binds (`__VA_ARGS__`, or a named `args...`, past the last). */
function paramAt(def: MacroDef, j: number): string | undefined {
  return j < namedCount(def) ? def.params?.[j] : (variadicParam(def) ?? undefined);
}

const pastedCache = new WeakMap<MacroDef, Set<string>>();
const besideCache = new WeakMap<MacroDef, boolean[]>();

/** For each body token: true when it is stringified or pasted (`#t`, `t ## x`, `x ## t`), so cpp never expands it. */
function besidePaste(def: MacroDef): boolean[] {
  let flags = besideCache.get(def);
  if (!flags) {
    const after = beforePaste(def);
    let prev: string | undefined;
    flags = tokensOf(def).map((t, i) => {
      const beside = after[i] === true || prev === '#' || prev === '##';
      if (!isBlank(t)) prev = t;
      return beside;
    });
    besideCache.set(def, flags);
  }
  return flags;
}

/** The parameters of `def` that its body stringifies or pastes (`#p`, `p ## x`, `x ## p`). */
function pastedHere(def: MacroDef): Set<string> {
  const params = boundNames(def);
  const beside = besidePaste(def);
  return new Set(tokensOf(def).filter((t, i) => params.has(t) && beside[i]));
}

/**
 * The parameters of `def` that it hands, as written, to a macro that pastes or stringifies them, at any depth
 * (`_ENTRY(fn, prio)` with `#define _ENTRY(f, p) __ENTRY(f, p)` and `__ENTRY` pasting `p`). Only for those does
 * expanding the argument first (as cpp does) differ from expanding it after substitution.
 */
function pastedDeeper(table: MacroTable, def: MacroDef, visiting: Set<MacroDef>): Set<string> {
  const known = pastedCache.get(def);
  if (known) return known;
  const out = new Set<string>();
  if (visiting.has(def)) return out;
  visiting.add(def);
  const params = boundNames(def);
  const tokens = tokensOf(def);
  const beside = besidePaste(def);
  for (const use of macroUses(table, tokens)) {
    use.args.forEach(([from, to], j) => {
      const inArg: string[] = [];
      for (let k = from; k < to; k++) {
        const t = tokens[k] as string;
        if (params.has(t) && !beside[k]) inArg.push(t);
      }
      if (!inArg.length) return;
      for (const inner of table.all(tokens[use.at] as string)) {
        if (inner.params === null) continue;
        const q = paramAt(inner, j);
        if (q && (pastedHere(inner).has(q) || pastedDeeper(table, inner, visiting).has(q))) {
          for (const p of inArg) out.add(p);
          break;
        }
      }
    });
  }
  visiting.delete(def);
  pastedCache.set(def, out);
  return out;
}

const IDENT_OR_SKIP = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[A-Za-z_]\w*|\d[\w.]*|[\s\S]/g;

/**
 * Expands every macro use in a piece, recursively, as cpp would (a macro is not re-expanded inside itself): what
 * store collection parses, so that `__section(…)` and friends are plain C again. Stops growing past `max` characters.
 */
export function expandAll(
  table: MacroTable,
  piece: Piece,
  hidden: Set<string> = new Set(),
  depth = 0,
  max = 200_000,
): Piece {
  if (depth > 32) return piece;
  // Parts are copied into one new mask at the end: views and all-zero (null) masks are enough until then.
  const out: Part[] = [];
  let size = 0;
  const text = piece.text;
  const re = new RegExp(IDENT_OR_SKIP.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    const at = m.index;
    const defs = /^[A-Za-z_]/.test(tok) && !hidden.has(tok) ? table.all(tok) : [];
    const def = defs[0];
    if (!def || size > max) {
      out.push({ text: tok, mask: piece.mask.subarray(at, at + tok.length) });
      size += tok.length;
      continue;
    }
    let replaced: Piece | null = null;
    let next = at + tok.length;
    if (def.params === null) replaced = { text: def.code, mask: new Uint8Array(def.code.length) };
    else {
      const open = skipBlank(text, next);
      if (text[open] === '(') {
        const spans = readArgs(text, open);
        if (spans) {
          // cpp expands an argument before putting it in (unless it is pasted or stringified there): a macro
          // that hands `prio` on to one that pastes it pastes `0`, not `UK_PRIO_EARLIEST`.
          replaced = substitute(
            def,
            spans.args.map((a) => slicePiece(piece, a.start, a.end)),
            (_param, arg) =>
              mentionsMacro(table, arg.text) ? expandAll(table, arg, hidden, depth + 1, max - size) : null,
          );
          next = spans.end;
        }
      }
    }
    if (!replaced) {
      out.push({ text: tok, mask: piece.mask.subarray(at, at + tok.length) });
      size += tok.length;
      continue;
    }
    const inner = expandAll(table, replaced, new Set([...hidden, tok]), depth + 1, max - size);
    out.push({ text: ' ', mask: null }, inner, { text: ' ', mask: null });
    size += inner.text.length + 2;
    re.lastIndex = next;
  }
  return joinPieces(out, '');
}
