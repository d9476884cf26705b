/**
 * A cheap first pass over every indexed file (no tree-sitter) that collects `#define`s, so the parse pass of one file
 * knows the attribute macros and struct-declaring macros that other headers define.
 */
import { maskCode, type MaskedCode } from './mask-code.ts';
import { scanPreprocessor, type DefineDirective, type PreprocessorScan } from './scan-preprocessor.ts';

/** One `#define` as the preprocessor sees it, with the file it is in and the `#if`s around it. */
export interface MacroDef extends DefineDirective {
  file: string;
}

/** Every macro definition seen, by name; a name defined several times keeps all its definitions in file order. */
export interface MacroTable {
  /** The first definition of `name`, or undefined. */
  get(name: string): MacroDef | undefined;
  /** Every definition of `name` (e.g. under different `#if`s), in the order scanned. */
  all(name: string): MacroDef[];
  has(name: string): boolean;
  names(): IterableIterator<string>;
}

/** Builds a MacroTable from decoded file texts (files listed first win `get`). */
export function scanMacros(files: { path: string; text: string }[]): MacroTable {
  const byName = new Map<string, MacroDef[]>();
  const lexed = new Map<string, Lexed>();
  for (const file of files) {
    const masked = maskCode(file.text);
    const scan = scanPreprocessor(file.text, masked.code);
    lexed.set(file.path, { text: file.text, masked, scan });
    for (const def of scan.defines) {
      const withFile: MacroDef = { ...def, file: file.path };
      const list = byName.get(def.name);
      if (list) list.push(withFile);
      else byName.set(def.name, [withFile]);
    }
  }
  const table = macroTable(byName);
  lexCache.set(table, lexed);
  return table;
}

/** The lexical pass of one file, kept from the macro scan so the parse pass does not repeat it. */
export interface Lexed {
  text: string;
  masked: MaskedCode;
  scan: PreprocessorScan;
}

const lexCache = new WeakMap<MacroTable, Map<string, Lexed>>();

/** The macro scan's lexical pass of `path` when it saw exactly this text, else undefined. */
export function cachedLex(table: MacroTable, path: string, text: string): Lexed | undefined {
  const hit = lexCache.get(table)?.get(path);
  return hit && hit.text === text ? hit : undefined;
}

/** Wraps a name → definitions map as a MacroTable. */
export function macroTable(byName: Map<string, MacroDef[]>): MacroTable {
  return {
    get: (name) => byName.get(name)?.[0],
    all: (name) => byName.get(name) ?? [],
    has: (name) => byName.has(name),
    names: () => byName.keys(),
  };
}
