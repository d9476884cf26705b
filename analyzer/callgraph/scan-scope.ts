/**
 * Walks one scope — a function body, a file's top level, or the expansion of a macro use — and records its calls and
 * the stores that fill function-pointer slots. Macro uses recurse into their expansions with the chain recorded.
 */
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import type { Evidence } from '../../model/schema.ts';
import type { MacroTable } from '../c/scan-macros.ts';
import type { TypeIndex } from './c-type.ts';
import { declaredVars } from './declarations.ts';
import { evidence as makeEvidence } from './evidence.ts';
import { exprType, fieldSlot, stripValue, type Env, type Var } from './expr-type.ts';
import { addStore, type GraphState, type RawCall, type SlotValue } from './graph-state.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import { expandAll, expandUse, readArgs, skipBlank, slicePiece, type Piece } from './macro-expand.ts';

/** What every scope shares in one run. */
export interface ScanContext {
  state: GraphState;
  types: TypeIndex;
  macros: MacroTable;
  /** Enum constants: stored values that are never functions. */
  constants: Set<string>;
  /** Parsed macro expansions by text: bodies are parsed once however often they are used. */
  expansionTrees: Map<string, { tree: Parser.Tree; items: ScanItem[] }>;
  storeCapable: Map<string, boolean>;
  /** Calls a macro use makes, by use text: reused while none of the names it looked up is a variable where it is used. */
  useCache: Map<string, { calls: RawCall[]; names: string[] } | null>;
  /** While a use is expanded for the cache: where its calls go, and what its result depends on. */
  recording: RawCall[] | null;
  tracker: { names: Set<string>; uncacheable: boolean } | null;
  /** Calls of nested macro uses met while computing templates, relative to the use (see replayNested). */
  nestedMemo: Map<string, { calls: RawCall[]; names: string[]; uncacheable: boolean }>;
  /** Object-like macros whose body makes a call. */
  callingObjectMacros: Set<string>;
}

/** One region of one tree to scan. */
export interface Scope {
  root: Parser.SyntaxNode;
  start: number;
  end: number;
  /** The text the tree was parsed from. */
  text: string;
  /** Line start offsets of `text`, to tell a node's line without asking the tree; null for expansions (`site` says). */
  lineStarts: number[] | null;
  /** For expansions: 1 where a character was written at the use site. Null for real source. */
  mask: Uint8Array | null;
  env: Env;
  /** Key for this scope's local variables (`file:function`). */
  envKey: string;
  /** Index of the enclosing function in the model, or null at file scope. */
  fnIndex: number | null;
  file: string;
  /** `guards[line]`: the `#if` conditions around each 1-based line (from the preprocessor scan of analyzer/c). */
  guards: string[][];
  /** 1-based lines that belong to a preprocessor directive (`#define` bodies are not code). */
  directiveLines: Set<number>;
  /** For expansions: the line and guard of the macro use in real source. */
  site: { line: number; guard: string[] } | null;
  chain: string[];
  /** File scope: set (and always false) so that nothing there is taken for a call. */
  skip: ((index: number) => boolean) | null;
  /**
   * What to record. Function bodies: both. A macro's body expanded one level at a time (to keep the chain): calls.
   * File scope, and a use expanded all the way down (so attribute macros are plain C again): stores.
   */
  collect: 'calls' | 'stores' | 'both';
}

/** Names followed by `(` that are not calls. */
const NOT_CALLS = new Set([
  'sizeof',
  'typeof',
  '__typeof__',
  '__typeof',
  'alignof',
  '_Alignof',
  '__alignof__',
  '__attribute__',
  '__attribute',
  'asm',
  '__asm__',
  '__asm',
  '__volatile__',
  'volatile',
  'defined',
  '__extension__',
  '_Static_assert',
  'static_assert',
  '_Generic',
  'offsetof',
  'va_arg',
  'return',
  'if',
  'while',
  'for',
  'switch',
  'do',
  'else',
  'case',
]);
const MAX_DEPTH = 24;
/** GCC builtins: folded by the compiler, never functions. */
const BUILTIN = /^__(builtin|atomic|sync)_/;

/** Names that, followed by `(`, are neither a call nor a macro use (keywords, `sizeof`, GCC builtins): never scanned. */
export function neverCalled(name: string): boolean {
  return NOT_CALLS.has(name) || BUILTIN.test(name);
}
/** Callee shapes that cannot be a function (tree-sitter's reading of inline asm, string pasting, …). */
const NOT_CALLABLE = new Set([
  'string_literal',
  'concatenated_string',
  'number_literal',
  'char_literal',
  'true',
  'false',
  'null',
]);
const PREFIX = 'void __cg_expansion__(void) {\n';
const SUFFIX = '\n;}\n';

let parser: Parser | null = null;
function expansionParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
  }
  return parser;
}

