/** Splits one parsed file into its function bodies and its file scope, and scans each with the right variables. */
import type Parser from 'tree-sitter';
import type { FunctionEntity } from '../../model/schema.ts';
import type { ParsedFile } from '../c/parse-c.ts';
import type { FunctionDefinitionRange } from '../c/function-definitions.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import { declaredVars } from './declarations.ts';
import { sizeUses } from './size-uses.ts';
import { fieldWrites } from './field-writes.ts';
import type { BodyFacts, FunctionBody } from './function-body.ts';
import { tokenParent } from './token-parent.ts';
import type { Env, Var } from './expr-type.ts';
import { neverCalled, scanScope, scanUseStores, type ScanContext, type ScanItem, type Scope } from './scan-scope.ts';

interface FnRange {
  index: number;
  fn: FunctionEntity;
  /** The definition's node, looked up only when needed (parameters the model does not list). */
  node: () => Parser.SyntaxNode | null;
  start: number;
  bodyStart: number;
  end: number;
  items: ScanItem[];
}

/** A file cut into scopes, ready to scan once every file's globals are known. */
export interface PreparedFile {
  file: ParsedFile;
  functions: FnRange[];
  topLevel: ScanItem[];
}

/** Finds each defined function's body (by its start line) and buckets the file's nodes by scope. */
export function prepareFile(
  ctx: ScanContext,
  file: ParsedFile,
  fns: { index: number; fn: FunctionEntity }[],
): PreparedFile {
  const text = file.scanText;
  const root = file.tree.rootNode;
  // Definitions by start row, from the lite tree the extractor copied (first one on a row wins, as in document order).
  const byRow = new Map<number, FunctionDefinitionRange>();
  for (const d of file.functionDefinitions) if (!byRow.has(d.row)) byRow.set(d.row, d);
  // A row the lite tree has no definition on (a definition tree-sitter nested in a body): ask the tree, once.
  let nested: Map<number, Parser.SyntaxNode> | null = null;
  const nativeAt = (row: number): Parser.SyntaxNode | null => {
    if (!nested) {
      nested = new Map();
      for (const d of root.descendantsOfType('function_definition'))
        if (!nested.has(d.startPosition.row)) nested.set(d.startPosition.row, d);
    }
    return nested.get(row) ?? null;
  };
  const lineStarts = file.lineStarts;
  const ranges: FnRange[] = [];
  for (const { index, fn } of fns) {
    const d = byRow.get(fn.line - 1);
    if (d && d.bodyStart !== null) {
      const { start, end } = d;
      let node: Parser.SyntaxNode | null | undefined;
      const lookup = () => (node ??= definitionAt(root, start, end));
      ranges.push({ index, fn, node: lookup, start, bodyStart: d.bodyStart, end, items: [] });
      continue;
    }
    const native = d ? null : nativeAt(fn.line - 1);
    const body = native?.childForFieldName('body') ?? null;
    if (native && body) {
      ranges.push({
        index,
        fn,
        node: () => native,
        start: native.startIndex,
        bodyStart: body.startIndex,
        end: native.endIndex,
        items: [],
      });
      continue;
    }
    // No clean function_definition node (a region tree-sitter could not read): use the model's lines.
    const start = lineStarts[fn.line - 1] ?? 0;
    const end = lineStarts[fn.endLine] ?? text.length;
    const brace = text.indexOf('{', start);
    const node = d ? () => definitionAt(root, d.start, d.end) : () => native;
    ranges.push({ index, fn, node, start, bodyStart: brace >= 0 && brace < end ? brace : end, end, items: [] });
  }
  ranges.sort((a, b) => a.start - b.start);
  const topLevel: ScanItem[] = [];
  const items = [...structureCandidates(root, text), ...candidateIdentifiers(ctx, root, text)];
  for (const it of items) {
    const r = findRange(ranges, it.start);
    if (!r) topLevel.push(it);
    else if (it.start >= r.bodyStart) r.items.push(it);
  }
  return { file, functions: ranges, topLevel };
}

