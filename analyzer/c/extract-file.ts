/** Turns one parsed file into plain model entities (no tree-sitter node leaves the analyzer's C layer). */
import type { Diagnostic, Enum, FunctionEntity, Global, Macro, Struct, Typedef } from '../../model/schema.ts';
import { docIndex } from './doc-comments.ts';
import { evaluateConstant } from './evaluate-constant.ts';
import { tryExpandMacros } from './expand-macros.ts';
import type { MacroStatement } from './file-scope-macros.ts';
import { parseDiagnostics } from './parse-diagnostics.ts';
import { parseSnippet, type ParsedFile } from './parse-c.ts';
import { preprocessC } from './preprocess-c.ts';
import type { MacroTable } from './scan-macros.ts';
import type { SourceView } from './source-view.ts';
import { lineOfOffset } from './line-offsets.ts';
import { liteTree } from './lite-tree.ts';
import { syscallEntities } from './syscall-entities.ts';
import { walkDeclarations, type Entities } from './walk-declarations.ts';

/** Everything one file declares; `exported` and `calls` of functions are left for later stages to fill. */
export interface FileFacts {
  structs: Struct[];
  enums: Enum[];
  typedefs: Typedef[];
  macros: Macro[];
  /** Also registrations made by file-scope macros (`UK_THREAD_INIT_PRIO(…);`), with `declaredBy` set. */
  globals: Global[];
  /** `exported` is false and `calls` is empty: the library stage sets `exported`, the call-graph stage fills `calls`. */
  functions: FunctionEntity[];
  includes: { name: string; line: number }[];
  diagnostics: Diagnostic[];
  lines: number;
}

/** What the caller knows about the file that the file itself does not say. */
export interface ExtractContext {
  library: string | null;
  documented: boolean;
  macros: MacroTable;
}

/**
 * Extracts every struct, union, enum, typedef, macro, global, function and syscall of one file. Never throws on
 * odd input: regions tree-sitter cannot parse become `parse-error` diagnostics and everything around them is kept.
 */
export function extractFile(file: ParsedFile, ctx: ExtractContext): FileFacts {
  const { text, scan, lineStarts } = file;
  const guards = (line: number): string[] => scan.guards[line] ?? [];
  const docs = docIndex(file.masked.comments, file.parsedText, file.masked.code);
  const facts: FileFacts = {
    structs: [],
    enums: [],
    typedefs: [],
    macros: [],
    globals: [],
    functions: [],
    includes: scan.includes.map((i) => ({ name: i.name, line: i.line })),
    diagnostics: [],
    lines: text === '' ? 0 : lineStarts.length - (text.endsWith('\n') ? 1 : 0),
  };
  const base = { library: ctx.library, file: file.path, documented: ctx.documented };

  for (const d of scan.defines) {
    if (d.name === scan.includeGuard && d.body === '') continue;
    const start = lineStarts[d.line - 1] ?? 0;
    facts.macros.push({
      name: d.name,
      params: d.params,
      variadic: d.variadic,
      body: d.body,
      ...base,
      line: d.line,
      guard: d.guard,
      endLine: d.endLine,
      // A trailing doc on its last line, else the comment before the definition, as for struct fields.
      doc: docs.after(start, d.endLine) ?? docs.before(start + (text.slice(start).search(/\S/) >>> 0)),
    });
  }

  const statements = file.macroStatements;
  const skipped: { start: number; end: number }[] = [
    ...file.syscalls.map((h) => ({ start: h.start, end: h.end })),
    ...statements.map((s) => ({ start: s.start, end: s.end })),
  ].sort((a, b) => a.start - b.start);
  const ids = new Map<string, number>();
  const view: SourceView = {
    path: file.path,
    ...base,
    text: file.readableText,
    line: (row) => row + 1,
    guard: (row) => guards(row + 1),
    docs,
    attributes: file.attributes,
    declaredBy: null,
    skip: (offset) => inRanges(skipped, offset),
    macroValue: (name) => macroValue(name, ctx.macros, 0),
    nesting: new Map(),
    tooDeep: [],
    ids,
  };
  const entities: Entities = facts;
  walkDeclarations(view, file.lite ?? liteTree(file.tree, { text: file.readableText, lineStarts }), entities);
  if (file.macroHeads.length) macroHeadFunctions(file, facts.functions);

  facts.functions.push(
    ...syscallEntities(file.syscalls, {
      path: file.path,
      ...base,
      lineOf: (o) => lineOfOffset(lineStarts, o),
      guard: guards,
      docs,
      attributes: file.attributes,
    }),
  );

  for (const s of statements) macroStatement(file, s, ctx, view, entities);
  macroFieldTypes(ctx, view, entities);
  // Lines whose syntax the extractor read itself (syscall headers): tree-sitter's complaints there lose nothing.
  const handledLines = new Set<number>();
  for (const h of file.syscalls) {
    if (h.argTexts.length < 2) continue;
    for (let l = lineOfOffset(lineStarts, h.start); l <= lineOfOffset(lineStarts, h.end - 1); l++) handledLines.add(l);
  }

  facts.diagnostics.push(
    ...parseDiagnostics(file.path, file.tree, text, (first, last) => {
      for (let l = first; l <= last; l++) if (!handledLines.has(l) && !scan.directiveLines.has(l)) return false;
      return true;
    }),
  );
  if (view.tooDeep.length) {
    facts.diagnostics.push({
      file: file.path,
      line: view.tooDeep[0] as number,
      severity: 'warning',
      code: 'too-deep',
      message: `aggregates nested more than 200 levels deep were not read (${view.tooDeep.length} of them, the first on line ${view.tooDeep[0]}); the fields that hold them are kept.`,
    });
  }
  for (const line of scan.unbalanced) {
    facts.diagnostics.push({
      file: file.path,
      line,
      severity: 'warning',
      code: 'unbalanced-conditional',
      message: `\`#if\`/\`#endif\` do not balance near line ${line}; guards after it may be wrong.`,
    });
  }
  linkTypedefs(facts);
  sortByLine(facts);
  return facts;
}

