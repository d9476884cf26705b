/**
 * The call-graph stage (issue 3): fills `functions[].calls` with direct, macro and pointer edges, and builds the
 * callers index and the library graph. It reuses the one tree per file parsed by `analyzer/c/parse-c.ts`.
 */
import type { Call, CallersEntry, Diagnostic, FunctionEntity, LibraryEdge, Model } from '../../model/schema.ts';
import type { MacroTable } from '../c/scan-macros.ts';
import type { ParsedFile } from '../c/parse-c.ts';
import { buildTypeIndex } from './c-type.ts';
import type { Var } from './expr-type.ts';
import { addStore, type GraphState, type RawCall, type SlotValue } from './graph-state.ts';
import { buildCallersIndex } from './callers-index.ts';
import { buildLibraryGraph } from './library-graph.ts';
import { createResolver } from './resolve-slots.ts';
import type { BodyFacts } from './function-body.ts';
import { prepareFile, scanFile, type PreparedFile } from './scan-file.ts';
import type { ScanContext } from './scan-scope.ts';
import { finishCalls } from './finish-calls.ts';
import { shareTwinBodies } from './twin-bodies.ts';
import { attachStores } from './function-stores.ts';

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

/** What scanning needs besides the trees: built from the assembled model, the same in every thread. */
export interface ScanSetup {
  ctx: ScanContext;
  /** Defined functions per file, with their index into the model's functions. */
  byFile: Map<string, { index: number; fn: FunctionEntity }[]>;
  /** Non-static file-scope variables (visible everywhere), and each file's own. */
  shared: Map<string, Var>;
  byFileGlobals: Map<string, Map<string, Var>>;
}

/** The part of the call graph one file contributes: raw calls per function index, stores per slot, problems. */
export interface FileCalls {
  path: string;
  calls: [number, RawCall[]][];
  slots: [string, SlotValue[]][];
  /** Size uses and field writes per function index (size-uses.ts, field-writes.ts). */
  bodies: [number, BodyFacts][];
  diagnostics: Diagnostic[];
}

/** Prepares the lookups every file's scan reads (types, enum constants, calling object-like macros, globals). */
export function scanSetup(model: CallGraphInput['model'], macros: MacroTable): ScanSetup {
  const types = buildTypeIndex(model.structs, model.typedefs, model.functions);
  const constants = new Set<string>();
  for (const e of model.enums) for (const c of e.constants) constants.add(c.name);
  // Object-like macros whose body calls something (`#define now() …` is function-like; `#define NOW now()` is this).
  const callingObjectMacros = new Set<string>();
  for (const name of macros.names()) {
    const defs = macros.all(name);
    if (defs.length && defs.every((d) => d.params === null) && /[A-Za-z_]\w*\s*\(/.test(defs[0]?.code ?? ''))
      callingObjectMacros.add(name);
  }
  const ctx: ScanContext = {
    state: { slots: new Map(), calls: new Map() },
    types,
    macros,
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
  return { ctx, byFile, shared, byFileGlobals };
}

/**
 * Scans files (in the order given) and returns what each contributes. Files are prepared first, all of them, then
 * scanned: the order the single-threaded stage has always used. Each file writes into a state of its own, so that
 * contributions can be merged in file order whichever thread scanned them ({@link mergeCallGraph}).
 */
export function scanFiles(setup: ScanSetup, parsed: ParsedFile[]): FileCalls[] {
  const { ctx } = setup;
  const prepared: PreparedFile[] = parsed.map((f) => prepareFile(ctx, f, setup.byFile.get(f.path) ?? []));
  return prepared.map((p) => {
    const state: GraphState = { slots: new Map(), calls: new Map() };
    ctx.state = state;
    const diagnostics: Diagnostic[] = [];
    let bodies = new Map<number, BodyFacts>();
    try {
      bodies = scanFile(ctx, p, setup.byFileGlobals.get(p.file.path) ?? new Map(), setup.shared);
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
    return { path: p.file.path, calls: [...state.calls], slots: [...state.slots], bodies: [...bodies], diagnostics };
  });
}

/** Merges the files' contributions in file order and resolves pointer calls: the stage's result. */
export function mergeCallGraph(model: CallGraphInput['model'], files: FileCalls[]): CallGraph {
  const state: GraphState = { slots: new Map(), calls: new Map() };
  const diagnostics: Diagnostic[] = [];
  const bodies = new Map<number, BodyFacts>();
  for (const f of files) {
    for (const [index, b] of f.bodies) {
      const had = bodies.get(index);
      bodies.set(index, had ? { sizes: [...had.sizes, ...b.sizes], writes: [...had.writes, ...b.writes] } : b);
    }
    for (const [index, calls] of f.calls) {
      const list = state.calls.get(index);
      if (list) list.push(...calls);
      else state.calls.set(index, [...calls]);
    }
    for (const [slot, values] of f.slots) for (const v of values) addStore(state, slot, v);
    diagnostics.push(...f.diagnostics);
  }
  const resolve = createResolver(state);
  const functions = shareTwinBodies(
    model.functions.map((fn, index): FunctionEntity => {
      const raw = state.calls.get(index);
      const calls: Call[] = raw ? finishCalls(raw, resolve) : [];
      const body = bodies.get(index);
      return { ...fn, calls, sizes: body?.sizes ?? [], writes: body?.writes ?? [], stores: [] };
    }),
  );
  const withStores = attachStores(functions, state);
  return {
    functions: withStores,
    callers: buildCallersIndex(withStores),
    libraryGraph: buildLibraryGraph(withStores, model.files),
    diagnostics,
  };
}

/** Builds the call graph on this thread; pure apart from tree-sitter parses of macro expansions (cached per text). */
export function buildCallGraph(input: CallGraphInput): CallGraph {
  return mergeCallGraph(input.model, scanFiles(scanSetup(input.model, input.macros), input.parsed));
}