/**
 * The calls, stores and declarations a scope looks at, found from the text and looked up one by one: a call whose
 * callee is not a bare name (`)(`, `](`, `->f(`, `.f(`), every `=` (assignments, initializers, designated
 * initializers), and compound literals (`){`). Asking tree-sitter for every node of these kinds costs more.
 */
function structureCandidates(root: Parser.SyntaxNode, text: string): ScanItem[] {
  const out = new Map<number, ScanItem>();
  const add = (n: Parser.SyntaxNode | null, type: string) => {
    if (n && !out.has(n.id)) out.set(n.id, { node: n, type, start: n.startIndex, end: n.endIndex });
  };
  for (const m of text.matchAll(/[)\]]\s*\(|(?:->|\.)\s*[A-Za-z_]\w*\s*\(/g)) {
    const paren = m.index + m[0].length - 1;
    const list = tokenParent(root, paren);
    if (list?.type === 'argument_list') {
      const call = list.parent;
      if (call?.type === 'call_expression') add(call, 'call_expression');
    }
  }
  for (const m of text.matchAll(/(?<![=!<>+\-*/%&|^])=(?!=)/g)) {
    let n: Parser.SyntaxNode | null = tokenParent(root, m.index);
    const type = n?.type;
    if (type === 'assignment_expression') add(n, type);
    else if (type === 'init_declarator') {
      const decl = (n as Parser.SyntaxNode).parent;
      if (decl?.type === 'declaration') add(decl, 'declaration');
    } else if (type === 'initializer_pair') {
      let t: string | undefined = type;
      while (n && t !== 'declaration' && t !== 'compound_literal_expression') {
        n = n.parent;
        t = n?.type;
      }
      if (n) add(n, t as string);
    }
  }
  for (const m of text.matchAll(/\)\s*\{/g)) {
    const brace = m.index + m[0].length - 1;
    const n = tokenParent(root, brace)?.parent ?? null;
    if (n?.type === 'compound_literal_expression') add(n, 'compound_literal_expression');
  }
  return [...out.values()];
}

/**
 * The identifiers a scope looks at: those followed by `(` (calls, macro uses) and object-like macros whose body calls.
 * Found in the text and looked up in the tree one by one: far cheaper than asking tree-sitter for every identifier.
 */
function candidateIdentifiers(ctx: ScanContext, root: Parser.SyntaxNode, text: string): ScanItem[] {
  const out: ScanItem[] = [];
  const take = (start: number, end: number) => {
    const n = root.descendantForIndex(start, end);
    const type = n.type;
    if ((type !== 'identifier' && type !== 'type_identifier') || n.startIndex !== start) return;
    // The match ends where the identifier does unless the next character could continue a C identifier (`$`, `\`
    // of a universal character name, non-ASCII): then ask the tree.
    const c = text.charCodeAt(end);
    out.push({ node: n, type, start, end: c === 36 || c === 92 || c > 127 ? n.endIndex : end });
  };
  // An identifier right before `(`; a match inside a string literal finds a string node and is dropped by `take`.
  for (const m of text.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g)) {
    const name = m[1] as string;
    // `if (`, `sizeof(`, `__builtin_…(`: onIdentifier drops these as soon as it sees the `(` (after the blanks it
    // skips, which these are), so they are not looked up in the tree at all.
    if (neverCalled(name) && PLAIN_BLANKS_THEN_PAREN.test(m[0].slice(name.length))) continue;
    take(m.index, m.index + name.length);
  }
  // Object-like macros whose body calls, written without `(`: a search for their names jumps from one to the next
  // instead of visiting every word; each hit counts only where the word scan `[A-Za-z_]\w*` would read that name.
  if (ctx.callingObjectMacros.size) {
    const re = anyOf(ctx.callingObjectMacros);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      re.lastIndex = start + 1;
      const end = wordAt(text, start);
      if (end < 0 || !ctx.callingObjectMacros.has(text.slice(start, end))) continue;
      const after = /^\s*\(/.test(text.slice(end, end + 64));
      if (!after) take(start, end);
    }
  }
  return out;
}

