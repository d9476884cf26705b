/** Lookups over the model: every page-worthy entity grouped by name, and how to turn a name into a link. */
import type {
  ConfigOption,
  Enum,
  FunctionEntity,
  Global,
  Library,
  Macro,
  Model,
  SourceFile,
  Struct,
  Typedef,
} from '../../model/index.ts';
import { fieldAnchor, pageUrl, type Lang, type PageKind } from './urls.ts';

/** A caller edge seen from the callee's side. */
export interface IncomingCall {
  from: FunctionEntity;
  call: FunctionEntity['calls'][number];
}

/** Everything the pages look up, built once per build. */
export interface SymbolIndex {
  model: Model;
  libraries: Map<string, Library>;
  /** Named, documented structs and unions; several entries when defined under different guards. */
  structs: Map<string, Struct[]>;
  /** Every aggregate by id, nested anonymous ones included. */
  structById: Map<string, Struct>;
  enums: Map<string, Enum[]>;
  typedefs: Map<string, Typedef[]>;
  macros: Map<string, Macro[]>;
  /**
   * Macros with a page of their own: the function-like ones, and any that an explanation is written for (the
   * `explained` symbols of {@link buildSymbolIndex}). An object-like macro (a constant) is documented where it is
   * defined, on its file page, as globals are: a page each (two with Chinese) for one line of source made up 23% of
   * the real tree's pages.
   */
  macroPages: Set<string>;
  /**
   * Typedefs and options with a page of their own: those an explanation is written for. The others are documented
   * where they are defined, as constants are: a typedef on its file page (listed, linked to its line), an option in
   * its library's options table (`#CONFIG_…`). A page each repeated one line of source or one table row.
   */
  typedefPages: Set<string>;
  optionPages: Set<string>;
  globals: Map<string, Global[]>;
  /** Documented functions (definitions first, then prototypes). */
  functions: Map<string, FunctionEntity[]>;
  syscalls: Map<string, FunctionEntity[]>;
  /** Keyed by `optionKey` (`CONFIG_…`). */
  options: Map<string, { option: ConfigOption; library: string }>;
  files: Map<string, SourceFile>;
  /** Callee name → edges that reach it. */
  callers: Map<string, IncomingCall[]>;
  /** Typedef name → the struct/union name it aliases (from the struct's own `typedefs` and from typedef entries). */
  structByTypedef: Map<string, string>;
  /** Macro name → documented functions that reach a call through it. */
  macroUsers: Map<string, FunctionEntity[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Canonical option name (`CONFIG_LIBUKSCHED`): Config.uk writes `LIBUKSCHED`, guards and C write `CONFIG_…`. */
export function optionKey(name: string): string {
  return name.startsWith('CONFIG_') ? name : `CONFIG_${name}`;
}

/**
 * Builds the lookups; only entities in documented files get pages. `explained` are the `symbol:` keys of the
 * explanations: a constant (object-like macro) that one of them names gets a page, so the explanation has a place.
 */
export function buildSymbolIndex(model: Model, explained: Iterable<string> = []): SymbolIndex {
  const index: SymbolIndex = {
    model,
    libraries: new Map(model.libraries.map((l) => [l.name, l])),
    structs: new Map(),
    structById: new Map(model.structs.map((s) => [s.id, s])),
    enums: new Map(),
    typedefs: new Map(),
    macros: new Map(),
    macroPages: new Set(),
    typedefPages: new Set(),
    optionPages: new Set(),
    globals: new Map(),
    functions: new Map(),
    syscalls: new Map(),
    options: new Map(),
    files: new Map(model.files.filter((f) => f.documented).map((f) => [f.path, f])),
    callers: new Map(),
    structByTypedef: new Map(),
    macroUsers: new Map(),
  };
  for (const s of model.structs) if (s.documented && s.name && !s.parent) push(index.structs, s.name, s);
  for (const e of model.enums) if (e.documented && e.name) push(index.enums, e.name, e);
  for (const t of model.typedefs) if (t.documented) push(index.typedefs, t.name, t);
  for (const m of model.macros) if (m.documented) push(index.macros, m.name, m);
  for (const [name, defs] of index.macros) if (defs.some((m) => m.params)) index.macroPages.add(name);
  for (const g of model.globals) if (g.documented) push(index.globals, g.name, g);
  const fns = [...model.functions].sort((a, b) => Number(b.definition) - Number(a.definition));
  for (const f of fns) {
    if (!f.documented) continue;
    push(f.kind === 'syscall' ? index.syscalls : index.functions, f.name, f);
  }
  for (const l of model.libraries)
    for (const o of l.config) index.options.set(optionKey(o.name), { option: o, library: l.name });
  for (const f of model.functions) {
    if (!f.documented) continue;
    for (const call of f.calls) if (call.to) push(index.callers, call.to, { from: f, call });
    const macros = new Set(
      f.calls.flatMap((c) =>
        c.via === 'macro' ? [...(c.macroChain ?? []), ...(c.macroChain?.length ? [] : [c.to ?? ''])] : [],
      ),
    );
    for (const m of macros) if (m) push(index.macroUsers, m, f);
  }
  addNestedMacroUsers(index);
  for (const [name, list] of index.structs)
    for (const s of list) for (const td of s.typedefs) index.structByTypedef.set(td, name);
  for (const t of model.typedefs) {
    const target = /^\s*(?:const\s+)?(?:struct|union)\s+([A-Za-z_]\w*)\s*$/.exec(t.type)?.[1];
    if (target && index.structs.has(target) && !index.structByTypedef.has(t.name))
      index.structByTypedef.set(t.name, target);
  }
  for (const symbol of explained) {
    const hit = resolveSymbol(index, symbol);
    if (hit?.kind === 'macro') index.macroPages.add(hit.label);
    if (hit?.kind === 'typedef') index.typedefPages.add(hit.label);
    if (hit?.kind === 'option') index.optionPages.add(hit.label);
  }
  return index;
}

/**
 * A macro used inside another macro's body is used by that macro's users too (`uk_spin_lock` through
 * `uk_spin_lock_irqsave`): the call graph records the macros a function writes and those on the way to a call, not a
 * macro that calls nothing written inside another. Followed to any depth, once per macro.
 */
function addNestedMacroUsers(index: SymbolIndex): void {
  const within = new Map<string, Set<string>>();
  for (const [name, defs] of index.macros)
    for (const d of defs)
      for (const m of d.body.matchAll(/[A-Za-z_]\w*/g))
        if (m[0] !== name && index.macros.has(m[0])) {
          const set = within.get(name);
          if (set) set.add(m[0]);
          else within.set(name, new Set([m[0]]));
        }
  const direct = new Map([...index.macroUsers].map(([k, v]) => [k, [...v]]));
  for (const [outer, users] of direct) {
    const seen = new Set<string>([outer]);
    const todo = [...(within.get(outer) ?? [])];
    while (todo.length) {
      const inner = todo.pop() as string;
      if (seen.has(inner)) continue;
      seen.add(inner);
      const list = index.macroUsers.get(inner) ?? [];
      for (const f of users) if (!list.includes(f)) list.push(f);
      index.macroUsers.set(inner, list);
      todo.push(...(within.get(inner) ?? []));
    }
  }
}

/** A page of its own when `pages` has the name, else the line of its first definition on that file's page. */
function pageOrLine(
  kind: 'macro' | 'typedef',
  pages: Set<string>,
  defs: { file: string; line: number }[] | undefined,
  name: string,
  lang: Lang,
): string | null {
  if (pages.has(name)) return pageUrl(kind, name, lang);
  const def = defs?.[0];
  return def ? `${pageUrl('file', def.file, lang)}#L${def.line}` : null;
}

/**
 * Where a documented macro is shown: its page ({@link SymbolIndex.macroPages}), else its definition's line on its
 * file page (the first definition when `#if` twins define it more than once). Null when the model lacks it.
 */
export function macroUrl(index: SymbolIndex, name: string, lang: Lang = 'en'): string | null {
  return pageOrLine('macro', index.macroPages, index.macros.get(name), name, lang);
}

/**
 * The Makefile.uk condition a C file is compiled under (`CONFIG_LIBPOSIX_PROCESS_CLONE`), or null when it is always
 * built or is not a source the Makefile names (headers).
 */
export function fileBuildCondition(index: SymbolIndex, file: string): string | null {
  const lib = index.files.get(file)?.library;
  const entry = lib ? index.libraries.get(lib)?.sources.find((src) => src.file === file) : undefined;
  return entry?.config ?? null;
}

/** Where a documented typedef is shown: its page when explained, else its definition's line on its file page. */
export function typedefUrl(index: SymbolIndex, name: string, lang: Lang = 'en'): string | null {
  return pageOrLine('typedef', index.typedefPages, index.typedefs.get(name), name, lang);
}

/** Where an option (`CONFIG_…`) is shown: its page when explained, else its row in its library's options table. */
export function optionUrl(index: SymbolIndex, key: string, lang: Lang = 'en'): string | null {
  if (index.optionPages.has(key)) return pageUrl('option', key, lang);
  const o = index.options.get(key);
  return o ? `${pageUrl('library', o.library, lang)}#${key}` : null;
}

/** A resolved reference: where it points and the text to show by default. */
export interface Resolved {
  url: string;
  label: string;
  kind: PageKind | 'field' | 'global';
}

const KINDS = [
  'library',
  'struct',
  'union',
  'enum',
  'typedef',
  'function',
  'syscall',
  'macro',
  'global',
  'option',
  'file',
] as const;
/** Symbol kinds accepted in `symbol:` keys and `{@link kind name}`. */
export type SymbolKind = (typeof KINDS)[number];

/** Splits `struct uk_thread` into kind and name; a bare name gives kind null. */
export function splitSymbol(text: string): { kind: SymbolKind | null; name: string } {
  const m = /^\s*([a-z]+)\s+(\S+)\s*$/.exec(text);
  if (m && (KINDS as readonly string[]).includes(m[1]!)) return { kind: m[1] as SymbolKind, name: m[2]! };
  return { kind: null, name: text.trim() };
}

/** Resolves `kind name` (kind optional, `struct.field` allowed) to a page, or null when the model lacks it. */
export function resolveSymbol(index: SymbolIndex, text: string, lang: Lang = 'en'): Resolved | null {
  const { kind, name } = splitSymbol(text);
  const tryKind = (k: SymbolKind): Resolved | null => {
    switch (k) {
      case 'library':
        return index.libraries.has(name) ? { url: pageUrl('library', name, lang), label: name, kind: 'library' } : null;
      case 'struct':
      case 'union': {
        const list = index.structs.get(name);
        if (!list || (kind && !list.some((s) => s.kind === k))) return null;
        return { url: pageUrl('struct', name, lang), label: `${list[0]!.kind} ${name}`, kind: 'struct' };
      }
      case 'enum':
        return index.enums.has(name) ? { url: pageUrl('enum', name, lang), label: name, kind: 'enum' } : null;
      case 'typedef': {
        const url = typedefUrl(index, name, lang);
        return url ? { url, label: name, kind: 'typedef' } : null;
      }
      case 'macro': {
        const url = macroUrl(index, name, lang);
        return url ? { url, label: name, kind: 'macro' } : null;
      }
      case 'function':
      case 'syscall': {
        const map = k === 'function' ? index.functions : index.syscalls;
        return map.has(name) ? { url: pageUrl(k, name, lang), label: name, kind: k } : null;
      }
      case 'global': {
        const g = index.globals.get(name)?.[0];
        return g ? { url: `${pageUrl('file', g.file, lang)}#L${g.line}`, label: name, kind: 'global' } : null;
      }
      case 'option': {
        const key = optionKey(name);
        const url = optionUrl(index, key, lang);
        return url ? { url, label: key, kind: 'option' } : null;
      }
      case 'file':
        return index.files.has(name) ? { url: pageUrl('file', name, lang), label: name, kind: 'file' } : null;
    }
  };
  if (kind) return tryKind(kind);
  const dot = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(name);
  if (dot) {
    const s = index.structs.get(dot[1]!);
    if (s && s.some((x) => x.fields.some((f) => f.name === dot[2]))) {
      return { url: `${pageUrl('struct', dot[1]!, lang)}#${fieldAnchor(dot[2]!)}`, label: name, kind: 'field' };
    }
  }
  const order: SymbolKind[] = [
    'function',
    'syscall',
    'struct',
    'enum',
    'typedef',
    'macro',
    'global',
    'option',
    'library',
    'file',
  ];
  for (const k of order) {
    const r = tryKind(k);
    if (r) return r;
  }
  return null;
}