/**
 * Functions defined through a macro head (`UK_TESTCASE(s, f) { … }`, see macro-heads.ts) were read from the declarator
 * the head was rewritten into: they get the generated name back where a placeholder stood, and the attributes of the
 * expansion's declarator (the head's own text is no attribute of anything).
 */
function macroHeadFunctions(file: ParsedFile, functions: FunctionEntity[]): void {
  for (const h of file.macroHeads) {
    const line = lineOfOffset(file.lineStarts, h.start);
    const fn = functions.find((f) => f.definition && f.line === line && f.name === h.written);
    if (!fn) continue;
    if (h.written !== h.name) {
      fn.name = h.name;
      fn.signature = fn.signature.replace(new RegExp(`\\b${h.written}\\b`), h.name);
    }
    fn.attributes = [...new Set(h.attributes.map((a) => a.text))];
    fn.static ||= h.attributes.some((a) => a.static);
    fn.inline ||= h.attributes.some((a) => a.inline);
  }
}

/** The integer an object-like macro stands for, when all its definitions agree and evaluate. */
function macroValue(name: string, macros: MacroTable, depth: number): number | undefined {
  const defs = macros.all(name);
  if (defs.length === 0 || depth > 8) return undefined;
  const first = defs[0] as (typeof defs)[number];
  if (first.params !== null || defs.some((d) => d.code !== first.code)) return undefined;
  return evaluateConstant(first.code, (n) => macroValue(n, macros, depth + 1)) ?? undefined;
}

