/**
 * A cheap first pass over every indexed file (no tree-sitter) that collects `#define`s, so the parse pass of one file
 * knows the attribute macros and struct-declaring macros that other headers define.
 */

/** One `#define`, as the preprocessor sees it. */
export interface MacroDef {
  name: string;
  /** Null for object-like macros; `...` is not listed (see `variadic`). */
  params: string[] | null;
  variadic: boolean;
  /** Body with line continuations joined and comments kept as written. */
  body: string;
  file: string;
  /** 1-based line of `#define`, and the last line of its continuation. */
  line: number;
  endLine: number;
}

/** Every macro definition seen, by name; a name defined several times keeps all its definitions in file order. */
export interface MacroTable {
  /** The first definition of `name`, or undefined. */
  get(name: string): MacroDef | undefined;
  /** Every definition of `name` (several under different `#if`s), in the order scanned. */
  all(name: string): MacroDef[];
  has(name: string): boolean;
  names(): IterableIterator<string>;
}

/** Builds a MacroTable from decoded file texts. */
export function scanMacros(files: { path: string; text: string }[]): MacroTable {
  const byName = new Map<string, MacroDef[]>();
  for (const file of files) {
    for (const def of scanDefines(file.path, file.text)) {
      const list = byName.get(def.name);
      if (list) list.push(def);
      else byName.set(def.name, [def]);
    }
  }
  return {
    get: (name) => byName.get(name)?.[0],
    all: (name) => byName.get(name) ?? [],
    has: (name) => byName.has(name),
    names: () => byName.keys(),
  };
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?/;

/** Finds every `#define` of one file; also used by the extractor to list a file's own macros. */
export function scanDefines(path: string, text: string): MacroDef[] {
  const out: MacroDef[] = [];
  if (!text.includes('define')) return out;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] ?? '';
    if (!first.includes('define')) continue;
    const m = DEFINE.exec(first);
    if (!m) continue;
    const startLine = i + 1;
    let joined = first;
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1) + ' ' + (lines[++i] ?? '');
    }
    if (joined.endsWith('\\')) joined = joined.slice(0, -1);
    const name = m[1] as string;
    let params: string[] | null = null;
    let variadic = false;
    if (m[2] !== undefined) {
      params = [];
      for (const raw of m[2].slice(1, -1).split(',')) {
        const p = raw.trim();
        if (p === '') continue;
        if (p === '...') variadic = true;
        else if (p.endsWith('...')) {
          variadic = true;
          params.push(p.slice(0, -3).trim());
        } else params.push(p);
      }
    }
    const headEnd = joined.indexOf(name) + name.length + (m[2]?.length ?? 0);
    const body = joined.slice(headEnd).trim();
    out.push({ name, params, variadic, body, file: path, line: startLine, endLine: i + 1 });
  }
  return out;
}