/** Node kinds a scope reads besides identifiers; the file driver asks tree-sitter for these once per file. */
export const STRUCTURE_NODE_TYPES = [
  'call_expression',
  'assignment_expression',
  'declaration',
  'compound_literal_expression',
];

/** Everything a scope reads, for small trees (macro expansions) where asking for every identifier is cheap. */
export const SCOPE_NODE_TYPES = ['identifier', 'type_identifier', ...STRUCTURE_NODE_TYPES];

/**
 * A node a scope looks at, with its type and offsets read once: every read of a SyntaxNode property is a call into
 * the native binding, and a scan reads these several times per node (expansion trees are scanned once per use).
 */
export interface ScanItem {
  node: Parser.SyntaxNode;
  type: string;
  start: number;
  end: number;
}

/** Reads the type and offsets of each node once. */
export function scanItems(nodes: Parser.SyntaxNode[]): ScanItem[] {
  return nodes.map((node) => ({ node, type: node.type, start: node.startIndex, end: node.endIndex }));
}

/** Scans a scope; results go to `ctx.state`. `items` are the scope's nodes of SCOPE_NODE_TYPES. */
export function scanScope(ctx: ScanContext, sc: Scope, items: ScanItem[]): void {
  const inRange = (it: ScanItem) => it.start >= sc.start && it.end <= sc.end && !(sc.skip && sc.skip(it.start));
  const fromMacro = (index: number) => !sc.mask || sc.mask[index] !== 1;
  const calls = sc.collect !== 'stores';
  const stores = sc.collect !== 'calls';
  for (const it of items) {
    if (!inRange(it)) continue;
    switch (it.type) {
      case 'identifier':
      case 'type_identifier':
        onIdentifier(ctx, sc, it, fromMacro);
        break;
      case 'call_expression':
        if (calls) onCallExpression(ctx, sc, it, fromMacro);
        break;
      case 'assignment_expression':
        if (stores) onAssignment(ctx, sc, it, fromMacro);
        break;
      case 'declaration':
        if (stores && fromMacro(it.start)) onDeclaration(ctx, sc, it);
        break;
      case 'compound_literal_expression':
        if (stores && fromMacro(it.start)) onCompoundLiteral(ctx, sc, it.node, it.start);
        break;
    }
  }
}

/** 0-based line of an offset of the scope's text (from the line starts when the scope has them). */
function rowOf(sc: Scope, start: number, node: Parser.SyntaxNode): number {
  return sc.lineStarts ? lineOfOffset(sc.lineStarts, start) - 1 : node.startPosition.row;
}

function siteOf(sc: Scope, start: number, node: Parser.SyntaxNode): { line: number; guard: string[] } {
  if (sc.site) return sc.site;
  const line = rowOf(sc, start, node) + 1;
  return { line, guard: [...(sc.guards[line] ?? [])] };
}

function pushCall(ctx: ScanContext, sc: Scope, call: RawCall): void {
  if (ctx.recording) {
    ctx.recording.push(call);
    return;
  }
  if (sc.fnIndex === null) return;
  const list = ctx.state.calls.get(sc.fnIndex);
  if (list) list.push(call);
  else ctx.state.calls.set(sc.fnIndex, [call]);
}