function inRanges(ranges: { start: number; end: number }[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as { start: number; end: number };
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * A file-scope macro statement: expand it and read what the expansion declares (a struct for `UK_TAILQ_HEAD`, a
 * variable for registrations), every entity placed on the statement's line with `declaredBy`. When the macro is
 * unknown or declares nothing readable, a global named `MACRO@file:line` keeps the registration visible.
 */
function macroStatement(
  file: ParsedFile,
  s: MacroStatement,
  ctx: ExtractContext,
  fileView: SourceView,
  out: Entities,
): void {
  const line = lineOfOffset(file.lineStarts, s.start);
  const endLine = lineOfOffset(file.lineStarts, Math.max(s.start, s.end - 1));
  const guard = fileView.guard(line - 1);
  const doc = fileView.docs?.before(s.start) ?? null;
  const call = file.masked.code.slice(s.callStart, s.callEnd);
  const before = { structs: out.structs.length, enums: out.enums.length, globals: out.globals.length };
  if (ctx.macros.has(s.macro)) {
    // Registrations expand to a few hundred characters; a huge expansion (tracepoints) is not worth parsing.
    const expansion = tryExpandMacros(call, ctx.macros, { guarded: true, maxLength: MAX_EXPANSION, maxSteps: 60 });
    if (expansion !== null && expansion !== call && expansion.length <= MAX_EXPANSION) {
      const storage = s.storage ? `${s.storage} ` : '';
      walkExpansion(`${storage}${expansion};\n`, { line, guard, declaredBy: s.macro }, ctx, fileView, out);
    }
  }
  const added = [
    ...out.structs.slice(before.structs),
    ...out.enums.slice(before.enums),
    ...out.globals.slice(before.globals),
  ];
  for (const e of added) {
    e.doc ??= doc;
    if ('endLine' in e) e.endLine = endLine;
  }
  if (added.length === 0) {
    out.globals.push({
      name: `${s.macro}@${file.path}:${line}`,
      type: s.macro,
      static: s.storage === 'static',
      extern: s.storage === 'extern',
      initializer: null,
      declaredBy: s.macro,
      library: fileView.library,
      file: file.path,
      line,
      documented: fileView.documented,
      guard,
      doc,
    });
  }
}

const MAX_EXPANSION = 800;

/** Parses what a macro expands to and reads its declarations, every one placed on `at.line` under `at.guard`. */
function walkExpansion(
  code: string,
  at: { line: number; guard: string[]; declaredBy: string },
  ctx: ExtractContext,
  fileView: SourceView,
  out: Entities,
): void {
  const snippet = preprocessC(code, ctx.macros);
  const tree = parseSnippet(snippet.parsedText);
  const snippetView: SourceView = {
    ...fileView,
    text: snippet.readableText,
    line: () => at.line,
    guard: (row) => [...at.guard, ...(snippet.scan.guards[row + 1] ?? [])],
    docs: null,
    attributes: snippet.attributes,
    declaredBy: at.declaredBy,
    skip: () => false,
  };
  const root = liteTree(tree, { text: snippet.readableText, lineStarts: snippet.lineStarts });
  walkDeclarations(snippetView, root, { ...out, functions: [], typedefs: [] });
}

/**
 * A field whose type is a struct-declaring macro (`UK_STAILQ_HEAD(wait_list, struct uk_waitq_entry) wait_list;`)
 * also declares that struct (`struct wait_list`), in file scope as far as C is concerned: each named one becomes a
 * struct on the field's line, `declaredBy` the macro, as the compiler sees it (found by the real-tree pahole oracle).
 */
function macroFieldTypes(ctx: ExtractContext, fileView: SourceView, out: Entities): void {
  const known = new Set(out.structs.map((s) => `${s.kind} ${s.name}`));
  for (const owner of [...out.structs]) {
    for (const f of owner.fields) {
      const m = /^([A-Za-z_]\w*)\s*\(/.exec(f.type);
      if (!m || !ctx.macros.all(m[1] as string).some((d) => d.params !== null)) continue;
      const call = f.type.slice(0, balancedEnd(f.type, m[0].length - 1));
      const expansion = tryExpandMacros(call, ctx.macros, { guarded: true, maxLength: MAX_EXPANSION, maxSteps: 60 });
      const head = expansion === null ? null : /^\s*(struct|union)\s+([A-Za-z_]\w*)\s*\{/.exec(expansion);
      if (!head || known.has(`${head[1]} ${head[2]}`)) continue;
      known.add(`${head[1]} ${head[2]}`);
      const before = out.structs.length;
      walkExpansion(
        `${expansion};\n`,
        { line: f.line, guard: f.guard, declaredBy: m[1] as string },
        ctx,
        fileView,
        out,
      );
      for (const added of out.structs.slice(before)) if ('endLine' in added) added.endLine = f.line;
    }
  }
}

/** Index just past the parenthesis that closes the one at `open`, or the text's end. */
function balancedEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** `typedef struct uk_thread uk_thread_t;` in the same file adds `uk_thread_t` to the struct's `typedefs`. */
function linkTypedefs(facts: FileFacts): void {
  for (const t of facts.typedefs) {
    const m = /^(struct|union|enum) (\w+)$/.exec(t.type);
    if (!m) continue;
    const target =
      m[1] === 'enum'
        ? facts.enums.find((e) => e.name === m[2])
        : facts.structs.find((s) => s.kind === m[1] && s.name === m[2]);
    if (target && !target.typedefs.includes(t.name)) target.typedefs.push(t.name);
  }
}

function sortByLine(facts: FileFacts): void {
  const byLine = (a: { line: number }, b: { line: number }): number => a.line - b.line;
  facts.structs.sort(byLine);
  facts.enums.sort(byLine);
  facts.typedefs.sort(byLine);
  facts.globals.sort(byLine);
  facts.functions.sort(byLine);
}
