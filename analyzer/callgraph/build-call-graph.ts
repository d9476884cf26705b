/**
 * The call-graph stage (issue 3): fills `functions[].calls` with direct, macro and pointer edges, and builds the
 * callers index and the library graph. It reuses the one tree per file parsed by `analyzer/c/parse-c.ts`.
 */
import type { Call, CallersEntry, Diagnostic, FunctionEntity, LibraryEdge, Model } from '../../model/schema.ts';
import type { MacroTable } from '../c/scan-macros.ts';
import type { ParsedFile } from '../c/parse-c.ts';
import { buildTypeIndex } from './c-type.ts';
import type { Var } from './expr-type.ts';
import type { GraphState } from './graph-state.ts';
import { buildCallersIndex } from './callers-index.ts';
import { buildLibraryGraph } from './library-graph.ts';
import { createResolver } from './resolve-slots.ts';
import { prepareFile, scanFile, type PreparedFile } from './scan-file.ts';
import type { ScanContext } from './scan-scope.ts';
import { finishCalls } from './finish-calls.ts';

/** What the stage reads: every parsed file (analyzed libraries and indexed headers) and the model built from them. */
export interface CallGraphInput {
  parsed: ParsedFile[];
  model: Pick<Model, 'functions' | 'structs' | 'typedefs' | 'enums' | 'globals' | 'files'>;
  /** The macro table the files were parsed with (all definitions per name). */
  macros: MacroTable;
}

/** The stage's results: functions with `calls` filled (same order as the input), plus the two new model sections. */
export interface CallGraph {
  functions: FunctionEntity[];
  callers: CallersEntry[];
  libraryGraph: LibraryEdge[];
  /** Files whose scan failed part-way (a bug, never a user error): `callgraph-incomplete` warnings. */
  diagnostics: Diagnostic[];
}

/** Builds the call graph; pure apart from tree-sitter parses of macro expansions (cached per expansion text). */
export function buildCallGraph(input: CallGraphInput): CallGraph {
  const { model } = input;
  const types = buildTypeIndex(model.structs, model.typedefs, model.functions);
  const state: GraphState = { slots: new Map(), calls: new Map() };
  const constants = new Set<string>();
  for (const e of model.enums) for (const c of e.constants) constants.add(c.name);
  // Object-like macros whose body calls something (`#define now() …` is function-like; `#define NOW now()` is this).
  const callingObjectMacros = new Set<string>();
  for (const name of input.macros.names()) {
    const defs = input.macros.all(name);
    if (defs.length && defs.every((d) => d.params === null) && /[A-Za-z_]\w*\s*\(/.test(defs[0]?.code ?? ''))
      callingObjectMacros.add(name);
  }
  const ctx: ScanContext = {
    state,
    types,
    macros: input.macros,
    constants,
    expansionTrees: new Map(),
    useCache: new Map(),
    recording: null,
    tracker: null,
    nestedMemo: new Map(),
    callingObjectMacros,
    storeCapable: new Map(),
  };

  const byFile = new Map<string, { index: number; fn: FunctionEntity }[]>();
  model.functions.forEach((fn, index) => {
    if (!fn.definition) return;
    const list = byFile.get(fn.file);
    if (list) list.push({ index, fn });
    else byFile.set(fn.file, [{ index, fn }]);
  });
  const prepared: PreparedFile[] = input.parsed.map((f) => prepareFile(ctx, f, byFile.get(f.path) ?? []));
  // Variables at file scope, from the model: non-static ones are visible everywhere, all of them in their own file.
  const shared = new Map<string, Var>();
  const byFileGlobals = new Map<string, Map<string, Var>>();
  for (const g of model.globals) {
    const v: Var = { name: g.name, type: types.parse(g.type), kind: 'global', index: -1 };
    if (!g.static && !shared.has(g.name)) shared.set(g.name, v);
    let own = byFileGlobals.get(g.file);
    if (!own) byFileGlobals.set(g.file, (own = new Map()));
    if (!own.has(g.name)) own.set(g.name, v);
  }
  const diagnostics: Diagnostic[] = [];
  for (const p of prepared) {
    try {
      scanFile(ctx, p, byFileGlobals.get(p.file.path) ?? new Map(), shared);
    } catch (e) {
      // A bug must not cost the whole model: the file's calls so far stay, the rest is reported.
      ctx.recording = null;
      ctx.tracker = null;
      diagnostics.push({
        file: p.file.path,
        line: null,
        severity: 'warning',
        code: 'callgraph-incomplete',
        message: `The call graph of \`${p.file.path}\` is incomplete: ${(e as Error).message}. Please report this file.`,
      });
    }
  }

  const resolve = createResolver(state);
  const functions = model.functions.map((fn, index): FunctionEntity => {
    const raw = state.calls.get(index);
    const calls: Call[] = raw ? finishCalls(raw, resolve) : [];
    return { ...fn, calls };
  });
  return {
    functions,
    callers: buildCallersIndex(functions),
    libraryGraph: buildLibraryGraph(functions, model.files),
    diagnostics,
  };
}