function onIdentifier(ctx: ScanContext, sc: Scope, it: ScanItem, fromMacro: (i: number) => boolean): void {
  const n = it.node;
  if (sc.collect === 'stores' && sc.site) return;
  if (!sc.site && sc.directiveLines.has(rowOf(sc, it.start, n) + 1)) return;
  const name = sc.text.slice(it.start, it.end);
  const after = skipBlank(sc.text, it.end);
  const isCall = sc.text[after] === '(';
  if (!isCall) {
    // An object-like macro whose body calls (`#define cur_cpu() …` is function-like; `#define NOW now()` is this).
    const defs = ctx.macros.all(name);
    if (
      defs.length &&
      defs.every((d) => d.params === null) &&
      fromMacro(it.start) &&
      /[A-Za-z_]\w*\s*\(/.test(defs[0]?.code ?? '')
    ) {
      if (sc.collect === 'stores') return;
      macroUse(ctx, sc, it, name, [], it.end);
    }
    return;
  }
  if (!fromMacro(after) || neverCalled(name) || name === '__cg_expansion__') return;
  const defs = ctx.macros.all(name).filter((d) => d.params !== null);
  if (defs.length) {
    const spans = readArgs(sc.text, after);
    if (!spans) return;
    // In real source every argument character was written at the use site (mask 1); in an expansion, keep its mask.
    const piece = (a: { start: number; end: number }): Piece =>
      sc.mask
        ? slicePiece({ text: sc.text, mask: sc.mask }, a.start, a.end)
        : slicePiece(
            { text: sc.text.slice(a.start, a.end), mask: new Uint8Array(a.end - a.start).fill(1) },
            0,
            a.end - a.start,
          );
    macroUse(ctx, sc, it, name, spans.args.map(piece), spans.end);
    return;
  }
  if (sc.collect === 'stores') return;
  const parent = n.parent;
  // The name in a declarator (a local prototype, or `FOREACH(x) {` read as a nested definition) is not a call.
  if (parent?.type === 'function_declarator') return;
  const site = siteOf(sc, it.start, n);
  const chain = sc.site ? { macroChain: [...sc.chain] } : {};
  const v = sc.env.lookup(name);
  if (v) {
    pushCall(ctx, sc, { to: null, ...site, via: 'pointer', ...chain, slot: varSlot(sc, v), through: name });
    return;
  }
  pushCall(ctx, sc, { to: name, ...site, via: sc.site ? 'macro' : 'direct', ...chain });
  // Arguments that carry functions feed the callee's parameters (parameter stores).
  const call = parent?.type === 'call_expression' ? parent : null;
  const args = call?.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  args.forEach((arg, i) => {
    const t = exprType(arg, sc.env, ctx.types);
    if (t && !t.fnptr) return; // only values that can be functions feed parameter stores
    for (const value of valuesOf(ctx, sc, arg, 0)) {
      const evidence = makeEvidence(sc.file, site.line, 'parameter-store', {
        shape: 'argument',
        in: sc.env.fn ?? null,
        code: oneLine(arg.text),
        callee: name,
        argument: i + 1,
      });
      addStore(ctx.state, `param:${name}:${i}`, { ...value, evidence });
    }
  });
}

function macroUse(ctx: ScanContext, sc: Scope, it: ScanItem, name: string, args: Piece[], useEnd: number): void {
  const site = siteOf(sc, it.start, it.node);
  if (sc.collect !== 'stores') {
    if (!sc.site) {
      pushCall(ctx, sc, { to: name, ...site, via: 'macro', macroChain: [] });
      expandCached(ctx, sc, name, args, site);
    } else if (!sc.chain.includes(name) && sc.chain.length < MAX_DEPTH) {
      for (const piece of expandUse(ctx.macros, name, args, sc.chain))
        scanExpansion(ctx, sc, piece, name, site, 'calls');
    }
  }
  // Stores are read from the use expanded all the way down, once, at the use written in real source.
  if (!sc.site) scanUseStores(ctx, sc, name, sc.text.slice(it.start, useEnd), site);
}

/**
 * Records the stores a macro use makes (`uk_sched_init(…)`, `UK_THREAD_INIT_PRIO(…)`), reading its full expansion.
 * Also called for file-scope macro statements that analyzer/c blanked out of the parsed text.
 */
export function scanUseStores(
  ctx: ScanContext,
  sc: Scope,
  name: string,
  useText: string,
  site: { line: number; guard: string[] },
  /** The use defines a function (a macro head): its expansion may store it whatever the arguments name. */
  definesFunction = false,
): void {
  if (!isStoreCapable(ctx, name, new Set())) return;
  if (!definesFunction && !mayCarryFunction(ctx, sc, useText.slice(name.length))) return;
  const whole: Piece = { text: useText, mask: new Uint8Array(useText.length) };
  scanExpansion(ctx, sc, expandAll(ctx.macros, whole), name, site, 'stores');
}

/**
 * True when the arguments of a use name a function, or a variable that may hold one: only then can the use store a
 * function (`UK_TAILQ_INSERT_TAIL(&q, t, entry)` stores list links, never functions). Skips most full expansions.
 */
function mayCarryFunction(ctx: ScanContext, sc: Scope, args: string): boolean {
  for (const m of args.matchAll(/[A-Za-z_]\w*/g)) {
    const v = sc.env.lookup(m[0]);
    if (v ? v.type?.fnptr : ctx.types.isFunction(m[0])) return true;
  }
  return false;
}

/**
 * Expands a use written in real source. The calls a macro makes come from its own text, not from the arguments
 * written at the use (those are scanned where they are written), so the expansion is computed once per macro and
 * arity with placeholder arguments and reused, unless: an argument is called or pasted into a name, the expansion
 * needed a parse (pointer calls, parameter stores), a name it looked up is a variable here, or an argument here may
 * carry a function. Then the use is expanded with its real arguments.
 */
function expandCached(
  ctx: ScanContext,
  sc: Scope,
  name: string,
  args: Piece[],
  site: { line: number; guard: string[] },
): void {
  const key = `${name}/${args.map((a) => (a.text === '' ? '_' : 'x')).join('')}`;
  let entry = ctx.useCache.get(key);
  if (entry === undefined) {
    entry = templateOf(ctx, sc, name, args, site);
    ctx.useCache.set(key, entry);
  }
  if (entry && entry.names.every((k) => !sc.env.lookup(k)) && !args.some((a) => mayCarryFunction(ctx, sc, a.text))) {
    for (const c of entry.calls) pushCall(ctx, sc, { ...c, line: site.line, guard: site.guard });
    return;
  }
  for (const piece of expandUse(ctx.macros, name, args, sc.chain)) scanExpansion(ctx, sc, piece, name, site, 'calls');
}

/** A placeholder argument pasted into a longer name (`uk_syscall_r_ ## name`): the template cannot stand for it. */
const PASTED_PLACEHOLDER = /\w__cg_arg\d+__|__cg_arg\d+__\w/;

/** The calls of `name(__cg_arg0__, …)`, or null when they depend on more than the macro's own text. */
function templateOf(
  ctx: ScanContext,
  sc: Scope,
  name: string,
  real: Piece[],
  site: { line: number; guard: string[] },
): { calls: RawCall[]; names: string[] } | null {
  // Empty arguments stay empty (`f()` has one empty argument); the others become placeholders.
  const args: Piece[] = real.map((a, i) => {
    const text = a.text === '' ? '' : `__cg_arg${i}__`;
    return { text, mask: new Uint8Array(text.length).fill(1) };
  });
  const tracker = { names: new Set<string>(), uncacheable: false };
  const recorded: RawCall[] = [];
  const env: Env = { fn: sc.env.fn, lookup: (k) => (tracker.names.add(k), undefined) };
  ctx.tracker = tracker;
  ctx.recording = recorded;
  try {
    for (const piece of expandUse(ctx.macros, name, args, sc.chain)) {
      scanExpansion(ctx, { ...sc, env }, piece, name, site, 'calls');
    }
  } finally {
    ctx.tracker = null;
    ctx.recording = null;
  }
  if (tracker.uncacheable || recorded.some((c) => `${c.to} ${c.through}`.includes('__cg_arg'))) return null;
  return { calls: recorded, names: [...tracker.names] };
}

function scanExpansion(
  ctx: ScanContext,
  sc: Scope,
  piece: Piece,
  name: string,
  site: { line: number; guard: string[] },
  collect: 'calls' | 'stores',
): void {
  const chain = [...sc.chain, name];
  const tree = collect === 'stores' || needsTree(ctx, sc, piece);
  if (ctx.tracker && (tree || PASTED_PLACEHOLDER.test(piece.text))) ctx.tracker.uncacheable = true;
  if (!tree) {
    scanExpansionTokens(ctx, sc, piece, chain, site);
    return;
  }
  if (collect === 'stores' && !/[^=!<>]=[^=]/.test(piece.text)) return;
  const text = PREFIX + piece.text + SUFFIX;
  let parsed = ctx.expansionTrees.get(text);
  if (!parsed) {
    const tree = expansionParser().parse(text, null, { bufferSize: text.length + 1 }); // one input callback
    parsed = { tree, items: scanItems(tree.rootNode.descendantsOfType(SCOPE_NODE_TYPES)) };
    ctx.expansionTrees.set(text, parsed);
  }
  const mask = new Uint8Array(text.length);
  mask.set(piece.mask, PREFIX.length);
  // Variables the macro body declares itself shadow nothing outside; add them to the caller's view.
  const locals = new Map<string, Var>();
  for (const d of parsed.items) {
    if (d.type !== 'declaration') continue;
    for (const v of declaredVars(d.node, ctx.types))
      locals.set(v.name, { name: v.name, type: v.type, kind: 'local', index: -1 });
  }
  const env: Env = locals.size ? { fn: sc.env.fn, lookup: (k) => locals.get(k) ?? sc.env.lookup(k) } : sc.env;
  scanScope(
    ctx,
    {
      ...sc,
      root: parsed.tree.rootNode,
      start: PREFIX.length,
      end: text.length,
      text,
      lineStarts: null,
      mask,
      env,
      site,
      chain,
      skip: null,
      collect,
      fnIndex: sc.fnIndex,
    },
    parsed.items,
  );
}

const TOKENS = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[A-Za-z_]\w*|\d[\w.]*|->|[\s\S]/g;

/**
 * Most macro bodies only call functions by name: for those, a token scan finds the same calls as a parse, much
 * faster. A parse is needed when the macro's own text calls through a pointer (`)(`, `->f(`, `.f(`) or passes
 * something that may be a function to a call (a parameter store).
 */
function needsTree(ctx: ScanContext, sc: Scope, piece: Piece): boolean {
  const { text, mask } = piece;
  const re = new RegExp(TOKENS.source, 'g');
  let prev = '';
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    if (/^\s+$/.test(tok)) continue;
    if (tok === '(' && mask[m.index] !== 1 && (prev === ']' || (prev === ')' && !castBefore(ctx, text, m.index))))
      return true;
    if (/^[A-Za-z_]/.test(tok)) {
      const open = skipBlank(text, m.index + tok.length);
      if (text[open] === '(' && mask[open] !== 1) {
        if (prev === '->' || prev === '.') return true;
        if (!ctx.macros.has(tok) && !NOT_CALLS.has(tok) && !BUILTIN.test(tok)) {
          const spans = readArgs(text, open);
          for (const a of spans?.args ?? []) {
            const bare = /^[\s(&*]*([A-Za-z_]\w*)[\s)]*$/.exec(text.slice(a.start, a.end))?.[1];
            if (bare && (ctx.types.isFunction(bare) || sc.env.lookup(bare))) return true;
          }
        }
      }
    }
    prev = tok;
  }
  return false;
}