const IDENT = /[A-Za-z_]\w*/g;
const PLAIN_BLANKS_THEN_PAREN = /^[ \t\r\n]*\($/;

const anyOfCache = new WeakMap<Set<string>, RegExp>();

/** A global regex that finds any of `names` as a substring (a superset of their uses as words). */
function anyOf(names: Set<string>): RegExp {
  let re = anyOfCache.get(names);
  if (!re) {
    re = new RegExp([...names].map((n) => n.replace(/[^\w]/g, '\\$&')).join('|'), 'g');
    anyOfCache.set(names, re);
  }
  return re;
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; // \w
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The end of the word `[A-Za-z_]\w*` that a left-to-right scan with that regex reads at `start`, or -1 when no such
 * word starts there: `start` must be a letter or `_` with only digits between it and the start of its `\w` run (the
 * scan skips leading digits), and the word runs to the end of that run.
 */
function wordAt(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (!isWordChar(first) || isDigit(first)) return -1;
  for (let i = start - 1; i >= 0 && isWordChar(text.charCodeAt(i)); i--) if (!isDigit(text.charCodeAt(i))) return -1;
  let end = start + 1;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return end;
}

/** The `function_definition` node spanning exactly `start`–`end` (offsets from the lite tree). */
function definitionAt(root: Parser.SyntaxNode, start: number, end: number): Parser.SyntaxNode | null {
  const n = root.descendantForIndex(start, end);
  return n.type === 'function_definition' && n.startIndex === start && n.endIndex === end ? n : null;
}

function findRange(ranges: FnRange[], index: number): FnRange | null {
  let lo = 0;
  let hi = ranges.length - 1;
  let found: FnRange | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as FnRange;
    if (r.start <= index) {
      found = r;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && index < found.end ? found : null;
}

/**
 * Scans every function body and the file scope of one prepared file. Calls and stores go to `ctx.state`; the result
 * is, by function index, each body's `sizeof`s of aggregates (size-uses.ts) and field writes (field-writes.ts).
 */
export function scanFile(
  ctx: ScanContext,
  p: PreparedFile,
  fileGlobals: Map<string, Var>,
  sharedGlobals: Map<string, Var>,
): Map<number, BodyFacts> {
  const facts = new Map<number, BodyFacts>();
  const text = p.file.scanText;
  const root = p.file.tree.rootNode;
  const globalLookup = (k: string) => fileGlobals.get(k) ?? sharedGlobals.get(k);
  // The file's declarations, asked of tree-sitter once (not once per function), in document order with their offsets.
  let decls: { node: Parser.SyntaxNode; start: number; end: number }[] | null = null;
  const declarationsIn = (from: number, to: number): Parser.SyntaxNode[] => {
    decls ??= root
      .descendantsOfType('declaration')
      .map((node) => ({ node, start: node.startIndex, end: node.endIndex }));
    let lo = 0;
    let hi = decls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((decls[mid] as { start: number }).start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Parser.SyntaxNode[] = [];
    for (let k = lo; k < decls.length && (decls[k] as { start: number }).start < to; k++) {
      const d = decls[k] as { node: Parser.SyntaxNode; end: number };
      if (d.end <= to) out.push(d.node);
    }
    return out;
  };
  for (const r of p.functions) {
    // Variables are read from the tree only when a name they declare is looked up (most lookups are of functions).
    // Variables are read from the tree lazily, per name: most lookups are of functions, which no declaration names.
    let byName: Map<string, Parser.SyntaxNode[]> | null = null;
    let headerNames: Set<string> | null = null;
    let params: Map<string, Var> | null = null;
    const locals = new Map<string, Var | null>();
    const index = () => {
      headerNames = new Set([...text.slice(r.start, r.bodyStart).matchAll(IDENT)].map((m) => m[0]));
      byName = new Map();
      for (const n of declarationsIn(r.bodyStart, r.end)) {
        for (const m of new Set([...text.slice(n.startIndex, n.endIndex).matchAll(IDENT)].map((x) => x[0]))) {
          const list = byName.get(m);
          if (list) list.push(n);
          else byName.set(m, [n]);
        }
      }
    };
    const readParams = (): Map<string, Var> => {
      const out = new Map<string, Var>();
      // The model's parameters (types as written) when it has them; the tree only when it has none to offer.
      const fromModel: Var[] = r.fn.params.map((q, i) => ({
        name: q.name ?? '',
        type: ctx.types.parse(q.type),
        kind: 'param',
        index: i,
      }));
      const node = fromModel.length ? null : r.node();
      const list = fromModel.length || !node ? fromModel : (paramVars(ctx, node) ?? []);
      for (const v of list) if (v.name) out.set(v.name, v);
      return out;
    };
    const local = (k: string): Var | null => {
      if (locals.has(k)) return locals.get(k) ?? null;
      let found: Var | null = null;
      for (const n of byName?.get(k) ?? []) {
        const v = declaredVars(n, ctx.types).find((d) => d.name === k);
        if (v) {
          found = { name: v.name, type: v.type, kind: 'local', index: -1 };
          break;
        }
      }
      locals.set(k, found);
      return found;
    };
    const env: Env = {
      fn: r.fn.name,
      lookup: (k) => {
        if (!byName) index();
        const l = byName?.has(k) ? local(k) : null;
        if (l) return l;
        if (headerNames?.has(k)) {
          params ??= readParams();
          const v = params.get(k);
          if (v) return v;
        }
        return globalLookup(k);
      },
    };
    scanScope(
      ctx,
      {
        root,
        start: r.bodyStart,
        end: r.end,
        text,
        lineStarts: p.file.lineStarts,
        mask: null,
        env,
        envKey: `${p.file.path}:${r.fn.name}`,
        fnIndex: r.index,
        file: p.file.path,
        guards: p.file.scan.guards,
        directiveLines: p.file.scan.directiveLines,
        site: null,
        chain: [],
        skip: null,
        collect: 'both',
      },
      r.items,
    );
    const body: FunctionBody = {
      code: p.file.masked.code,
      start: r.bodyStart,
      end: r.end,
      lineStarts: p.file.lineStarts,
      lookup: env.lookup,
      types: ctx.types,
    };
    const sizes = sizeUses(body);
    const writes = fieldWrites(body);
    if (sizes.length || writes.length) facts.set(r.index, { sizes, writes });
  }
  const fileScope: Scope = {
    root,
    start: 0,
    end: text.length,
    text,
    lineStarts: p.file.lineStarts,
    mask: null,
    env: { fn: null, lookup: globalLookup },
    envKey: `${p.file.path}:`,
    fnIndex: null,
    file: p.file.path,
    guards: p.file.scan.guards,
    directiveLines: p.file.scan.directiveLines,
    site: null,
    chain: [],
    skip: () => false,
    collect: 'stores',
  };
  scanScope(ctx, fileScope, p.topLevel);
  // Registrations such as `UK_THREAD_INIT_PRIO(f, g, 4);` are blanked out of the parsed text by analyzer/c, which
  // lists them as macro statements; read them from the original text.
  for (const m of p.file.macroStatements) {
    const line = lineOfOffset(p.file.lineStarts, m.callStart);
    scanUseStores(ctx, fileScope, m.macro, p.file.text.slice(m.callStart, m.callEnd), {
      line,
      guard: [...(p.file.scan.guards[line] ?? [])],
    });
  }
  // A function defined through a macro head (`UK_TESTCASE(suite, fn) { … }`, analyzer/c/macro-heads.ts) is parsed as
  // its bare declarator; what the rest of the expansion stores (the test table's `.func = …`) is read from the call.
  for (const h of p.file.macroHeads) {
    const line = lineOfOffset(p.file.lineStarts, h.start);
    scanUseStores(
      ctx,
      fileScope,
      h.macro,
      p.file.masked.code.slice(h.start, h.end).trim(),
      { line, guard: [...(p.file.scan.guards[line] ?? [])] },
      true,
    );
  }
  return facts;
}

function paramVars(ctx: ScanContext, node: Parser.SyntaxNode): Var[] | null {
  let d: Parser.SyntaxNode | null = node.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  const list = d?.childForFieldName('parameters');
  if (!list) return null;
  const out: Var[] = [];
  let i = 0;
  for (const p of list.namedChildren) {
    if (p.type !== 'parameter_declaration') continue;
    const v = declaredVars(p, ctx.types)[0];
    out.push({ name: v?.name ?? '', type: v?.type ?? null, kind: 'param', index: i++ });
  }
  return out;
}