/** True when the parenthesized group that ends just before `open` is a cast (`(__sz)(p)`, `(struct s *)(p)`). */
function castBefore(ctx: ScanContext, text: string, open: number): boolean {
  let end = open - 1;
  while (end >= 0 && /\s/.test(text[end] as string)) end--;
  let depth = 0;
  let start = end;
  for (; start >= 0; start--) {
    const c = text[start];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) break;
  }
  if (start < 0) return false;
  const inner = text.slice(start + 1, end).trim();
  if (/^[A-Za-z_]\w*$/.test(inner)) return ctx.types.isType(inner);
  return /^(const\s+|volatile\s+)*(typeof|__typeof__|__typeof|struct|union|enum)\b/.test(inner) || /\*$/.test(inner);
}

/** The token-level twin of scanScope for `calls`: direct calls, calls through variables, and nested macro uses. */
function scanExpansionTokens(
  ctx: ScanContext,
  sc: Scope,
  piece: Piece,
  chain: string[],
  site: { line: number; guard: string[] },
): void {
  const { text, mask } = piece;
  const re = new RegExp(TOKENS.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[0];
    if (!/^[A-Za-z_]/.test(name)) continue;
    const open = skipBlank(text, m.index + name.length);
    if (text[open] !== '(') {
      const defs = ctx.macros.all(name);
      if (
        defs.length &&
        defs.every((d) => d.params === null) &&
        mask[m.index] !== 1 &&
        /[A-Za-z_]\w*\s*\(/.test(defs[0]?.code ?? '')
      ) {
        nested(name, [], m.index + name.length);
      }
      continue;
    }
    if (mask[open] === 1 || NOT_CALLS.has(name) || BUILTIN.test(name)) continue;
    if (ctx.macros.all(name).some((d) => d.params !== null)) {
      const spans = readArgs(text, open);
      if (!spans) continue;
      nested(
        name,
        spans.args.map((a) => slicePiece(piece, a.start, a.end)),
        spans.end,
      );
      re.lastIndex = open + 1;
      continue;
    }
    const v = sc.env.lookup(name);
    if (v)
      pushCall(ctx, sc, { to: null, ...site, via: 'pointer', macroChain: chain, slot: varSlot(sc, v), through: name });
    else pushCall(ctx, sc, { to: name, ...site, via: 'macro', macroChain: chain });
  }
  function nested(name: string, args: Piece[], end: number): void {
    void end;
    if (chain.includes(name) || chain.length >= MAX_DEPTH) return;
    replayNested(ctx, sc, chain, name, args, site);
  }
}

/**
 * A nested macro use expands the same way wherever it appears, unless a name in it is a variable of the caller or
 * it needed a parse typed by the caller: its calls are kept and replayed at the next identical use under the same
 * chain (per run, or per function when the caller's variables mattered).
 */
function replayNested(
  ctx: ScanContext,
  sc: Scope,
  chain: string[],
  name: string,
  args: Piece[],
  site: { line: number; guard: string[] },
): void {
  const outer = { recording: ctx.recording, tracker: ctx.tracker };
  // The chain is part of the key: a macro being expanded is not expanded again inside itself (cpp's rule).
  const key = `${chain.join('>')}\u0004${name}\u0000${args.map((a) => a.text + '\u0002' + a.mask.join('')).join('\u0001')}`;
  const localKey = sc.envKey + '\u0003' + key;
  let memo = ctx.nestedMemo.get(key);
  if (memo && !memo.names.every((k) => !sc.env.lookup(k))) memo = undefined;
  memo ??= ctx.nestedMemo.get(localKey);
  if (!memo) {
    const recorded: RawCall[] = [];
    const tracker = { names: new Set<string>(), uncacheable: false };
    let local = false;
    const env: Env = {
      fn: sc.env.fn,
      lookup: (k) => {
        tracker.names.add(k);
        const v = sc.env.lookup(k);
        if (v) local = true;
        return v;
      },
    };
    ctx.recording = recorded;
    ctx.tracker = tracker;
    try {
      for (const p of expandUse(ctx.macros, name, args, chain))
        scanExpansion(ctx, { ...sc, env, chain }, p, name, site, 'calls');
    } finally {
      ctx.recording = outer.recording;
      ctx.tracker = outer.tracker;
    }
    memo = { calls: recorded, names: [...tracker.names], uncacheable: tracker.uncacheable || local };
    ctx.nestedMemo.set(memo.uncacheable ? localKey : key, memo);
  }
  if (outer.tracker) {
    for (const n of memo.names) outer.tracker.names.add(n);
    if (memo.uncacheable) outer.tracker.uncacheable = true;
  }
  for (const c of memo.calls) {
    pushCall(ctx, sc, { ...c, line: site.line, guard: site.guard });
  }
}

/** A field assignment (`->f =`, `.f =`, also designated initializers) or an aggregate initializer (`= {`). */
const FIELD_STORE = /(->|\.)\s*[A-Za-z_]\w*\s*=[^=]|=\s*\{/;

/** True when a macro's body, or a macro it uses, can store into a field (an assignment or an initializer). */
function isStoreCapable(ctx: ScanContext, name: string, seen: Set<string>): boolean {
  const known = ctx.storeCapable.get(name);
  if (known !== undefined) return known;
  if (seen.has(name)) return false;
  seen.add(name);
  let result = false;
  for (const def of ctx.macros.all(name)) {
    if (FIELD_STORE.test(def.code)) result = true;
    else
      for (const m of def.code.matchAll(/[A-Za-z_]\w*/g))
        if (ctx.macros.has(m[0]) && isStoreCapable(ctx, m[0], seen)) result = true;
    if (result) break;
  }
  ctx.storeCapable.set(name, result);
  return result;
}

/** A call whose callee is a bare name, matched at the call's start (sticky). */
const PLAIN_CALL = /[A-Za-z_]\w*\s*\(/y;

function onCallExpression(ctx: ScanContext, sc: Scope, it: ScanItem, fromMacro: (i: number) => boolean): void {
  const n = it.node;
  // `name(…)`, by far the most common call, is the identifier pass's: decide from the text, without the tree.
  PLAIN_CALL.lastIndex = it.start;
  if (PLAIN_CALL.test(sc.text) && readArgs(sc.text, PLAIN_CALL.lastIndex - 1)?.end === it.end) return;
  const fn = n.childForFieldName('function');
  const args = n.childForFieldName('arguments');
  if (!fn || !args || !fromMacro(args.startIndex)) return;
  const target = stripValue(fn);
  const site = siteOf(sc, it.start, n);
  const chain = sc.site ? { macroChain: [...sc.chain] } : {};
  if (target.type === 'identifier') {
    if (fn.type === 'identifier') return; // the identifier pass has it
    const v = sc.env.lookup(target.text);
    if (v)
      pushCall(ctx, sc, { to: null, ...site, via: 'pointer', ...chain, slot: varSlot(sc, v), through: target.text });
    else if (!isCast(ctx, fn))
      pushCall(ctx, sc, { to: target.text, ...site, via: sc.site ? 'macro' : 'direct', ...chain });
    return;
  }
  if (isCast(ctx, fn) || NOT_CALLABLE.has(target.type)) return;
  // `UK_CONCAT(prefix, name)(x)`: the callee's name is made by a macro; expanded, it is a call by name.
  const maker = target.type === 'call_expression' ? target.childForFieldName('function') : null;
  if (maker?.type === 'identifier' && ctx.macros.all(maker.text).some((d) => d.params !== null)) {
    const made = expandAll(ctx.macros, { text: target.text, mask: new Uint8Array(target.text.length) }).text.trim();
    if (/^[A-Za-z_]\w*$/.test(made))
      pushCall(ctx, sc, { to: made, ...site, via: 'macro', macroChain: [...sc.chain, maker.text] });
    return;
  }
  if (target.type === 'field_expression') {
    const slot = fieldSlot(target, sc.env, ctx.types);
    const field = target.childForFieldName('field')?.text ?? '?';
    pushCall(ctx, sc, { to: null, ...site, via: 'pointer', ...chain, slot, through: slot ?? `?.${field}` });
    return;
  }
  if (target.type === 'subscript_expression') {
    // `table[i](x)`: the slot of the table variable, when it is one.
    const base = target.childForFieldName('argument');
    const v = base?.type === 'identifier' ? sc.env.lookup(base.text) : undefined;
    if (v && base) {
      pushCall(ctx, sc, {
        to: null,
        ...site,
        via: 'pointer',
        ...chain,
        slot: varSlot(sc, v),
        through: `${base.text}[]`,
      });
      return;
    }
  }
  pushCall(ctx, sc, { to: null, ...site, via: 'pointer', ...chain, slot: null, through: oneLine(target.text) });
}

/**
 * `(__sz)(p)`, `(typeof(x) *)(y)`, `(struct s *)(y)`, `((__sz)(__uptr))(p)`: casts that tree-sitter reads as calls
 * because it does not know the type names.
 */
function isCast(ctx: ScanContext, fn: Parser.SyntaxNode): boolean {
  if (fn.type === 'call_expression') {
    const inner = fn.childForFieldName('function');
    return inner ? isCast(ctx, inner) : false;
  }
  if (fn.type !== 'parenthesized_expression') return false;
  const inner = fn.text.slice(1, -1).trim();
  if (/^[A-Za-z_]\w*$/.test(inner)) return ctx.types.isType(inner);
  if (inner.startsWith('(')) {
    const first = fn.namedChildren.find((c) => c.type !== 'comment');
    return first ? isCast(ctx, first) : false;
  }
  return /^(const\s+|volatile\s+)*(typeof|__typeof__|__typeof|struct|union|enum)\b/.test(inner) || /\*$/.test(inner);
}

function varSlot(sc: Scope, v: Var): string {
  if (v.kind === 'param') return `param:${sc.env.fn}:${v.index}`;
  if (v.kind === 'local') return `var:${sc.envKey}:${v.name}`;
  return `global:${v.name}`;
}

/** The functions or slots a stored expression can carry; empty when it carries none (NULL, numbers, calls). */
function valuesOf(ctx: ScanContext, sc: Scope, node: Parser.SyntaxNode, depth: number): Omit<SlotValue, 'evidence'>[] {
  const s = stripValue(node);
  if (s.type === 'conditional_expression') {
    const out: Omit<SlotValue, 'evidence'>[] = [];
    for (const f of ['consequence', 'alternative']) {
      const c = s.childForFieldName(f);
      if (c) out.push(...valuesOf(ctx, sc, c, depth));
    }
    return out;
  }
  if (s.type === 'field_expression') {
    const slot = fieldSlot(s, sc.env, ctx.types);
    return slot ? [{ slot }] : [];
  }
  if (s.type !== 'identifier') return [];
  return identValues(ctx, sc, s.text, depth);
}

function identValues(ctx: ScanContext, sc: Scope, name: string, depth: number): Omit<SlotValue, 'evidence'>[] {
  const v = sc.env.lookup(name);
  if (v) return [{ slot: varSlot(sc, v) }];
  if (name === 'NULL' || ctx.constants.has(name)) return [];
  const defs = ctx.macros.all(name);
  if (defs.length) {
    // `#define default_impl real_impl`: follow one identifier body; anything else is not a function name.
    const body = defs[0]?.params === null ? defs[0].code.replace(/^\(|\)$/g, '').trim() : '';
    return depth < 8 && /^[A-Za-z_]\w*$/.test(body) ? identValues(ctx, sc, body, depth + 1) : [];
  }
  return [{ fn: name }];
}

/**
 * Right-hand sides that can carry a function: a name or member access (with casts, `&`, `*`, parentheses), or a
 * conditional. Calls, literals and arithmetic cannot; skipping them keeps the tree walk off most assignments.
 */
const MAY_BE_FUNCTION =
  /^[\s(]*(\([\w\s*]+\)\s*)?[&*\s(]*[A-Za-z_]\w*(\s*(->|\.)\s*[A-Za-z_]\w*|\s*\[[^\]]*\])*[\s)]*$|\?/;

function onAssignment(ctx: ScanContext, sc: Scope, it: ScanItem, fromMacro: (i: number) => boolean): void {
  const n = it.node;
  // A cheap look at the text first: most assignments store numbers, calls or arithmetic, never a function.
  const whole = sc.text.slice(it.start, it.end);
  const eq = whole.search(/[^=!<>+\-*/%&|^]=(?!=)/);
  if (eq < 0 || !MAY_BE_FUNCTION.test(whole.slice(eq + 2))) return;
  const op = n.childForFieldName('operator');
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!op || op.text !== '=' || !left || !right || !fromMacro(op.startIndex)) return;
  if (!MAY_BE_FUNCTION.test(sc.text.slice(right.startIndex, right.endIndex))) return;
  let slot: string | null = null;
  const l = stripValue(left);
  if (l.type === 'field_expression') slot = fieldSlot(l, sc.env, ctx.types);
  else if (l.type === 'identifier') {
    const v = sc.env.lookup(l.text);
    if (v && v.kind !== 'param') slot = varSlot(sc, v);
  }
  if (!slot) return;
  const t = exprType(l, sc.env, ctx.types);
  if (t && !t.fnptr) return;
  const site = siteOf(sc, it.start, n);
  const evidence = makeEvidence(sc.file, site.line, sc.site ? 'macro-assignment' : 'assignment', {
    shape: 'assignment',
    in: sc.env.fn ?? null,
    macro: sc.site ? (sc.chain[0] ?? null) : null,
    code: oneLine(whole),
  });
  for (const value of valuesOf(ctx, sc, right, 0)) addStore(ctx.state, slot, { ...value, evidence });
}

function onDeclaration(ctx: ScanContext, sc: Scope, it: ScanItem): void {
  const { node: n, start } = it;
  // Nothing is stored without an initializer, and only a `{ … }` list or a name can carry a function.
  const inits = [...sc.text.slice(start, it.end).matchAll(/(?<![=!<>])=(?!=)\s*([^,;]*)/g)];
  if (!inits.some((m) => (m[1] as string).startsWith('{') || MAY_BE_FUNCTION.test(m[1] as string))) return;
  for (const v of declaredVars(n, ctx.types)) {
    if (!v.init) continue;
    const site = siteOf(sc, start, n);
    const kind = sc.site ? (sc.fnIndex === null ? 'registration-table' : 'macro-assignment') : 'initializer';
    const macro = sc.site ? (sc.chain[0] ?? null) : null;
    const ev: StoreEvidence = (field, code) =>
      makeEvidence(sc.file, site.line, kind, { shape: 'declaration', macro, declares: v.name, field, code });
    if (v.type?.struct && v.init.type === 'initializer_list') {
      if (v.type.ptr === 0) initStores(ctx, sc, v.type.struct, v.init, ev, 0);
      else
        for (const el of elements(v.init))
          if (el.type === 'initializer_list') initStores(ctx, sc, v.type.struct, el, ev, 0);
    } else if (v.type?.fnptr || (!v.type && v.init.type !== 'initializer_list')) {
      const slot = sc.fnIndex === null && !sc.site ? `global:${v.name}` : `var:${sc.envKey}:${v.name}`;
      // A table of function pointers (`fn_t table[] = { f, [2] = g }`): every element is stored in the table's slot.
      const items =
        v.init.type === 'initializer_list'
          ? elements(v.init).map((e) => (e.type === 'initializer_pair' ? e.childForFieldName('value') : e))
          : [v.init];
      for (const item of items) {
        if (!item) continue;
        for (const value of valuesOf(ctx, sc, item, 0))
          addStore(ctx.state, slot, { ...value, evidence: ev(null, oneLine(item.text)) });
      }
    }
  }
}

function onCompoundLiteral(ctx: ScanContext, sc: Scope, n: Parser.SyntaxNode, start: number): void {
  const t = n.childForFieldName('type');
  const value = n.childForFieldName('value');
  const type = t ? ctx.types.parse(t.text) : null;
  if (!type?.struct || type.ptr !== 0 || value?.type !== 'initializer_list') return;
  const site = siteOf(sc, start, n);
  const ev: StoreEvidence = (field, code) =>
    makeEvidence(sc.file, site.line, sc.site ? 'macro-assignment' : 'initializer', {
      shape: 'literal',
      in: sc.env.fn ?? null,
      literal: oneLine(t?.text ?? ''),
      field,
      code,
    });
  initStores(ctx, sc, type.struct, value, ev, 0);
}

function elements(list: Parser.SyntaxNode): Parser.SyntaxNode[] {
  return list.namedChildren.filter((c) => c.type !== 'comment');
}

/** The evidence of a store made by an initializer: of `field` (null for a plain value) with the value's code. */
type StoreEvidence = (field: string | null, code: string) => Evidence;

/** Designated (`.f = g`) and positional (`{ g, h }`, by field order) initializers of one aggregate. */
function initStores(
  ctx: ScanContext,
  sc: Scope,
  struct: string,
  list: Parser.SyntaxNode,
  ev: StoreEvidence,
  depth: number,
): void {
  if (depth > 8) return;
  const order = ctx.types.fieldOrder(struct) ?? [];
  let next = 0;
  for (const el of elements(list)) {
    let field: string | undefined;
    let value: Parser.SyntaxNode | null = el;
    if (el.type === 'initializer_pair') {
      const designators = el.childrenForFieldName('designator');
      const first = designators[0];
      value = el.childForFieldName('value');
      if (!first || first.type !== 'field_designator' || designators.length !== 1) continue;
      field = first.text.replace(/^\./, '').trim();
      next = order.indexOf(field) + 1;
    } else {
      field = order[next++];
    }
    if (!field || !value) continue;
    const ft = ctx.types.field(struct, field);
    if (value.type === 'initializer_list') {
      if (ft?.struct && ft.ptr === 0) initStores(ctx, sc, ft.struct, value, ev, depth + 1);
      continue;
    }
    if (ft && !ft.fnptr) continue;
    for (const v of valuesOf(ctx, sc, value, 0)) {
      addStore(ctx.state, `${struct}.${field}`, { ...v, evidence: ev(field, oneLine(value.text)) });
    }
  }
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? t.slice(0, 117) + '…' : t;
}
